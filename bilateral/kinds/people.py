"""People and their roles: offices held, with dates, in an organization or a country."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bilateral.kinds.common import (
    ALIASES,
    DISPUTES,
    ID,
    NAME,
    NOTES,
    SOURCES,
    name_and_aliases,
    name_of,
    note_texts,
)
from bilateral.kinds.kind import Cells, Kind, Listing
from bilateral.schema.fields import Field, Shape
from bilateral.schema.lookup import Lookup

if TYPE_CHECKING:  # types alone: the checker is for building, not answering
    from bilateral.schema.checker import Checker, Document


def _check_role(check: Checker, role: Document, key: str) -> None:
    check.order(key, role["start"], role["end"], "start is after end")


def _check_person(check: Checker, person: Document, key: str) -> None:
    check.order(key, person["born"], person["died"], "born is after died")


ROLE = Shape(
    (
        Field("title", "text", required=True),
        Field("organization", "ref", required=True, targets=("organization", "country")),
        name_of("organization"),
        Field("post", "ref", targets=("post",), help="the post held, where the base has it"),
        Field("start", "date"),
        Field("end", "date"),
        Field(
            "last_confirmed",
            "derived",
            derive=lambda role, lookup: lookup.last_confirmed(role["sources"]),
        ),
        NOTES,
        DISPUTES,
        SOURCES,
    ),
    check=_check_role,
)


def _label(person: Document) -> str:
    """'Name, Title (CC)'; as of a date, 'former Title' for an ended role, and 'last
    confirmed DATE' for one the sources no longer speak for."""
    roles = person["roles"]
    if not roles:
        return str(person["name"])
    held = [role for role in roles if role.get("status") == "held"]
    role = held[0] if held else roles[0]
    status = role.get("status")
    former = "former " if status == "ended" else ""
    confirmed = f", last confirmed {role['last_confirmed']}" if status == "unknown" else ""
    return f"{person['name']}, {former}{role['title']} ({person['country']}{confirmed})"


def _text(person: Document, lookup: Lookup) -> str:
    role_words = " ".join(
        f"{role['title']} {lookup.words_for([role['organization'], role['post']])}"
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


def _rows(person: Document) -> Iterator[Cells]:
    base = {"id": person["id"], "name": person["name"], "country": person["country"]}
    for role in person["roles"] or [{}]:
        yield base | {
            "title": role.get("title"),
            "organization": role.get("organization_name"),
            "start": role.get("start"),
            "end": role.get("end"),
            "status": role.get("status"),
            "sources": role.get("sources") or person["sources"],
            "disputes": role.get("disputes"),
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
            DISPUTES,
            SOURCES,
        ),
        check=_check_person,
    ),
    label=_label,
    text=_text,
    names=lambda person: [*name_and_aliases(person), *(r["title"] for r in person["roles"])],
    titles=lambda person: " ".join(role["title"] for role in person["roles"]),
    facets=lambda person, _lookup: [("country", person["country"])],
    mentions=lambda person: (
        person["country"],
        *(r["organization"] for r in person["roles"]),
        *(r["post"] for r in person["roles"]),
    ),
    listing=Listing(
        "officials",
        (
            "id",
            "name",
            "country",
            "title",
            "organization",
            "start",
            "end",
            "status",
            "sources",
            "disputed",
            "as_of",
        ),
        ("id", "name", "country", "title", "start", "end", "status"),
        _rows,
    ),
)
