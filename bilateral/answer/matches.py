"""A question's matches in the search index: its FTS5 expression, how many match, and
FTS5's best matches by its bm25 (of every match, whichever pair it is of)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

MANY = 2000
"""More of a pair's records matching than this: FTS5 ranks them, by the whole base."""
COLUMN_WEIGHTS = (4.0, 3.0, 1.0)
"""bm25 weights of the names, titles and body columns."""
INDEX_WEIGHTS = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
"""The same weights, as FTS5's bm25 takes them."""
BEST = (
    f"SELECT rowid, bm25(search, {INDEX_WEIGHTS}) AS rank FROM search "
    "WHERE search MATCH ? ORDER BY rank LIMIT ?"
)


def any_of(terms: Iterable[str]) -> str:
    """An FTS5 expression matching a record that holds any of these terms."""
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)


def matching_more_than(connection: sqlite3.Connection, expression: str, count: int) -> bool:
    """Whether more than `count` records match (counting no further)."""
    (found,), *_ = connection.execute(
        "SELECT count(*) FROM (SELECT 1 FROM search WHERE search MATCH ? LIMIT ?)",
        (expression, count + 1),
    )
    return int(found) > count


def best_matches(
    connection: sqlite3.Connection, expression: str, limit: int
) -> list[tuple[int, float]]:
    """The best `limit` matches (rowid, FTS5's bm25), best first."""
    found: list[tuple[int, float]] = connection.execute(BEST, (expression, limit)).fetchall()
    return found
