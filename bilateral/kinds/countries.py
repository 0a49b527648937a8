"""Countries, identified by their ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilateral.kinds.common import ALIASES, ID, NAME, NAMES, NOTES, SOURCES, note_texts
from bilateral.kinds.kind import Kind
from bilateral.schema.fields import Field, Shape

if TYPE_CHECKING:  # types alone: the checker is for building, not answering
    from bilateral.schema.checker import Document


def _names(country: Document) -> list[str]:
    dated = [entry["name"] for entry in country["names"]]
    return list(dict.fromkeys([country["name"], *dated, *country["aliases"], *country["demonyms"]]))


COUNTRY = Kind(
    name="country",
    table="countries",
    noun="country",
    plural="countries",
    shape=Shape((ID, NAME, NAMES, ALIASES, Field("demonyms", "texts"), NOTES, SOURCES)),
    label=lambda doc: doc["name"],
    text=lambda doc, _lookup: " ".join((*_names(doc), "country", *note_texts(doc))),
    names=_names,
    facets=lambda doc, _lookup: [("country", doc["id"])],
)
