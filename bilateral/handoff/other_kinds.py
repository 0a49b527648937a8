"""The kinds the briefing note and the graph have no words of their own for. A kind added
to the registry shows in both with nothing written here: in the note, a section for each
kind whose records belong to a pair (a heading, then one line a record: its label and its
footnotes); in the graph, a node for each record, with an edge from each record it
mentions."""

from __future__ import annotations

from collections.abc import Iterator

from bilateral.api import Base
from bilateral.handoff.note import Block, Bullets, Document, Heading, Item
from bilateral.handoff.note import plain as words
from bilateral.handoff.sections import Context
from bilateral.kinds.kind import Kind
from bilateral.kinds.registry import PAIRED, TOP_LEVEL

TOLD_IN_THE_NOTE = frozenset(("area", "trade", "event", "assessment"))
"""The kinds of a pair the note's own sections tell of (areas with their commitments)."""
DRAWN_OR_LEFT_OUT = frozenset(
    {"country", "person", "post", "organization", "place", "area", "event", "relation"}
    | {"source", "trade", "fact", "assessment"}
)
"""The kinds the graph draws in its own way (posts through roles, commitments through
areas), then those it leaves out: sources, figures and statements tie no one to anyone."""


def untold(base: Base, pair: str, told: frozenset[str]) -> Iterator[tuple[Kind, Document]]:
    """The records, as of the base's date, of every top-level kind not in `told`; a kind
    of a pair, only the pair's (`pair`: a pair, or `all`)."""
    for kind in TOP_LEVEL:
        if kind.name not in told:
            chosen = pair if kind.name in PAIRED else None
            for row in base.records(kind.name, chosen):
                yield kind, row.document


def note_sections(context: Context, base: Base, pair: str) -> list[Block]:
    """A section for each kind of a pair the note has no words of its own for."""
    told = TOLD_IN_THE_NOTE | (TOP_LEVEL_NAMES - PAIRED)
    sections: dict[Kind, list[Item]] = {}
    for kind, document in untold(base, pair, told):
        line = [words(kind.label(document)), *context.refs(document.get("sources") or [])]
        sections.setdefault(kind, []).append(Item(line))
    blocks: list[Block] = []
    for kind, items in sections.items():
        blocks += [Heading(2, kind.plural.capitalize()), Bullets(items)]
    return blocks


TOP_LEVEL_NAMES = frozenset(kind.name for kind in TOP_LEVEL)
