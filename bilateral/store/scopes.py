"""Each record's pairs for search: the records whose statistics rank a question about a pair.

A record that names a pair is that pair's. A record that names none (a person, a source, a
place, a relation) is tied to the pairs of the records it meets: those that mention or cite
it, those it mentions, and those that mention or cite what it mentions or cites (a person
who cites a source a pair's event cites). What more than WIDE pairs' records meet (a
country, a source every generated pair cites) ties a record to none of them. A record that
no pair's record meets at all belongs to every pair (pair '' in the table).

So the statistics of a question about a pair come from that pair's records and what they
draw on, and other pairs' records do not move them (tests/test_scale_search.py).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

WIDE = 4
"""More pairs than this meeting one record make it common ground, which ties no one."""
EVERY = ""
"""The pair of the records that belong to every pair."""
WHOLE = "*"
"""The pair under which `scope_sizes` counts every record of the base."""


def write_scopes(connection: sqlite3.Connection) -> None:
    """Fill `scopes` and `scope_sizes` (each pair's records and their tokens) afresh from
    the stored records, mentions and sizes: the one writer of them, for the full build and
    the one-file update alike."""
    connection.execute("DELETE FROM scopes")
    connection.executemany("INSERT INTO scopes VALUES (?, ?)", sorted(_scopes(connection)))
    connection.execute("DELETE FROM scope_sizes")
    connection.execute(
        "INSERT INTO scope_sizes SELECT s.pair, count(*), total(z.tokens) FROM scopes s "
        "JOIN search_sizes z ON z.record = s.record GROUP BY s.pair"
    )
    connection.execute(
        "INSERT INTO scope_sizes SELECT ?, count(*), total(tokens) FROM search_sizes", (WHOLE,)
    )


def _scopes(connection: sqlite3.Connection) -> set[tuple[str, int]]:
    pair_of: dict[int, str | None] = {}
    rowid_of: dict[str, int] = {}
    for rowid, record_id, pair in connection.execute("SELECT rowid, id, pair FROM records"):
        pair_of[rowid] = pair
        rowid_of[record_id] = rowid
    met: defaultdict[str, set[str]] = defaultdict(set)
    """The pairs whose records mention or cite each target."""
    meets: defaultdict[int, list[str]] = defaultdict(list)
    """What each record without a pair mentions or cites."""
    for target, record in connection.execute("SELECT target, record FROM mentions"):
        pair = pair_of.get(record)
        if pair is not None:
            met[target].add(pair)
        else:
            meets[record].append(target)
    found = {(pair, rowid) for rowid, pair in pair_of.items() if pair is not None}
    for record_id, rowid in rowid_of.items():
        if pair_of[rowid] is None:
            found |= _tied(rowid, record_id, meets[rowid], met, pair_of, rowid_of)
    return found


def _tied(
    rowid: int,
    record_id: str,
    targets: list[str],
    met: defaultdict[str, set[str]],
    pair_of: dict[int, str | None],
    rowid_of: dict[str, int],
) -> set[tuple[str, int]]:
    """The (pair, rowid) rows of one record without a pair of its own."""
    pairs = set(met.get(record_id, ()))
    common = False
    for target in targets:
        own = pair_of.get(rowid_of.get(target, 0))
        if own is not None:
            pairs.add(own)
        meeting = met.get(target, set())
        if len(meeting) > WIDE:
            common = True
        else:
            pairs |= meeting
    if pairs:
        return {(pair, rowid) for pair in pairs}
    return set() if common else {(EVERY, rowid)}
