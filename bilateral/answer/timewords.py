"""Time words in a question: the date a search answers at.

| words | the date |
|---|---|
| now, today, current, currently, present | the date asked (`--as-of`, default today) |
| in 2004, in 2004-07, on 2004-07-08, as of 2004, during 2004 | the last day of that period |
| before 2010 | the day before it begins (2009-12-31) |
| since 2020 | the date asked: the period runs up to it |
| at the time of the visit | the day the first dated event the words find began |

The words that give a date are taken out of the question before it is searched, except
the words for the present, which also tell the search to prefer people in office.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from bilateral.answer.dated import AsOf
from bilateral.answer.query import FactQuery
from bilateral.schema import dates

DATE = r"(?P<date>[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)"
AT_THE_TIME = re.compile(
    r"\b(?:at|around|during) the time of (?P<what>[^?.,;!]+?)\s*"
    r"(?=$|[?.,;!]|\b(?:in|before|since)\b)",
    re.IGNORECASE,
)
BEFORE = re.compile(rf"\bbefore {DATE}\b", re.IGNORECASE)
SINCE = re.compile(rf"\bsince {DATE}\b", re.IGNORECASE)
IN = re.compile(rf"\b(?:in|on|during|as of) {DATE}\b", re.IGNORECASE)
NOW = re.compile(r"\b(?:now|today|current|currently|present|presently)\b", re.IGNORECASE)


@dataclass
class TimeReading:
    question: str
    """The question without the words that gave a date."""
    words: str | None = None
    """The time words read, as written."""
    when: AsOf | None = None
    """The date they mean; None where the question has no time words."""
    then: bool = False
    """Whether the words name a date of their own (in, before, at the time of), so that
    'who was' asks who was in office then."""
    during: tuple[str, str] | None = None
    """The first and last day of the period 'in 2004-07' names (ISO days): what happened
    in it ranks first."""


def read_time(query: FactQuery, question: str, asked: AsOf, pair: str | None = None) -> TimeReading:
    """The date the question asks about, and the question without the words that said so
    (`pair` ranks the events 'at the time of' names, as it ranks the answers)."""
    match = AT_THE_TIME.search(question)
    if match is not None:
        day = _event_day(query, match.group("what"), pair)
        if day is not None:
            return _taken(question, match, day)
    for pattern, moved in ((BEFORE, _before), (SINCE, None), (IN, _last_day)):
        match = pattern.search(question)
        if match is not None and dates.normalize(match.group("date")) is not None:
            day = moved(match.group("date")) if moved else asked.day
            timed = _taken(question, match, day, moved is not None)
            if pattern is IN:
                period = (dates.earliest(match.group("date")), day)
                timed.during = (period[0].isoformat(), period[1].isoformat())
            return timed
    match = NOW.search(question)
    if match is not None:
        return TimeReading(question, match.group(0), asked)
    return TimeReading(question)


def _taken(
    question: str, match: re.Match[str], day: datetime.date, then: bool = True
) -> TimeReading:
    rest = f"{question[: match.start()]} {question[match.end() :]}"
    words = match.group(0)
    return TimeReading(" ".join(rest.split()), words, AsOf(day, words), then)


def _before(date: str) -> datetime.date:
    return dates.earliest(date) - datetime.timedelta(days=1)


def _last_day(date: str) -> datetime.date:
    return dates.latest(date)


def _event_day(query: FactQuery, what: str, pair: str | None) -> datetime.date | None:
    """The day of the best-ranked dated event the words find."""
    from bilateral.answer.search import search  # the ranking tables: only for these words

    for hit in search(query.db, what, pair=pair):
        if hit.kind == "event" and hit.row.document.get("date"):
            return dates.latest(hit.row.document["date"])
    return None
