"""Short event titles: who, what, where and the month, or a curated title as it is."""

from __future__ import annotations

import pytest

from bilateral.answer.titles import event_title, when

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
