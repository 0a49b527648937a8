"""Time on every statement (issue 19): what changed between two dates, time words in a
question, and warnings about records that can never be in force."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from bilateral.answer.dated import (
    ENDED,
    IN_FORCE,
    NOT_STARTED,
    NOT_YET,
    UNKNOWN,
    Span,
    as_of,
    role_status,
)
from tests.conftest import MINIMAL, SHIPPED, run
from tests.test_in_force import CONFERENCE, COOPERATION, day, shipped_json

# ---------------------------------------------------------------- changes


def changes(*args: str) -> list[dict[str, Any]]:
    return shipped_json("changes", *args)


def test_changes_in_july_2004_are_the_visit_and_its_agreements() -> None:
    found = changes("--from", "2004-07-01", "--to", "2004-07-31")
    signed = [c for c in found if c["change"] == "commitment"]
    assert {c["id"] for c in signed} == {
        "drugs-terrorism-agreement-2004",
        "trade-agreement-2004",
        "customs-agreement-2004",
        "tourism-agreement-2004",
    }
    assert {(c["date"], c["from"], c["to"]) for c in signed} == {("2004-07-08", NOT_YET, IN_FORCE)}
    events = [c["id"] for c in found if c["change"] == "event"]
    assert "musharraf-visit-baku-2004" in events
    assert "az-pk-diplomatic-relations-1992" not in events
    [dispute] = [c for c in found if c["change"] == "dispute-opened"]
    assert (dispute["id"], dispute["date"]) == (
        "musharraf-visit-baku-2004",
        "2004-07-08",
    )  # AFP, 8 July
    assert all(c["as_of"] == "2004-07-31" for c in found)
    firsts = [as_of(c["date"]).day.replace(month=1, day=1) for c in found]
    assert firsts == sorted(firsts)


def test_changes_list_roles_relations_and_names_with_their_dates() -> None:
    found = {(c["change"], c["id"]): c for c in changes("--from", "1992", "--to", "2011")}
    assert found["relation-began", "pk-az-diplomatic-relations"]["date"] == "1992-06-09"
    ended = found["role-ended", "musharraf-pervez"]
    assert (ended["date"], ended["from"], ended["to"]) == ("2008-08-18", NOT_STARTED, ENDED)
    renamed = found["renamed", "oic"]
    assert (renamed["date"], renamed["from"], renamed["to"]) == ("2011-06-28", CONFERENCE,
                                                                 COOPERATION)  # fmt: skip
    assert ("role-began", "aliyev-ilham") in found


@pytest.mark.slow
def test_changes_in_every_format_and_the_to_date_defaults_to_today() -> None:
    for fmt in ("table", "jsonl", "csv", "tsv"):
        result = run("--facts", str(SHIPPED), "changes", "--from", "2011-06", "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert "2011-06-28" in result.stdout
    csv_header = run("--facts", str(SHIPPED), "changes", "--from", "2011", "--format", "csv")
    assert csv_header.stdout.splitlines()[0] == "date,change,kind,id,text,from,to,sources,as_of"
    today = datetime.date.today().isoformat()
    assert run("--facts", str(SHIPPED), "changes", "--from", "2011").stdout.endswith(f"\t{today}\n")


def test_changes_refuses_a_period_that_ends_before_it_begins() -> None:
    result = run("--facts", str(SHIPPED), "changes", "--from", "2010", "--to", "2004")
    assert result.exit_code == 2
    assert result.stderr == "bilateral: --from 2010 is after --to 2004; swap them\n"
    result = run("--facts", str(SHIPPED), "changes", "--from", "someday")
    assert result.exit_code == 2
    assert "'someday' is not a date" in result.stderr
    result = run("--facts", str(SHIPPED), "changes", "--from", "1800", "--to", "1801")
    assert result.exit_code == 1
    assert result.stderr == "bilateral: as of 1801-12-31, nothing changed from 1800 to 1801\n"


# ---------------------------------------------------------------- search time words


@pytest.mark.parametrize(
    ("question", "words", "date"),
    [
        ("who is the president of azerbaijan now", "now", None),
        ("current defence minister", "current", None),
        ("who was president of pakistan in 2010", "in 2010", "2010-12-31"),
        ("agreements signed in 2004-07", "in 2004-07", "2004-07-31"),
        ("who was president of russia before 1995", "before 1995", "1994-12-31"),
        ("relations since 2020", "since 2020", None),
        # the base holds dozens of visits since 1991: the words name the one they mean
        (
            "agreements signed at the time of musharraf's visit to baku",
            "at the time of musharraf's visit to baku",
            "2004-07-08",
        ),
    ],
)
def test_search_answers_at_the_date_its_time_words_give(
    question: str, words: str, date: str | None
) -> None:
    hits = shipped_json("search", "--as-of", "2026-01-01", *question.split())
    assert {hit["date_words"] for hit in hits} == {words}
    assert {hit["as_of"] for hit in hits} == {date or "2026-01-01"}


def test_who_was_in_a_year_means_in_office_then() -> None:
    [first] = shipped_json("search", "--limit", "1", "who", "was", "president", "of",
                           "azerbaijan", "in", "2004")  # fmt: skip
    assert first["text"] == "Ilham Aliyev, President of Azerbaijan (AZ)"
    [first] = shipped_json("search", "--limit", "1", "who", "was", "president", "of",
                           "azerbaijan")  # fmt: skip
    assert first["id"] == "aliyev-heydar"


def test_a_question_without_time_words_answers_at_the_date_asked() -> None:
    hits = shipped_json("search", "--as-of", "2004-07-28", "musharraf", "visit")
    assert {hit["date_words"] for hit in hits} == {None}
    assert {hit["as_of"] for hit in hits} == {"2004-07-28"}


# ---------------------------------------------------------------- never in force


NEVER = (
    "can never be in force: it begins (2010) more than its horizon (1 year) after its "
    "latest confirmation (2004-07-28: the latest date of its sources, or the base's as_of "
    "when none is dated); give it a dated source that confirms it, or correct its dates"
)


def test_new_and_check_warn_about_a_role_that_is_never_in_force(tmp_path: Path) -> None:
    path = tmp_path / "facts.toml"
    path.write_text(MINIMAL.read_text())
    result = run("--facts", str(path), "new", "role", "--person", "abiyev-safar",
                 "--field", "title=Adviser", "--field", "organization=AZ",
                 "--field", "start=2010", "--cite", "background")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(
        f"bilateral: warning: {path}: people abiyev-safar.roles[1]: {NEVER}\n"
    )
    checked = run("check", str(path))
    assert checked.exit_code == 0
    assert f"{path}:42: people[0] (abiyev-safar).roles[1]: warning: {NEVER}\n" in checked.stderr
    statuses = {
        run("--facts", str(path), "officials", "--json", "--as-of", day).stdout.count("Adviser")
        for day in ("2009", "2010", "2011", "2030")
    }
    assert statuses == {1}  # listed, never held:
    for asked in ("2005-07-29", "2010-06-01", "2030"):
        out = run("--facts", str(path), "officials", "--json", "--as-of", asked).stdout
        [role] = [r for r in json.loads(out)[0]["roles"] if r["title"] == "Adviser"]
        assert role["status"] in (NOT_STARTED, UNKNOWN)


def test_a_role_dated_only_to_one_year_is_not_warned_about() -> None:
    """Stepashin's premiership, 1999 to 1999: never surely held on a day, but only because
    of its dates' precision; it is not known in 1999 and ended after."""
    result = run("check", str(SHIPPED))
    assert result.exit_code == 0
    assert "never be in force" not in result.stderr
    role = {"start": "1999", "end": "1999", "last_confirmed": "2004-07-28"}
    assert [role_status(role, None, day(d)) for d in ("1998", "1999-06", "2000")] == [
        NOT_STARTED,
        UNKNOWN,
        ENDED,
    ]


def test_a_holder_who_died_before_the_role_began_is_named() -> None:
    from bilateral.curate.timeless import why

    assert why(Span("2010", None, "2012-01-01", died="2009-05-01")).startswith(
        "can never be in force: its holder died (2009-05-01) before it began (2010)"
    )
    assert Span("2010", None, "2012-01-01", died="2009-05-01").window() is None


@pytest.mark.slow
def test_the_brief_counts_areas_in_force_and_says_when_the_base_falls_silent() -> None:
    today = run("--facts", str(SHIPPED), "brief", "--as-of", "2026-01-01").stdout
    assert "- **Trade**: signed, 2024-07-11[^" in today
    assert "no source on this after" not in today
    later = run("--facts", str(SHIPPED), "brief", "--as-of", "2028-01-01").stdout
    assert "- **Trade**: signed, 2024-07-11; not confirmed since 2025-01-24[^" in later
    assert "As of that date, the base has no source on this after 2026-03-11." in later
    then = run("--facts", str(SHIPPED), "brief", "--as-of", "2004-07-28").stdout
    assert "- **Trade**: signed, 2004-07-08" in then
    assert "no source on this after" not in then


def test_show_says_when_the_base_falls_silent_on_the_record() -> None:
    today = run("--facts", str(SHIPPED), "show", "farhadov-khazar", "--format", "table").stdout
    assert today.splitlines()[0].endswith("; the base has no source on this after 2025-05-26")
    then = run("--facts", str(SHIPPED), "show", "farhadov-khazar", "--format", "table",
               "--as-of", "2025-01-01").stdout  # fmt: skip
    assert then.splitlines()[0] == "As of 2025-01-01"
