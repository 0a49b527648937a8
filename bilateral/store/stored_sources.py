"""The ids and sources a store holds, read one at a time as a check asks for them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping

from bilateral.kinds.registry import BY_NAME
from bilateral.schema.checker import Document
from bilateral.store.packing import PACK, document_text


class StoredSources(Mapping[str, Document]):
    """The stored sources but those in rows being replaced, by id; only the ones asked for
    are read (an edit cites a few of a base's many)."""

    def __init__(self, store: sqlite3.Connection, replaced: set[int]) -> None:
        self._store = store
        self._replaced = replaced

    def __getitem__(self, source_id: str) -> Document:
        row = self._store.execute(
            f"SELECT rowid, {PACK.format('records')} FROM records WHERE id = ? AND type = 'source'",
            (source_id,),
        ).fetchone()
        if row is None or row[0] in self._replaced:
            raise KeyError(source_id)
        document: Document = json.loads(document_text(row[1], row[0]))
        return document

    def __iter__(self) -> Iterator[str]:
        for rowid, source_id in self._store.execute(
            "SELECT rowid, id FROM records WHERE type = 'source'"
        ):
            if rowid not in self._replaced:
                yield source_id

    def __len__(self) -> int:
        return sum(1 for _ in self)


class StoredIds(dict[str, tuple[str, str]]):
    """The ids of the store's records but those in rows being replaced, each with its kind
    and noun, read from the store as a check asks for them; ids added are the checker's
    own. Iterating gives only those added (what an error's suggestions read, and an error
    sends the update to a full build)."""

    def __init__(self, store: sqlite3.Connection, replaced: set[int]) -> None:
        super().__init__()
        self._store = store
        self._replaced = replaced

    def copy(self) -> StoredIds:
        copied = StoredIds(self._store, self._replaced)
        copied.update(self.items())
        return copied

    def __contains__(self, record_id: object) -> bool:
        return super().__contains__(record_id) or self._stored(record_id) is not None

    def __missing__(self, record_id: str) -> tuple[str, str]:
        found = self._stored(record_id)
        if found is None:
            raise KeyError(record_id)
        return found

    def _stored(self, record_id: object) -> tuple[str, str] | None:
        row = self._store.execute(
            "SELECT rowid, type FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        if row is None or row[0] in self._replaced:
            return None
        return row[1], BY_NAME[row[1]].noun
