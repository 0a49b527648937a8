"""Time on every statement (issue 19): one status rule for roles, relations, facts,
assessments and commitments; an area's status at the date; a name at a date."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.answer.dated import (
    ENDED,
    HELD,
    IN_FORCE,
    NOT_STARTED,
    NOT_YET,
    UNKNOWN,
    Span,
    add_years,
    as_of,
    record_status,
    role_status,
)
from tests.conftest import MINIMAL, SHIPPED, run

CONFERENCE = "Organization of the Islamic Conference"
COOPERATION = "Organisation of Islamic Cooperation"


def day(text: str) -> datetime.date:
    return as_of(text).day


def shipped_json(*args: str) -> list[dict[str, Any]]:
    result = run("--facts", str(SHIPPED), *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


# ---------------------------------------------------------------- the rule


@pytest.mark.parametrize(
    ("span", "asked", "status"),
    [
        # a start and an end, both full dates
        (Span("1992-06-09", "2008-08-18", "2004-07-28"), "1992-06-08", NOT_YET),
        (Span("1992-06-09", "2008-08-18", "2004-07-28"), "1992-06-09", IN_FORCE),
        (Span("1992-06-09", "2008-08-18", "2004-07-28"), "2008-08-17", IN_FORCE),
        (Span("1992-06-09", "2008-08-18", "2004-07-28"), "2008-08-18", UNKNOWN),
        (Span("1992-06-09", "2008-08-18", "2004-07-28"), "2008-08-19", ENDED),
        # partial dates: a year, a month; the date asked is the period's last day
        (Span("2004", None, "2010-01-01"), "2003", NOT_YET),
        (Span("2004", None, "2010-01-01"), "2004-06", UNKNOWN),
        (Span("2004", None, "2010-01-01"), "2004", IN_FORCE),
        (Span("2004-07", "2006-03", "2010-01-01"), "2006-02", IN_FORCE),
        (Span("2004-07", "2006-03", "2010-01-01"), "2006-03", UNKNOWN),
        (Span("2004-07", "2006-03", "2010-01-01"), "2006-04", ENDED),
        # a source dated before the start's period ends shows it had begun by then
        (Span("2004", None, "2004-03-01"), "2004-02-28", UNKNOWN),
        (Span("2004", None, "2004-03-01"), "2004-03-01", IN_FORCE),
        # no start: in force from its confirmation, not before
        (Span(None, None, "2004-07-28"), "2004-07-27", UNKNOWN),
        (Span(None, None, "2004-07-28"), "2004-07-28", IN_FORCE),
        # nothing to confirm it: never in force
        (Span("2000", None, None), "2000-06-01", UNKNOWN),
    ],
)
def test_a_record_is_in_force_from_its_dates_and_confirmation(
    span: Span, asked: str, status: str
) -> None:
    assert span.status(day(asked)) == status


@pytest.mark.parametrize(
    ("confirmed", "horizon", "last_in_force"),
    [
        ("2004-07-28", 1, "2005-07-28"),
        ("2004-07-28", 5, "2009-07-28"),
        ("2024-02-29", 1, "2025-02-28"),
        ("2004-07", 1, "2005-07-31"),
        ("2004", 2, "2006-12-31"),
    ],
)
def test_the_horizon_ends_on_its_last_day(confirmed: str, horizon: int, last_in_force: str) -> None:
    span = Span("2000", None, confirmed, horizon)
    last = datetime.date.fromisoformat(last_in_force)
    assert span.status(last) == IN_FORCE
    assert span.status(last + datetime.timedelta(days=1)) == UNKNOWN
    assert span.window() == (datetime.date(2000, 12, 31), last)


def test_a_role_after_its_holders_death_is_ended_and_unknown_within_the_month() -> None:
    role = {"start": "1993-10-10", "end": None, "last_confirmed": "2003-12-01"}
    assert role_status(role, "2003-12-12", day("2003-12-11"), 10) == HELD
    assert role_status(role, "2003-12", day("2003-12-11"), 10) == UNKNOWN
    assert role_status(role, "2003-12-12", day("2003-12-13"), 10) == ENDED
    assert role_status(role, "2003-12-12", day("2030"), 10) == ENDED
    assert role_status(role, None, day("2013-12-01"), 10) == HELD
    assert role_status(role, None, day("1993-10-09"), 10) == NOT_STARTED


def test_each_kind_begins_at_its_own_field() -> None:
    assessment = {"stated": "2004-07-28", "end": None, "last_confirmed": "2004-07-28"}
    commitment = {"date": "2004-07-08", "end": None, "last_confirmed": "2004-07-28"}
    assert record_status(assessment, "assessment", day("2004-07-27")) == NOT_YET
    assert record_status(commitment, "commitment", day("2004-07-07")) == NOT_YET
    assert record_status(commitment, "commitment", day("2004-07-08")) == IN_FORCE
    assert record_status(commitment, "commitment", day("2005-07-29")) == UNKNOWN


def test_add_years_keeps_the_day() -> None:
    assert add_years(datetime.date(2004, 7, 28), 5) == datetime.date(2009, 7, 28)
    assert add_years(datetime.date(2024, 2, 29), 4) == datetime.date(2028, 2, 29)


PARTIAL = st.builds(
    lambda year, month, dom, precision: (
        f"{year}" if precision == 0 else f"{year}-{month:02d}" if precision == 1 else
        f"{year}-{month:02d}-{dom:02d}"
    ),
    st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 28), st.integers(0, 2),
)  # fmt: skip
ORDER = re.compile(r"(not-yet )*(unknown )*(in-force )*(unknown )*(ended )*")


@pytest.mark.slow
@settings(max_examples=120, deadline=None)
@given(
    start=st.none() | PARTIAL,
    end=st.none() | PARTIAL,
    confirmed=st.none() | PARTIAL,
    died=st.none() | PARTIAL,
    horizon=st.integers(1, 10),
    asked=st.lists(st.dates(datetime.date(1985, 1, 1), datetime.date(2045, 12, 31)), max_size=40),
)
def test_a_status_never_goes_back_in_time(
    start: str | None,
    end: str | None,
    confirmed: str | None,
    died: str | None,
    horizon: int,
    asked: list[datetime.date],
) -> None:
    """Over any dates in order: not yet, then not known, in force, not known, ended, each
    at most once and in that order; never ended and then in force again."""
    span = Span(start, end, confirmed, horizon, died)
    statuses = [span.status(when) for when in sorted(asked)]
    compressed = [s for i, s in enumerate(statuses) if i == 0 or statuses[i - 1] != s]
    assert ORDER.fullmatch("".join(f"{s} " for s in compressed)), compressed
    window = span.window()
    for when, status in zip(sorted(asked), statuses, strict=True):
        inside = window is not None and window[0] <= when <= window[1]
        assert (status == IN_FORCE) == inside


# ---------------------------------------------------------------- the shipped base


def test_the_8_july_agreements_are_not_signed_before_8_july() -> None:
    before = {a["id"]: a for a in shipped_json("areas", "--as-of", "2004-07-01")}
    assert before["tourism"]["status"] is None
    assert before["trade"]["status"] is None
    [tourism] = before["tourism"]["commitments"]
    assert (tourism["date"], tourism["standing"]) == ("2004-07-08", NOT_YET)
    on_the_day = {a["id"]: a for a in shipped_json("areas", "--as-of", "2004-07-08")}
    assert on_the_day["tourism"]["status"] == "signed"
    assert on_the_day["customs"]["status"] == "signed"
    tsv = run("--facts", str(SHIPPED), "areas", "--as-of", "2004-07-01").stdout
    assert "tourism\tTourism\tnone yet\t" in tsv
    assert "\tsigned\t" not in tsv


def test_areas_signed_filter_keeps_only_commitments_in_force() -> None:
    result = run("--facts", str(SHIPPED), "areas", "--status", "signed", "--as-of", "2004-07-07")
    assert result.exit_code == 1
    found = shipped_json("areas", "--status", "signed", "--as-of", "2004-07-28")
    assert {area["id"] for area in found} == {"military", "counter-terrorism", "trade",
                                              "customs", "tourism"}  # fmt: skip


def test_every_dated_record_carries_its_status_and_last_confirmation() -> None:
    [diplomatic] = [
        r for r in shipped_json("relations", "--as-of", "2004-07-28")
        if r["id"] == "pk-az-diplomatic-relations"
    ]  # fmt: skip
    assert (diplomatic["start"], diplomatic["status"]) == ("1992-06-09", IN_FORCE)
    assert diplomatic["last_confirmed"] == "2021-06-09"
    assessments = shipped_json("assessments", "--as-of", "2004-07-28")
    assert all(a["last_confirmed"] and a["status"] for a in assessments)
    stated = {a["id"]: a["stated"] for a in assessments}
    assert stated["pk-much-needed-ally"] == "2004-07-28"
    assert stated["guluzade-pakistan-counterweight"] is None  # the article does not say when
    today = shipped_json("assessments", "--as-of", "2026-01-01")
    assert {a["status"] for a in today if a["stated"] == "2004-07-28"} == {UNKNOWN}  # the article's
    assert IN_FORCE in {a["status"] for a in today}  # views stated in 2025


def test_a_table_says_when_the_base_falls_silent() -> None:
    result = run("--facts", str(SHIPPED), "assessments", "--format", "table", "--as-of", "2027")
    assert "As of 2027-12-31, the base has no source on this after 2026-03-11." in result.stdout
    result = run("--facts", str(SHIPPED), "assessments", "--format", "table", "--as-of", "2026")
    assert "As of 2026-12-31, the base has no source on this after 2026-03-11." in result.stdout
    result = run(
        "--facts", str(SHIPPED), "assessments", "--format", "table", "--as-of", "2026-03-11"
    )
    assert "no source on this after" not in result.stdout


def test_the_status_is_a_column_of_tsv_and_csv() -> None:
    result = run("--facts", str(SHIPPED), "relations", "--format", "csv", "--as-of", "1992-01-01")
    header, *rows = result.stdout.splitlines()
    assert header.split(",")[4:8] == ["start", "end", "status", "last_confirmed"]
    [diplomatic] = [row for row in rows if row.startswith("pk-az-diplomatic-relations,")]
    assert ",1992-06-09,,not-yet,2021-06-09," in diplomatic


# ---------------------------------------------------------------- names at a date


@pytest.mark.parametrize(("asked", "name"), [("2004-07-28", CONFERENCE), ("2026", COOPERATION)])
def test_every_answer_uses_the_name_in_force(asked: str, name: str) -> None:
    other = COOPERATION if name == CONFERENCE else CONFERENCE
    relations = shipped_json("relations", "--as-of", asked)
    [membership] = [r for r in relations if r["id"] == "pk-oic-membership"]
    assert membership["object_name"] == name
    events = shipped_json("events", "--as-of", asked)
    [decision] = [e for e in events if e["id"] == "oic-armenian-aggression-decision"]
    assert decision["participant_names"][0] == name
    [shown] = [m for m in shipped_json("show", "OIC", "--as-of", asked) if m["kind"] != "area"]
    assert shown["record"]["name"] == name
    dot = run("--facts", str(SHIPPED), "graph", "--format", "dot", "--as-of", asked).stdout
    assert f'label="{name}"' in dot
    assert f'label="{other}"' not in dot
    exported = json.loads(
        run("--facts", str(SHIPPED), "export", "--format", "json", "--as-of", asked).stdout
    )["records"]
    [oic] = [o for o in exported["organization"] if o["id"] == "oic"]
    assert (oic["name"], oic["other_names"]) == (name, [other])
    [member] = [r for r in exported["relation"] if r["id"] == "pk-oic-membership"]
    assert member["object_name"] == name
    tsv = run("--facts", str(SHIPPED), "relations", "--as-of", asked).stdout
    assert f"pk-oic-membership\tmembership\tPakistan\t{name}\t" in tsv


def test_renaming_is_a_day_boundary() -> None:
    [before] = shipped_json("show", "oic", "--as-of", "2011-06-27")
    [after] = shipped_json("show", "oic", "--as-of", "2011-06-28")
    assert (before["record"]["name"], after["record"]["name"]) == (CONFERENCE, COOPERATION)


# ---------------------------------------------------------------- the schema


def test_a_version_2_base_gets_one_message_on_what_to_change(tmp_path: Path) -> None:
    old = MINIMAL.read_text().replace("schema_version = 3", "schema_version = 2")
    path = tmp_path / "facts.toml"
    path.write_text(old)
    result = run("--facts", str(path), "relations")
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:1: schema_version: is 2, written for an earlier bilateral")
    assert "rename each `since` under [[relations]] to `start`" in first


def test_a_post_term_is_the_horizon_of_its_holders(tmp_path: Path) -> None:
    text = MINIMAL.read_text().replace(
        'end = 2013-10-28\nsources = [{ source = "background" }]',
        'post = "defence-az"\nsources = [{ source = "article", paragraph = 1, sentence = 1 }]',
    )
    text += (
        '\n[[posts]]\nid = "defence-az"\nname = "Minister of Defence of Azerbaijan"\n'
        'country = "AZ"\nterm_years = 5\nsources = [{ source = "background" }]\n'
    )
    path = tmp_path / "facts.toml"
    path.write_text(text)

    def status(asked: str) -> str:
        out = run("--facts", str(path), "officials", "--json", "--as-of", asked).stdout
        return str(json.loads(out)[0]["roles"][0]["status"])

    assert [status(d) for d in ("2009-07-28", "2009-07-29")] == [HELD, UNKNOWN]
