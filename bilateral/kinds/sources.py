"""Sources: what every fact cites, with the paragraph and sentence counts of held texts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bilateral.kinds.common import ID, joined
from bilateral.kinds.kind import Cells, Kind, Listing
from bilateral.schema.fields import Field, Shape

if TYPE_CHECKING:  # types alone: the checker is for building, not answering
    from bilateral.schema.checker import Document


def _paragraphs(document: Document, _lookup: object) -> int | None:
    return len(document["sentences"]) if document["sentences"] else None


def _rows(source: Document) -> Iterator[Cells]:
    yield {
        "id": source["id"],
        "publisher": source["publisher"],
        "title": source["title"],
        "date": source["date"],
        "url": source["url"],
        "supports": str(len(source.get("supports", []))),
    }


SOURCE = Kind(
    name="source",
    table="sources",
    noun="source",
    plural="sources",
    shape=Shape(
        (
            ID,
            Field("title", "text"),
            Field("author", "text"),
            Field("publisher", "text", required=True),
            Field("date", "date"),
            Field("url", "text"),
            Field("paragraphs", "derived", derive=_paragraphs),
            Field("sentences", "counts", help="sentences in each paragraph of a held text"),
            Field("note", "text"),
        )
    ),
    label=lambda doc: doc["title"] or doc["publisher"],
    text=lambda doc, _lookup: joined(doc["title"], doc["author"], doc["publisher"], doc["note"]),
    listing=Listing(
        "sources",
        ("id", "publisher", "title", "date", "url", "supports", "as_of"),
        ("id", "publisher", "title", "date", "url", "supports"),
        _rows,
    ),
)
