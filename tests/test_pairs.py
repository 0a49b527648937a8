"""Several pairs in one base (issue 25): a listing never refuses for want of --pair, an
answer for every pair carries the pair in every format, every command respects --pair,
and each pair has its own title and date of writing.

The fixture, tests/data/pairs, is the minimal base (az-pk.toml, the head: its title, date
and `pair = "AZ-PK"` are the base's) beside az-tr.toml, a file that declares its own pair,
title and date, whose records name no pair.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from bilateral.api import open_base
from tests.conftest import run

PAIRS = Path(__file__).resolve().parent / "data" / "pairs"
AS_OF = "2010-05-01"
DEFAULT_NOTE = "bilateral: answered for AZ-PK, the base's default pair; --pair all for every pair\n"


def ask(*args: str, facts: Path = PAIRS) -> tuple[int, str, str]:
    result = run("--facts", str(facts), "--as-of", AS_OF, *args)
    return result.exit_code, result.stdout, result.stderr


LISTINGS = [
    ("areas", "military", "energy-tr"),
    ("areas --commitments", "military-agreements", "gas-deal-tr"),
    ("trade", "trade-2003-az-export", "trade-2009-az-tr-export"),
    ("events", "visit-baku-2004", "visit-ankara-2010"),
    ("assessments", "pk-good-ally", "tr-brother"),
]


@pytest.mark.parametrize(("command", "az_pk", "az_tr"), LISTINGS)
def test_without_pair_a_listing_answers_for_the_default_pair_and_says_so(
    command: str, az_pk: str, az_tr: str
) -> None:
    code, out, err = ask(*command.split(), "--format", "tsv")
    assert (code, err) == (0, DEFAULT_NOTE)
    assert f"{az_pk}\t" in out
    assert az_tr not in out


@pytest.mark.parametrize(("command", "az_pk", "az_tr"), LISTINGS)
def test_a_pair_given_in_either_order_answers_for_it_without_a_note(
    command: str, az_pk: str, az_tr: str
) -> None:
    code, out, err = ask(*command.split(), "--pair", "tr-az", "--format", "json")
    assert (code, err) == (0, "")
    ids = [document["id"] for document in json.loads(out)]
    if command.endswith("--commitments"):
        ids = [c["id"] for document in json.loads(out) for c in document["commitments"]]
    assert az_tr in ids
    assert az_pk not in ids


@pytest.mark.parametrize(("command", "az_pk", "az_tr"), LISTINGS)
def test_pair_all_carries_the_pair_in_tsv_csv_and_table(
    command: str, az_pk: str, az_tr: str
) -> None:
    _code, tsv, _err = ask(*command.split(), "--pair", "all", "--format", "tsv")
    lines = tsv.splitlines()
    assert any(line.startswith("AZ-PK\t") and f"\t{az_pk}\t" in line for line in lines)
    assert any(line.startswith("AZ-TR\t") and f"\t{az_tr}\t" in line for line in lines)
    _code, csv, _err = ask(*command.split(), "--pair", "all", "--format", "csv")
    assert csv.splitlines()[0].startswith("pair,")
    assert any(line.startswith("AZ-TR,") and f",{az_tr}," in line for line in csv.splitlines())
    _code, table, _err = ask(*command.split(), "--pair", "all", "--format", "table")
    assert table.splitlines()[1].startswith("Pair")
    assert any(line.startswith("AZ-TR") and az_tr in line for line in table.splitlines())


def test_pair_all_in_json_carries_the_pair_of_each_record() -> None:
    _code, out, _err = ask("events", "--pair", "all", "--format", "json")
    assert {(e["id"], e["pair"]) for e in json.loads(out)} == {
        ("visit-baku-2004", "AZ-PK"),
        ("visit-ankara-2010", "AZ-TR"),
    }


def test_search_hits_carry_their_pair() -> None:
    _code, out, _err = ask("search", "visit", "--format", "json")
    assert {(hit["id"], hit["pair"]) for hit in json.loads(out)} >= {
        ("visit-baku-2004", "AZ-PK"),
        ("visit-ankara-2010", "AZ-TR"),
    }
    _code, tsv, _err = ask("search", "visit", "--format", "tsv")
    assert any(line.startswith("AZ-TR\t") for line in tsv.splitlines())
    _code, out, _err = ask("search", "visit", "--pair", "AZ-TR", "--format", "json")
    assert [hit["id"] for hit in json.loads(out)] == ["visit-ankara-2010"]


def test_officials_take_the_pair_countries_and_a_post_of_another_pair() -> None:
    code, out, _err = ask("officials", "--pair", "AZ-TR", "--format", "json")
    assert code == 0
    assert {person["id"] for person in json.loads(out)} == {"abiyev-safar", "gul-abdullah"}
    code, out, _err = ask("officials", "--country", "TR", "--format", "tsv")
    assert code == 1  # the default pair, AZ-PK, has no Turkish official


def test_graph_for_a_pair_draws_only_its_people_and_ties() -> None:
    code, out, _err = ask("graph", "--pair", "AZ-TR", "--format", "mermaid")
    assert code == 0
    assert "Abdullah Gul" in out
    assert "Pakistan" not in out
    assert "Baku" not in out


def test_brief_and_export_of_a_pair_carry_its_own_title_and_date(tmp_path: Path) -> None:
    code, out, _err = ask("brief", "--pair", "AZ-TR", "--format", "markdown")
    assert code == 0
    assert "Azerbaijan and Turkey" in out.splitlines()[0]
    assert "from the fact base \u201cAzerbaijan-Turkey relations, 2010\u201d" in out
    code, out, _err = ask("brief", "--format", "markdown")
    assert "from the fact base \u201cAzerbaijan-Pakistan relations, mid-2004\u201d" in out
    code, out, _err = ask("export", "--format", "json", "--pair", "AZ-TR")
    header = json.loads(out)
    assert (header["title"], header["pair"]) == ("Azerbaijan-Turkey relations, 2010", "AZ-TR")
    database = tmp_path / "az-tr.db"
    assert ask("export", "--sqlite", str(database), "--pair", "AZ-TR")[0] == 0
    with sqlite3.connect(database) as connection:
        info = dict(connection.execute("SELECT key, value FROM export_info"))
    assert (info["title"], info["written_about"]) == (
        "Azerbaijan-Turkey relations, 2010",
        "2010-05-01",
    )
    code, out, _err = ask("export", "--format", "json")
    assert json.loads(out)["pair"] is None  # every pair, by default
    assert {t["id"] for t in json.loads(out)["records"]["trade"]} == {
        "trade-2003-az-export",
        "trade-2009-az-tr-export",
    }


def test_sources_timeline_relations_and_changes_take_pair() -> None:
    _code, out, _err = ask("sources", "--pair", "AZ-TR", "--format", "json")
    ids = {source["id"] for source in json.loads(out)}
    assert "tr-article" in ids
    _code, out, _err = ask("sources", "--pair", "AZ-PK", "--format", "json")
    assert "tr-article" not in {source["id"] for source in json.loads(out)}
    _code, out, _err = ask("timeline", "--pair", "AZ-TR", "--format", "json")
    assert {entry["id"] for entry in json.loads(out)} == {"abiyev-safar", "gul-abdullah",
                                                         "visit-ankara-2010"}  # fmt: skip
    code, _out, _err = ask("relations", "--pair", "AZ-TR", "--format", "json")
    assert code == 0  # the AZ-PK tie touches Azerbaijan
    _code, out, _err = ask("changes", "--from", "2004", "--pair", "AZ-PK", "--format", "json")
    changed = {change["id"] for change in json.loads(out)}
    assert "visit-baku-2004" in changed
    assert changed.isdisjoint({"gul-abdullah", "gas-deal-tr", "visit-ankara-2010"})
    code, _out, err = ask("events", "--pair", "AZ-RU")
    assert (code, err) == (2, "bilateral: no pair 'AZ-RU' in this fact base; the pairs are: "
                              "AZ-PK, AZ-TR\n")  # fmt: skip


def test_the_overview_lists_each_pair_with_its_title_and_the_default() -> None:
    result = run("--facts", str(PAIRS))
    assert result.exit_code == 0
    text = result.stdout.replace("-\n  ", "-").replace("\n  ", " ")
    assert (
        "Pairs: AZ-PK (Azerbaijan-Pakistan relations, mid-2004, written about 2004-07-28); "
        "AZ-TR (Azerbaijan-Turkey relations, 2010, written about 2010-05-01). Choose one with "
        "--pair AA-BB, or --pair all; without --pair, listings answer for AZ-PK."
    ) in text


GO_FURTHER = ["areas", "officials --current", "trade", "events", "timeline", "assessments",
              "sources", "brief"]  # fmt: skip


@pytest.mark.parametrize("command", GO_FURTHER)
def test_every_suggestion_of_the_overview_answers(command: str) -> None:
    code, _out, err = ask(*command.split())
    assert code in (0, 1), err
    assert "choose one" not in err


def test_a_base_with_no_default_pair_answers_for_every_pair(tmp_path: Path) -> None:
    base = tmp_path / "base"
    shutil.copytree(PAIRS, base)
    pk = base / "az-pk.toml"
    text = pk.read_text().replace('title = "Azerbaijan-Pakistan relations, mid-2004"\n', "")
    pk.write_text(text.replace("as_of = 2004-07-28\n", ""), encoding="utf-8")
    (base / "_base.toml").write_text(
        'schema_version = 3\ntitle = "Azerbaijan and its partners"\nas_of = 2010-05-01\n',
        encoding="utf-8",
    )
    assert run("check", str(base)).exit_code == 0
    code, out, err = ask("trade", "--format", "tsv", facts=base)
    assert (code, err) == (0, "")
    assert [line.split("\t")[0] for line in out.splitlines()] == ["AZ-PK", "AZ-TR"]


def test_a_pairs_title_may_be_given_in_the_bases_keys(tmp_path: Path) -> None:
    base = tmp_path / "base"
    shutil.copytree(PAIRS, base)
    tr = base / "az-tr.toml"
    text = tr.read_text().replace('title = "Azerbaijan-Turkey relations, 2010"\n', "")
    tr.write_text(text.replace("as_of = 2010-05-01\n", ""), encoding="utf-8")
    head = base / "az-pk.toml"
    head.write_text(
        head.read_text() + '\n[pairs.TR-AZ]\ntitle = "Turkey and Azerbaijan"\nas_of = 2010-06-30\n',
        encoding="utf-8",
    )
    with open_base(str(base), use_cache=False) as opened:
        assert opened.about("AZ-TR") == {"title": "Turkey and Azerbaijan", "as_of": "2010-06-30"}
        assert opened.about()["title"] == "Azerbaijan-Pakistan relations, mid-2004"


def test_two_titles_for_one_pair_are_a_problem_naming_both_files(tmp_path: Path) -> None:
    base = tmp_path / "base"
    shutil.copytree(PAIRS, base)
    head = base / "az-pk.toml"
    head.write_text(
        head.read_text() + '\n[pairs.AZ-TR]\ntitle = "Another title"\n', encoding="utf-8"
    )
    result = run("check", str(base))
    assert result.exit_code == 1
    line = (base / "az-tr.toml").read_text().splitlines().index(
        'title = "Azerbaijan-Turkey relations, 2010"'
    ) + 1
    assert result.stderr.splitlines()[0] == (
        f"{base / 'az-tr.toml'}:{line}: title: is 'Azerbaijan-Turkey relations, 2010', but "
        f"{head} gives 'Another title' for AZ-TR; give it in one file"
    )


def test_records_of_a_file_that_declares_its_pair_belong_to_it() -> None:
    with open_base(str(PAIRS), use_cache=False, as_of=AS_OF) as base:
        assert base.pairs == ["AZ-PK", "AZ-TR"]
        assert base.chosen_pair() == "AZ-PK"
        assert base.chosen_pair("all") is None
        assert [a["pair"] for a in base.documents("area")] == ["AZ-PK", "AZ-TR"]
        assert [e.document["id"] for e in base.events(pair="AZ-TR")] == ["visit-ankara-2010"]


@pytest.mark.parametrize("command", ["areas --pair all", "search visit", "trade", "sources"])
def test_the_same_bytes_cached_and_afresh(command: str) -> None:
    cached = [ask(*command.split(), "--format", "tsv") for _ in range(2)]
    fresh = ask("--no-cache", *command.split(), "--format", "tsv")
    assert cached[0] == cached[1] == fresh
