"""Documents as of a date: every answer carries its date, roles their status at it, and
records the name in force then."""

from __future__ import annotations

from typing import Any

from bilateral.answer.query import FactQuery
from bilateral.answer.rows import Row
from bilateral.answer.timing import ENDED, HELD, AsOf, name_at, other_names, role_status

Document = dict[str, Any]
RENAMED_KINDS = ("organization", "country")


class Dating:
    """Puts an answer at one date; remembers the names it looked up."""

    def __init__(self, query: FactQuery, when: AsOf) -> None:
        self.query = query
        self.when = when
        self._names: dict[str, str | None] = {}

    def row(self, row: Row, kind: str) -> Row:
        """The row as of the date; a document with nothing dated in it keeps its stored JSON."""
        document = row.document
        if kind == "person" or (kind in RENAMED_KINDS and document.get("names")):
            return Row.of(self.document(document, kind))
        return Row(_with_date(row.raw, self.when.text), document | {"as_of": self.when.text})

    def document(self, document: Document, kind: str) -> Document:
        dated = dict(document)
        if kind == "person":
            dated["roles"] = [self.role(role, document.get("died")) for role in document["roles"]]
        elif kind in RENAMED_KINDS and document.get("names"):
            dated["name"] = name_at(document, self.when.day)
            dated["other_names"] = other_names(document, self.when.day)
        dated["as_of"] = self.when.text
        return dated

    def role(self, role: Document, died: str | None) -> Document:
        dated = dict(role)
        dated["status"] = role_status(role, died, self.when.day)
        renamed = self.name_of(role["organization"])
        if renamed:
            dated["organization_name"] = renamed
        return dated

    def name_of(self, record_id: str) -> str | None:
        """The name in force at the date of a record that has dated names, else None."""
        if record_id not in self._names:
            match = self.query.record(record_id)
            stored = match[1].document if match else {}
            dated = stored.get("names")
            self._names[record_id] = name_at(stored, self.when.day) if dated else None
        return self._names[record_id]


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
