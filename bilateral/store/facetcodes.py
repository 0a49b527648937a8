"""Facets kept under a small code for their kind and key (`facet_keys`), not the two names
on every row.

The codes number the (kind, key) pairs the records use, in their sorted order, so they
follow from the records alone: the one-file update keeps the codes when the records still
use the same pairs, and otherwise steps aside for a full build (KeyError, ValueError)."""

from __future__ import annotations

import sqlite3

Facet = tuple[str, str, str, int]
"""A record's facet as compiled: kind, key, value, rowid."""


def coded(connection: sqlite3.Connection, facets: list[Facet]) -> list[tuple[int, str, int]]:
    """The facets as stored rows (code, value, rowid), in key order; the codes given now
    when the store has none, else taken from it (KeyError for a pair it has no code for)."""
    codes = {
        (kind, key): code for code, kind, key in connection.execute("SELECT * FROM facet_keys")
    }
    wanted = sorted({(kind, key) for kind, key, _, _ in facets})
    if not codes:
        codes = {pair: code for code, pair in enumerate(wanted, start=1)}
        connection.executemany(
            "INSERT INTO facet_keys VALUES (?, ?, ?)", [(c, *pair) for pair, c in codes.items()]
        )
    return sorted((codes[kind, key], value, rowid) for kind, key, value, rowid in facets)


def check_codes(connection: sqlite3.Connection) -> None:
    """ValueError when a code no stored facet uses any more: a full build would not give it."""
    unused = connection.execute(
        "SELECT 1 FROM facet_keys WHERE NOT EXISTS (SELECT 1 FROM facets WHERE facet = code)"
    ).fetchone()
    if unused:
        raise ValueError("a facet code no record uses: a full build numbers the facets anew")
