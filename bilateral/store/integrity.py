"""Checks on what a store holds, so no answer is made from bytes that went bad on disk."""

from __future__ import annotations

import _sqlite3 as sqlite3  # what `sqlite3` wraps; its own module's date adapters serve no read
import zlib
from typing import TypeGuard

EXPECTED_TABLES = frozenset(
    (
        "meta",
        "records",
        "packs",
        "facets",
        "facet_keys",
        "names",
        "name_tokens",
        "token_variants",
        "mentions",
        "search",
        "search_terms",
        "search_scopes",
        "record_dates",
        "citations",
        "dated_names",
        "scopes",
        "scope_sizes",
    )
)


class StoreDamaged(sqlite3.DatabaseError):
    """A stored record fails its checksum, or the store lacks a table it should have."""


def sealed(blob: object, start: int = 0) -> TypeGuard[bytes]:
    """Whether a stored blob is bytes whose first four are the CRC-32 of the rest (the
    checksum carried on from `start`, which binds the blob to what it belongs to)."""
    return type(blob) is bytes and zlib.crc32(blob[4:], start) == int.from_bytes(blob[:4], "big")


def has_every_table(connection: sqlite3.Connection) -> bool:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows} >= EXPECTED_TABLES
