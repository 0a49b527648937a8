"""Answers as of a date: the date itself, what holds then, and documents put at it.

The date an answer is true as of (`as_of`), the one status rule for every dated record
(`record_status`, `role_status`), the name in force at a date (`name_at`), and `Dating`,
which puts a stored document at the date: its status, and every reference named as then.
Nothing here is stored: it is worked out when answering, from the dates the base holds.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from bilateral.answer.rows import Row
from bilateral.errors import BadParameter
from bilateral.kinds.declared import Declared, NameFields
from bilateral.schema import dates
from bilateral.schema.vocabulary import STATUS_LADDER

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bilateral.answer.query import FactQuery

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
        begins = document.get(declared().begins.get(kind, "start"))
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


_DECLARED: dict[str, Declared] = {}
"""The declarations answering reads, once: from a store's meta, else from the registry."""


def declared() -> Declared:
    """The declarations answering at a date reads."""
    if "" not in _DECLARED:
        _DECLARED[""] = Declared.of_registry()
    return _DECLARED[""]


def name_fields(kind: str) -> NameFields:
    """A kind's references and the fields that hold their names (the name in force at the
    date), as its declaration gives them (`Field.names`)."""
    return declared().names.get(kind, ())


class Dating:
    """Puts an answer at one date; remembers the names and terms it looked up."""

    def __init__(self, query: FactQuery, when: AsOf) -> None:
        self.query = query
        self.when = when
        self._renamed: dict[str, Document | None] = {}
        self._renamable: set[str] | None = None
        self._terms: dict[str, int] = {}
        if "" not in _DECLARED:  # the store's meta holds them: no need to import every kind
            stored = Declared.from_stored(query.meta)
            if stored is not None:
                _DECLARED[""] = stored

    def row(self, row: Row, kind: str) -> Row:
        """The row as of the date; a document with nothing dated in it keeps its stored JSON."""
        document = row.document
        if kind in declared().dated or self._needs_names(document, kind):
            return Row.of(self.document(document, kind))
        return Row(_with_date(row.raw, self.when.text), document | {"as_of": self.when.text})

    def document(self, document: Document, kind: str) -> Document:
        dated = self.named(document, kind)
        if kind == "person":
            dated["roles"] = [self.role(role, document.get("died")) for role in document["roles"]]
        elif kind == "area":
            dated |= self.area(document)
        elif kind in declared().status:
            dated[declared().status[kind]] = record_status(document, kind, self.when.day)
        if kind in declared().renamed and document.get("names"):
            dated["name"] = name_at(document, self.when.day)
            dated["other_names"] = other_names(document, self.when.day)
        dated["as_of"] = self.when.text
        return dated

    def named(self, document: Document, kind: str) -> Document:
        """A copy of the document with the name of each record it refers to as at the date."""
        dated = dict(document)
        if not self._renamable_ids():
            return dated
        for reference, names in name_fields(kind):
            value = document.get(reference)
            if isinstance(value, list):
                dated[names] = [
                    self.name_of(ref) or name
                    for ref, name in zip(value, document[names], strict=False)
                ]
            elif isinstance(value, str) and self.renamed(value) is not None:
                dated[names] = self.name_of(value)
        return dated

    def role(self, role: Document, died: str | None) -> Document:
        dated = dict(role)
        dated["status"] = role_status(role, died, self.when.day, self.term(role.get("post")))
        renamed = self.name_of(role["organization"])
        if renamed:
            dated["organization_name"] = renamed
        return dated

    def area(self, area: Document) -> Document:
        """The area's commitments with their standing, and its strongest status among
        those in force at the date: nothing is signed before the day it was signed."""
        commitments = [self.document(c, "commitment") for c in area["commitments"]]
        ranks = [STATUS_LADDER.index(c["status"]) for c in commitments if c["standing"] == IN_FORCE]
        confirmed = [area["last_confirmed"], *(c["last_confirmed"] for c in commitments)]
        return {
            "commitments": [_without_date(c) for c in commitments],
            "status": STATUS_LADDER[min(ranks)] if ranks else None,
            "last_confirmed": latest_of(confirmed),
        }

    def term(self, post: str | None) -> int:
        """The post's term in years, where the base records one, else the default horizon."""
        if post is None:
            return DEFAULT_HORIZON_YEARS
        if post not in self._terms:
            self.read_terms((post,))
        return self._terms[post]

    def read_terms(self, posts: Iterable[str | None]) -> None:
        """The terms of these posts not yet known, in one statement (a listing's people)."""
        wanted = {post for post in posts if post is not None and post not in self._terms}
        found = {row.document["id"]: row.document for row in self.query.of_ids(wanted)}
        for post in wanted:
            self._terms[post] = found.get(post, {}).get("term_years") or DEFAULT_HORIZON_YEARS

    def renamed(self, record_id: str) -> Document | None:
        """The record, where it is of a kind that is renamed and has dated names (looked up
        once an id)."""
        if record_id not in self._renamed:
            found = self.query.record(record_id) if record_id in self._renamable_ids() else None
            if found is None or found[0] not in declared().renamed:
                self._renamed[record_id] = None
            else:
                document = found[1].document
                self._renamed[record_id] = document if document.get("names") else None
        return self._renamed[record_id]

    def _renamable_ids(self) -> set[str]:
        """The ids of the records that have dated names, read once (the store lists them).
        Any other id an answer refers to is answered without a query."""
        if self._renamable is None:
            self._renamable = self.query.dated_names()
        return self._renamable

    def name_of(self, record_id: str | None) -> str | None:
        """The name in force at the date of a record that has dated names, else None."""
        found = self.renamed(record_id) if record_id else None
        return name_at(found, self.when.day) if found else None

    def _needs_names(self, document: Document, kind: str) -> bool:
        if kind in declared().renamed and document.get("names"):
            return True
        if not name_fields(kind):  # refers to nothing named (trade): no need to read which are
            return False
        renamable = self._renamable_ids()
        return bool(renamable) and any(
            ref in renamable and self.renamed(ref) is not None
            for reference, _ in name_fields(kind)
            for ref in _ids(document.get(reference))
        )


def latest_of(days: list[str | None]) -> str | None:
    """The latest of some dates of any precision (by the last day each may mean)."""
    known = [day for day in days if day]
    return max(known, key=dates.latest) if known else None


def latest_confirmation(documents: list[Document]) -> str | None:
    """The latest confirmation of anything the documents show: their own, their roles'
    and their commitments'."""
    found: list[str | None] = []
    for document in documents:
        found.append(document.get("last_confirmed"))
        for nested in (*(document.get("roles") or ()), *(document.get("commitments") or ())):
            found.append(nested.get("last_confirmed"))
    return latest_of(found)


def silence(documents: list[Document]) -> str | None:
    """'the base has no source on this after 2004-07-28', when the date the answer is true
    as of falls after the latest confirmation of everything it shows; else None."""
    confirmed = latest_confirmation(documents)
    asked = documents[0].get("as_of") if documents else None
    if confirmed is None or not asked or dates.latest(confirmed) >= dates.latest(asked):
        return None
    return f"the base has no source on this after {confirmed}"


def _ids(value: object) -> list[str]:
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return [value] if isinstance(value, str) else []


def _without_date(commitment: Document) -> Document:
    """A commitment inside its area: the area carries `as_of`."""
    return {key: value for key, value in commitment.items() if key != "as_of"}


def roles_matching(person: Document, status: str | None, posts: set[str] | None) -> Document:
    """The person with only the roles of a status (held or ended) and of the posts asked."""
    roles = [
        role
        for role in person["roles"]
        if (status is None or role["status"] == status)
        and (posts is None or role.get("post") in posts)
    ]
    return person | {"roles": roles}


def role_filter(current: bool, former: bool) -> str | None:
    return HELD if current else ENDED if former else None


def _with_date(raw: str, day: str) -> str:
    """A stored JSON object with `as_of` added last, without parsing it again."""
    return f'{raw[:-1]},"as_of":"{day}"}}'
