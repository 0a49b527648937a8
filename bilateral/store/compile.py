"""The compiled form of a fact base: an SQLite database with indexes and full-text search.

It holds facts only (documents, facets, names, search terms), never their rendering, so
no change to how answers are shown can leave an old rendering behind.
"""

from __future__ import annotations

import datetime
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from bilateral.kinds.base import FactBase, dates_in, first_day, last_day
from bilateral.kinds.declared import Declared
from bilateral.kinds.kind import Kind
from bilateral.kinds.registry import ALL, BY_NAME
from bilateral.schema.checker import Document
from bilateral.schema.jsontext import to_json
from bilateral.schema.lookup import Lookup
from bilateral.schema.textnorm import name_key, single_deletions, terms
from bilateral.store.citing import citation_blob
from bilateral.store.facetcodes import Facet, check_codes, coded
from bilateral.store.packing import PACK, block_of, joined, store_texts
from bilateral.store.scopes import Links, index_search, unindex_search, write_scopes

TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    pair TEXT,
    sort TEXT NOT NULL,
    part TEXT NOT NULL,
    position INTEGER NOT NULL,
    tokens INTEGER NOT NULL
);
CREATE TABLE packs (block INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE record_dates (
    record INTEGER PRIMARY KEY, first INTEGER, last INTEGER, checked INTEGER
);
CREATE TABLE citations (record INTEGER PRIMARY KEY, fields BLOB NOT NULL);
CREATE TABLE dated_names (record INTEGER PRIMARY KEY);
CREATE TABLE facet_keys (code INTEGER PRIMARY KEY, type TEXT NOT NULL, key TEXT NOT NULL);
CREATE TABLE facets (
    facet INTEGER NOT NULL, value TEXT NOT NULL, record INTEGER NOT NULL,
    PRIMARY KEY (facet, value, record)
) WITHOUT ROWID;
CREATE TABLE names (key TEXT NOT NULL, record INTEGER NOT NULL, PRIMARY KEY (key, record))
    WITHOUT ROWID;
CREATE TABLE name_tokens (
    token TEXT NOT NULL, record INTEGER NOT NULL, PRIMARY KEY (token, record)
) WITHOUT ROWID;
CREATE TABLE token_variants (
    variant TEXT NOT NULL, token TEXT NOT NULL, PRIMARY KEY (variant, token)
) WITHOUT ROWID;
CREATE TABLE mentions (
    target INTEGER NOT NULL, record INTEGER NOT NULL, PRIMARY KEY (target, record)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE search USING fts5(
    names, titles, body, content = '', tokenize = 'unicode61'
);
CREATE VIRTUAL TABLE search_scopes USING fts5(scope, content = '', tokenize = 'unicode61');
CREATE VIRTUAL TABLE search_terms USING fts5vocab(search, 'row');
CREATE TABLE scopes (pair TEXT NOT NULL, record INTEGER NOT NULL, PRIMARY KEY (record, pair))
    WITHOUT ROWID;
CREATE TABLE scope_sizes (pair TEXT PRIMARY KEY, records INTEGER NOT NULL, tokens INTEGER NOT NULL);
"""

INDEXES = """
CREATE INDEX records_by_type ON records (type, pair, sort);
CREATE INDEX records_by_part ON records (part, type, position);
"""
"""The tables that find records (facets, names, name tokens, their variants, mentions) are
their own indexes: each row is its key, kept once (WITHOUT ROWID), not in a table and again
in an index over it. A mention points at the rowid of the record it names. `citations`
holds each source's fields that a citation names (store/citing.py), `dated_names` the
records that have dated names: what a table's footnotes and dating read, without reading
whole documents."""

JULIAN = 1721425
"""Python's ordinal of a day plus this is its Julian day number, which SQLite's `date()`
gives back as the ISO text: record_dates keeps days as these numbers, three bytes each."""


def day_number(day: str | None) -> int | None:
    """An ISO day as the Julian day number record_dates keeps."""
    return None if day is None else datetime.date.fromisoformat(day).toordinal() + JULIAN


PACKED_AT_ONCE = 4096
"""Records whose rows and texts are held before they are written and their blocks packed:
not the whole base's (60 MB of texts at 100,000 records) at the peak of a build."""
CITED_SOURCE = re.compile(r'"source":"((?:[^"\\]|\\.)*)"')


class Compiled(NamedTuple):
    """One record as the store keeps it."""

    kind: Kind
    document: Document
    part: str
    position: int
    dates: tuple[str | None, str | None]
    sort: str
    facets: tuple[tuple[str, str], ...]
    names: tuple[str, ...]
    titles: str
    text: str
    mentions: tuple[str, ...]


def cited_sources(document_json: str) -> list[str]:
    """Every source id cited anywhere in a document's JSON (string values cannot match)."""
    return CITED_SOURCE.findall(document_json)


def compiled(base: FactBase, release: bool = False) -> Iterator[Compiled]:
    """The base's records compiled in rowid order; with `release`, each document let go
    once compiled (FactBase.each), so the base serves nothing more."""
    part = ""
    for kind, document, position in base.each(release):
        if kind.name in base.records:
            part = base.origin.get(document["id"], "")
        yield compiled_record(kind, document, base.lookup, part, position)


def compiled_record(
    kind: Kind, document: Document, lookup: Lookup, part: str, position: int
) -> Compiled:
    """One record as the store keeps it: the one place that says so, for the records a
    build writes and those an update takes out."""
    return Compiled(
        kind,
        document,
        part,
        position,
        date_span(kind, document),
        kind.sort(document, position),
        tuple(kind.facets(document, lookup)),
        tuple(kind.names(document)),
        kind.titles(document),
        f"{kind.label(document)} {kind.text(document, lookup)}",
        tuple(m for m in kind.mentions(document) if m),
    )


def date_span(kind: Kind, document: Document) -> tuple[str | None, str | None]:
    """The first and last day a record's own dates speak of (sources have none)."""
    if kind.name == "source":
        return None, None
    found = dates_in(kind.shape, document)
    if not found:
        return None, None
    return min(map(first_day, found)), max(map(last_day, found))


def write(
    connection: sqlite3.Connection, base: FactBase, source: dict[str, str], release: bool = False
) -> None:
    """Fill an empty database with the base's records, its indexes and its record; with
    `release`, the base's documents are let go as they are written."""
    connection.executescript(TABLES)
    records = enumerate(compiled(base, release), start=1)
    tokens, links = insert_records(connection, records, base.lookup)
    add_token_variants(connection, tokens)
    write_scopes(connection, links, fresh=links.texts)
    index_search(connection, links.texts)
    record_build(connection, identity(base), source)
    connection.executescript(INDEXES)
    connection.execute("ANALYZE")  # statistics let the planner pick facets or type and pair
    connection.commit()


def identity(base: FactBase) -> dict[str, str | bytes]:
    """What a build records of the base as a whole, beside its records."""
    return {
        "title": base.title,
        "pair": base.pair,
        "as_of": base.as_of,
        "about_pairs": json.dumps(base.about, sort_keys=True),
    }


def record_build(
    connection: sqlite3.Connection,
    whole: dict[str, str | bytes],
    source: dict[str, str],
    standing: dict[str, str] | None = None,
) -> None:
    """The one writer of a build's record, for the full build and the one-file update alike:
    the base's own keys and lookup, its sources' key, and the pairs and counts as the
    stored records give them (or as `standing` gives them, from an update that left every
    record's kind and pair as they were)."""
    info = {
        **whole,
        **(standing or _pairs_and_counts(connection, whole)),
        **Declared.of_registry().stored(),
        **source,
    }
    check_codes(connection)
    connection.execute("DELETE FROM meta")
    connection.executemany("INSERT INTO meta VALUES (?, ?)", info.items())


def _pairs_and_counts(
    connection: sqlite3.Connection, whole: dict[str, str | bytes]
) -> dict[str, str]:
    counts = dict.fromkeys((kind.plural for kind in ALL), 0)
    for kind, number in connection.execute("SELECT type, COUNT(*) FROM records GROUP BY type"):
        counts[BY_NAME[kind].plural] += number
    pairs = connection.execute(
        "SELECT DISTINCT pair FROM records WHERE pair IS NOT NULL ORDER BY pair"
    ).fetchall()
    declared = set(json.loads(whole.get("about_pairs") or "{}")) | {str(whole.get("pair") or "")}
    return {
        "pairs": " ".join(sorted({pair for (pair,) in pairs} | declared - {""})),
        "counts": json.dumps(counts),
    }


def add_token_variants(connection: sqlite3.Connection, tokens: Iterable[str]) -> None:
    """Every name token's single-deletion variants, for one-typo lookups."""
    variants = {(variant, token) for token in tokens for variant in single_deletions(token)}
    connection.executemany("INSERT INTO token_variants VALUES (?, ?)", sorted(variants))


def remove_token_variants(connection: sqlite3.Connection, tokens: Iterable[str]) -> None:
    """Forget the variants of tokens no stored name holds any more."""
    connection.executemany(
        "DELETE FROM token_variants WHERE variant = ? AND token = ?",
        [(variant, token) for token in tokens for variant in single_deletions(token)],
    )


def insert_records(
    connection: sqlite3.Connection, records: Iterable[tuple[int, Compiled]], lookup: Lookup
) -> tuple[set[str], Links]:
    """Write compiled records at their rowids, and all that finds them but the search index;
    the name tokens, and what the records' scopes are made of with their search text, which
    store/scopes.py indexes under their scopes. The rows are written a batch at a time (a
    whole base's would be held at the peak of a build); facets and mentions at the end, when
    the facets' codes and the rowids of all the records named are known."""
    batch, links = _Batch(), Links([], [], {}, {})
    renamed = Declared.of_registry().renamed
    facets: list[Facet] = []
    tokens: set[str] = set()
    for rowid, record in records:
        if len(batch.packed) >= PACKED_AT_ONCE and block_of(rowid) != block_of(batch.last):
            batch = batch.written(connection)  # whole blocks, so a build packs each once
        document = record.document
        document_json = to_json(document)
        columns = (terms(" ".join(record.names)), terms(record.titles), terms(record.text))
        texts = (" ".join(columns[0]), " ".join(columns[1]), " ".join(columns[2]))
        row = (rowid, document["id"], record.kind.name, record.kind.pair_of(document),
               record.sort, record.part, record.position, sum(map(len, columns)))  # fmt: skip
        batch.rows.append(row)
        links.records.append(row[:4])
        links.sizes[rowid] = row[7]
        batch.packed[rowid] = joined(document_json, texts)
        batch.last = rowid
        if record.kind.name == "source":
            batch.citations.append((rowid, citation_blob(document)))
        if record.kind.name in renamed and document.get("names"):
            batch.dated_names.append((rowid,))
        cited = cited_sources(document_json)
        checked = max(
            (last_day(d) for s in cited if (d := lookup.source_dates.get(s))), default=None
        )
        batch.spans.append((rowid, *map(day_number, (*record.dates, checked))))
        found = findings(rowid, record, cited)
        facets += found.facets
        batch.names += found.names
        batch.tokens += found.tokens
        tokens.update(token for token, _ in found.tokens)
        links.mentions.extend(found.mentions)
        links.texts[rowid] = texts
    batch.written(connection)
    connection.executemany("INSERT INTO facets VALUES (?, ?, ?)", coded(connection, facets))
    facets.clear()
    connection.executemany(
        "INSERT INTO mentions VALUES (?, ?)", _by_rowid(connection, links.mentions, links.records)
    )
    return tokens, links


class _Batch:
    """The rows of some records, written together."""

    def __init__(self) -> None:
        self.rows: list[tuple[Any, ...]] = []
        self.packed: dict[int, str] = {}
        self.last = 0
        self.spans: list[tuple[int | None, ...]] = []
        self.citations: list[tuple[int, bytes]] = []
        self.dated_names: list[tuple[int]] = []
        self.names: list[tuple[str, int]] = []
        self.tokens: list[tuple[str, int]] = []

    def written(self, connection: sqlite3.Connection) -> _Batch:
        """Insert the rows held; an empty batch to hold the next ones."""
        connection.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self.rows)
        store_texts(connection, self.packed)
        connection.executemany("INSERT INTO record_dates VALUES (?, ?, ?, ?)", self.spans)
        connection.executemany("INSERT INTO citations VALUES (?, ?)", self.citations)
        connection.executemany("INSERT INTO dated_names VALUES (?)", self.dated_names)
        # in key order within the batch, fewer pages touched (VACUUM fills them whole)
        connection.executemany("INSERT INTO names VALUES (?, ?)", sorted(self.names))
        connection.executemany("INSERT INTO name_tokens VALUES (?, ?)", sorted(self.tokens))
        return _Batch()


def _by_rowid(
    connection: sqlite3.Connection,
    mentions: list[tuple[str, int]],
    records: list[tuple[int, str, str, str | None]],
) -> list[tuple[int, int]]:
    """The mentions as stored: (the rowid of the record named, the rowid of the one naming
    it), in key order; the records named are those being written or those stored.
    ValueError when one names no record (the checks let none through)."""
    rowids = {record[1]: record[0] for record in records}
    for target, _ in mentions:
        if target not in rowids:
            found = connection.execute("SELECT rowid FROM records WHERE id = ?", (target,))
            stored = found.fetchone()
            if stored is None:
                raise ValueError(f"a record mentions {target!r}, which is no record")
            rowids[target] = stored[0]
    return sorted((rowids[target], record) for target, record in mentions)


class Findings(NamedTuple):
    """The rows that find one record: its facets, names, name tokens and mentions."""

    facets: list[Facet]
    names: list[tuple[str, int]]
    tokens: list[tuple[str, int]]
    mentions: list[tuple[str, int]]


def findings(rowid: int, record: Compiled, cited: list[str]) -> Findings:
    """What finds a record, as the store keeps it: the one place that says so, for the
    rows written and the rows an update takes out."""
    document_id = record.document["id"]
    kind = record.kind.name
    names: list[tuple[str, int]] = []
    tokens: list[tuple[str, int]] = []
    if record.names:
        keys = {name_key(document_id), *(name_key(name) for name in record.names)}
        names = [(key, rowid) for key in keys if key]
        tokens = [(token, rowid) for token in {t for key in keys for t in key.split()}]
    targets = dict.fromkeys((*record.mentions, *cited))
    return Findings(
        [(kind, key, value, rowid) for key, value in dict.fromkeys(record.facets)],
        names,
        tokens,
        [(target, rowid) for target in targets if target != document_id],
    )


def forget_records(connection: sqlite3.Connection, rowids: str) -> None:
    """Remove the records the query `rowids` selects, and their search text: the search
    index keeps no text of its own, so each record's is read back from its blob to be
    taken out of the index."""
    gone = connection.execute(
        f"SELECT r.rowid, {PACK.format('r')} FROM records r WHERE r.rowid IN ({rowids})"
    ).fetchall()
    unindex_search(connection, gone)
    connection.execute(f"DELETE FROM citations WHERE record IN ({rowids})")
    connection.execute(f"DELETE FROM dated_names WHERE record IN ({rowids})")
    connection.execute(f"DELETE FROM records WHERE rowid IN ({rowids})")
    store_texts(connection, dict.fromkeys((rowid for rowid, _ in gone), ""))
