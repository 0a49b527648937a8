"""Each record's pairs for search: the records whose statistics rank a question about a pair.

A record that names a pair is that pair's. A record that names none (a person, a source, a
place, a relation) is tied to the pairs of the records that mention or cite it, of those it
mentions, and of those that cite a source it cites (a person cited from the page a pair's
event cites), where no more than WIDE pairs cite that source. Common ground ties it to no
pair: a source many pairs cite, or anything else another pair's record mentions (a country,
an organization), since how many pairs meet there grows with the base. A record that no
pair's record meets at all belongs to every pair (pair '' in the table).

So the statistics of a question about a pair come from that pair's records and what they
draw on, and other pairs' records do not move them (tests/test_scale_search.py).

A second full-text index, `search_scopes`, holds each record's scopes as words (SCOPE_WORD),
under the record's rowid, so a question narrows to a pair's records inside FTS5: an update
that moves a record between scopes indexes its scopes again. They are kept out of the
search index itself, whose bm25 counts every column's words in a record's length."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import NamedTuple

from bilateral.store.packing import unpacked

WIDE = 4
"""More pairs than this citing one source make it common ground, which ties no one."""
EVERY = ""
"""The pair of the records that belong to every pair."""
WHOLE = "*"
"""The pair under which `scope_sizes` counts every record of the base."""
SCOPE_WORD = "0s{}"
"""A pair's word in the index of scopes, its code folded as the index folds ('AZ-PK' gives
'0saz0pk', every pair's records '0s')."""
Columns = tuple[str, str, str]
"""A record's search text: names, titles, body."""


class Links(NamedTuple):
    """What the scopes are made of: each record's rowid, id, kind and pair, what each record
    mentions or cites (target id, the record's rowid), and each record's search tokens."""

    records: list[tuple[int, str, str, str | None]]
    mentions: list[tuple[str, int]]
    sizes: dict[int, int]
    texts: dict[int, Columns]
    """The search text of records not yet in the search index (none, read from the store)."""


def scope_word(pair: str) -> str:
    return SCOPE_WORD.format(pair.lower().replace("-", "0"))


def write_scopes(
    connection: sqlite3.Connection, links: Links | None = None, fresh: Collection[int] = ()
) -> None:
    """Fill `scopes` and `scope_sizes` (each pair's records and their tokens) afresh from
    the records, mentions and sizes (as stored, unless given): the one writer of them, for
    the full build and the one-file update alike. Each record in the search index, but for
    the `fresh` ones (index_search adds them), whose scopes changed is indexed again."""
    links = links or stored_links(connection)
    found = sorted((rowid, pair) for pair, rowid in _scopes(links))
    totals: dict[str, list[int]] = {WHOLE: [len(links.sizes), sum(links.sizes.values())]}
    for rowid, pair in found:
        total = totals.setdefault(pair, [0, 0])
        total[0] += 1
        total[1] += links.sizes.get(rowid, 0)
    before = stored_scopes(connection)
    connection.execute("DELETE FROM scopes")
    connection.executemany("INSERT INTO scopes (record, pair) VALUES (?, ?)", found)
    connection.execute("DELETE FROM scope_sizes")
    connection.executemany(
        "INSERT INTO scope_sizes VALUES (?, ?, ?)", sorted((k, *v) for k, v in totals.items())
    )
    after = _words(found)
    moved = {r for r in before.keys() | after.keys() if before.get(r) != after.get(r)}
    _reindex(connection, sorted(moved.difference(fresh)), before, after)


def stored_scopes(
    connection: sqlite3.Connection, rowids: list[int] | None = None
) -> dict[int, str]:
    """Each record's words in the index of scopes, as `scopes` gives them (of every record
    in a scope, or of these rowids)."""
    chosen = "" if rowids is None else " WHERE record IN (SELECT value FROM json_each(?))"
    given = () if rowids is None else (json.dumps(rowids),)
    return _words(connection.execute(f"SELECT record, pair FROM scopes{chosen}", given))


def _words(rows: Iterable[tuple[int, str]]) -> dict[int, str]:
    """The scope words of each record, from its (rowid, pair) rows in key order."""
    words: defaultdict[int, list[str]] = defaultdict(list)
    for rowid, pair in rows:
        words[rowid].append(scope_word(pair))
    return {rowid: " ".join(found) for rowid, found in words.items()}


def index_search(connection: sqlite3.Connection, texts: dict[int, Columns]) -> None:
    """Add these records' search text to the index, and their scopes as stored to the
    index of scopes."""
    connection.executemany(
        "INSERT INTO search (rowid, names, titles, body) VALUES (?, ?, ?, ?)",
        [(rowid, *columns) for rowid, columns in sorted(texts.items())],
    )
    _index_scopes(connection, stored_scopes(connection, sorted(texts)))


def _index_scopes(connection: sqlite3.Connection, scopes: dict[int, str]) -> None:
    connection.executemany(
        "INSERT INTO search_scopes (rowid, scope) VALUES (?, ?)", sorted(scopes.items())
    )


def _unindex_scopes(connection: sqlite3.Connection, scopes: dict[int, str]) -> None:
    connection.executemany(
        "INSERT INTO search_scopes (search_scopes, rowid, scope) VALUES ('delete', ?, ?)",
        sorted(scopes.items()),
    )


def unindex_search(connection: sqlite3.Connection, rows: list[tuple[int, bytes]]) -> None:
    """Take these records (rowid, stored blob) out of the search index, which keeps no text
    of its own: each record's columns are read back from its blob and its scopes."""
    connection.executemany(
        "INSERT INTO search (search, rowid, names, titles, body) VALUES ('delete', ?, ?, ?, ?)",
        [(rowid, *unpacked(blob, rowid)[1:]) for rowid, blob in rows],
    )
    _unindex_scopes(connection, stored_scopes(connection, [rowid for rowid, _ in rows]))


def _reindex(
    connection: sqlite3.Connection, rowids: list[int], before: dict[int, str], after: dict[int, str]
) -> None:
    """Index these records' scopes again: indexed under `before`, under `after`."""
    _unindex_scopes(connection, {rowid: before[rowid] for rowid in rowids if rowid in before})
    _index_scopes(connection, {rowid: after[rowid] for rowid in rowids if rowid in after})


def stored_links(connection: sqlite3.Connection, rowids: list[int] | None = None) -> Links:
    """The links as the store holds them: of every record, or of these rowids."""
    chosen = "" if rowids is None else " WHERE {} IN (SELECT value FROM json_each(?))"
    given = () if rowids is None else (json.dumps(rowids),)
    return Links(
        connection.execute(
            f"SELECT rowid, id, type, pair FROM records{chosen.format('rowid')}", given
        ).fetchall(),
        connection.execute(
            "SELECT (SELECT id FROM records WHERE rowid = mentions.target), record "
            f"FROM mentions{chosen.format('record')}",
            given,
        ).fetchall(),
        dict(
            connection.execute(f"SELECT rowid, tokens FROM records{chosen.format('rowid')}", given)
        ),
        {},
    )


def resize_scopes(connection: sqlite3.Connection, before: Links, after: Links) -> bool:
    """Bring `scope_sizes` up to date when some records' tokens changed and nothing else of
    their links did (then `scopes` stands); False, touching nothing, when more changed."""
    if (sorted(before.records), sorted(before.mentions)) != (
        sorted(after.records),
        sorted(after.mentions),
    ):
        return False
    changed = {
        rowid: tokens - before.sizes.get(rowid, 0)
        for rowid, tokens in after.sizes.items()
        if tokens != before.sizes.get(rowid, 0)
    }
    pairs = connection.execute(
        "SELECT pair, record FROM scopes WHERE record IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(changed)),),
    ).fetchall()
    moves = [(changed[rowid], pair) for pair, rowid in pairs]
    moves += [(sum(changed.values()), WHOLE)]
    connection.executemany("UPDATE scope_sizes SET tokens = tokens + ? WHERE pair = ?", moves)
    return True


def _scopes(links: Links) -> set[tuple[str, int]]:
    pair_of: dict[int, str | None] = {}
    rowid_of: dict[str, int] = {}
    sources = set()
    for rowid, record_id, kind, pair in links.records:
        pair_of[rowid] = pair
        rowid_of[record_id] = rowid
        if kind == "source":
            sources.add(record_id)
    met: defaultdict[str, set[str]] = defaultdict(set)
    """The pairs whose records mention or cite each target."""
    meets: defaultdict[int, list[str]] = defaultdict(list)
    """What each record without a pair mentions or cites."""
    for target, record in links.mentions:
        pair = pair_of.get(record)
        if pair is not None:
            met[target].add(pair)
        else:
            meets[record].append(target)
    found = {(pair, rowid) for rowid, pair in pair_of.items() if pair is not None}
    for record_id, rowid in rowid_of.items():
        if pair_of[rowid] is None:
            found |= _tied(rowid, record_id, meets[rowid], met, (pair_of, rowid_of, sources))
    return found


def _tied(
    rowid: int,
    record_id: str,
    targets: list[str],
    met: defaultdict[str, set[str]],
    known: tuple[dict[int, str | None], dict[str, int], set[str]],
) -> set[tuple[str, int]]:
    """The (pair, rowid) rows of one record without a pair of its own."""
    pair_of, rowid_of, sources = known
    pairs = set(met.get(record_id, ()))
    common = False
    for target in targets:
        own = pair_of.get(rowid_of.get(target, 0))
        if own is not None:
            pairs.add(own)
        meeting = met.get(target)
        if meeting and target in sources and len(meeting) <= WIDE:
            pairs |= meeting
        elif meeting:
            common = True
    if pairs:
        return {(pair, rowid) for pair in pairs}
    return set() if common else {(EVERY, rowid)}
