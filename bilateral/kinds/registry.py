"""Every kind of record, in the order a base lists them; the only list of kinds in the code."""

from __future__ import annotations

from bilateral.kinds.areas import AREA
from bilateral.kinds.countries import COUNTRY
from bilateral.kinds.entities import ORGANIZATION, PLACE
from bilateral.kinds.events import EVENT
from bilateral.kinds.kind import Kind
from bilateral.kinds.opinions import ASSESSMENT, FACT, RELATION
from bilateral.kinds.people import PERSON
from bilateral.kinds.posts import POST
from bilateral.kinds.sources import SOURCE
from bilateral.kinds.trade import TRADE

TOP_LEVEL: tuple[Kind, ...] = (
    SOURCE,
    COUNTRY,
    PERSON,
    POST,
    ORGANIZATION,
    PLACE,
    AREA,
    TRADE,
    EVENT,
    RELATION,
    FACT,
    ASSESSMENT,
)
"""Kinds with a TOML table of their own, in file order."""


def _with_children(kinds: tuple[Kind, ...]) -> tuple[Kind, ...]:
    every: list[Kind] = []
    for kind in kinds:
        every.append(kind)
        every.extend(child.kind for child in kind.children)
    return tuple(every)


ALL: tuple[Kind, ...] = _with_children(TOP_LEVEL)
"""Every kind a record can be, children (such as commitments) after their parents."""
BY_NAME: dict[str, Kind] = {kind.name: kind for kind in ALL}
NAMED: tuple[str, ...] = tuple(kind.name for kind in ALL if kind.named)
"""Kinds that `show` finds by name."""
TABLE_OF: dict[str, str] = {kind.name: kind.table for kind in TOP_LEVEL}
PAIRED: frozenset[str] = frozenset(
    name
    for kind in TOP_LEVEL
    if any(field.name == "pair" for field in kind.shape.fields)
    for name in (kind.name, *(child.kind.name for child in kind.children))
)
"""Kinds whose records belong to a pair of countries: those with a `pair` field, and the
records written inside them."""


def kind(name: str) -> Kind:
    return BY_NAME[name]
