"""What happened when: roles as spans and events as points, as of a date."""

from __future__ import annotations

from typing import Any

from bilateral.answer.dated import Dating, as_of
from bilateral.answer.query import FactQuery, Filter
from bilateral.answer.rows import Row
from bilateral.answer.titles import event_title
from bilateral.schema import dates

Document = dict[str, Any]


def timeline(
    query: FactQuery,
    dating: Dating,
    start: str | None = None,
    end: str | None = None,
    country: str | None = None,
    person: str | None = None,
    pair: str | None = None,
) -> list[Row]:
    """Roles and events that touch the period from `start` to `end`, in date order; with
    `pair` (as the listings resolve it), the roles of its two countries' people and the
    pair's events."""
    low = dates.earliest(_checked(start)) if start else None
    high = as_of(end).day if end else None
    filters = [Filter("country", (query.resolve_country(country),))] if country else []
    people = _people(query, person)
    in_pair = [Filter("country", tuple(pair.split("-")))] if pair else []
    roles = _roles(query, dating, filters + in_pair, people)
    entries = [*roles, *_events(query, filters, people, pair)]
    kept = [entry for entry in entries if _overlaps(entry, low, high)]
    kept.sort(key=lambda entry: (dates.earliest(entry["start"]), entry["kind"], entry["id"]))
    return [Row.of(entry | {"as_of": dating.when.text}) for entry in kept]


def _checked(date: str) -> str:
    as_of(date)  # the same message for a date that is not one
    return date


def _people(query: FactQuery, person: str | None) -> set[str] | None:
    if person is None:
        return None
    found = query.named(person, ("person",), f"no person matches {person!r}")
    return {record_id for record_id, _ in found}


def _roles(
    query: FactQuery, dating: Dating, filters: list[Filter], people: set[str] | None
) -> list[Document]:
    entries = []
    for row in query.listing("person", None, filters):
        person = dating.document(row.document, "person")
        if people is not None and person["id"] not in people:
            continue
        for role in person["roles"]:
            if role["start"] is None:
                continue
            entries.append(
                {
                    "kind": "role",
                    "id": person["id"],
                    "label": f"{person['name']}: {role['title']}",
                    "start": role["start"],
                    "end": role["end"],
                    "last_confirmed": role["last_confirmed"],
                    "status": role["status"],
                    "pair": None,
                    "sources": role["sources"],
                }
            )
    return entries


def _events(
    query: FactQuery, filters: list[Filter], people: set[str] | None, pair: str | None
) -> list[Document]:
    entries = []
    for row in query.listing("event", pair, filters):
        event = row.document
        if event["date"] is None:
            continue
        if people is not None and not people.intersection(event["participants"]):
            continue
        entries.append(
            {
                "kind": "event",
                "id": event["id"],
                "label": _title(query, event),
                "start": event["date"],
                "end": event["end"],
                "last_confirmed": None,
                "status": None,
                "pair": event["pair"],
                "sources": event["sources"],
            }
        )
    return entries


def _title(query: FactQuery, event: Document) -> str:
    """The event's short title ('Pervez Musharraf's visit to Baku, 8 July 2004'), people
    named first."""
    names = dict(zip(event["participants"], event["participant_names"], strict=False))
    if event["place"]:
        names[event["place"]] = event["place_name"] or event["place"]
    people = {
        participant
        for participant in event["participants"]
        if (found := query.record(participant)) is not None and found[0] == "person"
    }
    return event_title(event, names, people, day=True)


def _overlaps(entry: Document, low: Any, high: Any) -> bool:
    first = dates.earliest(entry["start"])
    last = dates.latest(entry["end"] or entry.get("last_confirmed") or entry["start"])
    return (low is None or last >= low) and (high is None or first <= high)
