"""A Python API one can build on (issue 25): parameters checked when a method is called,
with errors that speak of parameters; dates as `datetime.date` or text; a `Base` that
closes; one `Base` a thread."""

from __future__ import annotations

import datetime
import sqlite3
import threading
from collections.abc import Callable
from typing import Any, cast

import pytest

from bilateral import api
from bilateral.errors import BadParameter, BadQuery
from tests.conftest import MINIMAL, run

BAD_CALLS: list[tuple[str, Callable[[api.Base], Any], str]] = [
    ("flow", lambda b: b.trade(flow="exports"),
     "flow='exports': use one of: export, import, total, re-export, re-import"),
    ("status", lambda b: b.areas(status="signd"),
     "status='signd': use one of: signed, agreed, pledged, promised, proposed, requested, "
     "under-discussion, possible"),
    ("kind", lambda b: b.events(kind="visits"), "kind='visits': use one of: visit, "),
    ("kind", lambda b: b.relations(kind="friends"), "kind='friends': use one of: "),
    ("year", lambda b: cast(Any, b).trade(year="two thousand"),
     "year='two thousand': give a year as a whole number, such as 2004"),
    ("pair", lambda b: b.events(pair="AZ-RU"),
     "pair='AZ-RU': no such pair in this fact base; the pairs are: AZ-PK"),
    ("country", lambda b: b.officials(country="XX"), "country='XX': unknown country; use one"),
    ("reporter", lambda b: b.trade(reporter="XX"), "reporter='XX': unknown country; use one"),
    ("former", lambda b: b.officials(current=True, former=True),
     "former=True: asks for roles that had ended, and current=True for roles held; give one"),
    ("start", lambda b: b.changes("2005", "2004"), "start='2005': is after end='2004'; swap"),
    ("date", lambda b: b.at("2004-13"), "date='2004-13': is not a date; write YYYY-MM-DD"),
    ("start", lambda b: cast(Any, b).timeline(start=2004), "start=2004: give a datetime.date"),
    ("limit", lambda b: b.search("visit", limit=0), "limit=0: give a whole number of hits"),
]  # fmt: skip


@pytest.fixture
def base() -> api.Base:
    return api.open_base(str(MINIMAL), as_of="2004-07-28")


@pytest.mark.slow
@pytest.mark.parametrize(("parameter", "call", "message"), BAD_CALLS)
def test_a_bad_value_is_refused_when_the_method_is_called(
    base: api.Base, parameter: str, call: Callable[[api.Base], Any], message: str
) -> None:
    """Raised by the call itself, before any row is asked for, naming the parameter and
    never a command-line flag."""
    with pytest.raises(BadParameter) as raised:
        call(base)
    assert raised.value.parameter == parameter
    assert str(raised.value).startswith(message)
    assert "--" not in str(raised.value)
    assert isinstance(raised.value, BadQuery)


def test_the_command_line_still_speaks_of_its_options() -> None:
    result = run("--facts", str(MINIMAL), "events", "--pair", "AZ-RU")
    assert result.stderr == "bilateral: no pair 'AZ-RU' in this fact base; the pairs are: AZ-PK\n"
    result = run("--facts", str(MINIMAL), "changes", "--from", "2005", "--to", "2004")
    assert result.stderr == "bilateral: --from 2005 is after --to 2004; swap them\n"


def test_dates_are_taken_as_datetime_date_or_text(base: api.Base) -> None:
    as_text = api.open_base(str(MINIMAL), as_of="2013-12-31")
    as_date = api.open_base(str(MINIMAL), as_of=datetime.date(2013, 12, 31))
    assert [r.raw for r in as_text.officials()] == [r.raw for r in as_date.officials()]
    assert as_date.when.day == datetime.date(2013, 12, 31)
    assert base.at(datetime.date(2014, 1, 1)).when.text == "2014-01-01"
    by_date = base.changes(datetime.date(2004, 7, 1), datetime.date(2004, 7, 31))
    assert [r.raw for r in by_date] == [r.raw for r in base.changes("2004-07-01", "2004-07-31")]
    span = base.timeline(start=datetime.date(2004, 1, 1), end="2004-12-31")
    assert [entry.document["id"] for entry in span] == ["abiyev-safar", "visit-baku-2004"]


def test_a_base_closes_and_is_a_context_manager() -> None:
    with api.open_base(str(MINIMAL)) as base:
        assert base.trade_years() == [2003]
    with pytest.raises(sqlite3.ProgrammingError):
        base.trade_years()
    other = api.open_base(str(MINIMAL))
    other.close()
    with pytest.raises(sqlite3.ProgrammingError):
        list(other.trade())


def test_each_thread_opens_its_own_base_and_gets_the_same_answers() -> None:
    answers: list[list[str]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with api.open_base(str(MINIMAL), as_of="2004-07-28") as own:
                answers.append([row.raw for row in own.officials()])
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(answers) == 6
    assert all(answer == answers[0] for answer in answers)


def test_a_base_is_refused_in_another_thread(base: api.Base) -> None:
    """As documented: a Base belongs to the thread that opened it."""
    raised: list[BaseException] = []
    thread = threading.Thread(target=lambda: _try(base.trade_years, raised))
    thread.start()
    thread.join()
    assert len(raised) == 1
    assert isinstance(raised[0], sqlite3.ProgrammingError)


def _try(action: Callable[[], object], raised: list[BaseException]) -> None:
    try:
        action()
    except sqlite3.ProgrammingError as error:
        raised.append(error)
