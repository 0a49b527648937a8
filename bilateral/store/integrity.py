"""Checks on what a store holds, so no answer is made from bytes that went bad on disk."""

from __future__ import annotations

import sqlite3
import zlib

EXPECTED_TABLES = frozenset(
    (
        "meta",
        "records",
        "facets",
        "names",
        "name_tokens",
        "token_variants",
        "mentions",
        "search",
        "search_terms",
        "record_dates",
        "record_tokens",
        "scopes",
        "scope_sizes",
    )
)


class StoreDamaged(sqlite3.DatabaseError):
    """A stored record fails its checksum, or the store lacks a table it should have."""


def record_checksum(document_json: str, data: bytes) -> int:
    return zlib.crc32(data, zlib.crc32(document_json.encode("utf-8", "surrogatepass")))


def verified(document_json: str, data: bytes, checksum: int) -> tuple[str, bytes]:
    """The record's JSON text and marshalled form, once they match the checksum written
    with them (and are of the types written)."""
    try:
        matches = record_checksum(document_json, data) == checksum
    except (TypeError, AttributeError, UnicodeError):
        matches = False
    if not matches or type(document_json) is not str or type(data) is not bytes:
        raise StoreDamaged("a stored record fails its checksum")
    return document_json, data


def has_every_table(connection: sqlite3.Connection) -> bool:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows} >= EXPECTED_TABLES
