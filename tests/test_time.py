"""Answers in time: every answer true as of a date the user sees and chooses (issue 10)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilateral.answer.dated import ENDED, HELD, NOT_STARTED, UNKNOWN, as_of, role_status
from bilateral.cli import cli
from bilateral.errors import BadQuery
from tests.conftest import MINIMAL, SHIPPED, run

CONFERENCE = "Organization of the Islamic Conference"
COOPERATION = "Organisation of Islamic Cooperation"


def shipped(*args: str) -> tuple[int, str, str]:
    result = run("--facts", str(SHIPPED), *args)
    return result.exit_code, result.stdout, result.stderr


def roles_of(out: str, person: str) -> dict[str, str]:
    [found] = [p for p in json.loads(out) if p["id"] == person]
    return {role["title"]: role["status"] for role in found["roles"]}


def test_musharraf_presidency_is_ended_today_and_held_in_july_2004() -> None:
    code, out, _ = shipped("officials", "--country", "PK", "--json")
    assert code == 0
    assert roles_of(out, "musharraf-pervez") == {"President of Pakistan": ENDED}
    code, out, _ = shipped("officials", "--country", "PK", "--json", "--as-of", "2004-07-28")
    assert roles_of(out, "musharraf-pervez") == {"President of Pakistan": HELD}


def test_luzhkov_is_not_listed_as_current_today_but_was_in_2004() -> None:
    code, out, _ = shipped("officials", "--country", "RU", "--current")
    assert code == 0
    assert "luzhkov-yuri" not in out
    assert "sobyanin-sergei\tSergei Sobyanin\tRU\tMayor of Moscow" in out
    code, out, _ = shipped("officials", "--country", "RU", "--current", "--as-of", "2004-07-28")
    assert code == 0
    assert "luzhkov-yuri\tYuri Luzhkov\tRU\tMayor of Moscow" in out


def test_current_selects_roles_not_people() -> None:
    """Stepashin held the Accounts Chamber in 2004; his 1999 premiership is not current."""
    code, out, _ = shipped(
        "officials", "--country", "RU", "--current", "--as-of", "2004-07-28", "--json"
    )
    assert code == 0
    assert roles_of(out, "stepashin-sergei") == {"Chairman of the Accounts Chamber": HELD}
    code, out, _ = shipped(
        "officials", "--country", "RU", "--former", "--as-of", "2004-07-28", "--json"
    )
    assert roles_of(out, "stepashin-sergei") == {"Prime Minister of Russia": ENDED}


def test_current_and_former_together_are_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["officials", "--current", "--former"], prog_name="bilateral")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: --current and --former ask for opposite roles; give one of them\n"
    )


def test_a_role_with_no_end_is_unknown_after_its_last_confirmed_date() -> None:
    """Ambassador Farhadov's latest page is of 26 May 2025; his post records no term, so a
    year later the base no longer knows whether he holds it."""
    _, out, _ = shipped("officials", "--country", "AZ", "--json")
    [farhadov] = [p for p in json.loads(out) if p["id"] == "farhadov-khazar"]
    [role] = farhadov["roles"]
    assert (role["end"], role["last_confirmed"], role["status"]) == (None, "2025-05-26", UNKNOWN)
    _code, out, _ = shipped("search", "--limit", "1", "khazar", "farhadov")
    assert (
        "Khazar Farhadov, Ambassador of Azerbaijan to Pakistan (AZ, last confirmed 2025-05-26)"
        in (out)
    )


def test_no_role_is_held_after_its_holders_death() -> None:
    role = {"start": "1993-10-10", "end": None, "last_confirmed": "2030-01-01"}
    assert role_status(role, "2003-12-12", as_of("2004").day) == ENDED
    assert role_status(role, "2003-12-12", as_of("2003-11").day) == HELD


@pytest.mark.parametrize(
    ("role", "day", "status"),
    [
        ({"start": "2001-06-20", "end": "2008-08-18"}, "2008-08-17", HELD),
        ({"start": "2001-06-20", "end": "2008-08-18"}, "2008-08-19", ENDED),
        ({"start": "2001-06-20", "end": "2008-08-18"}, "2001-06-19", NOT_STARTED),
        ({"start": "2002", "end": "2004"}, "2004-07-28", UNKNOWN),
        ({"start": "2002", "end": "2004"}, "2005-01-01", ENDED),
        ({"start": "2000", "end": None, "last_confirmed": "2004-07-28"}, "2004-07-28", HELD),
        ({"start": "2000", "end": None, "last_confirmed": "2004-07-28"}, "2005-07-28", HELD),
        ({"start": "2000", "end": None, "last_confirmed": "2004-07-28"}, "2005-07-29", UNKNOWN),
    ],
)
def test_status_comes_from_the_dates(role: dict[str, str], day: str, status: str) -> None:
    assert role_status(role, None, as_of(day).day) == status


def test_partial_dates_mean_the_end_of_their_period() -> None:
    assert as_of("2008").text == "2008-12-31"
    assert as_of("2008-02").text == "2008-02-29"
    with pytest.raises(BadQuery):
        as_of("yesterday")


def test_a_bad_date_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["trade", "--as-of", "2004-13-01"], prog_name="bilateral")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--as-of': '2004-13-01' is not a date; "
        "write YYYY-MM-DD, YYYY-MM, YYYY or 'today'\n"
    )


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "table"])
@pytest.mark.parametrize(
    "command",
    [["trade"], ["officials"], ["areas"], ["events"], ["sources"], ["show", "Baku"],
     ["search", "baku"], ["timeline"]],
)  # fmt: skip
def test_the_date_is_in_every_format(command: list[str], fmt: str) -> None:
    result = run("--facts", str(MINIMAL), *command, "--as-of", "2004-07-28", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "json":
        assert all(record["as_of"] == "2004-07-28" for record in json.loads(out))
    elif fmt == "jsonl":
        assert all(json.loads(line)["as_of"] == "2004-07-28" for line in out.splitlines())
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows
        assert all(row["as_of"] == "2004-07-28" for row in rows)
    elif fmt == "tsv":
        assert all(line.endswith("\t2004-07-28") for line in out.splitlines())
    else:
        assert "2004-07-28" in out.splitlines()[0] or "As of 2004-07-28" in out


def test_the_default_date_is_today() -> None:
    import datetime

    _code, out, _ = shipped("trade", "--flow", "export", "--json")
    assert json.loads(out)[0]["as_of"] == datetime.date.today().isoformat()


def test_the_overview_says_what_the_base_covers_and_as_of_when() -> None:
    code, out, _ = shipped("--as-of", "2010")
    assert code == 0
    assert "Answers as of 2010-12-31" in out
    assert "Its facts span 1923-05-10 to 2026-03-11" in out
    assert "Its sources speak up to" in out


def test_a_base_for_the_old_schema_gets_one_message(tmp_path: Path) -> None:
    old = MINIMAL.read_text().replace("schema_version = 3", "schema_version = 1")
    old = old.replace("end = 2013-10-28\n", "end = 2013-10-28\ncurrent = true\n")
    path = tmp_path / "facts.toml"
    path.write_text(old)
    result = run("--facts", str(path), "trade")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{path}:1: schema_version: is 1, written for an earlier bilateral; to read it here, "
        "delete each `current = ...` line under [[people.roles]] (a role's status now comes "
        "from its dates and the date asked), then follow the change from schema_version = 2"
    )
    assert len(lines) == 2


def test_people_who_died_have_the_date_with_a_source() -> None:
    _code, out, _ = shipped("officials", "--json")
    people = {p["id"]: p for p in json.loads(out)}
    expected = {
        "aliyev-heydar": "2003-12-12",
        "musharraf-pervez": "2023-02-05",
        "yeltsin-boris": "2007-04-23",
        "luzhkov-yuri": "2019-12-10",
        "guluzade-vafa": "2015-05-01",
    }
    for person, died in expected.items():
        assert people[person]["died"] == died
        noted = [n for n in people[person]["notes"] if "ied" in n["text"]]
        assert noted, person
        assert all(n["sources"] for n in noted), person


def test_a_post_shows_its_holders_and_who_held_it_at_the_date() -> None:
    code, out, _ = shipped("show", "Defence Minister", "--json", "--as-of", "2004-07-28")
    assert code == 0
    posts = {m["record"]["id"]: m for m in json.loads(out) if m["kind"] == "post"}
    assert sorted(posts) == ["defence-minister-pk", "minister-of-defence-az"]
    match = posts["minister-of-defence-az"]
    assert match["held_by"] == ["abiyev-safar"]
    assert [h["person"] for h in match["holders"]] == ["abiyev-safar", "hasanov-zakir"]


def test_successors_appear_where_the_base_holds_them() -> None:
    _, out, _ = shipped("show", "President of Azerbaijan", "--json", "--as-of", "2004")
    [match] = [m for m in json.loads(out) if m["kind"] == "post"]
    assert [(h["person"], h["predecessor"], h["successor"]) for h in match["holders"]] == [
        ("aliyev-heydar", None, "aliyev-heydar"),  # acting from 24 June 1993, then elected
        ("aliyev-heydar", "aliyev-heydar", "aliyev-ilham"),
        ("aliyev-ilham", "aliyev-heydar", None),
    ]
    _code, out, _ = shipped("show", "aliyev-ilham", "--json")
    [role] = json.loads(out)[0]["record"]["roles"]
    assert role["predecessor"] == "aliyev-heydar"


def test_officials_by_post() -> None:
    code, out, _ = shipped("officials", "--post", "President of Azerbaijan", "--as-of", "2004")
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == [
        "aliyev-heydar",
        "aliyev-heydar",
        "aliyev-ilham",
    ]


@pytest.mark.parametrize(
    ("date", "name", "other"),
    [
        ("2004-07-28", CONFERENCE, COOPERATION),
        ("2026-01-01", COOPERATION, CONFERENCE),
    ],
)  # fmt: skip
def test_a_renamed_organization_answers_with_the_name_of_the_date(
    date: str, name: str, other: str
) -> None:
    for asked in (
        "OIC",
        "Organisation of Islamic Cooperation",
        "Organization of the Islamic Conference",
    ):
        code, out, _ = shipped("show", asked, "--json", "--as-of", date)
        assert code == 0, asked
        [match] = [m for m in json.loads(out) if m["kind"] == "organization"]
        assert (match["record"]["name"], match["record"]["other_names"]) == (name, [other])


def test_completion_finds_an_organization_by_its_later_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMP_WORDS", "bilateral show Cooperat")
    monkeypatch.setenv("COMP_CWORD", "2")
    monkeypatch.setenv("_BILATERAL_COMPLETE", "bash_complete")
    result = CliRunner().invoke(cli, [], prog_name="bilateral")
    names = [line.split(",", 1)[1] for line in result.stdout.splitlines()]
    assert "Organisation\\ of\\ Islamic\\ Cooperation" in names


def test_timeline_draws_roles_and_events_with_the_date() -> None:
    code, out, _ = shipped("timeline", "--country", "PK", "--format", "table", "--as-of", "2004")
    assert code == 0
    assert out.splitlines()[0] == "Timeline as of 2004-12-31"
    assert "Pervez Musharraf: President of Pakistan" in out
    musharraf = next(line for line in out.splitlines() if "Pervez Musharraf: Pres" in line)
    assert "=" in musharraf  # held: in a pipe the picture is plain ASCII
    assert "*" in out  # an event
    assert "━" not in out


def test_timeline_in_a_pipe_is_rows_in_date_order() -> None:
    code, out, _ = shipped("timeline", "--person", "Musharraf", "--from", "2004", "--to", "2004")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    starts = [row[3] for row in rows]
    assert starts == sorted(starts)
    assert rows[0][:2] == ["role", "musharraf-pervez"]
    assert all(row[0] in ("role", "event") for row in rows)
