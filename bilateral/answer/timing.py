"""Answers as of a date: the date itself, and what holds then (roles, names).

Nothing here is stored: a role's status and an organization's name at a date are worked
out when answering, from the dates the base holds.
"""

from __future__ import annotations

import datetime
from typing import Any

from bilateral.errors import BadQuery
from bilateral.schema import dates

Document = dict[str, Any]

HELD = "held"
ENDED = "ended"
NOT_STARTED = "not-started"
UNKNOWN = "unknown"
STATUSES = (HELD, ENDED, NOT_STARTED, UNKNOWN)
"""What a role is at a date: held, ended, not yet started, or not known from the sources."""


class AsOf:
    """The day an answer is true as of, and what the user wrote for it (`today`, `2008`,
    `2008-08` or a full date). A plain class: a NamedTuple costs an exec at start-up."""

    __slots__ = ("asked", "day")

    def __init__(self, day: datetime.date, asked: str) -> None:
        self.day = day
        self.asked = asked

    @property
    def text(self) -> str:
        return self.day.isoformat()


def as_of(text: str | None, today: datetime.date | None = None) -> AsOf:
    """The day an answer is true as of: today by default; a year or month means its last day."""
    if text is None or text.strip().lower() == "today":
        day = today or datetime.date.today()
        return AsOf(day, "today")
    cleaned = text.strip()
    if dates.normalize(cleaned) is None:
        raise BadQuery(
            f"--as-of {text!r} is not a date; write YYYY-MM-DD, YYYY-MM, YYYY or 'today'"
        )
    return AsOf(dates.latest(cleaned), cleaned)


def role_status(role: Document, died: str | None, day: datetime.date) -> str:
    """Held, ended, not started or unknown at `day`, from the role's dates, its holder's
    death and the last date its sources speak for."""
    start, end = role.get("start"), role.get("end")
    if start and dates.earliest(start) > day:
        return NOT_STARTED
    if died and dates.latest(died) < day:
        return ENDED
    if end and dates.latest(end) < day:
        return ENDED
    started = start is None or dates.latest(start) <= day
    if not started:
        return UNKNOWN
    if end:
        return HELD if dates.earliest(end) > day else UNKNOWN
    confirmed = role.get("last_confirmed")
    if confirmed and dates.latest(confirmed) >= day and start is not None:
        return HELD
    return UNKNOWN


def name_at(document: Document, day: datetime.date) -> str:
    """The record's name in force at `day`: a dated name that spans it, else its name."""
    for entry in document.get("names") or []:
        begins = entry.get("start")
        ends = entry.get("end")
        if (begins is None or dates.earliest(begins) <= day) and (
            ends is None or dates.earliest(ends) > day
        ):
            return str(entry["name"])
    return str(document["name"])


def other_names(document: Document, day: datetime.date) -> list[str]:
    """The record's names other than the one in force at `day`."""
    current = name_at(document, day)
    every = [document["name"], *(entry["name"] for entry in document.get("names") or [])]
    return [name for name in dict.fromkeys(every) if name != current]
