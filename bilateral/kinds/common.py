"""Fields and helpers that several kinds share."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bilateral.schema import dates
from bilateral.schema.fields import Field, Shape
from bilateral.schema.lookup import Lookup

if TYPE_CHECKING:  # types alone: the checker is for building, not answering
    from bilateral.schema.checker import Checker, Document

ENTITY_KINDS = ("country", "person", "organization", "place")

ID = Field("id", "id", required=True)
NAME = Field("name", "text", required=True)
ALIASES = Field("aliases", "texts")
NOTES = Field("notes", "notes")
SOURCES = Field("sources", "sources", required=True)
PAIR = Field("pair", "pair")
DATED_NAME = Shape(
    (
        Field("name", "text", required=True),
        Field("start", "date"),
        Field("end", "date"),
        NOTES,
        SOURCES,
    ),
    check=lambda check, name, key: check.order(
        key, name["start"], name["end"], "start is after end"
    ),
)
NAMES = Field("names", "records", shape=DATED_NAME, help="names in force between dates")
DISPUTED_VALUE = Shape(
    (Field("value", "scalar", required=True), Field("says", "text"), NOTES, SOURCES)
)
DISPUTE = Shape(
    (
        Field("field", "text", required=True),
        Field("values", "records", shape=DISPUTED_VALUE),
    )
)
DISPUTES = Field(
    "disputes",
    "records",
    shape=DISPUTE,
    help="statements whose sources disagree: every value, each with its sources",
)


LAST_CONFIRMED = Field(
    "last_confirmed",
    "derived",
    derive=lambda document, lookup: lookup.last_confirmed(document["sources"]),
    help="the latest date of the dated sources it cites, else the base's as_of",
)
START = Field("start", "date", help="when it began, where the sources say")
END = Field("end", "date", help="when it ended, where the sources say")


def check_span(begins: str = "start") -> Callable[[Checker, Document, str], None]:
    """The rule that a record's start (or `begins`) is not after its end."""

    def check(checker: Checker, document: Document, key: str) -> None:
        checker.order(key, document[begins], document["end"], f"{begins} is after end")

    return check


def name_of(reference: str) -> Field:
    """A derived field holding the name of the record a `reference` field names."""
    return Field(
        f"{reference}_name",
        "derived",
        derive=lambda doc, lookup: lookup.name(doc[reference]),
        names=reference,
    )


def names_of(references: str, field_name: str) -> Field:
    """A derived field holding the names of the records a list field names."""
    return Field(
        field_name,
        "derived",
        derive=lambda doc, lookup: lookup.names_of(doc[references]),
        names=references,
    )


def name_and_aliases(document: Document) -> list[str]:
    dated = [entry["name"] for entry in document.get("names") or []]
    return list(dict.fromkeys([document["name"], *dated, *document["aliases"]]))


def note_texts(document: Document) -> list[str]:
    return [note["text"] for note in document["notes"]]


def dispute_texts(document: Document) -> list[str]:
    """Every disputed value in words and who says it: 'who says Romania was second' finds
    the record that holds the dispute."""
    return [
        joined(str(value["value"]), value.get("says"))
        for dispute in document.get("disputes") or []
        for value in dispute["values"]
    ]


def date_order(date: str | None, position: int) -> str:
    """Sorts by the earliest day a date may mean; undated last, then in file order."""
    day = dates.earliest(date).isoformat() if date else "9999-99-99"
    return f"{day}{position:08d}"


def joined(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


def country_words(document: Document, lookup: Lookup) -> str:
    return lookup.words_for([document.get("country")])
