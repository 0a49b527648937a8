"""What the stored records lend the others (names, aliases, source dates, demonyms and
countries), read one record at a time as an update's check asks: an edit's records borrow
from a few of a base's many, where reading the whole lookup cost more than the edit."""

from __future__ import annotations

import json
import sqlite3
from typing import TypeVar, overload

from bilateral.kinds.base import lent
from bilateral.kinds.registry import TOP_LEVEL
from bilateral.schema.lookup import Lent, Lookup
from bilateral.store.packing import PACK, document_text

Value = TypeVar("Value")
Default = TypeVar("Default")
LENDERS = {kind.name: kind for kind in TOP_LEVEL}


class StoredLent:
    """What each stored record lends, read once when first asked for: None for an id the
    store does not hold at top level."""

    def __init__(self, store: sqlite3.Connection) -> None:
        self._store = store
        self._read: dict[str, Lent | None] = {}

    def __call__(self, record_id: str) -> Lent | None:
        if record_id not in self._read:
            row = self._store.execute(
                f"SELECT type, rowid, {PACK.format('records')} FROM records WHERE id = ?",
                (record_id,),
            ).fetchone()
            kind = LENDERS.get(row[0]) if row is not None else None
            found = lent(kind, json.loads(document_text(row[2], row[1]))) if kind and row else None
            self._read[record_id] = found
        return self._read[record_id]


class Borrowed(dict[str, Value]):
    """One of a lookup's tables: what was set in it first, else what the stored record
    lends in the place `field` of its `Lent`, where that is not None."""

    def __init__(self, stored: StoredLent, field: int) -> None:
        super().__init__()
        self._stored = stored
        self._field = field

    def _from_store(self, record_id: object) -> Value | None:
        if not isinstance(record_id, str):
            return None
        found = self._stored(record_id)
        value: Value | None = None if found is None else found[self._field]  # type: ignore[assignment]
        return value

    def __missing__(self, record_id: str) -> Value:
        value = self._from_store(record_id)
        if value is None:
            raise KeyError(record_id)
        return value

    def __contains__(self, record_id: object) -> bool:
        return super().__contains__(record_id) or self._from_store(record_id) is not None

    @overload
    def get(self, record_id: str, default: None = None) -> Value | None: ...
    @overload
    def get(self, record_id: str, default: Value | Default) -> Value | Default: ...
    def get(self, record_id: str, default: object = None) -> object:
        if super().__contains__(record_id):
            return super().__getitem__(record_id)
        value = self._from_store(record_id)
        return default if value is None else value


def stored_lookup(store: sqlite3.Connection, as_of: str) -> Lookup:
    """The lookup a full build of the stored base made, read from its records on demand;
    `store` must stay open while it is used."""
    stored = StoredLent(store)
    lookup = Lookup()
    lookup.names = Borrowed(stored, 0)
    lookup.aliases = Borrowed(stored, 1)
    lookup.source_dates = Borrowed(stored, 2)
    lookup.demonyms = Borrowed(stored, 3)
    lookup.country_of = Borrowed(stored, 4)
    lookup.as_of = as_of
    return lookup
