"""The compiled form of a fact base: an SQLite database with indexes and full-text search."""

from __future__ import annotations

import json
import marshal
import re
import sqlite3
from collections.abc import Iterable

from bilateral.cache import STORE_VERSION
from bilateral.documents import IndexedRecord, Indexer
from bilateral.jsontext import to_json
from bilateral.records import FactBase
from bilateral.textnorm import name_key, single_deletions, terms
from bilateral.views import LISTING_OF_TYPE, tsv_text

TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    pair TEXT,
    sort TEXT NOT NULL,
    label TEXT NOT NULL,
    doc TEXT NOT NULL,
    data BLOB NOT NULL,
    tsv TEXT
);
CREATE TABLE facets (
    type TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, record INTEGER NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, record INTEGER NOT NULL);
CREATE TABLE name_tokens (token TEXT NOT NULL, record INTEGER NOT NULL);
CREATE TABLE token_variants (variant TEXT NOT NULL, token TEXT NOT NULL);
CREATE TABLE mentions (target TEXT NOT NULL, record INTEGER NOT NULL);
CREATE VIRTUAL TABLE search USING fts5(names, titles, body, tokenize = 'unicode61');
"""

INDEXES = """
CREATE INDEX records_by_type ON records (type, pair, sort);
CREATE INDEX facets_by_value ON facets (type, key, value, record);
CREATE INDEX names_by_key ON names (key);
CREATE INDEX name_tokens_by_token ON name_tokens (token);
CREATE INDEX token_variants_by_variant ON token_variants (variant);
CREATE INDEX mentions_by_target ON mentions (target);
"""

CITED_SOURCE = re.compile(r'"source":"((?:[^"\\]|\\.)*)"')


def cited_sources(document_json: str) -> list[str]:
    """Every source id cited anywhere in a document's JSON (string values cannot match)."""
    return CITED_SOURCE.findall(document_json)


def write(connection: sqlite3.Connection, base: FactBase, meta: dict[str, str]) -> None:
    """Fill an empty database with the base's records and indexes."""
    connection.executescript(TABLES)
    records = list(Indexer(base).records())
    _insert_records(connection, records)
    pairs = sorted({r.pair for r in records if r.pair})
    info = {
        "store_version": STORE_VERSION,
        "title": base.title,
        "pair": base.pair,
        "as_of": base.as_of,
        "pairs": " ".join(pairs),
        "counts": json.dumps(base.counts()),
        **meta,
    }
    connection.executemany("INSERT INTO meta VALUES (?, ?)", info.items())
    connection.executescript(INDEXES)
    connection.execute("ANALYZE")  # statistics let the planner pick facets or type and pair
    connection.commit()


def _insert_records(connection: sqlite3.Connection, records: Iterable[IndexedRecord]) -> None:
    rows, facets, names, tokens, mentions, search = [], [], [], [], [], []
    for rowid, record in enumerate(records, start=1):
        document_json = to_json(record.document)
        data = marshal.dumps(record.document)
        listing = LISTING_OF_TYPE.get(record.type)
        tsv = tsv_text(listing, record.document) if listing else None
        rows.append(
            (rowid, record.id, record.type, record.pair, record.sort, record.label, document_json,
             data, tsv)
        )  # fmt: skip
        facets += [(record.type, key, value, rowid) for key, value in record.facets]
        if record.names:
            keys = {name_key(record.id), *(name_key(name) for name in record.names)}
            names += [(key, rowid) for key in keys if key]
            tokens += [(token, rowid) for token in {t for key in keys for t in key.split()}]
        targets = dict.fromkeys((*record.mentions, *cited_sources(document_json)))
        mentions += [(target, rowid) for target in targets if target != record.id]
        search.append(
            (
                rowid,
                " ".join(terms(" ".join(record.names))),
                " ".join(terms(titles_of(record))),
                " ".join(terms(f"{record.label} {record.text}")),
            )
        )
    connection.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    connection.executemany("INSERT INTO facets VALUES (?, ?, ?, ?)", facets)
    connection.executemany("INSERT INTO names VALUES (?, ?)", names)
    connection.executemany("INSERT INTO name_tokens VALUES (?, ?)", tokens)
    variants = {(variant, token) for token, _ in tokens for variant in single_deletions(token)}
    connection.executemany("INSERT INTO token_variants VALUES (?, ?)", sorted(variants))
    connection.executemany("INSERT INTO mentions VALUES (?, ?)", mentions)
    connection.executemany(
        "INSERT INTO search (rowid, names, titles, body) VALUES (?, ?, ?, ?)", search
    )


def titles_of(record: IndexedRecord) -> str:
    """What a record is called: a person's offices, an entity's or area's name."""
    if record.type == "person":
        return " ".join(role["title"] for role in record.document["roles"])
    return str(record.document.get("name") or "")
