"""`changes`: what changed between two dates, from the dates the base holds.

A change is dated where the record gives the date: a role or relation that began or
ended, an event, a commitment that got its status or ended, a name that came into force,
and a dispute that opened (the day the last of the disagreeing values was first
published). A date of partial precision (`"2004-07"`) counts when any day it may mean
falls within the period.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator
from typing import Any

from bilateral.answer.dated import AsOf, Dating, as_of, record_status, role_status
from bilateral.answer.query import FactQuery
from bilateral.answer.rows import Row
from bilateral.errors import BadParameter
from bilateral.kinds.kind import Cells, Kind, Listing
from bilateral.kinds.registry import ALL
from bilateral.schema import dates
from bilateral.schema.wording import money, span

Document = dict[str, Any]
CHANGE_KINDS = (
    "role-began",
    "role-ended",
    "relation-began",
    "relation-ended",
    "event",
    "commitment",
    "commitment-ended",
    "renamed",
    "dispute-opened",
    "began",
    "ended",
)
"""What a change is, in the order a day's changes are listed."""
DISPUTED_KINDS = tuple(
    kind.name for kind in ALL if any(field.name == "disputes" for field in kind.shape.fields)
)
"""The kinds whose records may carry `disputes`."""
TOLD = frozenset(
    {"person", "relation", "event", "commitment", "organization", "country", "place"}
    | {"source", "post", "area", "trade", "fact", "assessment"}
)
"""The kinds whose changes are told in words of their own above, then those whose dates
mark no change; a kind added later has its `began` and `ended` from its dates."""


class Period:
    """The days from `low` to `high`, both included."""

    def __init__(self, low: datetime.date, high: datetime.date) -> None:
        self.low = low
        self.high = high

    def holds(self, date: str | None, end: str | None = None) -> bool:
        """Whether any day the date (or the span from it to `end`) may mean is inside."""
        if not date:
            return False
        return dates.earliest(date) <= self.high and dates.latest(end or date) >= self.low


def period(
    start: str | datetime.date, end: str | datetime.date | None, today: datetime.date | None = None
) -> Period:
    """From the first day `start` may mean to the last day `end` may mean (today)."""
    first = as_of(start, parameter="start")
    low = dates.earliest(first.asked) if first.asked != "today" else first.day
    high = as_of(end, today, parameter="end").day
    if low > high:
        raise BadParameter(
            "start",
            start,
            f"is after end={end or 'today'!r}; swap them",
            f"--from {start} is after --to {end or 'today'}; swap them",
        )
    return Period(low, high)


def changes(query: FactQuery, when: AsOf, within: Period) -> list[Row]:
    """Every change in the period, in date order, each as of the period's last day."""
    before = Dating(query, AsOf(within.low - datetime.timedelta(days=1), "before"))
    after = Dating(query, when)
    found = [
        *_roles(query, within, before, after),
        *_relations(query, within, before, after),
        *_events(query, within, after),
        *_commitments(query, within, before, after),
        *_names(query, within),
        *_disputes(query, within),
        *(
            change
            for kind in ALL
            if kind.name not in TOLD
            for change in _dated(kind, query, within)
        ),
    ]
    found.sort(key=lambda c: (dates.earliest(c["date"]), CHANGE_KINDS.index(c["change"])))
    return [Row.of(change | {"as_of": when.text}) for change in found]


def _change(date: str, change: str, kind: str, record: str, text: str, **more: Any) -> Document:
    return {"date": date, "change": change, "kind": kind, "id": record, "text": text} | {
        "from": more.get("was"),
        "to": more.get("now"),
        "sources": more.get("sources") or [],
    }


def _roles(query: FactQuery, within: Period, before: Dating, after: Dating) -> Iterator[Document]:
    for row in query.listing("person", None, []):
        person = row.document
        died = person.get("died")
        for role in person["roles"]:
            text = f"{person['name']}: {role['title']}"
            horizon = after.term(role.get("post"))
            was, now = (role_status(role, died, d.when.day, horizon) for d in (before, after))
            cited = {"was": was, "now": now, "sources": role["sources"]}
            if within.holds(role["start"]):
                yield _change(role["start"], "role-began", "person", person["id"], text, **cited)
            ended = role["end"] or died
            if ended and within.holds(ended):
                yield _change(ended, "role-ended", "person", person["id"], text, **cited)


def _relations(
    query: FactQuery, within: Period, before: Dating, after: Dating
) -> Iterator[Document]:
    for row in query.listing("relation", None, []):
        relation = after.document(row.document, "relation")
        was = record_status(relation, "relation", before.when.day)
        cited = {"was": was, "now": relation["status"], "sources": relation["sources"]}
        for field, change in (("start", "relation-began"), ("end", "relation-ended")):
            if within.holds(relation[field]):
                text = relation["summary"]
                yield _change(relation[field], change, "relation", relation["id"], text, **cited)


def _events(query: FactQuery, within: Period, after: Dating) -> Iterator[Document]:
    for row in query.listing("event", None, []):
        event = after.document(row.document, "event")
        if within.holds(event["date"], event["end"]):
            when = span(event["date"], event["end"], event["approximate"])
            text = f"{event['kind']}, {when}: {event['summary']}"
            yield _change(event["date"], "event", "event", event["id"], text,
                          sources=event["sources"])  # fmt: skip


def _commitments(
    query: FactQuery, within: Period, before: Dating, after: Dating
) -> Iterator[Document]:
    for row in query.listing("commitment", None, []):
        commitment = after.document(row.document, "commitment")
        was = record_status(commitment, "commitment", before.when.day)
        text = f"{commitment['status']}: {commitment['summary']}"
        cited = {"was": was, "now": commitment["standing"], "sources": commitment["sources"]}
        for field, change in (("date", "commitment"), ("end", "commitment-ended")):
            if within.holds(commitment[field]):
                yield _change(commitment[field], change, "commitment", commitment["id"], text,
                              **cited)  # fmt: skip


def _dated(kind: Kind, query: FactQuery, within: Period) -> Iterator[Document]:
    """A record of a kind added later began at its `start` (else `date`), ended at `end`."""
    fields = {field.name for field in kind.shape.fields}
    begins = next((name for name in ("start", "date") if name in fields), None)
    for row in query.listing(kind.name, None, []):
        record = row.document
        for field, change in ((begins, "began"), ("end", "ended")):
            if field in fields and within.holds(record[field]):
                text = f"{kind.label(record)} {change}"
                yield _change(record[field], change, kind.name, record["id"], text,
                              sources=record.get("sources"))  # fmt: skip


def _names(query: FactQuery, within: Period) -> Iterator[Document]:
    for kind in ("organization", "country", "place"):
        for row in query.listing(kind, None, []):
            record = row.document
            names = record.get("names") or []
            for earlier, later in itertools.pairwise(names):
                if within.holds(later.get("start")):
                    text = f"{earlier['name']} is renamed {later['name']}"
                    yield _change(later["start"], "renamed", kind, record["id"], text,
                                  was=earlier["name"], now=later["name"],
                                  sources=later["sources"])  # fmt: skip


def _disputes(query: FactQuery, within: Period) -> Iterator[Document]:
    """Each dispute on the day its sources came to disagree: the latest among its values'
    earliest dated sources (a dispute with a value no dated source gives has no day)."""
    source_dates = {
        row.document["id"]: row.document.get("date") for row in query.listing("source", None, [])
    }
    for kind in DISPUTED_KINDS:
        for row in query.listing(kind, None, []):
            for dispute in row.document.get("disputes") or []:
                opened = _opened(dispute, source_dates)
                if within.holds(opened):
                    values = " | ".join(_value_text(v["value"]) for v in dispute["values"])
                    text = f"{row.document['id']} {dispute['field']}: {values}"
                    cited = [cite for v in dispute["values"] for cite in v["sources"]]
                    yield _change(str(opened), "dispute-opened", kind, row.document["id"], text,
                                  sources=cited)  # fmt: skip


def _opened(dispute: Document, source_dates: dict[str, str | None]) -> str | None:
    firsts = []
    for value in dispute["values"]:
        known = [source_dates.get(c["source"]) for c in value["sources"]]
        dated = [day for day in known if day]
        if not dated:
            return None
        firsts.append(min(dated, key=dates.earliest))
    return max(firsts, key=dates.latest) if len(firsts) > 1 else None


def _rows(change: Document) -> Iterator[Cells]:
    yield {key: change[key] for key in ("date", "change", "kind", "id", "text", "from", "to")} | {
        "sources": change["sources"]
    }


CHANGES = Listing(
    "changes",
    ("date", "change", "kind", "id", "text", "from", "to", "sources", "as_of"),
    ("date", "change", "text", "from", "to"),
    _rows,
    noted="",
)
"""`changes`: one row per change; `from` and `to` are the statuses (or names) at the day
before the period and at its last day."""


def _value_text(value: Any) -> str:
    """A disputed value as text; a disputed sum as its range and currency."""
    if isinstance(value, dict):
        return money(value["low"], value["high"], value["currency"])
    return str(value)
