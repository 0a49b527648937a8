"""bm25 with a pair's own statistics: the candidates of a question about a pair, ranked by
the records of that pair (store/scopes.py) whatever else the base holds.

FTS5's bm25 counts documents and their length over the whole table, so other pairs' records
would move the ranking of a question about this one. Here the pair's matching records are
found in the search index by their `scope` column, read, and scored in Python with the
formula FTS5 uses (k1 1.2, b 0.75, the same column weights), from the number of the pair's
records, their length and how many of them hold each term. Records of other pairs that
FTS5 ranks high are scored by the same statistics, so they may come between, but never
reorder, the pair's own; in a question asked of the pair, those tied to other pairs only
rank below (`elsewhere`, answer/search.py).

Where more than MANY of the pair's records match, FTS5's own bm25 (then the whole base's
statistics) picks the candidates, as reading them all would cost more.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from bilateral.answer.matches import (
    COLUMN_WEIGHTS,
    K1,
    MANY,
    B,
    best_matches,
    matching_more_than,
)
from bilateral.store.packing import PACK, unpacked
from bilateral.store.scopes import EVERY, WHOLE, scope_word

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
    narrowed = pair is not None and count < everything
    if narrowed:
        chosen = _matching_in_scope(connection, expression, pair or EVERY, (count, everything))
        if chosen is None:
            return None
        inside = _texts(connection, chosen)
    else:
        found = connection.execute(MATCHING, (expression, MANY + 1)).fetchall()
        if len(found) > MANY:
            return None
        inside = _searched(found)
    mine = {row[0] for row in inside}
    others = _best_anywhere(connection, expression, alternatives, candidates) if narrowed else []
    outside = [row for row in others if row[0] not in mine]
    ranked, rest = _ranked(
        _counted(inside, alternatives),
        _counted(outside, alternatives),
        alternatives,
        count,
        tokens / max(count, 1),
    )
    return ranked[:candidates] + rest


MATCHING = (
    f"SELECT s.rowid, {PACK.format('r')} FROM search s JOIN records r ON r.rowid = s.rowid "
    "WHERE search MATCH ? LIMIT ?"
)


def _matching_in_scope(
    connection: sqlite3.Connection, expression: str, pair: str, sizes: tuple[int, int]
) -> list[int] | None:
    """The rowids of the matches in the pair's scope (its records' and every pair's), in
    rowid order; None for more than MANY. Of a scope of more than MANY records (`sizes`:
    the scope's and the base's), that is sure, without meeting them, where more than MANY
    match besides the records outside it. SQLite reads the scope's rowids from the index of
    scopes once and looks each match up in them (the unary +): seeking the search index
    once for each rowid of the scope cost 100 ms for 880 of them, meeting them in Python
    15 ms."""
    count, everything = sizes
    if count > MANY and matching_more_than(connection, expression, MANY + everything - count):
        return None
    scope = f"{scope_word(pair)} OR {scope_word(EVERY)}"
    chosen = [
        rowid
        for (rowid,) in connection.execute(
            "SELECT rowid FROM search WHERE search MATCH ? AND +rowid IN "
            "(SELECT rowid FROM search_scopes WHERE search_scopes MATCH ?) LIMIT ?",
            (expression, scope, MANY + 1),
        )
    ]
    return None if len(chosen) > MANY else chosen


Row = tuple[int, str, str, str]


def _scope(connection: sqlite3.Connection, pair: str | None) -> tuple[int, int, int]:
    """How many records the pair's statistics count, their tokens, and how many records the
    base holds (every record's statistics for None)."""
    (everything, tokens), *_ = connection.execute(SIZES, (WHOLE, WHOLE))
    if pair is None:
        return int(everything), int(tokens), int(everything)
    (count, own_tokens), *_ = connection.execute(SIZES, (pair, EVERY))
    return int(count), int(own_tokens), int(everything)


SIZES = "SELECT total(records), total(tokens) FROM scope_sizes WHERE pair IN (?, ?)"


def elsewhere(connection: sqlite3.Connection, pair: str, cited: dict[str, list[str]]) -> set[str]:
    """Which of these records (by id, each with the sources it cites) are tied to other pairs
    only: in some pair's scope, neither this pair's nor every pair's; or, in no scope
    (common ground), citing sources so tied (a person only another pair's report names)."""
    scopes = _scopes_of(connection, {*cited, *(s for sources in cited.values() for s in sources)})
    found = set()
    for record_id, sources in cited.items():
        tied = scopes.get(record_id) or set().union(*(scopes.get(s, ()) for s in sources))
        if tied and pair not in tied and EVERY not in tied:
            found.add(record_id)
    return found


def _scopes_of(connection: sqlite3.Connection, ids: set[str]) -> dict[str, set[str]]:
    rows = connection.execute(
        "SELECT r.id, s.pair FROM records r JOIN scopes s ON s.record = r.rowid "
        "WHERE r.id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(ids)),),
    )
    found: dict[str, set[str]] = {}
    for record_id, scope in rows:
        found.setdefault(record_id, set()).add(scope)
    return found


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


def _best_anywhere(
    connection: sqlite3.Connection, expression: str, terms: Sequence[str], candidates: int
) -> list[Row]:
    best = best_matches(connection, expression, candidates, terms)
    return _texts(connection, [rowid for rowid, _ in best])


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
