"""A question's matches in the search index: its FTS5 expression, how many match, and
FTS5's best matches by its bm25 (of every match, whichever pair it is of).

FTS5 computes its bm25 for every match to find the best, which costs most of a question on
a large base (30,000 matches of "which russian officials came to baku" on the mixed base,
about 22 ms). Where more than MANY match, the same best are found among fewer: each term
adds less than its idf times k1 + 1 to a record's bm25, so the best of the records holding
the rarest terms set a score that a record holding none of them reaches only with enough
of the other terms, and those records are added; the best of them all are the best of
every match. Where that would not save (too few records hold the rare terms, any other term
may reach their best, or there are too many ways to hold enough others), every match is
ranked."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Sequence
from itertools import combinations

MANY = 2000
"""More of a pair's records matching than this: FTS5 ranks them, by the whole base; more
records matching anywhere: the best are found among fewer (the rare terms' share)."""
K1 = 1.2
B = 0.75
COLUMN_WEIGHTS = (4.0, 3.0, 1.0)
"""bm25 weights of the names, titles and body columns."""
INDEX_WEIGHTS = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
"""The same weights, as FTS5's bm25 takes them."""
RARE_SHARE = 4
"""The rare terms are the rarest that the records holding them, counted once for each term
they hold, number at most MANY or this share of the records holding the commonest term
(fewer than match: terms of one question often go together)."""
MARGIN = 1.01
"""A term's ceiling is taken this much higher than computed, against rounding."""
MOST_WAYS = 64
"""More ways than this to hold enough of the common terms: every match is ranked."""
BEST = (
    f"SELECT rowid, bm25(search, {INDEX_WEIGHTS}) AS rank FROM search "
    "WHERE search MATCH ? ORDER BY rank LIMIT ?"
)
BEST_AMONG = (
    f"SELECT rowid, bm25(search, {INDEX_WEIGHTS}) AS rank FROM search WHERE search MATCH ? "
    "AND +rowid IN (SELECT rowid FROM search WHERE search MATCH ?) ORDER BY rank LIMIT ?"
)
"""The best by the first expression's bm25 of the records the second matches; the unary +
keeps SQLite from seeking the index once for each of those: they are read once, and each
match of the first looked up in them."""


def any_of(terms: Iterable[str]) -> str:
    """An FTS5 expression matching a record that holds any of these terms."""
    return " OR ".join(_quoted(term) for term in terms)


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def matching_more_than(connection: sqlite3.Connection, expression: str, count: int) -> bool:
    """Whether more than `count` records match (counting no further)."""
    (found,), *_ = connection.execute(
        "SELECT count(*) FROM (SELECT 1 FROM search WHERE search MATCH ? LIMIT ?)",
        (expression, count + 1),
    )
    return int(found) > count


def best_matches(
    connection: sqlite3.Connection, expression: str, limit: int, terms: Sequence[str] = ()
) -> list[tuple[int, float]]:
    """The best `limit` matches of the expression (rowid, FTS5's bm25), best first; with
    the `terms` it is made of (any_of), found among fewer where more than MANY match."""
    if terms and matching_more_than(connection, expression, MANY):
        found = _best_among_fewer(connection, expression, terms, limit)
        if found is not None:
            return found
    return _fetched(connection, BEST, (expression, limit))


def _fetched(
    connection: sqlite3.Connection, query: str, given: tuple[str | int, ...]
) -> list[tuple[int, float]]:
    found: list[tuple[int, float]] = connection.execute(query, given).fetchall()
    return found


def _best_among_fewer(
    connection: sqlite3.Connection, expression: str, terms: Sequence[str], limit: int
) -> list[tuple[int, float]] | None:
    """The best as of every match, ranked among the records that hold a rare term or enough
    common ones to rank with the best of those; None where that would not save."""
    ceilings, documents = _ceilings(connection, terms)
    order = sorted(terms, key=lambda term: (-ceilings[term], term))
    matches = max(documents.values())
    budget = max(MANY, matches // RARE_SHARE)
    rare: list[str] = []
    counted = 0
    for term in order:
        if counted + documents[term] > budget:
            break
        rare.append(term)
        counted += documents[term]
    if counted < limit:
        return None
    found = _fetched(connection, BEST_AMONG, (expression, any_of(rare), limit))
    if len(found) < limit:
        return None
    common = order[len(rare) :]
    enough = _enough(-found[-1][1], [ceilings[term] for term in common])
    if enough > len(common):
        return found
    if enough == 1 or math.comb(len(common), enough) > MOST_WAYS:
        return None
    ways = combinations(common, enough)
    holding = " OR ".join(f"({' AND '.join(_quoted(t) for t in way)})" for way in ways)
    return _fetched(connection, BEST_AMONG, (expression, f"{any_of(rare)} OR {holding}", limit))


def _enough(threshold: float, ceilings: list[float]) -> int:
    """How many of the terms (their ceilings, highest first) a record must hold to reach
    the threshold: with fewer, its bm25 is below it, whichever it holds."""
    reached = 0.0
    for held, ceiling in enumerate(ceilings):
        reached += ceiling
        if reached >= threshold:
            return held + 1
    return len(ceilings) + 1


def _ceilings(
    connection: sqlite3.Connection, terms: Sequence[str]
) -> tuple[dict[str, float], dict[str, int]]:
    """What each term adds at most to a record's bm25 (its idf times k1 + 1, as the weighted
    frequency grows without end), and how many records hold it."""
    (rows,), *_ = connection.execute("SELECT records FROM scope_sizes WHERE pair = '*'")
    documents = dict.fromkeys(terms, 0)
    documents |= dict(
        connection.execute(
            f"SELECT term, doc FROM search_terms WHERE term IN ({', '.join('?' * len(terms))})",
            tuple(terms),
        )
    )
    ceilings = {}
    for term, held in documents.items():
        idf = math.log((rows - held + 0.5) / (held + 0.5))
        ceilings[term] = MARGIN * (K1 + 1.0) * (idf if idf > 0.0 else 1e-6)
    return ceilings, documents
