"""Answers as of a date: the date itself, and what holds then (roles, names).

Nothing here is stored: a role's status and an organization's name at a date are worked
out when answering, from the dates the base holds.
"""

from __future__ import annotations

import datetime
from typing import Any

from bilateral.errors import BadParameter
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


def as_of(
    given: str | datetime.date | None, today: datetime.date | None = None, parameter: str = "as_of"
) -> AsOf:
    """The day an answer is true as of: today by default; a year or month means its last
    day. `given` is text or a `datetime.date`; BadParameter names `parameter` otherwise."""
    if isinstance(given, datetime.date):
        day = given.date() if isinstance(given, datetime.datetime) else given
        return AsOf(day, day.isoformat())
    if given is not None and not isinstance(given, str):
        raise BadParameter(parameter, given, "give a datetime.date or text such as '2004-07-28'")
    text = given
    if text is None or text.strip().lower() == "today":
        day = today or datetime.date.today()
        return AsOf(day, "today")
    cleaned = text.strip()
    if dates.normalize(cleaned) is None:
        why = "is not a date; write YYYY-MM-DD, YYYY-MM, YYYY or 'today'"
        option = "--" + parameter.replace("_", "-")
        raise BadParameter(parameter, text, why, f"{option} {text!r} {why}")
    return AsOf(dates.latest(cleaned), cleaned)


IN_FORCE = "in-force"
NOT_YET = "not-yet"
RECORD_STATUSES = (IN_FORCE, ENDED, NOT_YET, UNKNOWN)
"""What any other dated record (a relation, fact, assessment or commitment) is at a date."""
ROLE_WORDS = {IN_FORCE: HELD, NOT_YET: NOT_STARTED, ENDED: ENDED, UNKNOWN: UNKNOWN}
"""A role's words for the same statuses: they are a contract of their own (docs/json.md)."""
DEFAULT_HORIZON_YEARS = 1
"""How long a record with no end stays in force after its latest confirmation, where the
base records no term for it (a post's `term_years`)."""

START_FIELDS = {"assessment": "stated", "commitment": "date"}
"""The field that says when a record began, where it is not `start`."""


class Span:
    """What the base knows of a record's time: when it began and ended (dates of any
    precision), its holder's death, its latest confirmation, and its horizon in years."""

    __slots__ = ("confirmed", "died", "end", "horizon", "start")

    def __init__(
        self,
        start: str | None,
        end: str | None,
        confirmed: str | None,
        horizon: int = DEFAULT_HORIZON_YEARS,
        died: str | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.confirmed = confirmed or None
        self.horizon = horizon
        self.died = died

    @classmethod
    def of(cls, document: Document, kind: str, horizon: int = DEFAULT_HORIZON_YEARS) -> Span:
        begins = document.get(START_FIELDS.get(kind, "start"))
        return cls(begins, document.get("end"), document.get("last_confirmed"), horizon)

    def window(self) -> tuple[datetime.date, datetime.date] | None:
        """The first and last day the record is in force, or None when there is none.

        It has surely begun from the latest day its start may mean, or from its latest
        confirmation if that is earlier (a source speaks of it), never before its earliest
        start; it stays in force until the day before its end may fall, or with no end until
        its horizon after its latest confirmation, and never after its holder may have died.
        """
        begun = [dates.latest(day) for day in (self.start, self.confirmed) if day]
        if not begun:
            return None
        first = min(begun)
        if self.start:
            first = max(first, dates.earliest(self.start))
        if self.end:
            last = dates.earliest(self.end) - ONE_DAY
        elif self.confirmed:
            last = add_years(dates.latest(self.confirmed), self.horizon)
        else:
            return None
        if self.died:
            last = min(last, dates.earliest(self.died) - ONE_DAY)
        return (first, last) if first <= last else None

    def status(self, day: datetime.date) -> str:
        """In force, ended, not yet or not known at `day` (RECORD_STATUSES)."""
        if self.start and dates.earliest(self.start) > day:
            return NOT_YET
        if any(stop and dates.latest(stop) < day for stop in (self.died, self.end)):
            return ENDED
        window = self.window()
        if window is not None and window[0] <= day <= window[1]:
            return IN_FORCE
        return UNKNOWN


ONE_DAY = datetime.timedelta(days=1)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def role_status(
    role: Document, died: str | None, day: datetime.date, horizon: int = DEFAULT_HORIZON_YEARS
) -> str:
    """Held, ended, not started or unknown at `day`, from the role's dates, its holder's
    death, its latest confirmation and its post's term (`horizon`, in years)."""
    span = Span(role.get("start"), role.get("end"), role.get("last_confirmed"), horizon, died)
    return ROLE_WORDS[span.status(day)]


def record_status(
    document: Document, kind: str, day: datetime.date, horizon: int = DEFAULT_HORIZON_YEARS
) -> str:
    """A relation's, fact's, assessment's or commitment's status at `day`."""
    return Span.of(document, kind, horizon).status(day)


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
