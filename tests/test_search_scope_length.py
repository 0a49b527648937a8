"""A record's scopes are for narrowing only: its words of scope must not count in the length
FTS5's bm25 reads, nor pass for words of the base. FTS5 counts every column in a row's
length (and the average), whatever the weights, so scopes kept in a column of the search
index made a record tied to many pairs (a country every pair mentions) rank as a longer
one where FTS5 ranks (more than MANY matches, and other pairs' candidates); they are an
index of their own (`search_scopes`)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from bilateral.answer.search import _by_fts5
from bilateral.store.building import in_memory, read_and_check
from bilateral.store.packing import PACK, unpacked
from tests.conftest import run

PAIRS = Path(__file__).resolve().parent / "data" / "pairs"


def _text_only_bm25(connection: sqlite3.Connection, word: str) -> dict[str, float]:
    """bm25 of each match in an index of the same text columns, without the scopes."""
    connection.execute(
        "CREATE VIRTUAL TABLE temp.text_only USING fts5("
        "names, titles, body, content = '', tokenize = 'unicode61')"
    )
    rows = connection.execute(f"SELECT rowid, {PACK.format('records')} FROM records").fetchall()
    connection.executemany(
        "INSERT INTO text_only (rowid, names, titles, body) VALUES (?, ?, ?, ?)",
        [(rowid, *unpacked(blob, rowid)[1:]) for rowid, blob in rows],
    )
    found = connection.execute(
        "SELECT r.id, bm25(text_only, 4.0, 3.0, 1.0) FROM text_only t "
        "JOIN records r ON r.rowid = t.rowid WHERE text_only MATCH ?",
        (f'"{word}"',),
    )
    return {record_id: round(score, 9) for record_id, score in found}


def test_the_scopes_do_not_lengthen_a_record_for_bm25() -> None:
    connection = in_memory(read_and_check(str(PAIRS)))
    tied = connection.execute(
        "SELECT r.id FROM scopes s JOIN records r ON r.rowid = s.record "
        "GROUP BY s.record HAVING COUNT(*) > 1"
    ).fetchall()
    assert ("AZ",) in tied  # Azerbaijan is in both pairs' scopes: two words of scope
    ranked = {row[0]: round(row[-1], 9) for row in _by_fts5(connection, '"az"')}
    assert ranked == _text_only_bm25(connection, "az")


def test_a_word_of_scope_is_no_word_the_base_holds() -> None:
    """'0s' (every pair's scope) and '0saz0pk' are words of the index of scopes, not of the
    records' text: search says them unknown."""
    for word in ("0s", "0saz0pk"):
        result = run("--facts", str(PAIRS), "search", "--json", "baku", word)
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)[0]["unknown"] == [word]
