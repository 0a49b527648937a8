"""A whole fact base: read every kind's table through its declaration, check it, derive names."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from bilateral.errors import FactBaseInvalid, Problem
from bilateral.kinds.kind import Kind
from bilateral.kinds.registry import ALL, TABLE_OF, TOP_LEVEL
from bilateral.schema import dates
from bilateral.schema.blocks import RecordTables
from bilateral.schema.checker import Checker, Document
from bilateral.schema.citations import check_locators
from bilateral.schema.fields import Shape
from bilateral.schema.lookup import Lent, Lookup
from bilateral.schema.readers import deriver_of, reader_of

SCHEMA_VERSION = 3
MIGRATION = {
    1: "delete each `current = ...` line under [[people.roles]] (a role's status now comes "
    "from its dates and the date asked), then follow the change from schema_version = 2",
    2: "set schema_version = 3 and rename each `since` under [[relations]] to `start`; "
    "where the sources say so, add `start`/`end` to relations and facts, `stated`/`end` to "
    "assessments, `date`/`end` to commitments and `term_years` to posts (docs/schema.md)",
}
"""What to change in a base written for an earlier schema."""
META_KEYS = ("schema_version", "title", "pair", "as_of", "pairs")
ABOUT_KEYS = ("title", "as_of")
"""What the `pairs` table may give each pair: its own title and date of writing."""

RELEASED: Document = {}
"""What a base released by `each(release=True)` holds in place of each of its documents."""


@dataclass(frozen=True)
class FactBase:
    title: str
    pair: str
    as_of: str
    records: dict[str, list[Document]]
    """Documents by kind, for the kinds with a table of their own, in file order."""
    lookup: Lookup
    cited: dict[str, set[str]] = dataclasses.field(default_factory=dict)
    """The ids of the sources cited in each TOML table, its records' notes and roles included."""
    origin: dict[str, str] = dataclasses.field(default_factory=dict)
    """The file each top-level record was written in, for a base kept in many files."""
    about: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)
    """Each pair's own `title` and `as_of` (date of writing), where the base gives them."""

    def each(self, release: bool = False) -> Iterator[tuple[Kind, Document, int]]:
        """Every record with its kind and its position among its kind, children after parents.
        With `release`, each top-level document is let go once it and its children are
        given (the base holds none of them after, and serves nothing more)."""
        for kind in TOP_LEVEL:
            documents = self.records[kind.name]
            for position, document in enumerate(documents):
                if release:
                    documents[position] = RELEASED
                yield kind, document, position
                for child in kind.children:
                    for nested in document[child.field]:
                        yield child.kind, child.extend(nested, document), position

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys((kind.plural for kind in ALL), 0)
        for kind, _document, _position in self.each():
            counts[kind.plural] += 1
        return counts

    def uncited_sources(self) -> list[str]:
        """Ids of the sources no record cites."""
        cited = set().union(*self.cited.values())
        return [s["id"] for s in self.records["source"] if s["id"] not in cited]

    def pairs(self) -> list[str]:
        """The pairs of its records, its own `pair` and those it gives titles to."""
        found = {p for kind, doc, _ in self.each() if (p := kind.pair_of(doc))}
        return sorted(found | set(self.about) | ({self.pair} if self.pair else set()))


def dates_in(shape: Shape, document: Document) -> list[str]:
    """Every date a record gives, its nested records' included (not their dated names)."""
    return _dates_of(shape)(document)


DatesOf = Callable[[Document], list[str]]
_DATES_OF: dict[int, tuple[Shape, DatesOf]] = {}
"""Each shape's `dates_in`, made once (the shape kept, so that its id names no other)."""


def _dates_of(shape: Shape) -> DatesOf:
    found = _DATES_OF.get(id(shape))
    if found is None or found[0] is not shape:
        found = _DATES_OF[id(shape)] = (shape, _dates_reader(shape))
    return found[1]


def _dates_reader(shape: Shape) -> DatesOf:
    """The fields that give dates, in order: a date, a year, or records that hold some."""
    steps: list[tuple[str, DatesOf | None, bool]] = []
    for field in shape.fields:
        if field.type in ("date", "year"):
            steps.append((field.name, None, field.type == "year"))
        elif field.shape is not None and field.name != "names" and _gives_dates(field.shape):
            steps.append((field.name, _dates_of(field.shape), False))

    def dates(document: Document) -> list[str]:
        found: list[str] = []
        for name, nested, year in steps:
            value = document.get(name)
            if not value:
                continue
            if nested is not None:
                for each in value:
                    found += nested(each)
            else:
                found.append(str(value) if year else value)
        return found

    return dates


def _gives_dates(shape: Shape) -> bool:
    for field in shape.fields:
        if field.type in ("date", "year"):
            return True
        if field.shape is not None and field.name != "names" and _gives_dates(field.shape):
            return True
    return False


@functools.cache
def first_day(date: str) -> str:
    return dates.earliest(date).isoformat()


@functools.cache
def last_day(date: str) -> str:
    return dates.latest(date).isoformat()


def build(
    file: str, text: str | Callable[[], str], data: dict[str, Any], release: bool = False
) -> FactBase:
    """The checked fact base, or FactBaseInvalid carrying every problem found. With
    `release`, each kind's array of tables in `data` is emptied as it is read, so that
    each table can be freed once its document is made (the caller keeps no other use)."""
    check = Checker(file, text, TABLE_OF)
    version = data.get("schema_version")
    if type(version) is int and version in MIGRATION:
        check.problem(
            "schema_version",
            f"is {version}, written for an earlier bilateral; to read it here, "
            f"{MIGRATION[version]}",
        )
        raise FactBaseInvalid(check.problems)
    check.allowed_keys(data, "", {*META_KEYS, *(kind.table for kind in TOP_LEVEL)})
    _check_schema_version(check, data)
    title = check.string(data, "", "title")
    pair_text = check.string(data, "", "pair", required=False)
    pair = check.valid_pair("pair", pair_text) if pair_text else None
    as_of = check.date(data, "", "as_of", required=True)
    check.default_pair = pair or ""
    about = read_about(check, data)
    keyed = {kind.name: read_kind(check, data, kind, release) for kind in TOP_LEVEL}
    check.resolve_references()
    check_locators(check, {document["id"]: document for _, document in keyed["source"]})
    if check.problems:
        raise FactBaseInvalid(_in_file_order(check.problems))
    cited: dict[str, set[str]] = {}
    for key, citation in check.citations:
        cited.setdefault(key.split("[", 1)[0], set()).add(citation["source"])
    records = {name: [document for _, document in items] for name, items in keyed.items()}
    del check, keyed  # the check's ids, references and keys go before the lookup is made
    lookup = _lookup(records)
    lookup.as_of = as_of or ""
    for kind in TOP_LEVEL:
        derive = deriver_of(kind.shape)
        for document in records[kind.name]:
            derive(document, lookup)
    return FactBase(title or "", pair or "", as_of or "", records, lookup, cited, about=about)


def read_about(check: Checker, data: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The `pairs` table: `[pairs.AZ-TR]` with `title` and `as_of` for that pair."""
    table = data.get("pairs")
    if table is None:
        return {}
    if not isinstance(table, dict):
        check.problem("pairs", "expected a table such as [pairs.AZ-TR] with title and as_of")
        return {}
    about: dict[str, dict[str, str]] = {}
    for name, given in table.items():
        key = f"pairs.{name}"
        pair = check.valid_pair(key, name) if isinstance(name, str) else None
        if not isinstance(given, dict):
            check.problem(key, "expected a table with title and as_of, such as [pairs.AZ-TR]")
            continue
        check.allowed_keys(given, key, set(ABOUT_KEYS))
        title = check.string(given, key, "title", required=False)
        found = {"title": title, "as_of": check.date(given, key, "as_of")}
        if pair is not None:
            about[pair] = {name: value for name, value in found.items() if value}
    return about


def read_kind(
    check: Checker, data: dict[str, Any], kind: Kind, release: bool = False
) -> list[tuple[str, Document]]:
    found = []
    read, name, noun = reader_of(kind.shape), kind.name, kind.noun
    for key, table in _tables_of(check, data, kind.table, release):
        document = read(check, table, key, name, noun)
        if document is not None:
            found.append((key, document))
    return found


def _tables_of(
    check: Checker, data: dict[str, Any], name: str, release: bool
) -> Iterator[tuple[str, Document]]:
    """Each record's key and table; with `release`, let go from `data` as it is read."""
    records = data.get(name)
    if isinstance(records, RecordTables):  # every one a table, parsed as read
        for position, table in enumerate(records):
            yield f"{name}[{position}]", table
        return
    tables = check.tables(data, "", name)
    if release and tables:
        data[name] = []
    for position, (key, table) in enumerate(tables):
        if release:
            tables[position] = (key, {})  # then it goes once the next record is read
        yield key, table


def _lookup(records: dict[str, list[Document]]) -> Lookup:
    lookup = Lookup()
    for kind in TOP_LEVEL:
        for document in records[kind.name]:
            lookup.lend(document["id"], lent(kind, document))
    return lookup


def lent(kind: Kind, document: Document) -> Lent:
    """What a record lends the others: the one place that says so, for a build and for
    the check that an edit left the others' borrowings as they were."""
    name = document.get("name") or document.get("summary")
    date = document.get("date") if kind.name == "source" else None
    country = document["id"] if kind.name == "country" else document.get("country")
    return (
        name if isinstance(name, str) else None,
        document.get("aliases") or [],
        date or None,
        document["demonyms"] if kind.name == "country" else None,
        country if isinstance(country, str) else None,
    )


def _check_schema_version(check: Checker, data: dict[str, Any]) -> None:
    version = data.get("schema_version")
    if version is None:
        check.problem(
            "schema_version", f"missing; the file must start with schema_version = {SCHEMA_VERSION}"
        )
    elif version != SCHEMA_VERSION or isinstance(version, bool):
        check.problem(
            "schema_version",
            f"is {version!r}; this bilateral reads schema_version = {SCHEMA_VERSION}",
        )


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.line or 0)
