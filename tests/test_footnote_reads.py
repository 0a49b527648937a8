"""A table reads what its footnotes and dates need, not whole documents: a source's fields
that a citation names and the records that have dated names are kept apart in the store
(store/citing.py, store format 9), and a damaged citation is rebuilt like any record."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from bilateral.answer.dated import declared
from bilateral.api import open_base
from bilateral.cli.answering import _with_sources
from bilateral.render.footnotes import cited_ids
from bilateral.render.formats import Format
from bilateral.schema.wording import CITATION_FIELDS, full_citations
from tests.conftest import run
from tests.test_reliability import assert_kept, assert_sound, cached, minimal_copy, shipped_copy


def test_a_citation_reads_the_fields_its_source_document_holds() -> None:
    with open_base(use_cache=False) as base:
        every = base.sources_by_id()
        for rows in (list(base.officials()), list(base.areas()), base.show("Musharraf")):
            cited = cited_ids(row.document for row in rows)
            citations = base.query.citations(cited)
            assert citations.keys() == cited
            for source_id in cited:
                document = every[source_id]
                assert citations[source_id] == {
                    field: document[field] for field in CITATION_FIELDS if field in document
                }
                cite = {"source": source_id, "paragraph": 1, "sentence": 2}
                assert full_citations(cite, citations[source_id]) == full_citations(cite, document)
        assert base.query.citations(["no-such-source", "musharraf-pervez"]) == {}


def test_a_table_of_officials_reads_no_source_document_and_no_record_without_dated_names() -> None:
    with open_base(use_cache=False) as base:
        source_blocks = {
            rowid >> 4
            for (rowid,) in base.query.db.execute("SELECT rowid FROM records WHERE type = 'source'")
        }
        statements: list[str] = []
        base.query.db.set_trace_callback(statements.append)
        rows, cited = _with_sources(base, lambda b: b.officials(), Format.TABLE)
        base.query.db.set_trace_callback(None)
    assert rows
    assert cited
    read = [s for s in statements if "FROM packs WHERE block IN (" in s]
    blocks = {int(b) for s in read for b in s.split("IN (")[1].rstrip(")").split(", ")}
    assert blocks
    assert not blocks & source_blocks
    renamed = declared().renamed
    assert not any(f"type = '{kind}'" in s for s in statements for kind in renamed)
    assert not any("type IN (" in s and f"'{kind}'" in s for s in statements for kind in renamed)


def test_the_records_with_dated_names_are_those_a_reading_of_every_record_finds() -> None:
    with open_base(use_cache=False) as base:
        found = {
            document["id"]
            for kind in declared().renamed
            for document in base.documents(kind)
            if document.get("names")
        }
        assert found
        assert base.query.dated_names() == found


OFFICIALS = ["officials", "--format", "table"]


def _officials_cached(tmp_path: Path) -> tuple[Path, str, Path]:
    """A copy of the shipped base, its officials table read afresh, and its cache built."""
    base = shipped_copy(tmp_path)
    expected = run("--facts", str(base), "--no-cache", *OFFICIALS).stdout
    run("--facts", str(base), *OFFICIALS)
    return base, expected, cached(base)


def test_a_citation_changed_on_disk_is_never_shown(tmp_path: Path) -> None:
    """A byte of a stored citation changed, size unchanged: its checksum fails, and the
    store is built again (without the check, the footnote would name the publisher
    'Bentral Asia-Caucasus Analyst')."""
    base, expected, path = _officials_cached(tmp_path)
    with contextlib.closing(sqlite3.connect(path)) as db:
        (fields,) = db.execute(
            "SELECT fields FROM citations WHERE record = "
            "(SELECT rowid FROM records WHERE id = 'caci-2004-07-28')"
        ).fetchone()
    data = bytearray(path.read_bytes())
    assert data.count(fields) == 1
    data[data.index(fields) + fields.index(b"Central Asia")] ^= 0x01  # its publisher's name
    path.write_bytes(bytes(data))
    damaged = bytes(data)
    result = run("--facts", str(base), *OFFICIALS)
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
    assert_sound(path, damaged)
    assert_kept(path, base, OFFICIALS)


def test_the_records_with_dated_names_are_read_without_scanning_every_record(
    tmp_path: Path,
) -> None:
    """In a store with no record with dated names, the table is empty and has no
    statistics, and a join read every record's id (7 ms at 300,000 records)."""
    base = minimal_copy(tmp_path)
    with open_base(str(base), use_cache=False) as opened:
        db = opened.query.db
        statements: list[str] = []
        db.set_trace_callback(statements.append)
        assert opened.query.dated_names() == set()
        db.set_trace_callback(None)
        [statement] = statements
        plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {statement}")]
    assert plan
    assert not [step for step in plan if step.split()[:2] in (["SCAN", "r"], ["SCAN", "records"])]


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE citations SET fields = x'' WHERE record = {caci}",
        "UPDATE citations SET fields = x'00000000' WHERE record = {caci}",
        "DELETE FROM citations WHERE record = {caci}",
        "UPDATE citations SET fields = (SELECT fields FROM citations WHERE record = {other})"
        " WHERE record = {caci}",
        "UPDATE citations SET fields = 'text' WHERE record = {caci}",
    ],
    ids=["empty", "four zero bytes", "missing", "another source's", "text"],
)
def test_a_citation_row_gone_wrong_is_never_shown(tmp_path: Path, damage: str) -> None:
    """A row of `citations` emptied, missing, of another source or of another type: the
    store is built again, and the footnotes are those of the sources' documents."""
    base, expected, path = _officials_cached(tmp_path)
    with contextlib.closing(sqlite3.connect(path)) as db:
        [(caci,)] = db.execute("SELECT rowid FROM records WHERE id = 'caci-2004-07-28'")
        [(other,)] = db.execute(
            "SELECT c.record FROM citations c JOIN records r ON r.rowid = c.record"
            " WHERE r.id != 'caci-2004-07-28' LIMIT 1"
        )
        db.execute(damage.format(caci=caci, other=other))
        db.commit()
    result = run("--facts", str(base), *OFFICIALS)
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
