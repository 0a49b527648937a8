"""`diff`: what changed between two versions of a base, record by record, field by field.

Records are matched by kind and id. A record's fields are the ones its kind declares,
derived ones left out; records inside another without ids of their own (roles, notes,
disputes, dated names) are part of it, so a change to one shows as a change of that list.
Commitments have ids and are compared on their own, with the id of their area.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bilateral.kinds.base import FactBase
from bilateral.kinds.registry import ALL, BY_NAME, TOP_LEVEL
from bilateral.schema.checker import Document
from bilateral.schema.fields import Shape

COLUMNS = ("change", "kind", "id", "field", "old", "new")
BASE_FIELDS = ("title", "pair", "as_of")


@dataclass(frozen=True)
class Change:
    change: str
    """added, removed or changed"""
    kind: str
    id: str | None
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)
    """For a change: (field, old value, new value)."""
    record: Document | None = None
    """For a record added or removed: its fields."""


def compare(old: FactBase, new: FactBase) -> list[Change]:
    """Every change from `old` to `new`: the base's own fields, then each kind in the
    registry's order; in a kind, records as `new` lists them, then those it dropped."""
    changes = []
    meta = [(name, getattr(old, name), getattr(new, name)) for name in BASE_FIELDS]
    if differing := [entry for entry in meta if entry[1] != entry[2]]:
        changes.append(Change("changed", "base", None, differing))
    before, after = _records(old), _records(new)
    for (kind, record_id), document in after.items():
        if (kind, record_id) not in before:
            changes.append(Change("added", kind, record_id, record=document))
            continue
        earlier = before[kind, record_id]
        differing = [
            (name, earlier.get(name), value)
            for name, value in document.items()
            if earlier.get(name) != value
        ]
        differing += [
            (name, value, None) for name, value in earlier.items() if name not in document
        ]
        if differing:
            changes.append(Change("changed", kind, record_id, differing))
    changes += [
        Change("removed", kind, record_id, record=document)
        for (kind, record_id), document in before.items()
        if (kind, record_id) not in after
    ]
    rank = {kind.name: position for position, kind in enumerate(ALL)}
    return sorted(changes, key=lambda change: rank.get(change.kind, -1))


def _records(base: FactBase) -> dict[tuple[str, str], Document]:
    found: dict[tuple[str, str], Document] = {}
    for kind in TOP_LEVEL:
        inside = {child.field for child in kind.children}
        for document in base.records[kind.name]:
            found[kind.name, document["id"]] = _declared(kind.shape, document, inside)
            for child in kind.children:
                for nested in document[child.field]:
                    plain = _declared(child.kind.shape, nested, set())
                    found[child.kind.name, nested["id"]] = {kind.name: document["id"], **plain}
    return found


def _declared(shape: Shape, document: Document, leave_out: set[str]) -> Document:
    """The document's declared fields, nested records' too, without derived ones."""
    plain: Document = {}
    for item in shape.fields:
        if item.type == "derived" or item.name in leave_out:
            continue
        value = document.get(item.name)
        if item.shape is not None and isinstance(value, list):
            value = [_declared(item.shape, nested, set()) for nested in value]
        plain[item.name] = value
    return plain


def as_json(changes: list[Change], old: str, new: str) -> str:
    """{"old", "new", "changes": [{change, kind, id, record | fields: [{field, old, new}]}]}"""
    entries = []
    for change in changes:
        entry: dict[str, Any] = {"change": change.change, "kind": change.kind, "id": change.id}
        if change.record is not None:
            entry["record"] = change.record
        else:
            entry["fields"] = [{"field": f, "old": o, "new": n} for f, o, n in change.fields]
        entries.append(entry)
    return json.dumps({"old": old, "new": new, "changes": entries}, ensure_ascii=False, indent=2)


def rows(changes: list[Change]) -> list[list[str]]:
    """One row per field changed, and one per record added or removed (with its label):
    the TSV rows, structured values written as JSON."""
    return [[*row[:4], _text(row[4]), _text(row[5])] for row in value_rows(changes)]


def value_rows(changes: list[Change]) -> list[list[Any]]:
    """The same rows with the old and new values as the records hold them."""
    table: list[list[Any]] = []
    for change in changes:
        ident = change.id or ""
        if change.record is not None:
            label = _label(change.kind, change.record)
            before, after = (label, "") if change.change == "removed" else ("", label)
            table.append([change.change, change.kind, ident, "", before, after])
        for name, before, after in change.fields:
            table.append([change.change, change.kind, ident, name, before, after])
    return table


def _label(kind: str, record: Document) -> str:
    for key in ("name", "title", "summary", "claim", "text", "publisher"):
        if isinstance(record.get(key), str):
            return str(record[key])
    return BY_NAME[kind].noun if kind in BY_NAME else ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
