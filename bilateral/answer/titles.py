"""Short titles for events, as a reader names them: "Pervez Musharraf's visit to Baku,
July 2004". Pictures, exports and the brief use them where a whole summary is too long."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_PATTERNS = {
    "visit": "{first}'s visit to {place}",
    "address": "{first}'s address in {place}",
    "statement": "{first}'s statement",
    "recognition": "{first}'s recognition of {second}",
    "establishment": "{first} and {second} establish relations",
    "signing": "Signing by {both}",
    "meeting": "Meeting of {both}",
    "decision": "Decision of {first}",
    "vote": "Vote: {both}",
    "ceasefire": "Ceasefire: {both}",
    "hostilities": "Hostilities: {both}",
    "election": "Election: {first}",
    "flight": "Flight: {both}",
    "deal": "Deal: {both}",
    "opening": "Opening: {first}",
}
"""Each kind's title, from its participants (people first, then countries and bodies)."""


def when(date: str | None) -> str:
    """A date as a title says it: '8 July 2004', 'July 2004', '2004' or 'undated'."""
    if not date:
        return "undated"
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


TITLE_WIDTH = 80
"""The longest title: past it, names are shortened (short_names), and then the list cut."""


def short_names(records: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Each record's shortest alias where it is shorter than its name ('OIC' for the
    Organization of the Islamic Conference): what a long title names it by."""
    short = {}
    for record in records:
        name = str(record.get("name", ""))
        aliases = sorted((str(a) for a in record.get("aliases") or []), key=len)
        if aliases and len(aliases[0]) < len(name):
            short[str(record["id"])] = aliases[0]
    return short


def event_title(
    event: Mapping[str, Any],
    names: Mapping[str, str],
    people: Collection[str] = (),
    *,
    day: bool = False,
    short: Mapping[str, str] | None = None,
) -> str:
    """An event's short title: its curated `title` where it has one, else one made from its
    kind, participants (those in `people` first), place and month ('Pervez Musharraf's
    visit to Baku, July 2004'); `day` keeps the day of a dated event. A title longer than
    TITLE_WIDTH names by their `short` names, then by the first participant and others."""
    curated = event.get("title")
    if curated:
        return str(curated)
    date = event.get("date")
    shown = when(date) if day or not date else when(str(date)[:7])
    title = f"{_made(event, names, people)}, {shown}"
    if len(title) > TITLE_WIDTH and short:
        title = f"{_made(event, {**names, **short}, people)}, {shown}"
    if len(title) > TITLE_WIDTH:
        title = f"{_made(event, {**names, **(short or {})}, people, alone=True)}, {shown}"
    return title


def _made(
    event: Mapping[str, Any],
    names: Mapping[str, str],
    people: Collection[str],
    alone: bool = False,
) -> str:
    """The title before its date; `alone` names only the first participant, and others."""
    participants = list(event.get("participants") or [])
    ordered = [p for p in participants if p in people] + [
        p for p in participants if p not in people
    ]
    named = [names.get(p, p) for p in ordered]
    several = sum(p in people for p in participants) > 2 or (alone and len(named) > 1)
    first = named[0] if named else "unnamed"
    second = named[1] if len(named) > 1 else first
    place = names.get(event.get("place") or "", event.get("place") or "")
    pattern = _PATTERNS.get(str(event.get("kind")), "{kind}: {both}")
    if several:
        at = " to {place}" if event.get("kind") == "visit" else " in {place}"
        pattern = f"{{kind}}{at if place else ''} by {{first}} and others"
    if "{place}" in pattern and not place:
        pattern = pattern.split(" to {place}")[0].split(" in {place}")[0]
    title = pattern.format(
        first=first,
        second=second,
        both=" and ".join(named[:2]) if named else first,
        place=place,
        kind=str(event.get("kind", "event")).capitalize(),
    )
    return f"{title[0].upper()}{title[1:]}"
