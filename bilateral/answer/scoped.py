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

import json
import math
import sqlite3
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from bilateral.store.packing import PACK, unpacked
from bilateral.store.scopes import EVERY, WHOLE

K1 = 1.2
B = 0.75
COLUMN_WEIGHTS = (4.0, 3.0, 1.0)
"""bm25 weights of the names, titles and body columns."""
MANY = 2000
"""More of the pair's records matching than this: FTS5 ranks them, by the whole base."""
LIKELY = 4
"""Where the matches times the pair's share of the base pass LIKELY * MANY, the pair's own
matches are not counted: FTS5 ranks."""
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
    count, tokens, everything = _scope(connection, pair)
    (matches,) = connection.execute(COUNT, (expression,)).fetchone()
    if matches * count > LIKELY * MANY * everything:  # most of them the pair's: skip counting
        return None
    if count == everything:
        if matches > MANY:
            return None
        own = None
        inside = _searched(connection.execute(MATCHING, (expression,)).fetchall())
    else:
        found = [rowid for (rowid,) in connection.execute(MATCHES, (expression,))]
        own = _in_scope(connection, pair, found)
        if len(own) > MANY:
            return None
        inside = _texts(connection, sorted(own))
    others = [] if own is None else _best_anywhere(connection, expression, candidates)
    outside = [row for row in others if own is not None and row[0] not in own]
    ranked, rest = _ranked(
        _counted(inside, alternatives),
        _counted(outside, alternatives),
        alternatives,
        count,
        tokens / max(count, 1),
    )
    ranked = ranked[:candidates] + rest
    return ranked


COUNT = "SELECT count(*) FROM search WHERE search MATCH ?"
MATCHES = "SELECT rowid FROM search WHERE search MATCH ?"
MATCHING = (
    f"SELECT s.rowid, {PACK.format('r')} FROM search s JOIN records r ON r.rowid = s.rowid "
    "WHERE search MATCH ?"
)
Row = tuple[int, str, str, str]


def _scope(connection: sqlite3.Connection, pair: str | None) -> tuple[int, int, int]:
    """How many records the pair's statistics count, their tokens, and how many records the
    base holds (every record's statistics for None)."""
    (everything, tokens), *_ = connection.execute(SIZES, (WHOLE, WHOLE))
    if pair is None:
        return int(everything), int(tokens), int(everything)
    (count, own_tokens), *_ = connection.execute(SIZES, (pair, EVERY))
    return int(count), int(own_tokens), int(everything)


def _in_scope(connection: sqlite3.Connection, pair: str | None, rowids: list[int]) -> set[int]:
    """Which of these records count in the pair's statistics."""
    rows = connection.execute(
        "SELECT record FROM scopes WHERE pair IN (?, ?) "
        "AND record IN (SELECT value FROM json_each(?))",
        (pair, EVERY, json.dumps(rowids)),
    )
    return {rowid for (rowid,) in rows}


SIZES = "SELECT total(records), total(tokens) FROM scope_sizes WHERE pair IN (?, ?)"


def _texts(connection: sqlite3.Connection, rowids: list[int]) -> list[Row]:
    """The search text of these rows, by column, in the order given."""
    found = dict(
        connection.execute(
            f"SELECT rowid, {PACK.format('records')} FROM records "
            "WHERE rowid IN (SELECT value FROM json_each(?))",
            (json.dumps(rowids),),
        ).fetchall()
    )
    return _searched([(rowid, found[rowid]) for rowid in rowids if rowid in found])


def _searched(rows: list[tuple[int, bytes]]) -> list[Row]:
    """Each record's search columns, read from its stored blob (the search index keeps
    no text)."""
    found = []
    for rowid, blob in rows:
        _document, names, titles, body = unpacked(blob, rowid)
        found.append((rowid, names, titles, body))
    return found


def _best_anywhere(connection: sqlite3.Connection, expression: str, candidates: int) -> list[Row]:
    weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
    best = connection.execute(
        f"SELECT rowid FROM search WHERE search MATCH ? ORDER BY bm25(search, {weights}) LIMIT ?",
        (expression, candidates),
    )
    return _texts(connection, [rowid for (rowid,) in best])


class Counted(NamedTuple):
    """A matching row as bm25 reads it."""

    rowid: int
    frequencies: dict[str, float]
    """Each term of the question it holds, with its column-weighted count."""
    length: int
    text: str


def _counted(rows: list[Row], alternatives: Sequence[str]) -> list[Counted]:
    wanted = set(alternatives)
    counted = []
    for rowid, *columns in rows:
        frequencies: dict[str, float] = {}
        length = 0
        for weight, column in zip(COLUMN_WEIGHTS, columns, strict=True):
            tokens = column.split()
            length += len(tokens)
            for term in wanted.intersection(tokens):
                frequencies[term] = frequencies.get(term, 0.0) + weight * tokens.count(term)
        counted.append(Counted(rowid, frequencies, length, " ".join(columns)))
    return counted


def _ranked(
    inside: list[Counted],
    outside: list[Counted],
    alternatives: Sequence[str],
    count: int,
    average: float,
) -> tuple[list[Scored], list[Scored]]:
    """The rows inside the scope and outside it, each by bm25 with the statistics of the
    scope: `count` records, `average` tokens long; every record of the scope that holds one
    of the alternatives matches, so the rows inside give how many of them hold each term."""
    held = Counter(term for row in inside for term in row.frequencies)
    idf = {}
    for term in alternatives:
        value = math.log((count - held[term] + 0.5) / (held[term] + 0.5))
        idf[term] = value if value > 0.0 else 1e-6
    return (
        sorted(_scored(row, alternatives, idf, average) for row in inside),
        sorted(_scored(row, alternatives, idf, average) for row in outside),
    )


def _scored(
    row: Counted, alternatives: Sequence[str], idf: dict[str, float], average: float
) -> Scored:
    """FTS5's bm25 of one row: the sum over the terms, in the expression's order, of the
    term's idf times its weighted frequency saturated by the row's length."""
    norm = K1 * (1 - B + B * row.length / average)
    score = 0.0
    for term in alternatives:
        frequency = row.frequencies.get(term)
        if frequency:
            score += idf[term] * (frequency * (K1 + 1.0)) / (frequency + norm)
    return -1.0 * score, row.rowid, row.text
