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


def record_checksum(document_json: str) -> int:
    return zlib.crc32(document_json.encode("utf-8", "surrogatepass"))


def verified(document_json: str, checksum: int) -> str:
    """The record's JSON text, once it matches the checksum written with it (and is text)."""
    try:
        matches = record_checksum(document_json) == checksum
    except (TypeError, AttributeError, UnicodeError):
        matches = False
    if not matches or type(document_json) is not str:
        raise StoreDamaged("a stored record fails its checksum")
    return document_json


def has_every_table(connection: sqlite3.Connection) -> bool:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows} >= EXPECTED_TABLES
