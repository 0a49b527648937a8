"""Events: visits, meetings, signings and statements, dated to the precision known."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bilateral.kinds.common import (
    DISPUTES,
    ENTITY_KINDS,
    ID,
    NOTES,
    PAIR,
    SOURCES,
    date_order,
    name_of,
    names_of,
    note_texts,
)
from bilateral.kinds.kind import Cells, Kind, Listing
from bilateral.schema import dates
from bilateral.schema.fields import Field, Shape
from bilateral.schema.lookup import Lookup
from bilateral.schema.vocabulary import EVENT_KINDS
from bilateral.schema.wording import span

if TYPE_CHECKING:  # types alone: the checker is for building, not answering
    from bilateral.schema.checker import Checker, Document

EVENT_WORDS = {
    "visit": "visited trip",
    "meeting": "met meeting talks",
    "signing": "signed agreements",
    "statement": "said stated statement",
    "address": "speech addressed",
    "recognition": "recognized recognition",
    "establishment": "established",
    "decision": "decided decision",
    "vote": "voted vote",
    "ceasefire": "ceasefire truce",
    "hostilities": "fighting war hostilities",
    "election": "elected election",
    "flight": "flight flew",
    "deal": "deal contract",
    "opening": "opened opening",
}


def _check(check: Checker, event: Document, key: str) -> None:
    if event["end"] and not event["date"]:
        check.problem(
            f"{key}.end", "an end needs a date to start from; add date", unless=(f"{key}.date",)
        )
    check.order(key, event["date"], event["end"], "date is after end")


def when(event: Document) -> str:
    return span(event["date"], event["end"], event["approximate"]) or "undated"


def _facets(event: Document, lookup: Lookup) -> list[tuple[str, str]]:
    facets: list[tuple[str, str]] = []
    if event["date"]:
        first = dates.year_of(event["date"])
        last = dates.year_of(event["end"] or event["date"])
        facets += [("year", str(year)) for year in range(first, last + 1)]
    if event["place"]:
        facets.append(("place", event["place"]))
    facets += [("country", c) for c in lookup.countries_of(event["participants"])]
    facets += [("kind", event["kind"])]
    facets += [("participant", p) for p in event["participants"]]
    return facets


def _text(event: Document, lookup: Lookup) -> str:
    return " ".join(
        (
            EVENT_WORDS[event["kind"]],
            event["summary"],
            lookup.words_for([event["place"]]),
            lookup.words_for(event["participants"]),
            span(event["date"], event["end"]),
            *note_texts(event),
        )
    )


def _rows(event: Document) -> Iterator[Cells]:
    yield {
        "id": event["id"],
        "date": event["date"],
        "end": event["end"],
        "when": when(event),
        "kind": event["kind"],
        "place": event["place_name"],
        "participants": event["participant_names"],
        "summary": event["summary"],
        "sources": event["sources"],
    }


EVENT = Kind(
    name="event",
    table="events",
    noun="event",
    plural="events",
    shape=Shape(
        (
            ID,
            Field("kind", "choice", required=True, choices=EVENT_KINDS),
            PAIR,
            Field("date", "date"),
            Field("end", "date"),
            Field("approximate", "flag", default=False),
            Field("place", "ref", targets=("place", "country")),
            name_of("place"),
            Field("participants", "refs", required=True, targets=ENTITY_KINDS),
            names_of("participants", "participant_names"),
            Field("summary", "text", required=True),
            NOTES,
            DISPUTES,
            SOURCES,
        ),
        check=_check,
    ),
    label=lambda doc: f"{when(doc)}: {doc['summary']}",
    text=_text,
    facets=_facets,
    mentions=lambda doc: list(dict.fromkeys(filter(None, (doc["place"], *doc["participants"])))),
    sort=lambda doc, position: date_order(doc["date"], position),
    listing=Listing(
        "events",
        (
            "id",
            "date",
            "end",
            "kind",
            "place",
            "participants",
            "summary",
            "sources",
            "disputed",
            "as_of",
        ),
        ("id", "when", "kind", "place", "participants", "summary"),
        _rows,
        noted="summary",
    ),
)
