"""People and their roles: offices held, with dates, in an organization or a country."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from bilateral.kinds.common import (
    ALIASES,
    ID,
    NAME,
    NOTES,
    SOURCES,
    name_and_aliases,
    name_of,
    note_texts,
)
from bilateral.kinds.kind import Cells, Kind, Listing
from bilateral.schema import dates
from bilateral.schema.checker import Checker, Document
from bilateral.schema.fields import Field, Shape
from bilateral.schema.lookup import Lookup


def _check_role(check: Checker, role: Document, key: str) -> None:
    check.order(key, role["start"], role["end"], "start is after end")


def _check_person(check: Checker, person: Document, key: str) -> None:
    check.order(key, person["born"], person["died"], "born is after died")


ROLE = Shape(
    (
        Field("title", "text", required=True),
        Field("organization", "ref", required=True, targets=("organization", "country")),
        name_of("organization"),
        Field("start", "date"),
        Field("end", "date"),
        Field("current", "flag", help="whether the role is held at the base's as_of date"),
        NOTES,
        SOURCES,
    ),
    check=_check_role,
)


def _check_current_roles(
    check: Checker, people: list[tuple[str, Document]], meta: dict[str, Any]
) -> None:
    """`current` must agree with the dates where they settle it; partial dates may not."""
    if not meta.get("as_of"):
        return
    as_of = dates.earliest(meta["as_of"])
    for key, person in people:
        for position, role in enumerate(person["roles"]):
            start, end = role["start"], role["end"]
            surely_started = start is not None and dates.latest(start) <= as_of
            surely_ongoing = end is not None and dates.earliest(end) > as_of
            surely_over = end is not None and dates.latest(end) < as_of
            not_yet = start is not None and dates.earliest(start) > as_of
            role_key = f"{key}.roles[{position}].current"
            if role["current"] and (surely_over or not_yet):
                check.problem(
                    role_key,
                    f"is true, but the role's dates do not span as_of ({meta['as_of']}); set false",
                )
            elif not role["current"] and surely_started and surely_ongoing:
                check.problem(
                    role_key,
                    f"is false, but the role's dates span as_of ({meta['as_of']}); set true",
                )


def _label(person: Document) -> str:
    roles = person["roles"]
    if not roles:
        return str(person["name"])
    return f"{person['name']}, {roles[0]['title']} ({person['country']})"


def _text(person: Document, lookup: Lookup) -> str:
    role_words = " ".join(
        f"{'current' if role['current'] else 'former'} {role['title']} "
        f"{lookup.words_for([role['organization']])}"
        for role in person["roles"]
    )
    return " ".join(
        (
            *name_and_aliases(person),
            lookup.words_for([person["country"]]),
            role_words,
            "official",
            *note_texts(person),
            *(note for role in person["roles"] for note in note_texts(role)),
        )
    )


def _facets(person: Document, _lookup: Lookup) -> Iterable[tuple[str, str]]:
    roles = person["roles"]
    return (
        ("country", person["country"]),
        ("current", "1" if any(role["current"] for role in roles) else "0"),
        ("former", "1" if any(not role["current"] for role in roles) else "0"),
    )


def _rows(person: Document) -> Iterator[Cells]:
    base = {"id": person["id"], "name": person["name"], "country": person["country"]}
    for role in person["roles"] or [{}]:
        yield base | {
            "title": role.get("title"),
            "organization": role.get("organization_name"),
            "start": role.get("start"),
            "end": role.get("end"),
            "current": role.get("current"),
            "sources": role.get("sources") or person["sources"],
        }


PERSON = Kind(
    name="person",
    table="people",
    noun="person",
    plural="people",
    shape=Shape(
        (
            ID,
            NAME,
            Field("country", "ref", required=True, targets=("country",)),
            name_of("country"),
            ALIASES,
            Field("born", "date"),
            Field("died", "date"),
            Field("roles", "records", shape=ROLE),
            NOTES,
            SOURCES,
        ),
        check=_check_person,
    ),
    label=_label,
    text=_text,
    names=name_and_aliases,
    titles=lambda person: " ".join(role["title"] for role in person["roles"]),
    facets=_facets,
    mentions=lambda person: (person["country"], *(r["organization"] for r in person["roles"])),
    listing=Listing(
        "officials",
        ("id", "name", "country", "title", "organization", "start", "end", "current", "sources"),
        ("name", "country", "title", "start", "end", "current"),
        _rows,
    ),
    base_check=_check_current_roles,
)
