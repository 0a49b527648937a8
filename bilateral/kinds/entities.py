"""Organizations and places: named things that may belong to a country."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilateral.kinds.common import (
    ALIASES,
    ID,
    NAME,
    NAMES,
    NOTES,
    SOURCES,
    country_words,
    name_and_aliases,
    name_of,
    note_texts,
)
from bilateral.kinds.kind import Kind
from bilateral.schema.fields import Field, Shape
from bilateral.schema.lookup import Lookup
from bilateral.schema.vocabulary import ORGANIZATION_KINDS, PLACE_KINDS

if TYPE_CHECKING:  # types alone: the checker is for building, not answering
    from bilateral.schema.checker import Document


def _shape(types: tuple[str, ...]) -> Shape:
    return Shape(
        (
            ID,
            NAME,
            NAMES,
            ALIASES,
            Field("type", "choice", required=True, choices=types, key="kind"),
            Field("country", "ref", targets=("country",)),
            name_of("country"),
            NOTES,
            SOURCES,
        )
    )


def _text(entity: Document, lookup: Lookup) -> str:
    return " ".join(
        (*name_and_aliases(entity), entity["type"], country_words(entity, lookup),
         *note_texts(entity))
    )  # fmt: skip


def _facets(entity: Document, _lookup: Lookup) -> list[tuple[str, str]]:
    return [("country", entity["country"])] if entity["country"] else []


def _entity(name: str, table: str, plural: str, types: tuple[str, ...]) -> Kind:
    return Kind(
        name=name,
        table=table,
        noun=name,
        plural=plural,
        shape=_shape(types),
        label=lambda doc: doc["name"],
        text=_text,
        names=name_and_aliases,
        facets=_facets,
        mentions=lambda doc: (doc["country"],),
    )


ORGANIZATION = _entity("organization", "organizations", "organizations", ORGANIZATION_KINDS)
PLACE = _entity("place", "places", "places", PLACE_KINDS)
