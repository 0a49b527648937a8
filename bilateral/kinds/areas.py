"""Cooperation areas and the commitments made in each, on the status ladder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bilateral.kinds.common import (
    ALIASES,
    DISPUTES,
    END,
    ENTITY_KINDS,
    ID,
    LAST_CONFIRMED,
    NAME,
    NOTES,
    PAIR,
    SOURCES,
    check_span,
    names_of,
)
from bilateral.kinds.kind import Cells, Child, Kind, Listing
from bilateral.schema.fields import Field, Shape
from bilateral.schema.lookup import Lookup
from bilateral.schema.vocabulary import STATUS_LADDER

if TYPE_CHECKING:  # types alone: the checker is for building, not answering
    from bilateral.schema.checker import Document

STATUS_WORDS = {
    "signed": "signed",
    "agreed": "agreed",
    "pledged": "pledged",
    "promised": "promised",
    "proposed": "proposed",
    "requested": "requested",
    "under-discussion": "under discussion",
    "possible": "possible potential",
}


def strongest_status(area: Document, _lookup: Lookup | None = None) -> str | None:
    """The strongest status among the area's commitments (as of a date: among those in
    force then, bilateral.answer.dated)."""
    ranks = [STATUS_LADDER.index(c["status"]) for c in area["commitments"]]
    return STATUS_LADDER[min(ranks)] if ranks else None


def area_status_text(area: Document) -> str:
    """The area's status as a table shows it: the strongest in force at the date, else
    whether its commitments are not known then or there are none."""
    if area["status"]:
        return str(area["status"])
    standings = {c.get("standing") for c in area["commitments"]}
    if not standings:
        return "none recorded"
    if "unknown" in standings:
        return "not known"
    return "none yet" if standings == {"not-yet"} else "none in force"


def _all_by(area: Document) -> list[str]:
    return [party for c in area["commitments"] for party in c["by"]]


def _commitment_text(commitment: Document, lookup: Lookup) -> str:
    area = commitment["area"]
    return " ".join(
        (
            commitment["summary"],
            STATUS_WORDS[commitment["status"]],
            lookup.words_for([area]),
            *lookup.aliases.get(area, []),
            lookup.words_for(commitment["by"]),
        )
    )


COMMITMENT = Kind(
    name="commitment",
    begins="date",
    status="standing",
    table="commitments",
    noun="commitment",
    plural="commitments",
    shape=Shape(
        (
            ID,
            Field("summary", "text", required=True),
            Field("status", "choice", required=True, choices=STATUS_LADDER),
            Field("by", "refs", required=True, targets=ENTITY_KINDS),
            names_of("by", "by_names"),
            Field("date", "date", help="the day it got its status, where the sources say"),
            END,
            LAST_CONFIRMED,
            NOTES,
            DISPUTES,
            SOURCES,
        ),
        check=check_span("date"),
    ),
    label=lambda doc: f"{doc['status']}: {doc['summary']}",
    text=_commitment_text,
    facets=lambda doc, _lookup: [("status", doc["status"]), ("area", doc["area"])],
    mentions=lambda doc: (doc["area"], *doc["by"]),
    sort=lambda doc, position: f"{position:08d}{STATUS_LADDER.index(doc['status'])}",
)


def _area_facets(area: Document, lookup: Lookup) -> list[tuple[str, str]]:
    facets = [("status", c["status"]) for c in area["commitments"]]
    facets += [("country", c) for c in lookup.countries_of(_all_by(area))]
    return list(dict.fromkeys(facets))


def _area_rows(area: Document) -> Iterator[Cells]:
    by = list(dict.fromkeys(name for c in area["commitments"] for name in c["by_names"]))
    yield {
        "area": area["id"],
        "name": area["name"],
        "status": area_status_text(area),
        "last_confirmed": area["last_confirmed"],
        "commitments": str(len(area["commitments"])),
        "by": by,
        "summary": area["summary"],
        "sources": area["sources"],
    }


def _commitment_rows(area: Document) -> Iterator[Cells]:
    base = {"area": area["id"], "name": area["name"], "area_status": area["status"]}
    for commitment in area["commitments"]:
        yield base | {
            "commitment": commitment.get("id"),
            "status": commitment.get("status"),
            "date": commitment.get("date"),
            "end": commitment.get("end"),
            "standing": commitment.get("standing"),
            "last_confirmed": commitment.get("last_confirmed"),
            "by": commitment.get("by_names"),
            "summary": commitment.get("summary") or area["summary"],
            "sources": commitment.get("sources") or area["sources"],
        }


AREA = Kind(
    name="area",
    table="areas",
    noun="area",
    plural="areas",
    shape=Shape(
        (
            ID,
            NAME,
            PAIR,
            Field("status", "derived", derive=strongest_status),
            Field("summary", "text", required=True),
            ALIASES,
            Field("commitments", "records", shape=COMMITMENT.shape, record_kind="commitment"),
            LAST_CONFIRMED,
            NOTES,
            DISPUTES,
            SOURCES,
        )
    ),
    label=lambda doc: doc["name"],
    text=lambda doc, lookup: " ".join(
        (
            doc["name"],
            *doc["aliases"],
            doc["summary"],
            "cooperation area",
            lookup.words_for(_all_by(doc)),
        )
    ),
    names=lambda doc: [doc["name"], *doc["aliases"]],
    facets=_area_facets,
    mentions=lambda doc: list(dict.fromkeys(_all_by(doc))),
    listing=Listing(
        "cooperation areas",
        (
            "area",
            "name",
            "status",
            "last_confirmed",
            "commitments",
            "by",
            "summary",
            "sources",
            "disputed",
            "as_of",
        ),
        ("area", "name", "status", "commitments", "by", "summary"),
        _area_rows,
        noted="summary",
    ),
    children=(
        Child("commitments", COMMITMENT, lambda c, a: c | {"area": a["id"], "pair": a["pair"]}),
    ),
)


COMMITMENTS = Listing(
    "commitments",
    (
        "area",
        "name",
        "area_status",
        "commitment",
        "status",
        "date",
        "end",
        "standing",
        "last_confirmed",
        "by",
        "summary",
        "sources",
        "disputed",
        "as_of",
    ),
    ("area", "commitment", "status", "date", "standing", "last_confirmed", "by", "summary"),
    _commitment_rows,
    noted="summary",
)
"""`areas --commitments`: one row per commitment, each with its area."""
