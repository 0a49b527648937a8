"""The tables of the SQLite export, planned from the kinds' declarations.

One table per kind (its `table` name: people, events, ...), keyed by `id`; a column per
field of a single value (a money field as three); a table per field holding a list:

- a list of texts, ids or numbers: `<table>_<field>` (`people_aliases`,
  `events_participants`), one row per item, its `position` in the list;
- nested records (a person's roles, dated names, disputes): a table named after the
  field, shared by the kinds that declare the same field (`disputes`), each row with
  its record, its `position` and its `path` in the record's JSON document;
- notes and citations: the `notes` and `citations` tables, for every record and
  every nested record, with the `path` of each in its record's document.

A reference is a foreign key: to the kind's table where it names one kind, else to
`records`, which lists every record of the base with its kind and a label.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field

from bilateral.api import kind_has_pair
from bilateral.export.shapes import LIST_TYPES, Exported, describe, exported, nested_fields
from bilateral.kinds.kind import Kind
from bilateral.schema.fields import Field

RECORDS = "records"
NOTES = "notes"
CITATIONS = "citations"
INFO = "export_info"
RESERVED = (RECORDS, NOTES, CITATIONS, INFO)
ROW_COLUMNS = ("id", "record_id", "parent_id", "position", "path")
"""Columns every nested table has; a nested field of one of these names cannot be exported."""
AFFINITY = {
    "id": "TEXT",
    "text": "TEXT",
    "choice": "TEXT",
    "date": "TEXT",
    "pair": "TEXT",
    "ref": "TEXT",
    "year": "INTEGER",
    "number": "INTEGER",
    "flag": "INTEGER",
}
"""Column types by field type; others (derived, scalar) keep whatever value they hold."""


@dataclass(frozen=True)
class Column:
    name: str
    affinity: str
    description: str
    _: KW_ONLY
    references: str = ""
    """The table whose `id` this column holds."""
    not_null: bool = False
    searchable: bool = False
    """Whether the table's full-text index covers it (fields of type text)."""


@dataclass
class Table:
    name: str
    description: str
    role: str
    """records, kind, nested, values, notes, citations or info."""
    columns: list[Column] = field(default_factory=list)
    key: tuple[str, ...] = ("id",)
    fields: list[Field] = field(default_factory=list)
    """The fields whose values are columns of this table."""
    lists: list[tuple[Field, str]] = field(default_factory=list)
    """The fields holding lists, and the table that holds each."""
    nested_in: str = ""
    """For a table of values or records inside nested records: that nested table."""
    kind: Kind | None = None

    @property
    def searchable(self) -> list[str]:
        return [column.name for column in self.columns if column.searchable]


@dataclass
class Plan:
    tables: dict[str, Table]
    kinds: list[tuple[Exported, Table]]


def plan(top_level: tuple[Kind, ...]) -> Plan:
    """Every table, in an order where each one's meaning is met before it is used."""
    return _Planner(exported(top_level)).plan()


class _Planner:
    def __init__(self, kinds: list[Exported]) -> None:
        self.kinds = kinds
        self.kind_tables = {e.kind.name: e.kind.table for e in kinds}
        taken = [*RESERVED, *self.kind_tables.values()]
        if len(set(taken)) != len(taken):
            raise ValueError(f"a kind's table name is taken twice or reserved: {taken}")
        self.tables: dict[str, Table] = {}
        self.shared = self._shared_nested()
        self.owners: dict[str, list[str]] = {NOTES: [], CITATIONS: [NOTES]}

    def plan(self) -> Plan:
        records = Table(RECORDS, "Every record of the base: its id, kind and a label", RECORDS)
        records.columns = [
            Column("id", "TEXT", "the record's id", not_null=True),
            Column("kind", "TEXT", "its kind (person, event, ...)", not_null=True),
            Column("label", "TEXT", "one line that says what it is"),
            Column("pair", "TEXT", "the pair of countries it belongs to, where it belongs to one"),
        ]
        self.tables[RECORDS] = records
        kinds = [(e, self._kind_table(e)) for e in self.kinds]
        self.tables[NOTES] = self._notes()
        self.tables[CITATIONS] = self._citations()
        info = Table(INFO, "What this export is: its title, date and maker", "info", key=("key",))
        info.columns = [
            Column(
                "key", "TEXT", "title, as_of, pair, generated_by or written_about", not_null=True
            ),
            Column("value", "TEXT", "its value"),
        ]
        self.tables[INFO] = info
        return Plan(self.tables, kinds)

    def target(self, reference: Field) -> str:
        """The table a reference's id is found in."""
        if len(reference.targets) == 1:
            name = reference.targets[0]
            if name in self.kind_tables and not kind_has_pair(name):
                return self.kind_tables[name]
        return RECORDS

    def typed_links(self, kinds: tuple[str, ...], says: str) -> list[Column]:
        """A column per kind of the ids a column may hold, each a key of that kind's table,
        so that a record's page links to the rows that name it (Datasette follows keys)."""
        return [
            Column(f"{kind}_id", "TEXT", says.format(kind=kind), references=self.kind_tables[kind])
            for kind in kinds
            if kind in self.kind_tables and not kind_has_pair(kind)
        ]

    def record_links(self) -> list[Column]:
        """A column per kind, for the record a note or citation is on."""
        return [
            Column(
                f"of_{kind}",
                "TEXT",
                f"the {kind} it is on, if on a {kind}",
                references=table,
            )
            for kind, table in self.kind_tables.items()
        ]

    def _shared_nested(self) -> dict[str, str]:
        """Nested records' table names by (kind, field): the field's name where every kind
        declaring it declares the same records, else the kind's table and the field's."""
        declared: dict[str, list[tuple[str, tuple[Field, ...]]]] = {}
        for e in self.kinds:
            for f in e.fields:
                if f.type == "records" and f.name not in e.children:
                    declared.setdefault(f.name, []).append((e.kind.name, nested_fields(e.kind, f)))
        names: dict[str, str] = {}
        for name, uses in declared.items():
            alike = all(fields == uses[0][1] for _, fields in uses)
            free = name not in RESERVED and name not in self.kind_tables.values()
            for kind, _ in uses:
                names[f"{kind}.{name}"] = (
                    name if alike and free else f"{self.kind_tables[kind]}_{name}"
                )
        return names

    def _kind_table(self, e: Exported) -> Table:
        kind = e.kind
        table = Table(kind.table, kind.help or f"{kind.plural.capitalize()}, one row each", "kind")
        table.kind = kind
        self.tables[table.name] = table
        fields = [f for f in e.fields if f.name not in e.children and f.name != "as_of"]
        if not any(f.name == "id" and f.type == "id" for f in fields):
            raise ValueError(f"kind {kind.name!r} declares no id field")
        for f in fields:
            if f.type in LIST_TYPES:
                table.lists.append((f, self._list_table(kind, f, table, RECORDS)))
            else:
                table.fields.append(f)
                parent = e.parent.table if e.parent and f in e.from_parent else ""
                table.columns += self._columns(f, parent)
        return table

    def _columns(self, f: Field, parent: str = "") -> list[Column]:
        """A field's columns; a child's reference to its parent is a key of the parent's
        table, which holds every parent of the children exported."""
        text = describe(f)
        if f.type == "money":
            parts = (
                ("low", "NUMERIC", "the lowest it may be"),
                ("high", "NUMERIC", "the highest it may be (equal to low when exact)"),
                ("currency", "TEXT", "its ISO 4217 currency code"),
            )
            return [
                Column(f"{f.name}_{part}", affinity, f"{f.name}: {says}", not_null=f.required)
                for part, affinity, says in parts
            ]
        reference = (parent or self.target(f)) if f.type == "ref" else ""
        required = f.required and f.type in AFFINITY
        return [
            Column(
                f.name,
                AFFINITY.get(f.type, ""),
                text,
                references=reference,
                not_null=required,
                searchable=f.type == "text",
            )
        ]

    def _list_table(self, kind: Kind, f: Field, owner: Table, root: str) -> str:
        if f.type == "notes":
            self.owners[NOTES].append(owner.name)
            return NOTES
        if f.type == "sources":
            self.owners[CITATIONS].append(owner.name)
            return CITATIONS
        if f.type == "records":
            return self._nested(kind, f, owner, root)
        return self._values(f, owner, root)

    def _owner_columns(self, owner: Table, root: str) -> list[Column]:
        if owner.role == "kind":
            return [
                Column(
                    "record_id",
                    "TEXT",
                    f"the {owner.name} row",
                    references=owner.name,
                    not_null=True,
                )
            ]
        return [
            Column("record_id", "TEXT", "the record it is part of", references=root, not_null=True),
            Column(
                "parent_id",
                "INTEGER",
                f"the {owner.name} row",
                references=owner.name,
                not_null=True,
            ),
        ]

    def _values(self, f: Field, owner: Table, root: str) -> str:
        name = f"{owner.name}_{f.name}"
        inside = owner.role != "kind"
        table = Table(name, f"{owner.name}: {describe(f)}", "values")
        table.nested_in = owner.name if inside else ""
        table.key = ("parent_id" if inside else "record_id", "position")
        table.columns = self._owner_columns(owner, root)
        table.columns.append(
            Column("position", "INTEGER", "its place in the list, from 0", not_null=True)
        )
        if f.type == "refs":
            target = self.target(f)
            table.columns.append(
                Column("target_id", "TEXT", "the id it names", references=target, not_null=True)
            )
            if target == RECORDS:
                table.columns += self.typed_links(f.targets, "the {kind} it names, if a {kind}")
        else:
            affinity = "INTEGER" if f.type == "counts" else "TEXT"
            table.columns.append(Column("value", affinity, describe(f), not_null=True))
        self.tables[name] = table
        return name

    def _nested(self, kind: Kind, f: Field, owner: Table, root: str) -> str:
        top = owner.role == "kind"
        name = self.shared[f"{kind.name}.{f.name}"] if top else f"{owner.name}_{f.name}"
        if name in self.tables:
            return name
        table = Table(name, f"{owner.name}: {describe(f)}", "nested")
        table.columns = [Column("id", "INTEGER", "the row's number", not_null=True)]
        if top:
            uses = [key for key, value in self.shared.items() if value == name]
            root = owner.name if len(uses) == 1 else RECORDS
            if root == RECORDS:
                kinds = ", ".join(key.split(".")[0] for key in uses)
                table.description = f"{describe(f).capitalize()} (of records of kinds: {kinds})"
            table.columns.append(
                Column("record_id", "TEXT", "the record it is in", references=root, not_null=True)
            )
        else:
            table.nested_in = owner.name
            table.columns += self._owner_columns(owner, root)
        table.columns += [
            Column("position", "INTEGER", "its place in the list, from 0", not_null=True),
            Column("path", "TEXT", "where it is in the record's JSON document", not_null=True),
        ]
        self.tables[name] = table
        for nested in nested_fields(kind, f):
            if nested.name in ROW_COLUMNS:
                raise ValueError(f"{name}: a nested field cannot be named {nested.name!r}")
            if nested.type in LIST_TYPES:
                table.lists.append((nested, self._list_table(kind, nested, table, root)))
            else:
                table.fields.append(nested)
                table.columns += self._columns(nested)
        return name

    def _owned(self, table: str) -> list[Column]:
        nested = [name for name in self.owners[table] if self.tables[name].role == "nested"]
        extra = [NOTES] if table == CITATIONS else []
        return [
            Column(
                f"{name}_id", "INTEGER", f"the {name} row it belongs to, if any", references=name
            )
            for name in (*extra, *nested)
        ]

    def _notes(self) -> Table:
        table = Table(NOTES, "Notes that correct or qualify a record, each cited", NOTES)
        table.columns = [
            Column("id", "INTEGER", "the note's number", not_null=True),
            Column("record_id", "TEXT", "the record it is on", references=RECORDS, not_null=True),
            Column("text", "TEXT", "the note", not_null=True, searchable=True),
            Column("path", "TEXT", "where it is in the record's JSON document", not_null=True),
            Column(
                "position", "INTEGER", "its place among its owner's notes, from 0", not_null=True
            ),
            *self._owned(NOTES),
            *self.record_links(),
        ]
        return table

    def _citations(self) -> Table:
        sources = self.kind_tables.get("source", RECORDS)
        table = Table(
            CITATIONS, "Every citation: which record cites which source, where", CITATIONS
        )
        table.columns = [
            Column("id", "INTEGER", "the citation's number", not_null=True),
            Column("record_id", "TEXT", "the record that cites", references=RECORDS, not_null=True),
            Column(
                "path", "TEXT", "where the citation is in the record's JSON document", not_null=True
            ),
            Column("source_id", "TEXT", "the source cited", references=sources, not_null=True),
            Column("paragraph", "INTEGER", "the paragraph cited (1-based), for held texts"),
            Column("sentence", "INTEGER", "the sentence cited in it (1-based)"),
            Column(
                "position",
                "INTEGER",
                "its place among its owner's citations, from 0",
                not_null=True,
            ),
            *self._owned(CITATIONS),
            *self.record_links(),
        ]
        return table
