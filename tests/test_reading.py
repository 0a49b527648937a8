"""Answers a person can read and trust at any width (issue 12): nothing cut, ids whole,
show asks when unsure, a pager at a terminal only, listings for every kind."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilateral.cli import cli
from tests.conftest import SHIPPED, run, run_in_terminal

AS_OF = "2004-07-28"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def screen(args: list[str], columns: int, **extra: str) -> list[str]:
    env = dict(os.environ, COLUMNS=str(columns), LINES="500", TERM="xterm-256color", **extra)
    text = run_in_terminal(["--as-of", AS_OF, *args], env)
    return [ANSI.sub("", line).rstrip() for line in text.replace("\r", "").split("\n")]


def tsv(*args: str) -> list[list[str]]:
    result = run("--as-of", AS_OF, *args, "--format", "tsv")
    return [line.split("\t") for line in result.stdout.splitlines()]


@pytest.mark.slow
@pytest.mark.parametrize("columns", [40, 60, 80, 120])
@pytest.mark.parametrize(
    ("command", "whole"),
    [(["trade"], [0, 8]), (["officials"], [0, 5, 6]), (["events"], [0, 1]), (["areas"], [0])],
)
def test_no_value_is_cut_at_any_width(command: list[str], whole: list[int], columns: int) -> None:
    """Ids, dates and figures stand whole on one line, whatever the width."""
    lines = screen(command, columns)
    assert "…" not in "\n".join(lines)
    for row in tsv(*command):
        for column in whole:
            value = row[column]
            if value:
                assert any(value in line for line in lines), (value, columns)


@pytest.mark.slow
@pytest.mark.parametrize("columns", [40, 60])
def test_a_narrow_screen_gets_one_record_per_block_with_its_id(columns: int) -> None:
    lines = screen(["officials"], columns)
    assert "musharraf-pervez" in lines
    assert any(line.strip().startswith("Title") for line in lines)
    assert any(line.strip() == "Sources    [1,2,3]" or "Sources" in line for line in lines)


@pytest.mark.slow
@pytest.mark.parametrize("columns", [40, 60, 80, 120])
def test_every_footnote_mark_has_its_note(columns: int) -> None:
    lines = screen(["trade"], columns)
    text = "\n".join(lines)
    marks = set(re.findall(r"\[([a-z])\]", text))
    for mark in marks:
        assert any(line.startswith(f"[{mark}] ") for line in lines), mark
    assert any(line.startswith("[1] Central Asia-Caucasus Analyst") for line in lines)


def test_help_never_cuts_a_description() -> None:
    env = dict(os.environ, COLUMNS="40")
    result = CliRunner(env=env).invoke(cli, ["--help"], prog_name="bilateral")
    commands = result.stdout.split("Commands:")[1]
    assert not [line for line in commands.splitlines() if line.rstrip().endswith("...")]
    assert "Cooperation areas and the strongest" in commands


def test_help_lists_each_description_as_one_line_of_words() -> None:
    env = dict(os.environ, COLUMNS="400")
    result = CliRunner(env=env).invoke(cli, ["--help"], prog_name="bilateral")
    listing = result.stdout.split("Commands:")[1].split("\n\n")[0].strip("\n").splitlines()
    descriptions = dict(line.strip().split(maxsplit=1) for line in listing)
    assert {"diff", "fmt", "new", "trade"} <= set(descriptions)
    assert {name: text for name, text in descriptions.items() if "  " in text} == {}


def _pager(tmp_path: Path) -> Path:
    pager = tmp_path / "pager"
    pager.write_text(f"#!/bin/sh\necho PAGED > {tmp_path / 'paged'}\ncat\n")
    pager.chmod(pager.stat().st_mode | stat.S_IEXEC)
    return pager


@pytest.mark.slow
def test_a_long_answer_pages_at_a_terminal(tmp_path: Path) -> None:
    pager = _pager(tmp_path)
    env = dict(os.environ, COLUMNS="80", LINES="10", BILATERAL_PAGER=str(pager))
    run_in_terminal(["show", "Pakistan"], env)
    assert (tmp_path / "paged").read_text() == "PAGED\n"


@pytest.mark.slow
def test_no_pager_and_a_pipe_never_page(tmp_path: Path) -> None:
    pager = _pager(tmp_path)
    env = dict(os.environ, COLUMNS="80", LINES="10", BILATERAL_PAGER=str(pager))
    run_in_terminal(["--no-pager", "show", "Pakistan"], env)
    result = CliRunner(env={"BILATERAL_PAGER": str(pager)}).invoke(
        cli, ["show", "Pakistan", "--format", "table"]
    )
    assert result.exit_code == 0
    assert not (tmp_path / "paged").exists()


def test_a_name_that_fits_several_records_lists_them_people_and_posts_first() -> None:
    result = run("--as-of", AS_OF, "show", "President", "--json")
    assert result.exit_code == 0
    kinds = [match["kind"] for match in json.loads(result.stdout)]
    assert kinds == sorted(kinds, key=("person", "post").index)
    assert kinds.count("post") == 6
    table = run("--as-of", AS_OF, "show", "President", "--format", "table").stdout
    assert table.startswith("20 records fit that name; show one by its id:")
    assert "president-of-azerbaijan" in table


def test_a_title_finds_the_people_who_held_it() -> None:
    result = run("--as-of", AS_OF, "show", "Defence Minister", "--format", "tsv")
    rows = [line.split("\t")[:2] for line in result.stdout.splitlines()]
    assert rows[0] == ["person", "abiyev-safar"]  # the holder at the date first
    assert ["person", "hasanov-zakir"] in rows  # and his successor
    assert rows[-2:] == [["post", "minister-of-defence-az"], ["post", "defence-minister-pk"]]


def test_an_area_does_not_list_its_commitments_twice() -> None:
    [match] = json.loads(run("show", "oil and gas", "--json").stdout)
    inside = {c["id"] for c in match["record"]["commitments"]}
    assert inside.isdisjoint(m["id"] for m in match["mentioned_in"])


def test_a_place_shows_its_country_by_name() -> None:
    out = run("show", "Baku", "--format", "table").stdout
    assert "Country  Azerbaijan (AZ)" in out


def test_areas_have_one_row_each_with_their_strongest_status() -> None:
    rows = tsv("areas")
    ids = [row[0] for row in rows]
    assert len(ids) == len(set(ids)) == 13
    statuses = {row[0]: (row[2], row[4]) for row in rows}
    assert statuses["energy"] == ("agreed", "4")
    assert statuses["political-support"] == ("none recorded", "0")
    assert len(tsv("areas", "--commitments")) == 23


def test_assessments_name_their_holder_and_relations_their_ends() -> None:
    assessments = tsv("assessments", "--about", "Russia")
    assert {row[1] for row in assessments} == {
        "local analysts",
        "Vafa Guluzade",
        "the article's author",
    }
    relations = tsv("relations", "--country", "TR")
    assert relations[0][:4] == ["tr-az-traditional-ally", "alliance", "Turkey", "Azerbaijan"]


def test_events_by_kind_participant_and_country() -> None:
    rows = tsv("events", "--kind", "visit", "--with", "Musharraf", "--place", "Azerbaijan")
    assert [row[0] for row in rows] == ["musharraf-visit-baku-2004"]
    assert rows[0][5] == "Pervez Musharraf, Pakistan, Azerbaijan"
    in_azerbaijan = [row[0] for row in tsv("events", "--place", "Azerbaijan")]
    assert "russian-delegations-baku-2004" in in_azerbaijan


@pytest.mark.parametrize("country", ["Azerbaycan", "Azərbaycan", "azerbaijan", "AZ"])
def test_country_accepts_what_show_accepts(country: str) -> None:
    rows = tsv("officials", "--country", country)
    assert {row[2] for row in rows} == {"AZ"}


def test_a_real_country_outside_the_base_is_named() -> None:
    result = run("--facts", str(SHIPPED), "officials", "--country", "BR")
    assert result.exit_code == 1
    assert result.stderr.startswith("bilateral: Brazil (BR) is not in this fact base; its ")


def _complete(words: str, shell: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    monkeypatch.setenv("_BILATERAL_COMPLETE", f"{shell}_complete")
    result = CliRunner().invoke(cli, [], prog_name="bilateral")
    return result.stdout.splitlines()


def test_bash_gets_whole_names_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _complete("bilateral show Vafa", "bash", monkeypatch)
    assert lines == ["plain,Vafa\\ Guluzade"]
    lines = _complete("bilateral show State Adv", "bash", monkeypatch)
    assert (
        "plain,State\\ Adviser\\ on\\ foreign\\ policy\\ to\\ the\\ President\\ of\\ Azerbaijan"
        in lines
    )


def test_place_completes_places_and_countries_only(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _complete("bilateral events --place a", "bash", monkeypatch)
    assert lines == [  # countries, then places; no person or organization
        "plain,Azerbaijan",
        "plain,Armenia",
        "plain,Saudi\\ Arabia",
        "plain,United\\ Arab\\ Emirates",
        "plain,Ankara",
        "plain,Agdam\\ district",
        "plain,Jammu\\ and\\ Kashmir",
        "plain,Ashgabat",
        "plain,Astana",
        "plain,Abu\\ Dhabi",
        "plain,Nakhchivan\\ Autonomous\\ Republic",
    ]
