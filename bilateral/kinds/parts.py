"""A base kept in many files: every `*.toml` under a directory read as one base.

Each file is a part: it declares `schema_version` and holds any of the kinds' tables;
`title`, `pair` and `as_of` are given once, in any part. The parts' tables are joined
in file order (files sorted by path) and checked as one base, so ids are unique and
references resolve across files; each problem is then placed back in the file and line
where its record was written.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from bilateral.errors import FactBaseInvalid, Problem, shown
from bilateral.kinds.base import META_KEYS, MIGRATION, SCHEMA_VERSION, FactBase, build, read_kind
from bilateral.kinds.filepairs import base_keys, own_pair, with_pair
from bilateral.kinds.misplaced import TABLES, misplaced
from bilateral.kinds.registry import TABLE_OF, TOP_LEVEL
from bilateral.schema.checker import Checker, Document
from bilateral.schema.citations import check_locators
from bilateral.schema.locate import LineIndex
from bilateral.schema.lookup import Lookup
from bilateral.schema.readers import deriver_of
from bilateral.schema.reading import base_files, read_toml

Part = tuple[str, Callable[[], str], dict[str, Any]]
"""A file, a way to get its text (needed only to place a problem), and its parsed data."""
RECORD_KEY = re.compile(r"^(?P<table>[a-z_]+)\[(?P<index>\d+)\]")
ONCE = ("title", "pair", "as_of", "pairs")
"""The base's own keys: a part that gives one is read with every other part."""
NAMED = re.compile(r" \([^()]*\)")
FIRST_USED = re.compile(r", (?P<table>[a-z_]+)\[(?P<index>\d+)\](?: at line \d+)?")


def load(path: str) -> FactBase:
    """Read, parse and check the fact base at `path`: a file, or a directory whose
    `*.toml` files together make one base."""
    parts: list[Part] = []
    for file in base_files(path):
        text, data = read_toml(file)
        parts.append((file, _constant(text), data))
    return build_parts(parts)


def _constant(text: str) -> Callable[[], str]:
    return lambda: text


def build_parts(parts: list[Part], release: bool = False) -> FactBase:
    """The base the parts make together, or FactBaseInvalid with every problem in place.
    With `release`, the parts' arrays of tables are emptied as they are read (build())."""
    strays = [
        misplaced(key, part[2][key], part, parts) for part in parts for key in _not_arrays(part[2])
    ]
    if len(parts) == 1 and not strays:
        file, text, data = parts[0]
        return build(file, text, data, release)
    problems = [problem for part in parts for problem in _part_problems(part)] + strays
    merged, origins = _merge(parts, problems)
    if problems:
        raise FactBaseInvalid(_ordered(problems))
    if release:  # the merged arrays hold every table now; a part's own keys stay
        for _file, _text, data in parts:
            data.update({key: [] for key, value in data.items() if isinstance(value, list)})
    directory = os.path.dirname(parts[0][0]) or "."
    try:
        base = build(directory, "", merged, release)
    except FactBaseInvalid as error:
        placed = [_placed(problem, origins, parts) for problem in error.problems]
        raise FactBaseInvalid(_ordered(placed)) from None
    return dataclasses.replace(base, origin=_origin(base, origins, parts))


def _origin(
    base: FactBase, origins: dict[str, list[tuple[int, int]]], parts: list[Part]
) -> dict[str, str]:
    """Each top-level record's file, as the base's parts know it (by the part's file name)."""
    found = {}
    for kind in TOP_LEVEL:
        for document, (number, _index) in zip(
            base.records[kind.name], origins.get(kind.table, []), strict=True
        ):
            found[document["id"]] = parts[number][0]
    return found


def _part_problems(part: Part) -> list[Problem]:
    file, text, data = part
    version = data.get("schema_version")
    if version == SCHEMA_VERSION and not isinstance(version, bool):
        return []
    line = LineIndex(text()).line_of("schema_version")
    found = "missing" if version is None else f"is {version!r}"
    message = f"{found}; each file of a base starts with schema_version = {SCHEMA_VERSION}"
    if type(version) is int and version in MIGRATION:
        message = f"is {version}, written for an earlier bilateral; {MIGRATION[version]}"
    return [Problem(file, "schema_version", message, line)]


def _merge(
    parts: list[Part], problems: list[Problem]
) -> tuple[dict[str, Any], dict[str, list[tuple[int, int]]]]:
    """The parts as one table set; for each table, where each of its records came from
    (part number, index in that part). A part's records that name no pair take its own."""
    merged: dict[str, Any] = {"schema_version": SCHEMA_VERSION, **base_keys(parts, problems)}
    origins: dict[str, list[tuple[int, int]]] = {}
    for number, (_file, _text, data) in enumerate(parts):
        pair = own_pair(data)
        for key, value in data.items():
            if key in ONCE or key == "schema_version":
                continue  # the base's keys, above
            if key in TABLES and not isinstance(value, list):
                continue  # reported by misplaced()
            if isinstance(value, list):
                merged.setdefault(key, []).extend(with_pair(key, value, pair))
                origins.setdefault(key, []).extend((number, i) for i in range(len(value)))
            else:
                merged.setdefault(key, value)  # not a kind's table: the checker says so
    return merged, origins


def _not_arrays(data: dict[str, Any]) -> list[str]:
    """The kinds' tables in a file's data that are not arrays of tables."""
    return [key for key, value in data.items() if key in TABLES and not isinstance(value, list)]


def _placed(
    problem: Problem, origins: dict[str, list[tuple[int, int]]], parts: list[Part]
) -> Problem:
    """The problem in the file that holds its record, at its line there."""
    match = RECORD_KEY.match(problem.key)
    if match is None or match["table"] not in origins:
        return _meta_problem(problem, parts)
    number, index = origins[match["table"]][int(match["index"])]
    file, text, _data = parts[number]
    key = f"{match['table']}[{index}]{problem.key[match.end() :]}"
    by_position = NAMED.sub("", key)  # `people[0] (musharraf-pervez).roles[1]`: lines by position
    message = FIRST_USED.sub(lambda found: _first_place(found, origins, parts), problem.message)
    return Problem(file, key, message, LineIndex(text()).line_of(by_position))


def _first_place(
    found: re.Match[str], origins: dict[str, list[tuple[int, int]]], parts: list[Part]
) -> str:
    """`, places[3]` in a merged base's message as the file and line of that record."""
    table, index = found["table"], int(found["index"])
    if table not in origins or index >= len(origins[table]):
        return found[0]
    number, own = origins[table][index]
    file, text, _data = parts[number]
    line = LineIndex(text()).line_of(f"{table}[{own}]")
    return f", {shown(file)}" + (f":{line}" if line else "")


def _meta_problem(problem: Problem, parts: list[Part]) -> Problem:
    """A problem with a top-level key: in the file that gives it (else the first)."""
    top = problem.key.split(".")[0]
    for file, text, data in parts:
        if top in data:
            return Problem(file, problem.key, problem.message, LineIndex(text()).line_of(top))
    file, _text, _data = parts[0]
    return Problem(file, problem.key, problem.message, None)


def _ordered(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.line or 0))


__all__ = [
    "META_KEYS",
    "ONCE",
    "TOP_LEVEL",
    "Known",
    "Part",
    "build_parts",
    "check_part",
    "load",
]


@dataclasses.dataclass(frozen=True)
class Known:
    """What the rest of a base already holds, for checking one changed part against it."""

    ids: dict[str, tuple[str, str]]
    """Every id in the other parts, with its kind and noun."""
    sources: Mapping[str, Document]
    lookup: Lookup
    title: str
    pair: str
    as_of: str


def check_part(file: str, text: str, data: dict[str, Any], known: Known) -> FactBase:
    """One part checked against the rest of the base without reading the rest again: its
    ids unique, its references resolved, its citations inside their sources. Its records
    are derived with the base's lookup; FactBaseInvalid carries the part's problems."""
    check = Checker(file, text, TABLE_OF)
    check.ids = known.ids.copy()
    check.default_pair = known.pair
    part = (file, _constant(text), data)
    problems = _part_problems(part)
    stray = _not_arrays(data)
    problems += [misplaced(key, data[key], part, [part]) for key in stray]
    data = {key: value for key, value in data.items() if key not in stray}
    check.allowed_keys(data, "", {"schema_version", *(kind.table for kind in TOP_LEVEL)})
    keyed = {kind.name: read_kind(check, data, kind) for kind in TOP_LEVEL}
    check.resolve_references()
    own = {document["id"]: document for _, document in keyed["source"]}
    check_locators(check, OwnFirst(own, known.sources))
    if problems or check.problems:
        raise FactBaseInvalid(_ordered([*problems, *check.problems]))
    records = {name: [document for _, document in items] for name, items in keyed.items()}
    for kind in TOP_LEVEL:
        derive = deriver_of(kind.shape)
        for document in records[kind.name]:
            derive(document, known.lookup)
    origin = {document["id"]: file for items in records.values() for document in items}
    return FactBase(known.title, known.pair, known.as_of, records, known.lookup, origin=origin)


class OwnFirst(Mapping[str, Document]):
    """A part's own sources, then the rest of the base's."""

    def __init__(self, own: dict[str, Document], rest: Mapping[str, Document]) -> None:
        self.own, self.rest = own, rest

    def __getitem__(self, source_id: str) -> Document:
        return self.own[source_id] if source_id in self.own else self.rest[source_id]

    def __iter__(self) -> Iterator[str]:
        yield from self.own
        yield from (source_id for source_id in self.rest if source_id not in self.own)

    def __len__(self) -> int:
        return sum(1 for _ in self)
