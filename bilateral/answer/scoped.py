"""bm25 with a pair's own statistics: the candidates of a question about a pair, ranked by
the records of that pair (store/scopes.py) whatever else the base holds.

FTS5's bm25 counts documents and their length over the whole table, so other pairs' records
would move the ranking of a question about this one. Here the pair's matching records are
read and scored in Python with the formula FTS5 uses (k1 1.2, b 0.75, the same column
weights), from the number of the pair's records, their length and how many of them hold
each term. Records of other pairs that FTS5 ranks high are scored by the same statistics,
so they may come between, but never reorder, the pair's own.

Where the pair's records are the whole base and more than MANY of them match, FTS5's own
bm25 (then the pair's statistics) picks the candidates, as reading them all would cost more.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence

K1 = 1.2
B = 0.75
COLUMN_WEIGHTS = (4.0, 3.0, 1.0)
"""bm25 weights of the names, titles and body columns."""
MANY = 2000
"""More matches than this in a base that is all one pair's: FTS5 ranks them."""
IN_SCOPE = "SELECT record FROM scopes WHERE pair IN (?, '')"
Scored = tuple[float, int, str]
"""A candidate: its bm25 (lower is better, as FTS5 gives it), rowid and search text."""


def scoped_candidates(
    connection: sqlite3.Connection,
    expression: str,
    alternatives: Sequence[str],
    pair: str | None,
    candidates: int,
) -> list[Scored] | None:
    """The best candidates by the pair's bm25 (every record's, for None), best first, then
    other pairs' best by the same statistics; None where FTS5 should rank (see MANY)."""
    count, tokens, whole = _scope_size(connection, pair)
    if whole:
        (matches,) = connection.execute(
            "SELECT count(*) FROM search WHERE search MATCH ?", (expression,)
        ).fetchone()
        if matches > MANY:
            return None
    inside = _matching(connection, expression, None if whole else pair)
    frequencies = _document_frequencies(alternatives, inside)
    statistics = (count, tokens / max(count, 1), frequencies)
    ranked = sorted(_scored(row, alternatives, statistics) for row in inside)[:candidates]
    if not whole:
        own = {rowid for rowid, _, _, _ in inside}
        others = [
            row for row in _best_anywhere(connection, expression, candidates) if row[0] not in own
        ]
        ranked += sorted(_scored(row, alternatives, statistics) for row in others)
    return ranked


def _scope_size(connection: sqlite3.Connection, pair: str | None) -> tuple[int, float, bool]:
    """How many records the pair's statistics count, their tokens, and whether that is
    every record of the base."""
    count, tokens = connection.execute(
        "SELECT count(*), total(tokens) FROM search_sizes"
    ).fetchone()
    if pair is None:
        return count, tokens, True
    own, own_tokens = connection.execute(
        f"SELECT count(*), total(tokens) FROM search_sizes WHERE record IN ({IN_SCOPE})", (pair,)
    ).fetchone()
    return own, own_tokens, own == count


Row = tuple[int, str, str, str]


def _matching(connection: sqlite3.Connection, expression: str, pair: str | None) -> list[Row]:
    if pair is None:
        return connection.execute(
            "SELECT rowid, names, titles, body FROM search WHERE search MATCH ?", (expression,)
        ).fetchall()
    return connection.execute(
        "SELECT rowid, names, titles, body FROM search WHERE search MATCH ? "
        f"AND rowid IN ({IN_SCOPE})",
        (expression, pair),
    ).fetchall()


def _best_anywhere(connection: sqlite3.Connection, expression: str, candidates: int) -> list[Row]:
    weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
    return connection.execute(
        f"SELECT rowid, names, titles, body FROM search WHERE search MATCH ? "
        f"ORDER BY bm25(search, {weights}) LIMIT ?",
        (expression, candidates),
    ).fetchall()


def _document_frequencies(alternatives: Sequence[str], rows: list[Row]) -> dict[str, int]:
    """How many of the rows hold each term: every record of the scope that holds one of the
    alternatives matches, so the matching rows give the scope's document frequencies."""
    frequencies = dict.fromkeys(alternatives, 0)
    for _, *columns in rows:
        for term in set(" ".join(columns).split()).intersection(frequencies):
            frequencies[term] += 1
    return frequencies


def _scored(
    row: Row, alternatives: Sequence[str], statistics: tuple[int, float, dict[str, int]]
) -> Scored:
    """FTS5's bm25 of one row: the sum over the terms, in the expression's order, of the
    term's idf times its weighted frequency saturated by the row's length."""
    rowid, *columns = row
    count, average, frequencies = statistics
    split = [column.split() for column in columns]
    length = sum(map(len, split))
    score = 0.0
    for term in alternatives:
        frequency = sum(
            weight * column.count(term)
            for weight, column in zip(COLUMN_WEIGHTS, split, strict=True)
        )
        if not frequency:
            continue
        held = frequencies.get(term, 0)
        idf = math.log((count - held + 0.5) / (held + 0.5))
        idf = idf if idf > 0.0 else 1e-6
        saturation = frequency + K1 * (1 - B + B * length / average)
        score += idf * (frequency * (K1 + 1.0)) / saturation
    return -1.0 * score, rowid, " ".join(columns)
