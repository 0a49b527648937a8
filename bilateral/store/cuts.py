"""Each file's cut at its top-level records, kept with the store, and the records an edit
changed, found by comparing the file's cut now with the one kept (schema/chunks.py).

An edit is traced to records only when the file's head and its sequence of tables stand
as they were and each changed piece parses alone to exactly one record of its header's
table: then the n-th piece of a table is the n-th record of that table the store holds
for the file, and the pieces that did not change hold what the store holds.
"""

from __future__ import annotations

import sqlite3
from typing import Any, NamedTuple

import tomli

from bilateral.kinds.base import SCHEMA_VERSION
from bilateral.kinds.filepairs import own_pair, with_pair
from bilateral.kinds.registry import BY_NAME, TOP_LEVEL
from bilateral.schema.chunks import changed_pieces, chunk_key, pieces_key, record_chunks

TABLES = frozenset(kind.table for kind in TOP_LEVEL)
KIND_OF = {kind.table: kind.name for kind in TOP_LEVEL}
TOP = frozenset(KIND_OF.values())
MOST_TRACED = 64
"""More changed records than this (and than one in twenty of the file's) read the file whole."""

Stored = tuple[int, str, str, int]
"""A stored row: rowid, id, kind, position."""


class Edit(NamedTuple):
    """What an edit to one file changed, as the update replaces it."""

    text: str
    """The changed records' text, to place a problem."""
    parsed: dict[str, Any]
    """Their tables, as a file's data."""
    stored: list[Stored]
    """The rows they replace."""
    part: str
    """The file's name in the store's records."""
    key: bytes
    """The file's cut after the edit."""
    scattered: bool
    """Whether the rows may lie apart among the file's (then each record keeps its count)."""


def file_key(data: bytes, parsed: dict[str, Any]) -> bytes:
    """A file's cut, as kept with the store; b"" when it cannot be trusted."""
    return chunk_key(data, record_chunks(data), parsed, TABLES)


def keep_cuts(connection: sqlite3.Connection, cuts: dict[str, bytes]) -> None:
    """Keep the files' cuts with a store just built."""
    connection.execute("CREATE TABLE cuts (file TEXT PRIMARY KEY, key BLOB NOT NULL) WITHOUT ROWID")
    connection.executemany(
        "INSERT INTO cuts VALUES (?, ?)", [(name, key) for name, key in sorted(cuts.items()) if key]
    )
    connection.commit()


def replace_cut(connection: sqlite3.Connection, name: str, key: bytes) -> None:
    """Keep a file's cut after an update, as a full build would."""
    connection.execute("DELETE FROM cuts WHERE file = ?", (name,))
    if key:
        connection.execute("INSERT INTO cuts VALUES (?, ?)", (name, key))


def records_edited(store: sqlite3.Connection, name: str, part: str, data: bytes) -> Edit | None:
    """The records an edit to the file changed, or None when it cannot be traced to them."""
    kept = store.execute("SELECT key FROM cuts WHERE file = ?", (name,)).fetchone()
    chunks = record_chunks(data)
    if kept is None or chunks is None:
        return None
    key = pieces_key(data, chunks)
    changed = changed_pieces(kept[0], key)
    if changed is None or len(changed) > max(MOST_TRACED, len(chunks) // 20):
        return None
    parsed: dict[str, list[Any]] = {}
    stored: list[Stored] = []
    texts = []
    counted: dict[str, int] = {}
    wanted = set(changed)
    for number, (table, start, end) in enumerate(chunks[1:], start=1):
        index = counted[table] = counted.get(table, -1) + 1
        if number not in wanted:
            continue
        piece = data[start:end].decode("utf-8")
        one = tomli.loads(piece)
        rows = _stored_record(store, part, KIND_OF[table], index)
        if list(one) != [table] or not _one_record(one[table]) or not rows:
            return None
        parsed.setdefault(table, []).append(one[table][0])
        stored += rows
        texts.append(piece)
    if part:  # a file of a many-file base: its records take its own pair, as when merged
        pair = own_pair(tomli.loads(data[: chunks[0][2]].decode("utf-8")))
        parsed = {table: with_pair(table, records, pair) for table, records in parsed.items()}
    whole = {"schema_version": SCHEMA_VERSION, **parsed}
    return Edit("".join(texts), whole, sorted(stored), part, key, scattered=True)


def _one_record(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict)


def _stored_record(store: sqlite3.Connection, part: str, kind: str, index: int) -> list[Stored]:
    """The rows of the file's `index`-th stored record of a kind: its own, then its
    children's (which share its position)."""
    (first,) = store.execute(
        "SELECT MIN(position) FROM records WHERE part = ? AND type = ?", (part, kind)
    ).fetchone()
    if first is None:
        return []
    kinds = [kind, *(child.kind.name for child in BY_NAME[kind].children)]
    return store.execute(
        f"SELECT rowid, id, type, position FROM records WHERE part = ? AND position = ? "
        f"AND type IN ({', '.join('?' * len(kinds))}) ORDER BY rowid",
        (part, first + index, *kinds),
    ).fetchall()


def same_rows_per_record(stored: list[Stored], fresh_kinds: list[str]) -> bool:
    """Whether each record keeps its number of rows, so no other row moves."""
    return _shape([kind for _, _, kind, _ in stored]) == _shape(fresh_kinds)


def _shape(kinds: list[str]) -> list[tuple[str, int]]:
    shape: list[tuple[str, int]] = []
    for kind in kinds:
        if kind in TOP or not shape:
            shape.append((kind, 0))
        shape[-1] = (shape[-1][0], shape[-1][1] + 1)
    return shape
