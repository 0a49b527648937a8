"""The values the API's parameters take, checked when a method is called: BadParameter
names the parameter (and, for the command line, its option) and what it may be."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from bilateral.errors import BadParameter

DateLike = str | datetime.date
"""A date as the API takes it: a `datetime.date`, or text (`2004-07-28`, `2004-07`,
`2004`, `today`)."""


def choice(parameter: str, value: str | None, allowed: Iterable[str]) -> str | None:
    """The value, if it is one of `allowed` (None passes)."""
    options = tuple(allowed)
    if value is None or value in options:
        return value
    raise BadParameter(parameter, value, f"use one of: {', '.join(options)}")


def whole_year(parameter: str, value: object) -> int | None:
    """A year as a whole number (None passes); text of digits is read as one."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise BadParameter(parameter, value, "give a year as a whole number, such as 2004")


def date_text(parameter: str, value: object) -> str | None:
    """A date parameter as text (None passes): a `datetime.date` as `YYYY-MM-DD`."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise BadParameter(parameter, value, "give a datetime.date or text such as '2004-07-28'")


def text(parameter: str, value: object) -> str | None:
    """A name or code parameter: text (None passes)."""
    if value is None or isinstance(value, str):
        return value
    raise BadParameter(parameter, value, "give it as text")
