"""`show`: every record a name denotes, as of a date, with the records that mention it."""

from __future__ import annotations

from typing import Any

from bilateral.answer.dated import Dating
from bilateral.answer.posts import holders, with_neighbours
from bilateral.answer.query import FactQuery
from bilateral.answer.rows import Row
from bilateral.errors import NothingMatched
from bilateral.kinds.registry import kind

Document = dict[str, Any]
KIND_ORDER = {
    kind: position
    for position, kind in enumerate(("person", "post", "country", "organization", "place", "area"))
}
"""When a name fits several records: people and posts first, areas after places."""


def shown(query: FactQuery, dating: Dating, name: str) -> list[Row]:
    direct = query.record(name) or query.record(name.upper())
    found = [direct] if direct else [query.record(i) for i, _ in query.find_names(name)]
    matches = [match for match in found if match is not None]
    if not matches:
        raise NothingMatched(f"nothing is named {name!r}", query.suggest(name))
    matches.sort(key=lambda match: KIND_ORDER.get(match[0], len(KIND_ORDER)))
    return [
        Row.of(_match(query, dating, record_kind, row.document)) for record_kind, row in matches
    ]


def _match(query: FactQuery, dating: Dating, record_kind: str, stored: Document) -> Document:
    document = dating.document(stored, record_kind)
    if record_kind == "person":
        document = with_neighbours(dating, document)
    match: Document = {"kind": record_kind, "record": document}
    if record_kind == "post":
        holdings = holders(dating, stored["id"])
        match["holders"] = holdings
        match["held_by"] = [h["person"] for h in holdings if h["status"] == "held"]
    inside = {child["id"] for child in stored.get("commitments") or []}
    match["mentioned_in"] = [
        {"id": rid, "kind": rkind, "text": label(dating, rkind, mention)}
        for rid, rkind, mention in query.mentioning(stored["id"])
        if rid not in inside
    ]
    match["as_of"] = dating.when.text
    return match


def label(dating: Dating, record_kind: str, document: Document) -> str:
    """One line for a record, as of the date (a person's office says whether it is former)."""
    return kind(record_kind).label(dating.document(document, record_kind))
