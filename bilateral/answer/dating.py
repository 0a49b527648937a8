"""Documents as of a date: every answer carries its date, every record its status at it
(bilateral.answer.timing), and every name the one in force then."""

from __future__ import annotations

from typing import Any

from bilateral.answer.query import FactQuery
from bilateral.answer.rows import Row
from bilateral.answer.timing import (
    DEFAULT_HORIZON_YEARS,
    ENDED,
    HELD,
    IN_FORCE,
    AsOf,
    name_at,
    other_names,
    record_status,
    role_status,
)
from bilateral.schema import dates
from bilateral.schema.vocabulary import STATUS_LADDER

Document = dict[str, Any]
RENAMED_KINDS = ("organization", "country", "place")
STATUS_KINDS = ("relation", "fact", "assessment")
"""Kinds whose records carry `status` at the date (a commitment's is `standing`, since its
`status` is its step on the ladder; a role's words are held, ended, not-started, unknown)."""
NAME_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "person": (("country", "country_name"),),
    "organization": (("country", "country_name"),),
    "place": (("country", "country_name"),),
    "relation": (("subject", "subject_name"), ("object", "object_name")),
    "event": (("place", "place_name"), ("participants", "participant_names")),
    "assessment": (("held_by", "holder_name"), ("about", "about_names")),
    "commitment": (("by", "by_names"),),
}
"""Each kind's references and the fields that hold their names: the name in force at the date."""
DATED_KINDS = frozenset(("person", "area", "commitment", *STATUS_KINDS))


class Dating:
    """Puts an answer at one date; remembers the names and terms it looked up."""

    def __init__(self, query: FactQuery, when: AsOf) -> None:
        self.query = query
        self.when = when
        self._renamed: dict[str, Document] | None = None
        self._terms: dict[str, int] = {}

    def row(self, row: Row, kind: str) -> Row:
        """The row as of the date; a document with nothing dated in it keeps its stored JSON."""
        document = row.document
        if kind in DATED_KINDS or self._needs_names(document, kind):
            return Row.of(self.document(document, kind))
        return Row(_with_date(row.raw, self.when.text), document | {"as_of": self.when.text})

    def document(self, document: Document, kind: str) -> Document:
        dated = self.named(document, kind)
        if kind == "person":
            dated["roles"] = [self.role(role, document.get("died")) for role in document["roles"]]
        elif kind == "area":
            dated |= self.area(document)
        elif kind == "commitment":
            dated["standing"] = record_status(document, kind, self.when.day)
        elif kind in STATUS_KINDS:
            dated["status"] = record_status(document, kind, self.when.day)
        if kind in RENAMED_KINDS and document.get("names"):
            dated["name"] = name_at(document, self.when.day)
            dated["other_names"] = other_names(document, self.when.day)
        dated["as_of"] = self.when.text
        return dated

    def named(self, document: Document, kind: str) -> Document:
        """A copy of the document with the name of each record it refers to as at the date."""
        dated = dict(document)
        renamed = self.renamed()
        if not renamed:
            return dated
        for reference, names in NAME_FIELDS.get(kind, ()):
            value = document.get(reference)
            if isinstance(value, list):
                dated[names] = [
                    self.name_of(ref) or name
                    for ref, name in zip(value, document[names], strict=False)
                ]
            elif value in renamed:
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
            match = self.query.record(post)
            years = match[1].document.get("term_years") if match else None
            self._terms[post] = years or DEFAULT_HORIZON_YEARS
        return self._terms[post]

    def renamed(self) -> dict[str, Document]:
        """The records that have dated names, by id (looked up once)."""
        if self._renamed is None:
            self._renamed = {
                row.document["id"]: row.document
                for kind in RENAMED_KINDS
                for row in self.query.listing(kind, None, [])
                if row.document.get("names")
            }
        return self._renamed

    def name_of(self, record_id: str | None) -> str | None:
        """The name in force at the date of a record that has dated names, else None."""
        found = self.renamed().get(record_id) if record_id else None
        return name_at(found, self.when.day) if found else None

    def _needs_names(self, document: Document, kind: str) -> bool:
        if kind in RENAMED_KINDS and document.get("names"):
            return True
        renamed = self.renamed()
        return bool(renamed) and any(
            ref in renamed
            for reference, _ in NAME_FIELDS.get(kind, ())
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
