"""Dates of known precision: a year, a month or a day, written as ISO 8601 text."""

from __future__ import annotations

import datetime
import functools

PARTIAL_DATE = r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?"
"""The dates read: a year, a month or a day (read without compiling this pattern)."""


def normalize(value: object) -> str | None:
    """ISO text for a TOML date or a 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' string; None if invalid."""
    if isinstance(value, datetime.datetime):
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and _bounds(value) is not None:
        return value
    return None


@functools.lru_cache(maxsize=1 << 16)  # a base repeats its dates; a build asks for each often
def _bounds(text: str) -> tuple[datetime.date, datetime.date] | None:
    parts = text.split("-")
    sizes = [len(part) for part in parts]
    if sizes not in ([4], [4, 2], [4, 2, 2]) or not all(p.isascii() and p.isdigit() for p in parts):
        return None  # not PARTIAL_DATE (a pattern costs a start a compile)
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else None
    day = int(parts[2]) if len(parts) > 2 else None
    try:
        if month is None:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        if day is None:
            first = datetime.date(year, month, 1)
            return first, _last_of_month(first)
        exact = datetime.date(year, month, day)
    except ValueError:
        return None
    return exact, exact


def _last_of_month(first: datetime.date) -> datetime.date:
    """The month's last day: the day before the next month's first (`calendar` would
    import `locale`, a tenth of a table's start)."""
    if first.month == 12:
        return first.replace(day=31)
    return first.replace(month=first.month + 1) - datetime.timedelta(days=1)


def earliest(text: str) -> datetime.date:
    bounds = _bounds(text)
    assert bounds is not None, text
    return bounds[0]


def latest(text: str) -> datetime.date:
    bounds = _bounds(text)
    assert bounds is not None, text
    return bounds[1]


def year_of(text: str) -> int:
    return int(text[:4])
