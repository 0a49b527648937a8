"""Take records out of a store by the rows that find them, found again from their stored
documents, so no table is read whole to find a few records' rows.

The rows are those `compile.findings` gives the stored document, compiled with the base's
lookup,
which an update leaves as it was; a row expected and not there means the store does not
hold what its documents say, and the update steps aside (ValueError) for a full build.
"""

from __future__ import annotations

import json
import sqlite3

from bilateral.kinds.registry import BY_NAME
from bilateral.schema.lookup import Lookup
from bilateral.store.compile import Findings, cited_sources, compiled_record, findings
from bilateral.store.packing import PACK, document_text
from bilateral.store.scopes import Links


def stored_findings(
    store: sqlite3.Connection, rowids: list[int], lookup: Lookup
) -> tuple[Findings, Links]:
    """The rows that find these records, and their links as the store holds them."""
    all_found = Findings([], [], [], [])
    records, sizes = [], {}
    for rowid in rowids:
        row = store.execute(
            f"SELECT id, type, pair, tokens, {PACK.format('records')} FROM records WHERE rowid = ?",
            (rowid,),
        ).fetchone()
        if row is None:
            raise ValueError(f"record {rowid} is not in the store")
        record_id, kind_name, pair, tokens, blob = row
        records.append((rowid, record_id, kind_name, pair))
        sizes[rowid] = tokens
        kind = BY_NAME[kind_name]
        text = document_text(blob, rowid)
        document = json.loads(text)
        record = compiled_record(kind, document, lookup, "", 0)
        found = findings(rowid, record, cited_sources(text))
        all_found.facets.extend(found.facets)
        all_found.names.extend(found.names)
        all_found.tokens.extend(found.tokens)
        all_found.mentions.extend(found.mentions)
    return all_found, Links(records, all_found.mentions, sizes, {})


def forget_findings(store: sqlite3.Connection, found: Findings) -> None:
    """Delete the rows, each by its key; ValueError when one is not there."""
    codes = {(kind, key): code for code, kind, key in store.execute("SELECT * FROM facet_keys")}
    facets = [(codes[kind, key], value, rowid) for kind, key, value, rowid in found.facets]
    for statement, rows in (
        ("DELETE FROM facets WHERE facet = ? AND value = ? AND record = ?", facets),
        ("DELETE FROM names WHERE key = ? AND record = ?", found.names),
        ("DELETE FROM name_tokens WHERE token = ? AND record = ?", found.tokens),
        (
            "DELETE FROM mentions WHERE target = (SELECT rowid FROM records WHERE id = ?) "
            "AND record = ?",
            found.mentions,
        ),
    ):
        cursor = store.executemany(statement, rows)
        if cursor.rowcount != len(rows):
            raise ValueError("a row that finds a record is not where its document says")
