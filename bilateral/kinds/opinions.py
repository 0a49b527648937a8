"""Assessments (opinions, always with their holder), relations and plain facts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilateral.kinds.common import (
    DISPUTES,
    END,
    ENTITY_KINDS,
    ID,
    LAST_CONFIRMED,
    NOTES,
    PAIR,
    SOURCES,
    START,
    check_span,
    dispute_texts,
    joined,
    name_of,
    names_of,
)
from bilateral.kinds.kind import Kind, Listing
from bilateral.schema.fields import Field, Shape
from bilateral.schema.lookup import Lookup
from bilateral.schema.vocabulary import RELATION_KINDS

if TYPE_CHECKING:  # types alone: the checker is for building, not answering
    from bilateral.schema.checker import Checker, Document


def _one_holder(check: Checker, assessment: Document, key: str) -> None:
    if (assessment["held_by"] is None) == (assessment["held_by_group"] is None):
        check.problem(
            key,
            "an assessment needs exactly one holder: held_by (an id) "
            "or held_by_group (such as 'local analysts')",
            unless=(f"{key}.held_by", f"{key}.held_by_group"),
        )
    check_span("stated")(check, assessment, key)


def _holder(assessment: Document, lookup: Lookup) -> str | None:
    if assessment["held_by"]:
        return lookup.name(assessment["held_by"])
    return assessment["held_by_group"]  # type: ignore[no-any-return]


ASSESSMENT = Kind(
    name="assessment",
    begins="stated",
    status="status",
    table="assessments",
    noun="assessment",
    plural="assessments",
    shape=Shape(
        (
            ID,
            PAIR,
            Field("held_by", "ref", targets=("person", "organization", "country")),
            Field("held_by_group", "text"),
            Field("holder_name", "derived", derive=_holder, names="held_by"),
            Field("claim", "text", required=True),
            Field("quote", "text"),
            Field("about", "refs"),
            names_of("about", "about_names"),
            Field("stated", "date", help="when the view was stated, where the sources say"),
            END,
            LAST_CONFIRMED,
            NOTES,
            DISPUTES,
            SOURCES,
        ),
        check=_one_holder,
    ),
    label=lambda doc: f"{doc['holder_name']}: {doc['claim']}",
    text=lambda doc, lookup: joined(
        doc["claim"],
        doc["quote"],
        doc["holder_name"],
        "opinion view assessment think say",
        lookup.words_for(doc["about"]),
        *dispute_texts(doc),
    ),
    mentions=lambda doc: tuple(filter(None, (doc["held_by"], *doc["about"]))),
    facets=lambda doc, _lookup: [
        *(("about", about) for about in doc["about"]),
        *((("holder", doc["held_by"]),) if doc["held_by"] else ()),
    ],
    listing=Listing(
        "assessments",
        (
            "id",
            "holder",
            "claim",
            "quote",
            "about",
            "stated",
            "end",
            "status",
            "last_confirmed",
            "sources",
            "disputed",
            "as_of",
        ),
        ("id", "holder", "claim", "about", "stated", "status", "last_confirmed"),
        lambda doc: iter(
            [
                {
                    "id": doc["id"],
                    "holder": doc["holder_name"],
                    "claim": doc["claim"],
                    "quote": doc["quote"],
                    "about": doc["about_names"],
                    "stated": doc["stated"],
                    "end": doc["end"],
                    "status": doc.get("status"),
                    "last_confirmed": doc["last_confirmed"],
                    "sources": doc["sources"],
                }
            ]
        ),
        noted="claim",
    ),
)


def _related(relation: Document) -> tuple[str, ...]:
    return (relation["subject"], relation["object"], *relation["concerning"])


RELATION = Kind(
    name="relation",
    status="status",
    table="relations",
    noun="relation",
    plural="relations",
    shape=Shape(
        (
            ID,
            Field("kind", "choice", required=True, choices=RELATION_KINDS),
            Field("subject", "ref", required=True, targets=ENTITY_KINDS),
            name_of("subject"),
            Field("object", "ref", required=True, targets=ENTITY_KINDS),
            name_of("object"),
            START,
            END,
            Field("concerning", "refs"),
            Field("summary", "text", required=True),
            LAST_CONFIRMED,
            NOTES,
            DISPUTES,
            SOURCES,
        ),
        check=check_span(),
    ),
    label=lambda doc: doc["summary"],
    text=lambda doc, lookup: " ".join(
        (doc["kind"], doc["summary"], lookup.words_for(_related(doc)))
    ),
    facets=lambda doc, lookup: [
        ("kind", doc["kind"]),
        *(("country", c) for c in lookup.countries_of(_related(doc))),
    ],
    mentions=_related,
    listing=Listing(
        "relations",
        (
            "id",
            "kind",
            "subject",
            "object",
            "start",
            "end",
            "status",
            "last_confirmed",
            "summary",
            "sources",
            "disputed",
            "as_of",
        ),
        ("id", "kind", "subject", "object", "start", "end", "status", "last_confirmed", "summary"),
        lambda doc: iter(
            [
                {
                    "id": doc["id"],
                    "kind": doc["kind"],
                    "subject": doc["subject_name"],
                    "object": doc["object_name"],
                    "start": doc["start"],
                    "end": doc["end"],
                    "status": doc.get("status"),
                    "last_confirmed": doc["last_confirmed"],
                    "summary": doc["summary"],
                    "sources": doc["sources"],
                }
            ]
        ),
        noted="summary",
    ),
)

FACT = Kind(
    name="fact",
    status="status",
    table="facts",
    noun="fact",
    plural="facts",
    shape=Shape(
        (
            ID,
            Field("subject", "ref", required=True),
            Field("text", "text", required=True),
            START,
            END,
            LAST_CONFIRMED,
            NOTES,
            DISPUTES,
            SOURCES,
        ),
        check=check_span(),
    ),
    label=lambda doc: doc["text"],
    text=lambda doc, lookup: " ".join((doc["text"], lookup.words_for([doc["subject"]]))),
    mentions=lambda doc: (doc["subject"],),
)
