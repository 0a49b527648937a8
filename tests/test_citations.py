"""Facts you can check (issue 11): corrections, disputes side by side, certainty in sight,
citations a reader can follow, and a bibliography other tools read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINIMAL, SHIPPED, run

AS_OF = "2004-07-28"


def shipped(*args: str) -> tuple[int, str, str]:
    result = run("--facts", str(SHIPPED), "--as-of", AS_OF, *args)
    return result.exit_code, result.stdout, result.stderr


def records(*args: str) -> list[dict[str, Any]]:
    code, out, err = shipped(*args, "--json")
    assert code == 0, err
    return list(json.loads(out))


def by_id(*args: str) -> dict[str, dict[str, Any]]:
    return {str(record["id"]): record for record in records(*args)}


def test_a_rounded_total_keeps_its_rounding_and_the_import_range_follows() -> None:
    trade = by_id("trade")
    total = trade["trade-2003-az-pk-total"]
    imports = trade["trade-2003-az-import"]
    assert total["value"] == {"low": 1050000, "high": 1150000, "currency": "USD"}
    assert imports["value"] == {"low": 1020000, "high": 1125000, "currency": "USD"}
    assert (total["certainty"], imports["certainty"]) == ("inferred", "inferred")
    assert any("Currently" in note["text"] for note in total["notes"])


def test_president_aliyev_in_july_2004_is_ilham() -> None:
    [match] = records("show", "President Aliyev")
    assert match["record"]["id"] == "aliyev-ilham"


def test_heydar_is_a_former_president_in_answers_after_2003() -> None:
    code, out, _ = shipped("search", "--limit", "5", "who", "is", "the", "president", "of",
                           "azerbaijan")  # fmt: skip
    assert code == 0
    assert "Heydar Aliyev, former President of Azerbaijan (AZ)" in out
    assert "Heydar Aliyev, President of Azerbaijan" not in out


def test_the_agreements_were_signed_on_8_july_and_cite_khawaja() -> None:
    event = by_id("events")["musharraf-visit-agreements-2004"]
    assert event["date"] == "2004-07-08"
    cited = {cite["source"] for cite in event["sources"]}
    assert {"caci-2004-07-28-khawaja", "daily-times-2004-07-09"} <= cited


def test_the_recognition_order_is_the_articles_claim_with_its_dispute() -> None:
    event = by_id("events")["pakistan-recognizes-azerbaijan-1991"]
    assert "second" not in str(event["summary"])
    claim = by_id("search", "second country to recognize azerbaijan", "--limit", "20")
    assert "pk-second-to-recognize-az" in claim
    [match] = records("show", "pk-second-to-recognize-az")
    assessment = match["record"]
    assert assessment["held_by_group"] == "the article's author"
    [dispute] = assessment["disputes"]
    sources = [{c["source"] for c in value["sources"]} for value in dispute["values"]]
    assert {"nineoclock-romania-azerbaijan-2017"} in sources


def test_the_visit_length_stands_both_ways() -> None:
    visit = by_id("events")["musharraf-visit-baku-2004"]
    participants = visit["participants"]
    assert "shakoor-khan-nouraiz" not in participants
    [dispute] = visit["disputes"]
    assert dispute["field"] == "end"
    assert [(v["value"], v["sources"][0]["source"]) for v in dispute["values"]] == [
        ("2004-07-10", "caci-2004-07-28-khawaja"),
        ("2004-07-09", "geo-tv-2004-07-08"),
    ]


def test_a_dispute_shows_side_by_side_in_tables_and_rows() -> None:
    code, out, _ = shipped("events", "--year", "2004", "--format", "table")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("Disputed:"))
    assert "musharraf-visit-baku-2004 end: 2004-07-10" in line
    assert "| 2004-07-09" in line
    code, out, _ = shipped("events", "--year", "2004", "--format", "tsv")
    row = next(r.split("\t") for r in out.splitlines() if r.startswith("musharraf-visit-baku"))
    assert row[-2:] == ["end: 2004-07-10 | 2004-07-09", AS_OF]


def test_wording_says_no_more_than_the_article() -> None:
    areas = {a["id"]: a for a in records("areas")}
    texts = json.dumps(areas, ensure_ascii=False)
    assert "buying military equipment" not in texts
    assert "drug trafficking" not in str(areas["counter-terrorism"]["summary"])
    assert "promised" in str(areas["border-security"]["summary"])
    countries = {c["record"]["id"]: c["record"] for c in records("show", "Sweden")}
    assert [c["source"] for c in countries["SE"]["sources"]] == ["caci-2004-07-28-khawaja"]
    decision = by_id("events")["oic-armenian-aggression-decision"]
    assert "AM" not in decision["participants"]


def test_every_source_has_an_address_and_the_article_the_found_one() -> None:
    sources = by_id("sources")
    assert all(source["url"] for source in sources.values())
    assert str(sources["caci-2004-07-28"]["url"]).endswith("caci-analyst-2004-7-28-art-9212.html")


def test_the_trade_table_explains_its_certainty_words_and_marks_notes() -> None:
    code, out, _ = shipped("trade", "--format", "table")
    assert code == 0
    assert "inferred: a reading of what the source says; its note says how" in out
    assert "stated: the source says it" in out
    assert "derived:" not in out  # only the words the table uses
    assert "$25,000-30,000 [" in out
    assert "[a] " in out


def test_trade_help_defines_the_ladder() -> None:
    result = run("trade", "--help")
    for word in ("stated", "inferred", "derived", "uncertain"):
        assert f"  {word} " in result.stdout


def test_a_year_the_base_lacks_is_told_which_years_it_has() -> None:
    assert shipped("trade", "--year", "2004") == (
        1,
        "",
        "bilateral: as of 2004-07-28, no trade figure matches; the base holds figures for: "
        "2003, 2010, 2011, 2012, 2013, 2014, 2015, 2018, 2020, 2021, 2022, 2023, 2024\n",
    )


def test_footnotes_and_show_name_publisher_title_date_and_address() -> None:
    code, out, _ = shipped("show", "trade-2003-az-export", "--format", "table")
    assert code == 0
    assert (
        "Central Asia-Caucasus Analyst (CACI Analyst), Field Reports, 2004-07-28, ¶3.2 "
        "(caci-2004-07-28)\n    http://cacianalyst.org/" in out
    )
    assert "Value      $25,000-30,000" in out


def test_sources_lists_title_date_address_and_what_each_supports() -> None:
    source = by_id("sources")["geo-tv-2004-07-08"]
    assert source["title"] == "President Musharraf arrives in Azerbaijan"
    assert source["date"] == "2004-07-08"
    assert str(source["url"]).startswith("https://")
    assert {"id": "musharraf-visit-baku-2004", "kind": "event"} in source["supports"]


@pytest.mark.slow
def test_csl_json_is_accepted_by_a_csl_processor() -> None:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    code, out, _ = shipped("sources", "--format", "csl-json")
    assert code == 0
    items = json.loads(out)
    assert len(items) == 441
    bibliography = CitationStylesBibliography(
        CitationStylesStyle("harvard-cite-them-right", validate=False),
        CiteProcJSON(items),
        formatter.plain,
    )
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == 441
    assert any("President Musharraf arrives in Azerbaijan" in entry for entry in rendered)


def test_bibtex_reads_back_with_the_same_keys_and_fields() -> None:
    import bibtexparser

    code, out, _ = shipped("sources", "--format", "bibtex")
    assert code == 0
    library = bibtexparser.parse_string(out)  # type: ignore[attr-defined]
    assert library.failed_blocks == []
    entries = {entry.key: entry for entry in library.entries}
    assert len(entries) == 441
    geo = entries["geo-tv-2004-07-08"]
    assert geo["title"] == "President Musharraf arrives in Azerbaijan"
    assert geo["year"] == "2004"
    assert geo["url"].startswith("https://armeniandiaspora.com/")


def test_check_warns_about_a_source_nothing_cites(tmp_path: Path) -> None:
    base = MINIMAL.read_text().replace(
        "[[countries]]", '[[sources]]\nid = "unused"\npublisher = "Nobody"\n\n[[countries]]', 1
    )
    path = tmp_path / "facts.toml"
    path.write_text(base)
    result = run("check", str(path))
    assert result.exit_code == 0
    assert result.stderr == (
        f"bilateral: warning: {path}: source 'unused' is cited by no record; cite it or remove it\n"
    )


@pytest.mark.parametrize("broken", ['field = "colour"', 'field = "end"'])
def test_check_refuses_a_malformed_dispute(tmp_path: Path, broken: str) -> None:
    dispute = (
        "\n[[events.disputes]]\n"
        f"{broken}\n"
        'values = [{ value = 2004-07-11, sources = [{ source = "background" }] }]\n'
    )
    base = MINIMAL.read_text().replace(
        'sources = [{ source = "article", paragraph = 2, sentence = 1 }]\n\n[[assessments]]',
        'sources = [{ source = "article", paragraph = 2, sentence = 1 }]\n'
        + dispute
        + "\n[[assessments]]",
    )
    path = tmp_path / "facts.toml"
    path.write_text(base)
    result = run("check", str(path))
    assert result.exit_code == 1
    assert "events[0] (visit-baku-2004).disputes[0]." in result.stderr


ROLE_END = 'end = 2013-10-28\nsources = [{ source = "background" }]\n'
TRADE_SOURCES = (
    'certainty = "stated"\nsources = [{ source = "article", paragraph = 1, sentence = 2 }]\n'
)


def _role_dispute(first: str) -> str:
    return (
        "\n[[people.roles.disputes]]\n"
        'field = "end"\nvalues = [\n'
        f'  {{ value = {first}, says = "one page", sources = [{{ source = "background" }}] }},\n'
        '  { value = 2013-10-22, says = "the decree", sources = [{ source = "article", '
        "paragraph = 1, sentence = 1 }] },\n]\n"
    )


def _trade_dispute(low: int) -> str:
    return (
        '\n[[trade.disputes]]\nfield = "value"\nvalues = [\n'
        f'  {{ value = {{ low = {low}, high = 30000, currency = "USD" }}, says = "the article", '
        'sources = [{ source = "article", paragraph = 1, sentence = 2 }] },\n'
        '  { value = { low = 28000, high = 28000, currency = "USD" }, says = "another page", '
        'sources = [{ source = "background" }] },\n]\n'
    )


def test_a_role_and_a_trade_figure_may_carry_disputes(tmp_path: Path) -> None:
    """A role's dates (Abiyev's end: 28 or 22 Oct 2013) and a figure's value (a range) may
    be disputed like an event's; the dispute shows beside the figure, in its own words."""
    text = MINIMAL.read_text().replace(ROLE_END, ROLE_END + _role_dispute("2013-10-28"), 1)
    text = text.replace(TRADE_SOURCES, TRADE_SOURCES + _trade_dispute(25000), 1)
    path = tmp_path / "facts.toml"
    path.write_text(text)
    assert run("check", str(path)).exit_code == 0
    result = run("--facts", str(path), "--as-of", AS_OF, "trade", "--format", "table")
    assert result.exit_code == 0, result.stderr
    assert "Disputed: trade-2003-az-export value: $25,000-30,000 (the article)" in result.stdout
    assert "$28,000 (another page)" in result.stdout
    [person] = json.loads(run("--facts", str(path), "officials", "--json").stdout)
    [role] = person["roles"]
    assert [value["value"] for value in role["disputes"][0]["values"]] == [
        "2013-10-28",
        "2013-10-22",
    ]


def test_a_role_or_trade_dispute_must_hold_the_records_own_value(tmp_path: Path) -> None:
    text = MINIMAL.read_text().replace(ROLE_END, ROLE_END + _role_dispute("2013-10-29"), 1)
    text = text.replace(TRADE_SOURCES, TRADE_SOURCES + _trade_dispute(26000), 1)
    path = tmp_path / "facts.toml"
    path.write_text(text)
    result = run("check", str(path))
    assert result.exit_code == 1
    assert "people[0] (abiyev-safar).roles[0].disputes[0].values: none is the record's own end" in (
        result.stderr
    )
    assert "trade[0] (trade-2003-az-export).disputes[0].values: none is the record's own value" in (
        result.stderr
    )
