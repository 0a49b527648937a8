"""Short event titles: who, what, where and the month, or a curated title as it is."""

from __future__ import annotations

from typing import Any

import pytest

from bilateral.answer.titles import TITLE_WIDTH, event_title, short_names, when

NAMES = {
    "musharraf-pervez": "Pervez Musharraf",
    "aliyev-ilham": "Ilham Aliyev",
    "PK": "Pakistan",
    "AZ": "Azerbaijan",
    "baku": "Baku",
}
PEOPLE = {"musharraf-pervez", "aliyev-ilham"}


@pytest.mark.parametrize(
    ("date", "said"),
    [(None, "undated"), ("2004", "2004"), ("2004-07", "July 2004"), ("2004-07-08", "8 July 2004")],
)
def test_a_date_as_a_title_says_it(date: str | None, said: str) -> None:
    assert when(date) == said


def test_a_visit_names_its_visitor_place_and_month() -> None:
    visit = {"kind": "visit", "participants": ["PK", "musharraf-pervez"], "place": "baku"}
    assert event_title(visit | {"date": "2004-07-08"}, NAMES, PEOPLE) == (
        "Pervez Musharraf's visit to Baku, July 2004"
    )
    assert event_title(visit | {"date": "2004-07-08"}, NAMES, PEOPLE, day=True) == (
        "Pervez Musharraf's visit to Baku, 8 July 2004"
    )
    assert event_title(visit | {"date": None, "place": None}, NAMES, PEOPLE) == (
        "Pervez Musharraf's visit, undated"
    )


def test_a_curated_title_is_kept_as_it_is() -> None:
    event = {"kind": "visit", "title": "The state visit", "participants": ["PK"], "date": "2004"}
    assert event_title(event, NAMES, PEOPLE) == "The state visit"


def test_a_kind_without_a_pattern_still_reads() -> None:
    event = {"kind": "summit", "participants": ["PK", "AZ"], "date": "2025-02"}
    assert event_title(event, NAMES) == "Summit: Pakistan and Azerbaijan, February 2025"


LONG = (
    "OIC Contact Group on the aggression of the Republic of Armenia against the Republic of "
    "Azerbaijan"
)
BODIES: list[dict[str, Any]] = [
    {"id": "oic", "name": "Organization of the Islamic Conference", "aliases": ["OIC"]},
    {"id": "group", "name": LONG, "aliases": ["OIC Contact Group on Karabakh"]},
    {"id": "plain", "name": "ECO", "aliases": ["Economic Cooperation Organization"]},
]


def test_a_long_title_names_bodies_by_their_shortest_alias() -> None:
    short = short_names(BODIES)
    assert short == {"oic": "OIC", "group": "OIC Contact Group on Karabakh"}  # never longer
    names = {**NAMES, "oic": "Organization of the Islamic Conference", "group": LONG}
    event = {"kind": "establishment", "participants": ["oic", "group"], "date": "2016-04"}
    assert event_title(event, names) == (  # no short names: the first, and others
        "Establishment by Organization of the Islamic Conference and others, April 2016"
    )
    assert event_title(event, names, short=short) == (
        "OIC and OIC Contact Group on Karabakh establish relations, April 2016"
    )
    fits = {"kind": "visit", "participants": ["aliyev-ilham"], "place": "oic", "date": "2004"}
    assert event_title(fits, names, PEOPLE, short=short) == (  # short enough: its whole name
        "Ilham Aliyev's visit to Organization of the Islamic Conference, 2004"
    )


def test_a_title_still_too_long_names_its_first_participant_and_others() -> None:
    names = {**NAMES, "group": LONG}
    event = {"kind": "meeting", "participants": ["aliyev-ilham", "group"], "place": "baku",
             "date": "2016-09-20"}  # fmt: skip
    title = event_title(event, names, PEOPLE, day=True)
    assert title == "Meeting in Baku by Ilham Aliyev and others, 20 September 2016"
    assert len(title) <= TITLE_WIDTH
