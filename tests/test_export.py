"""`bilateral export`: SQLite with its foreign keys and the CLI's answers, FollowTheMoney
entities the followthemoney package accepts, JSON valid against its committed schema,
and files written whole or not at all."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model, registry
from jsonschema import Draft202012Validator

import bilateral.cli.exporting  # noqa: F401  (registers `export` on the command group)
from bilateral import __version__
from bilateral.api import open_base
from bilateral.cli import exit_on_sigterm
from bilateral.export import database
from bilateral.export.contract import schema
from bilateral.export.database import create_sql
from bilateral.export.outputs import replacing
from bilateral.export.sqlite_tables import plan
from bilateral.kinds.common import DISPUTES, ID, NAME, NOTES, SOURCES
from bilateral.kinds.kind import Kind
from bilateral.kinds.registry import ALL, TOP_LEVEL
from bilateral.schema.fields import Field, Shape
from tests.conftest import MINIMAL, ROOT, SHIPPED, run

AS_OF = "2004-07-28"
LATER = "2026-01-01"
DOCS = ROOT / "docs" / "export.md"
SCHEMA = ROOT / "docs" / "export.schema.json"
Rows = list[tuple[Any, ...]]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped base as SQLite as of 2004-07-28 and of 2026-01-01 (compiled in memory)."""
    found = {}
    for date in (AS_OF, LATER):
        path = tmp_path_factory.mktemp("export") / "bilateral.db"
        result = run("--no-cache", "export", "--sqlite", str(path), "--as-of", date)
        assert result.exit_code == 0, result.stderr
        found[date] = path
    return found


def query(path: Path, sql: str) -> Rows:
    with closing(sqlite3.connect(path)) as db:
        return db.execute(sql).fetchall()


def cli_json(*args: str) -> Any:
    """The CLI's JSON answer: records, or [] when nothing matched (exit 1)."""
    result = run(*args, "--json")
    assert result.exit_code == 0 or (result.exit_code, result.stdout) == (1, "[]\n"), result.stderr
    return json.loads(result.stdout)


# SQLite ------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_database_passes_its_foreign_key_check(exported: dict[str, Path]) -> None:
    for path in exported.values():
        assert query(path, "PRAGMA foreign_key_check") == []
        assert query(path, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.slow
def test_references_are_declared_foreign_keys(exported: dict[str, Path]) -> None:
    path = exported[AS_OF]
    tables = [name for (name,) in query(path, "SELECT name FROM sqlite_master WHERE type='table'")]
    keys = {
        (t, row[3], row[2])
        for t in tables
        for row in query(path, f"PRAGMA foreign_key_list([{t}])")
    }
    assert {
        ("people", "country", "countries"),
        ("roles", "record_id", "people"),
        ("roles", "post", "posts"),
        ("roles", "organization", "records"),
        ("commitments", "area", "areas"),
        ("events_participants", "target_id", "records"),
        ("disputes_values", "parent_id", "disputes"),
        ("citations", "source_id", "sources"),
        ("citations", "record_id", "records"),
        ("citations", "notes_id", "notes"),
        ("notes", "roles_id", "roles"),
    } <= keys
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO citations (record_id, path, source_id, position) "
                "VALUES ('abiyev-safar', 'sources[9]', 'no-such-source', 9)"
            )


def test_every_kind_has_a_table_with_every_record(exported: dict[str, Path]) -> None:
    base = open_base(str(SHIPPED), as_of=AS_OF)
    every = set()
    for kind in ALL:
        documents = base.documents(kind.name)
        ids = [
            row[0]
            for row in query(exported[AS_OF], f"SELECT id FROM [{kind.table}] ORDER BY rowid")
        ]
        assert ids == [document["id"] for document in documents], kind.name
        every |= {(document["id"], kind.name) for document in documents}
    assert set(query(exported[AS_OF], "SELECT id, kind FROM records")) == every
    assert query(exported[AS_OF], "SELECT value FROM export_info WHERE key = 'as_of'") == [(AS_OF,)]


ROLES = (
    "SELECT p.id, r.title, r.status FROM people p JOIN roles r ON r.record_id = p.id "
    "ORDER BY p.rowid, r.position"
)


@pytest.mark.parametrize("date", [AS_OF, LATER])
def test_roles_and_their_status_are_the_clis(exported: dict[str, Path], date: str) -> None:
    people = cli_json("--as-of", date, "officials")
    expected = [(p["id"], r["title"], r["status"]) for p in people for r in p["roles"]]
    assert query(exported[date], ROLES) == expected
    current = cli_json("--as-of", date, "officials", "--country", "AZ", "--current")
    assert query(
        exported[date],
        "SELECT p.id, r.title FROM people p JOIN roles r ON r.record_id = p.id "
        "WHERE p.country = 'AZ' AND r.status = 'held' ORDER BY p.rowid, r.position",
    ) == [(p["id"], r["title"]) for p in current for r in p["roles"]]


def test_the_database_answers_as_the_cli_does(exported: dict[str, Path]) -> None:
    path = exported[AS_OF]
    exports = cli_json("--as-of", AS_OF, "trade", "--flow", "export")
    assert query(
        path, "SELECT id, value_low, value_high, value_currency FROM trade WHERE flow = 'export'"
    ) == [(t["id"], t["value"]["low"], t["value"]["high"], t["value"]["currency"]) for t in exports]
    in_2004 = cli_json("--as-of", AS_OF, "events", "--year", "2004")
    assert query(
        path,
        "SELECT id FROM events WHERE date IS NOT NULL AND CAST(substr(date, 1, 4) AS INTEGER) "
        '<= 2004 AND CAST(substr(coalesce("end", date), 1, 4) AS INTEGER) >= 2004 ORDER BY rowid',
    ) == [(event["id"],) for event in in_2004]
    signed = cli_json("--as-of", AS_OF, "areas", "--status", "signed")
    assert query(
        path,
        "SELECT id FROM areas WHERE id IN (SELECT area FROM commitments WHERE status = 'signed' "
        "AND standing = 'in-force') ORDER BY rowid",
    ) == [(area["id"],) for area in signed]
    sources = cli_json("--as-of", AS_OF, "sources")
    assert query(path, "SELECT id, publisher, url FROM sources ORDER BY rowid") == [
        (s["id"], s["publisher"], s["url"]) for s in sources
    ]


@pytest.mark.parametrize(
    ("date", "name"),
    [
        (AS_OF, "Organization of the Islamic Conference"),
        (LATER, "Organisation of Islamic Cooperation"),
    ],
)
def test_a_renamed_organization_has_its_name_at_the_date(
    exported: dict[str, Path], date: str, name: str
) -> None:
    [shown] = cli_json("--as-of", date, "show", "oic")
    assert shown["record"]["name"] == name
    assert query(exported[date], "SELECT name FROM organizations WHERE id = 'oic'") == [(name,)]
    names = "SELECT name, start, end FROM names WHERE record_id = 'oic' ORDER BY position"
    assert query(exported[date], names) == [
        ("Organization of the Islamic Conference", None, "2011-06-28"),
        ("Organisation of Islamic Cooperation", "2011-06-28", None),
    ]


def citations_in(value: Any, path: str = "") -> Iterator[tuple[str, str, Any, Any]]:
    """Every citation in a document, with its path, as the export names them."""
    for key, item in value.items() if isinstance(value, dict) else ():
        if key == "sources" and isinstance(item, list):
            for number, cite in enumerate(item):
                yield (
                    f"{path}sources[{number}]",
                    cite["source"],
                    cite["paragraph"],
                    cite["sentence"],
                )
        elif isinstance(item, list):
            for number, nested in enumerate(item):
                yield from citations_in(nested, f"{path}{key}[{number}].")


def test_every_citation_and_note_is_in_its_table(exported: dict[str, Path]) -> None:
    base = open_base(str(SHIPPED), as_of=AS_OF)
    cited, noted = [], []
    for kind in ALL:
        children = {child.field for child in kind.children}
        for document in base.documents(kind.name):
            own = {k: v for k, v in document.items() if k not in children}
            cited += [(document["id"], *cite) for cite in citations_in(own)]
            noted += [(document["id"], path, text) for path, text in _notes_in(own)]
    path = exported[AS_OF]
    rows = query(path, "SELECT record_id, path, source_id, paragraph, sentence FROM citations")
    assert sorted(rows, key=repr) == sorted(cited, key=repr)
    assert len(rows) > 200
    assert sorted(query(path, "SELECT record_id, path, text FROM notes")) == sorted(noted)
    assert query(
        path,
        "SELECT n.path, c.path FROM citations c JOIN notes n ON n.id = c.notes_id "
        "JOIN roles r ON r.id = n.roles_id WHERE c.record_id = 'musharraf-pervez'",
    ) == [
        ("roles[0].notes[0]", "roles[0].notes[0].sources[0]"),
        ("roles[0].notes[0]", "roles[0].notes[0].sources[1]"),
        ("roles[0].notes[0]", "roles[0].notes[0].sources[2]"),
    ]


def _notes_in(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    for key, item in value.items() if isinstance(value, dict) else ():
        for number, nested in enumerate(item) if isinstance(item, list) else ():
            if key == "notes":
                yield f"{path}notes[{number}]", nested["text"]
            yield from _notes_in(nested, f"{path}{key}[{number}].")


def test_text_columns_are_searchable(exported: dict[str, Path]) -> None:
    path = exported[AS_OF]
    assert query(
        path, "SELECT id FROM people WHERE rowid IN "
        "(SELECT rowid FROM people_fts WHERE people_fts MATCH 'musharraf')",
    ) == [("musharraf-pervez",)]  # fmt: skip
    assert query(
        path, "SELECT record_id, path FROM notes WHERE id IN "
        "(SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'renamed')",
    ) == [
        ("executive-secretary-cis", "notes[0]"),
        ("oic", "notes[0]"),
        ("national-bank-az", "notes[1]"),
    ]  # fmt: skip


def test_datasette_metadata_describes_every_table_and_column(exported: dict[str, Path]) -> None:
    path = exported[AS_OF]
    metadata = json.loads((path.parent / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["title"] == "Azerbaijan-Pakistan relations, 1991 to early 2026"
    assert metadata["license"] == "see sources; facts written by the curators"
    assert "license_url" not in metadata
    assert "curators" in metadata["source"]
    described = metadata["databases"]["bilateral"]["tables"]
    names = [n for (n,) in query(path, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    tables = [name for name in names if "_fts" not in name]
    assert sorted(described) == sorted(tables)
    for table in tables:
        columns = [row[1] for row in query(path, f"PRAGMA table_info([{table}])")]
        assert list(described[table]["columns"]) == columns, table
        assert all(described[table]["columns"].values()), table
    assert described["people"]["fts_table"] == "people_fts"
    assert described["records"]["label_column"] == "label"
    assert described["roles"]["columns"]["status"] == (
        "held, ended, not-started or unknown at as_of, worked out from the dates"
    )
    assert described["sources_sentences"]["columns"]["value"] == (
        "sentences in each paragraph of a held text"
    )


ARTICLE = Shape((Field("title", "text", required=True), Field("keywords", "texts"), NOTES, SOURCES))
TREATY = Kind(
    name="treaty",
    table="treaties",
    noun="treaty",
    plural="treaties",
    shape=Shape(
        (
            ID,
            NAME,
            Field("signed", "date"),
            Field("parties", "refs", targets=("country",)),
            Field("depositary", "ref", targets=("organization",)),
            Field("articles", "records", shape=ARTICLE),
            NOTES,
            DISPUTES,
            SOURCES,
        )
    ),
    label=lambda document: str(document["name"]),
    text=lambda document, _lookup: str(document["name"]),
)


def test_a_new_kind_gets_its_tables_and_schema_from_its_declaration() -> None:
    layout = plan((*TOP_LEVEL, TREATY))
    treaties = layout.tables["treaties"]
    assert [(c.name, c.affinity, c.references) for c in treaties.columns] == [
        ("id", "TEXT", ""),
        ("name", "TEXT", ""),
        ("signed", "TEXT", ""),
        ("depositary", "TEXT", "organizations"),
    ]
    assert [(c.name, c.references) for c in layout.tables["treaties_parties"].columns] == [
        ("record_id", "treaties"),
        ("position", ""),
        ("target_id", "countries"),
    ]
    assert layout.tables["disputes"].columns[1].references == "records"
    with closing(sqlite3.connect(":memory:")) as db:
        for table in layout.tables.values():
            db.execute(create_sql(table))
    document_schema = schema((*TOP_LEVEL, TREATY))
    assert "treaty" in document_schema["properties"]["records"]["required"]
    assert list(document_schema["$defs"]["treaty"]["properties"]) == [
        *(f.name for f in TREATY.shape.fields),
        "as_of",
    ]


def test_a_new_kinds_nested_records_are_written_with_their_keys() -> None:
    layout = plan((*TOP_LEVEL, TREATY))
    rows = database.Rows(layout)
    cite = {"source": "s1", "paragraph": None, "sentence": None}
    rows.rows["records"] += [
        {"id": "s1", "kind": "source"},
        {"id": "AZ", "kind": "country"},
        {"id": "t1", "kind": "treaty"},
    ]
    rows.record(layout.tables["sources"], {"id": "s1", "publisher": "P", "sentences": None})
    rows.record(layout.tables["countries"], {"id": "AZ", "name": "Azerbaijan", "sources": [cite]})
    article = {"title": "One", "keywords": ["trade", "transit"], "sources": [cite]}
    article["notes"] = [{"text": "A note.", "sources": [cite]}]
    treaty = {"id": "t1", "name": "A treaty", "parties": ["AZ"], "articles": [article]}
    rows.record(layout.tables["treaties"], treaty | {"notes": [], "sources": [cite]})
    with closing(sqlite3.connect(":memory:")) as db:
        database.write(db, layout, rows, {"title": "t"})
        assert db.execute("SELECT * FROM articles_keywords").fetchall() == [
            ("t1", 1, 0, "trade"),
            ("t1", 1, 1, "transit"),
        ]
        assert db.execute("SELECT record_id, path, articles_id FROM notes").fetchall() == [
            ("t1", "articles[0].notes[0]", 1)
        ]
        assert db.execute(
            "SELECT record_id, path, notes_id, articles_id FROM citations ORDER BY id"
        ).fetchall() == [
            ("AZ", "sources[0]", None, None),
            ("t1", "articles[0].notes[0].sources[0]", 1, None),
            ("t1", "articles[0].sources[0]", None, 1),
            ("t1", "sources[0]", None, None),
        ]
        keys = db.execute("PRAGMA foreign_key_list(articles_keywords)").fetchall()
        assert sorted((row[3], row[2]) for row in keys) == [
            ("parent_id", "articles"),
            ("record_id", "treaties"),
        ]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


# JSON --------------------------------------------------------------------------------


def test_the_committed_schema_is_the_one_the_declarations_make() -> None:
    result = run("export", "--schema")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == SCHEMA.read_text(encoding="utf-8")
    Draft202012Validator.check_schema(json.loads(result.stdout))


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [("--as-of", AS_OF), ("--as-of", LATER), ("--facts", str(MINIMAL), "--as-of", AS_OF)]
)
def test_the_json_export_is_valid_against_the_committed_schema(args: tuple[str, ...]) -> None:
    result = run(*args, "export", "--format", "json")
    assert result.exit_code == 0, result.stderr
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert [error.message for error in validator.iter_errors(json.loads(result.stdout))] == []


def test_the_json_export_holds_every_record_as_its_listing_prints_it() -> None:
    result = run("--as-of", AS_OF, "export", "--format", "json")
    document = json.loads(result.stdout)
    assert {key: document[key] for key in ("title", "as_of", "pair", "generated_by")} == {
        "title": "Azerbaijan-Pakistan relations, 1991 to early 2026",
        "as_of": AS_OF,
        "pair": "AZ-PK",
        "generated_by": f"bilateral {__version__}",
    }
    base = open_base(str(SHIPPED), as_of=AS_OF)
    assert list(document["records"]) == [kind.name for kind in TOP_LEVEL]
    for kind in TOP_LEVEL:
        assert document["records"][kind.name] == base.documents(kind.name), kind.name
    assert result.stdout.count("\n") == 2 + 2 * len(TOP_LEVEL) + sum(
        len(records) for records in document["records"].values()
    )


def test_the_schema_refuses_what_it_does_not_describe() -> None:
    result = run("--facts", str(MINIMAL), "--as-of", AS_OF, "export", "--format", "json")
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    person = json.loads(result.stdout)["records"]["person"][0]
    changes = [
        (person | {"rank": 1}, "Additional properties are not allowed ('rank' was unexpected)"),
        ({k: v for k, v in person.items() if k != "as_of"}, "'as_of' is a required property"),
        (
            person | {"roles": [person["roles"][0] | {"status": "retired"}]},
            "'retired' is not one of ['held', 'ended', 'not-started', 'unknown']",
        ),
        (
            person | {"born": "28 July 1950"},
            "'28 July 1950' is not valid under any of the given schemas",
        ),
    ]
    for changed, message in changes:
        document = json.loads(result.stdout)
        document["records"]["person"] = [changed]
        assert [error.message for error in validator.iter_errors(document)] == [message]


# FollowTheMoney ----------------------------------------------------------------------


def ftm(*args: str) -> list[dict[str, Any]]:
    result = run(*args, "export", "--format", "ftm")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.slow
@pytest.mark.parametrize("date", [AS_OF, LATER])
def test_followthemoney_accepts_every_entity(date: str) -> None:
    entities = ftm("--as-of", date)
    by_id = {entity["id"]: entity for entity in entities}
    assert len(by_id) == len(entities)
    for entity in entities:
        schema_of = model.get(entity["schema"])
        assert schema_of is not None, entity["schema"]
        assert not schema_of.abstract, entity["schema"]
        assert set(entity["properties"]) <= set(schema_of.properties), entity["id"]
        assert set(schema_of.required) <= set(entity["properties"]), entity["id"]
        schema_of.validate({"properties": entity["properties"]})
        proxy = model.get_proxy(entity, cleaned=False)
        cleaned = proxy.to_dict()["properties"]
        assert {k: sorted(v) for k, v in cleaned.items()} == {
            k: sorted(v) for k, v in entity["properties"].items()
        }, entity["id"]
        for prop in proxy.iterprops():
            if prop.type == registry.entity:
                for target in proxy.get(prop):
                    target_schema = model.get(by_id[target]["schema"])
                    assert target_schema is not None
                    assert target_schema.is_a(prop.range)
    assert Counter(entity["schema"] for entity in entities) == {
        "Person": 83,
        "Occupancy": 101,
        "Position": 36,
        "Event": 155,
        "Organization": 16,
        "PublicBody": 32,
        "Membership": 7,
        "UnknownLink": 15,
    }


@pytest.mark.parametrize(("date", "status"), [(AS_OF, "current"), (LATER, "ended")])
def test_an_occupancy_has_its_status_at_the_date(date: str, status: str) -> None:
    [held] = [e for e in ftm("--as-of", date) if e["id"] == "bilateral-musharraf-pervez.role-1"]
    assert held["properties"]["status"] == [status]
    assert held["properties"]["post"] == ["bilateral-president-of-pakistan"]
    assert held["properties"]["startDate"] == ["2001-06-20"]


def test_the_minimal_base_as_followthemoney() -> None:
    sourced = {"publisher": ["Test Publisher"]}
    assert ftm("--facts", str(MINIMAL), "--as-of", AS_OF) == [
        {"id": "bilateral-az", "schema": "PublicBody", "properties": {
            "name": ["Azerbaijan"], "country": ["az"], "jurisdiction": ["az"],
            "classification": ["state"], **sourced,
            "notes": ["Sources: Test Publisher, 2004-07-28, ¶1.1 (article)"]}},
        {"id": "bilateral-pk", "schema": "PublicBody", "properties": {
            "name": ["Pakistan"], "country": ["pk"], "jurisdiction": ["pk"],
            "classification": ["state"], **sourced,
            "notes": ["Sources: Test Publisher, 2004-07-28, ¶1.2 (article)"]}},
        {"id": "bilateral-oic", "schema": "Organization", "properties": {
            "name": ["Organization of the Islamic Conference"], "alias": ["OIC"],
            "classification": ["intergovernmental"], **sourced,
            "notes": ["Sources: Test Publisher, 2004-07-28, ¶2.1 (article)"]}},
        {"id": "bilateral-abiyev-safar", "schema": "Person", "properties": {
            "name": ["Safar Abiyev"], "alias": ["Səfər Əbiyev"], "nationality": ["az"],
            "country": ["az"], "position": ["Minister of Defence"], **sourced,
            "notes": ["Sources: Test Publisher, 2004-07-28, ¶1.1 (article)"]}},
        {"id": "bilateral-az.minister-of-defence", "schema": "Position", "properties": {
            "name": ["Minister of Defence"], "country": ["az"],
            "publisher": ["Background Reference"]}},
        {"id": "bilateral-abiyev-safar.role-1", "schema": "Occupancy", "properties": {
            "holder": ["bilateral-abiyev-safar"], "post": ["bilateral-az.minister-of-defence"],
            "startDate": ["1995-02-06"], "endDate": ["2013-10-28"], "status": ["current"],
            "publisher": ["Background Reference"],
            "description": ["Minister of Defence", "Sources: Background Reference (background)"]}},
        {"id": "bilateral-visit-baku-2004", "schema": "Event", "properties": {
            "name": ["Pakistan's visit to Baku, 8 July 2004"], "summary": ["A visit to Baku."],
            "date": ["2004-07-08"], "endDate": ["2004-07-10"], "location": ["Baku, Azerbaijan"],
            "country": ["pk", "az"], "involved": ["bilateral-pk", "bilateral-az"],
            "keywords": ["visit"], **sourced,
            "notes": ["Sources: Test Publisher, 2004-07-28, ¶2.1 (article)"]}},
        {"id": "bilateral-pk-az-ties", "schema": "UnknownLink", "properties": {
            "subject": ["bilateral-pk"], "object": ["bilateral-az"], "role": ["ties"],
            "summary": ["Shared ties."], **sourced,
            "description": ["Sources: Test Publisher, 2004-07-28, ¶1.2 (article)"]}},
    ]  # fmt: skip


@pytest.mark.parametrize(("date", "name"), [
    (AS_OF, "Organization of the Islamic Conference"),
    (LATER, "Organisation of Islamic Cooperation"),
])  # fmt: skip
def test_a_membership_is_a_followthemoney_membership(date: str, name: str) -> None:
    entities = {entity["id"]: entity for entity in ftm("--as-of", date)}
    membership = entities["bilateral-pk-oic-membership"]
    assert membership["schema"] == "Membership"
    assert membership["properties"]["member"] == ["bilateral-pk"]
    assert membership["properties"]["organization"] == ["bilateral-oic"]
    assert entities["bilateral-pk"]["schema"] == "PublicBody"
    assert entities["bilateral-oic"]["properties"]["name"] == [name]


def test_events_are_named_by_short_titles() -> None:
    names = {
        e["id"]: e["properties"]["name"] for e in ftm("--as-of", AS_OF) if e["schema"] == "Event"
    }
    assert names["bilateral-musharraf-visit-baku-2004"] == [
        "Pervez Musharraf's visit to Baku, 8 July 2004"
    ]
    assert names["bilateral-turkey-recognizes-azerbaijan-1991"] == [
        "Turkey's recognition of Azerbaijan, 9 November 1991"
    ]
    assert names["bilateral-russian-delegations-baku-2004"] == [
        "Visit to Baku by Yuri Luzhkov and others, June 2004"
    ]
    assert all(len(name[0]) <= 80 for name in names.values())


# Files: whole or nothing ---------------------------------------------------------------


def export_into(directory: Path, *args: str) -> tuple[int, str, str]:
    result = run("--facts", str(MINIMAL), "--as-of", AS_OF, "export", *args)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_an_export_is_written_with_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "base.db"
    code, out, err = export_into(tmp_path, "--sqlite", str(path), "--pair", "pk-az")
    assert (code, err) == (0, "")
    assert out == (
        f"wrote {path}: 14 records of 13 kinds, and {tmp_path}/metadata.json for Datasette\n"
        f"serve it with: datasette {path} --metadata {tmp_path}/metadata.json\n"
    )
    assert sorted(os.listdir(tmp_path)) == ["base.db", "metadata.json"]
    assert query(path, "SELECT value FROM export_info WHERE key = 'pair'") == [("AZ-PK",)]
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert list(metadata["databases"]) == ["base"]


def test_an_existing_file_is_replaced_only_with_force(tmp_path: Path) -> None:
    path = tmp_path / "base.db"
    path.write_bytes(b"keep")
    code, _out, err = export_into(tmp_path, "--sqlite", str(path))
    assert (code, err) == (2, f"bilateral: {path} exists; give --force to replace it\n")
    assert path.read_bytes() == b"keep"
    assert os.listdir(tmp_path) == ["base.db"]
    code, _out, err = export_into(tmp_path, "--sqlite", str(path), "--force")
    assert (code, err) == (0, "")
    assert path.read_bytes().startswith(b"SQLite format 3\x00")


def test_a_metadata_file_beside_it_is_kept_too(tmp_path: Path) -> None:
    (tmp_path / "metadata.json").write_text("{}", encoding="utf-8")
    code, _out, err = export_into(tmp_path, "--sqlite", str(tmp_path / "base.db"))
    assert (code, err) == (
        2,
        f"bilateral: {tmp_path}/metadata.json exists; give --force to replace it\n",
    )
    assert os.listdir(tmp_path) == ["metadata.json"]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "missing/base.db",
            "cannot write {t}: {d}/missing does not exist; create the directory first",
        ),
        (
            "file.txt/base.db",
            "cannot write {t}: {d}/file.txt is not a directory; create the directory first",
        ),
        (".", "{t} is a directory; give a file name in it, such as {t}/{example}"),
    ],
)
def test_a_path_that_cannot_be_used_is_one_line_and_leaves_nothing(
    tmp_path: Path, target: str, message: str
) -> None:
    (tmp_path / "file.txt").write_text("a file", encoding="utf-8")
    path = tmp_path / target if target != "." else tmp_path
    for option, example in (
        (("--sqlite", str(path)), "bilateral.db"),
        (("--format", "json", "--output", str(path)), "bilateral.json"),
        (("--format", "ftm", "--output", str(path)), "bilateral.ftm.json"),
    ):
        code, out, err = export_into(tmp_path, *option)
        assert (code, out) == (2, "")
        expected = message.format(t=path, d=tmp_path, example=example)
        assert err == f"bilateral: {expected}\n"
        assert os.listdir(tmp_path) == ["file.txt"]


def test_the_fact_base_itself_is_never_overwritten(tmp_path: Path) -> None:
    facts = tmp_path / "facts.toml"
    facts.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("--facts", str(facts), "export", "--format", "json", "-o", str(facts), "--force")
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"bilateral: {facts} is the fact base being exported; choose another file\n"
    )
    assert facts.read_text(encoding="utf-8") == MINIMAL.read_text(encoding="utf-8")


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(database, "write", full)
    path = tmp_path / "base.db"
    code, _out, err = export_into(tmp_path, "--sqlite", str(path))
    assert (code, err) == (3, f"bilateral: cannot write {path} (database or disk is full)\n")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("stop", [KeyboardInterrupt, signal.SIGTERM])
def test_an_interrupted_write_leaves_nothing(tmp_path: Path, stop: object) -> None:
    """SIGTERM as the command line handles it (library code sets no handler)."""
    before = signal.getsignal(signal.SIGTERM)
    exit_on_sigterm()
    stopping = pytest.raises((KeyboardInterrupt, SystemExit))
    try:
        interrupted(tmp_path, stop, stopping)
    finally:
        signal.signal(signal.SIGTERM, before)


def interrupted(tmp_path: Path, stop: object, stopping: Any) -> None:
    with stopping as stopped, replacing([str(tmp_path / "base.db")]) as [temporary]:
        Path(temporary).write_text("half", encoding="utf-8")
        assert os.listdir(tmp_path) == [os.path.basename(temporary)]
        if stop is KeyboardInterrupt:
            raise KeyboardInterrupt
        signal.raise_signal(signal.SIGTERM)
    if stop is signal.SIGTERM:
        assert stopped.value.args == (143,)
    assert os.listdir(tmp_path) == []


def test_an_unknown_pair_writes_nothing(tmp_path: Path) -> None:
    code, _out, err = export_into(tmp_path, "--sqlite", str(tmp_path / "b.db"), "--pair", "AZ-TR")
    assert (code, err) == (
        2,
        "bilateral: no pair 'AZ-TR' in this fact base; the pairs are: AZ-PK\n",
    )
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give --sqlite PATH, --format json or --format ftm"),
        (
            ("--sqlite", "a.db", "--format", "json"),
            "--sqlite writes a database; --format writes text; give one",
        ),
        (
            ("--format", "ftm", "--force"),
            "--force replaces a file; give it with --sqlite or --output",
        ),
        (
            ("--schema", "--format", "json"),
            "--schema prints the JSON Schema alone; give it by itself",
        ),
        (("--format", "csv"), "'csv' is not one of 'json', 'ftm'"),
    ],
)
def test_usage_errors(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    code, out, err = export_into(tmp_path, *args)
    assert (code, out) == (2, "")
    assert message in err.splitlines()[-1]
    assert os.listdir(tmp_path) == []


def test_output_writes_the_file_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "base.json"
    code, out, err = export_into(tmp_path, "--format", "json", "-o", str(path))
    assert (code, out, err) == (0, f"wrote {path}: 13 records\n", "")
    printed = run("--facts", str(MINIMAL), "--as-of", AS_OF, "export", "--format", "json")
    assert path.read_text(encoding="utf-8") == printed.stdout
    code, out, err = export_into(tmp_path, "--format", "ftm", "-o", str(tmp_path / "base.ftm"))
    assert (code, out, err) == (0, f"wrote {tmp_path / 'base.ftm'}: 8 entities\n", "")


def test_answering_does_not_load_the_exports(tmp_path: Path) -> None:
    program = (
        "import sys\n"
        "from bilateral.cli import main\n"
        "try:\n"
        "    main(['trade', '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in sys.modules if m.startswith(('bilateral.export', 'followthemoney', "
        "'jsonschema'))]\n"
        "print(loaded, file=sys.stderr)\n"
    )
    env = os.environ | {"BILATERAL_FACTS": str(MINIMAL), "BILATERAL_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=False
    )
    assert done.stderr.splitlines()[-1] == "[]"
    assert '"trade-2003-az-export"' in done.stdout


# docs/export.md ------------------------------------------------------------------------


CONSOLE = re.compile(r"```console\n\$ (?P<command>.+?)\n(?P<output>.*?)```", re.S)


@pytest.mark.slow
def test_the_export_docs_examples_are_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each console example of docs/export.md, in order, in an empty directory."""
    text = DOCS.read_text(encoding="utf-8")
    examples = CONSOLE.findall(text)
    assert len(examples) >= 8
    monkeypatch.chdir(tmp_path)
    for command, expected in examples:
        program, *args = shlex.split(command)
        if program == "sqlite3":
            rows = query(tmp_path / args[0], args[1])
            actual = "".join(
                "|".join("" if v is None else str(v) for v in row) + "\n" for row in rows
            )
        else:
            assert program == "bilateral"
            result = run(*args)
            actual = result.stdout if result.exit_code == 0 else result.stderr
        assert actual == expected, command
    [python] = re.findall(r"```python\n(.*?)```", text, re.S)
    (tmp_path / "python").mkdir()
    monkeypatch.chdir(tmp_path / "python")
    exec(compile(python, str(DOCS), "exec"), {})
    assert sorted(os.listdir(tmp_path / "python")) == ["bilateral.db", "metadata.json"]
    ftm_part = text.split("## FollowTheMoney")[1].split("## JSON")[0]
    shown = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", ftm_part, re.S)]
    exported = {e["id"]: e for e in map(json.loads, (tmp_path / "bilateral.ftm.json").open())}
    assert shown
    assert all(exported[entity["id"]] == entity for entity in shown)
