"""A kind is declared once: a made-up kind, its declaration and one entry in the registry
in a scratch copy of the package, shows everywhere a kind of record shows, with no other
module touched."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT

GRANTS = '''"""Grants: money one side of a pair gives the other (made up for a test)."""

from __future__ import annotations

from collections.abc import Iterator

from bilateral.kinds.common import (
    END, ID, NOTES, PAIR, SOURCES, START, check_span, date_order, names_of,
)
from bilateral.kinds.kind import Cells, Kind, Listing
from bilateral.schema.checker import Document
from bilateral.schema.fields import Field, Shape


def _rows(grant: Document) -> Iterator[Cells]:
    yield {
        "id": grant["id"],
        "name": grant["name"],
        "start": grant["start"],
        "end": grant["end"],
        "by": grant["by_names"],
        "sources": grant["sources"],
    }


GRANT = Kind(
    name="grant",
    table="grants",
    noun="grant",
    plural="grants",
    status="status",
    shape=Shape(
        (
            ID,
            PAIR,
            Field("name", "text", required=True),
            START,
            END,
            Field("by", "refs", required=True, targets=("person",)),
            names_of("by", "by_names"),
            NOTES,
            SOURCES,
        ),
        check=check_span(),
    ),
    label=lambda grant: grant["name"],
    text=lambda grant, lookup: " ".join((grant["name"], lookup.words_for(grant["by"]))),
    names=lambda grant: [grant["name"]],
    mentions=lambda grant: list(grant["by"]),
    sort=lambda grant, position: date_order(grant["start"], position),
    listing=Listing(
        "grants",
        ("id", "name", "start", "end", "by", "sources", "disputed", "as_of"),
        ("id", "name", "start", "by"),
        _rows,
    ),
)
'''

RECORD = """
[[grants]]
id = "zanzibar-grant"
name = "Zanzibar reconstruction grant"
start = "2004-07-01"
end = "2004-12-31"
by = ["abiyev-safar"]
sources = [{ source = "article", paragraph = 1, sentence = 2 }]
"""

LISTING = """
import sys
import bilateral.api as bilateral
from bilateral.render.formats import Format, emit

base = bilateral.open_base(sys.argv[1], as_of="2004-08-01")
for fmt in (Format.JSON, Format.TSV, Format.CSV):
    emit(base.records("grant"), "grant", fmt, sys.stdout, False)
"""


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package with the grant kind declared and registered, and a base
    holding one grant."""
    root = tmp_path_factory.mktemp("new-kind")
    package = root / "bilateral"
    shutil.copytree(ROOT / "bilateral", package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "kinds" / "grants.py").write_text(GRANTS, encoding="utf-8")
    registry = package / "kinds" / "registry.py"
    text = registry.read_text(encoding="utf-8")
    text = text.replace(
        "from bilateral.kinds.events import EVENT\n",
        "from bilateral.kinds.events import EVENT\nfrom bilateral.kinds.grants import GRANT\n",
    )
    assert "    ASSESSMENT,\n)" in text
    text = text.replace("    ASSESSMENT,\n)", "    ASSESSMENT,\n    GRANT,\n)")
    registry.write_text(text, encoding="utf-8")
    (root / "facts.toml").write_text(MINIMAL.read_text(encoding="utf-8") + RECORD, encoding="utf-8")
    return root


def _run(scratch: Path, *args: str) -> str:
    environment = dict(
        os.environ, PYTHONPATH=str(scratch), BILATERAL_CACHE_DIR=str(scratch / "cache")
    )
    done = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=scratch,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _cli(scratch: Path, *args: str) -> str:
    facts = str(scratch / "facts.toml")
    return _run(scratch, "-m", "bilateral", "--facts", facts, "--as-of", "2004-08-01", *args)


@pytest.mark.slow
def test_the_new_kind_is_checked_and_counted(scratch: Path) -> None:
    assert "1 grant" in _cli(scratch, "check", str(scratch / "facts.toml"))
    assert "1 grants" in " ".join(_cli(scratch).split())


@pytest.mark.slow
def test_new_adds_it_and_says_so_in_its_help(scratch: Path) -> None:
    assert "assessment, grant; and, inside" in " ".join(_cli(scratch, "new", "--help").split())
    added = _cli(scratch, "new", "grant", "--id", "second-grant", "--name", "Second grant",
                 "--field", "by=abiyev-safar", "--cite", "article:1:2", "--dry-run")  # fmt: skip
    assert '[[grants]]\nid = "second-grant"' in added


@pytest.mark.slow
def test_show_and_search_find_it(scratch: Path) -> None:
    [match] = json.loads(_cli(scratch, "show", "--json", "Zanzibar reconstruction grant"))
    assert match["kind"] == "grant"
    assert match["record"]["by_names"] == ["Safar Abiyev"]
    assert match["record"]["status"] == "in-force"  # as of 2004-08-01, from its dates
    hits = json.loads(_cli(scratch, "search", "--json", "zanzibar reconstruction"))
    assert hits[0]["id"] == "zanzibar-grant"


def test_its_listing_in_json_tsv_and_csv(scratch: Path) -> None:
    program = scratch / "listing.py"
    program.write_text(LISTING, encoding="utf-8")
    out = _run(scratch, str(program), str(scratch / "facts.toml"))
    assert '"id":"zanzibar-grant"' in out
    assert "zanzibar-grant\tZanzibar reconstruction grant\t2004-07-01\t2004-12-31" in out
    assert "id,name,start,end,by,sources,disputed,as_of\n" in out
    assert "zanzibar-grant,Zanzibar reconstruction grant,2004-07-01,2004-12-31" in out


@pytest.mark.slow
def test_every_export_holds_it(scratch: Path) -> None:
    database = scratch / "base.db"
    _cli(scratch, "export", "--sqlite", str(database))
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT name FROM grants").fetchall() == [
            ("Zanzibar reconstruction grant",)
        ]
    whole = json.loads(_cli(scratch, "export", "--format", "json", "-o", "-"))
    assert [g["id"] for g in whole["records"]["grant"]] == ["zanzibar-grant"]
    # FollowTheMoney has no schema a grant fits: the export leaves it out (docs/export.md)
    entities = [
        json.loads(line) for line in _cli(scratch, "export", "--format", "ftm").splitlines()
    ]
    assert entities
    assert "zanzibar-grant" not in json.dumps(entities)


@pytest.mark.slow
def test_the_brief_the_graph_and_changes_name_it(scratch: Path) -> None:
    assert "Zanzibar reconstruction grant" in _cli(scratch, "brief")
    for fmt in ("dot", "mermaid", "tree"):
        assert "Zanzibar reconstruction grant" in _cli(
            scratch, "graph", "--all", "--format", fmt
        ), fmt
    changes = json.loads(_cli(scratch, "changes", "--from", "2004-06-01", "--json"))
    assert "zanzibar-grant" in {change["id"] for change in changes}
