"""Writing the SQLite export: the planned tables, their rows and full-text indexes.

Foreign keys are on while writing and checked when the transaction commits, so an
export whose references do not hold is never written.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from bilateral.export.sqlite_tables import CITATIONS, INFO, NOTES, RECORDS, Plan, Table

if TYPE_CHECKING:
    from bilateral.api import Base

Row = dict[str, Any]


class _Owner(NamedTuple):
    """Where nested rows belong: their record, their path so far, and their nested row."""

    record: str
    path: str
    table: str
    row: int | None = None
    kind: str = ""


def quoted(name: str) -> str:
    return "[" + name.replace("]", "]]") + "]"


def create_sql(table: Table) -> str:
    lines = []
    for column in table.columns:
        parts = [quoted(column.name), column.affinity, "NOT NULL" if column.not_null else ""]
        if column.references:
            parts.append(f"REFERENCES {quoted(column.references)} ([id])")
        lines.append(" ".join(part for part in parts if part))
    lines.append(f"PRIMARY KEY ({', '.join(quoted(name) for name in table.key)})")
    return f"CREATE TABLE {quoted(table.name)} (\n    " + ",\n    ".join(lines) + "\n)"


def index_sql(table: Table) -> list[str]:
    """An index on each foreign key that does not lead the primary key."""
    return [
        f"CREATE INDEX {quoted(f'{table.name}_by_{column.name}')} "
        f"ON {quoted(table.name)} ({quoted(column.name)})"
        for column in table.columns
        if column.references and column.name != table.key[0]
    ]


def fts_sql(table: Table, plan: Plan) -> list[str]:
    """An FTS5 index over the table's text columns and, for a kind's table, the texts
    listed beside each record (aliases, demonyms), so a search by any name finds it."""
    columns = [quoted(name) for name in table.searchable]
    selected = [f"t.{name}" for name in columns]
    for field, held in table.lists:
        listed = plan.tables[held]
        if listed.role == "values" and field.type != "refs" and table.role == "kind":
            columns.append(quoted(field.name))
            selected.append(
                f"(SELECT group_concat([value], ' ') FROM {quoted(held)} AS v "
                "WHERE v.[record_id] = t.[id])"
            )
    fts = quoted(f"{table.name}_fts")
    return [
        f"CREATE VIRTUAL TABLE {fts} USING FTS5 ({', '.join(columns)})",
        f"INSERT INTO {fts} (rowid, {', '.join(columns)}) "
        f"SELECT t.rowid, {', '.join(selected)} FROM {quoted(table.name)} AS t",
    ]


class Rows:
    """The rows of every table, made from the base's documents."""

    def __init__(self, plan: Plan, kinds: dict[str, str] | None = None) -> None:
        self.plan = plan
        self.rows: dict[str, list[Row]] = defaultdict(list)
        self.numbers: dict[str, int] = defaultdict(int)
        self.kinds = kinds or {}
        """Every record's kind by its id, for the typed link columns."""

    def record(self, table: Table, document: Row) -> None:
        self.rows[table.name].append(cells(table, document))
        kind = table.kind.name if table.kind else ""
        self.lists(table, document, _Owner(document["id"], "", table.name, kind=kind))

    def typed(self, target: str) -> Row:
        """The typed link column for an id: `person_id` for a person's id."""
        kind = self.kinds.get(target)
        return {f"{kind}_id": target} if kind else {}

    def lists(self, table: Table, document: Row, owner: _Owner) -> None:
        for field, name in table.lists:
            held = self.plan.tables[name]
            for position, item in enumerate(document.get(field.name) or []):
                path = f"{owner.path}{field.name}[{position}]"
                if held.role == "values":
                    column = "target_id" if field.type == "refs" else "value"
                    row = _owned(owner, nested=False) | {"position": position, column: item}
                    if field.type == "refs":
                        row |= self.typed(item)
                    self.rows[name].append(row)
                elif held.role == NOTES:
                    self.note(owner, position, path, item)
                elif held.role == CITATIONS:
                    self.citation(owner, position, path, item)
                else:
                    self.nested(held, owner, position, path, item)

    def _number(self, table: str) -> int:
        self.numbers[table] += 1
        return self.numbers[table]

    def nested(self, table: Table, owner: _Owner, position: int, path: str, item: Row) -> None:
        number = self._number(table.name)
        row = {"id": number, **_owned(owner, nested=False), "position": position, "path": path}
        self.rows[table.name].append(row | cells(table, item))
        inside = _Owner(owner.record, f"{path}.", table.name, number, owner.kind)
        self.lists(table, item, inside)

    def note(self, owner: _Owner, position: int, path: str, note: Row) -> None:
        number = self._number(NOTES)
        row = {"id": number, "text": note["text"], "path": path, "position": position}
        self.rows[NOTES].append(row | _owned(owner, nested=True))
        for place, citation in enumerate(note.get("sources") or []):
            inside = _Owner(owner.record, f"{path}.", NOTES, number, owner.kind)
            self.citation(inside, place, f"{path}.sources[{place}]", citation)

    def citation(self, owner: _Owner, position: int, path: str, citation: Row) -> None:
        row = {
            "id": self._number(CITATIONS),
            "path": path,
            "source_id": citation["source"],
            "paragraph": citation.get("paragraph"),
            "sentence": citation.get("sentence"),
            "position": position,
        }
        self.rows[CITATIONS].append(row | _owned(owner, nested=True))


def _owned(owner: _Owner, nested: bool) -> Row:
    """The columns that say whose a row is: its record (and, for notes and citations, the
    record again in the column of its kind), and its nested row if any."""
    row: Row = {"record_id": owner.record}
    if nested and owner.kind:
        row[f"of_{owner.kind}"] = owner.record
    if owner.row is not None:
        row[f"{owner.table}_id" if nested else "parent_id"] = owner.row
    return row


def cells(table: Table, document: Row) -> Row:
    row: Row = {}
    for field in table.fields:
        value = document.get(field.name)
        if field.type == "money":
            for part in ("low", "high", "currency"):
                row[f"{field.name}_{part}"] = value[part] if value else None
        elif isinstance(value, list | dict):
            row[field.name] = json.dumps(value, ensure_ascii=False)
        else:
            row[field.name] = value
    return row


def fill(base: Base, plan: Plan, pair: str | None) -> Rows:
    """Every row: the records of every kind, then each record's own tables."""
    rows = Rows(plan)
    for exported, _table in plan.kinds:
        kind = exported.kind
        for document in base.documents(kind.name, "all"):
            rows.kinds[document["id"]] = kind.name
            rows.rows[RECORDS].append(
                {
                    "id": document["id"],
                    "kind": kind.name,
                    "label": kind.label(document),
                    "pair": kind.pair_of(document),
                }
            )
    for exported, table in plan.kinds:
        kind = exported.kind
        for document in base.documents(kind.name, pair):
            rows.record(table, document)
    return rows


def write(connection: sqlite3.Connection, plan: Plan, rows: Rows, info: dict[str, str]) -> None:
    """Create and fill every table in one transaction, foreign keys checked at its end."""
    connection.isolation_level = None
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("BEGIN")
    connection.execute("PRAGMA defer_foreign_keys = ON")
    for table in plan.tables.values():
        connection.execute(create_sql(table))
    for table in plan.tables.values():
        _insert(connection, table, rows.rows[table.name])
        for statement in index_sql(table):
            connection.execute(statement)
    _insert(connection, plan.tables[INFO], [{"key": k, "value": v} for k, v in info.items()])
    for table in plan.tables.values():
        if table.searchable:
            for statement in fts_sql(table, plan):
                connection.execute(statement)
    connection.execute("COMMIT")
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise sqlite3.IntegrityError(f"references that do not hold: {broken[:3]}")


def _insert(connection: sqlite3.Connection, table: Table, rows: Iterable[Row]) -> None:
    names = [column.name for column in table.columns]
    sql = (
        f"INSERT INTO {quoted(table.name)} ({', '.join(quoted(name) for name in names)}) "
        f"VALUES ({', '.join('?' * len(names))})"
    )
    connection.executemany(sql, ([row.get(name) for name in names] for row in rows))
