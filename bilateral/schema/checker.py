"""Read fields out of parsed TOML tables, recording a Problem for each one that is wrong."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from bilateral.errors import Problem
from bilateral.schema import dates
from bilateral.schema.closeness import closest_id
from bilateral.schema.codes import COUNTRY_CODES, CURRENCY_CODES
from bilateral.schema.locate import LineIndex

MAX_TEXT = 10_000
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAIR_PATTERN = re.compile(r"^([A-Z]{2})-([A-Z]{2})$")
RETIRED_KEYS = {
    "current": "no longer part of the schema: a role's status comes from its start and end "
    "and the date asked; delete this line",
}
"""Keys an earlier schema had, with what to do about them."""
MAX_SUGGESTIONS = 25
"""How many distinct unknown ids get a "did you mean"."""
Table = dict[str, Any]
Document = dict[str, Any]


class Checker:
    """Checks values one field at a time; references and locators are settled at the end.

    `tables` maps each kind of record to the TOML table that holds it, for hints.
    """

    def __init__(self, file: str, text: str | Callable[[], str], tables: dict[str, str]) -> None:
        self.file = file
        self.text = text
        """The file's text, or a way to get it, only to place a problem."""
        self.tables_of = tables
        self.default_pair = ""
        self._index: LineIndex | None = None
        self._problems: list[tuple[Problem, str]] = []
        """Each problem with its key by position (`people[0].roles[1]`)."""
        self._keys: set[str] = set()
        """The key of every problem so far, and every key that encloses one."""
        self.ids: dict[str, tuple[str, str]] = {}
        """Each id to the kind of its record and the noun that names that kind."""
        self.record_ids: dict[str, str] = {}
        """The key of each record with an id (`people[0]`) to that id."""
        self.record_keys: dict[str, str] = {}
        """Each id to the key of its record."""
        self.names: dict[str, list[str]] = {}
        """Each id to the names of its record, for suggestions."""
        self.references: list[tuple[str, str, tuple[str, ...]]] = []
        """The references `resolve_references` is to judge: those to an id not yet known or of
        another kind (one to a record already read of a kind the field takes stays sound, as
        ids are only ever added, and is not kept: 400,000 of them at 100,000 records)."""
        self.citations: list[tuple[str, Document]] = []
        self._suggested: dict[tuple[str, tuple[str, ...]], str | None] = {}

    @property
    def problems(self) -> list[Problem]:
        """Every problem so far, its key naming each record by position and id:
        `people[0] (musharraf-pervez).roles[1].title`."""
        for problem, key in self._problems:
            problem.key = self.named(key)
        return [problem for problem, _key in self._problems]

    def named(self, key: str) -> str:
        """A key by position with the id of each record in it: `areas[2] (energy).name`."""
        return named_key(key, self.record_ids)

    def line_of(self, key: str) -> int | None:
        if self._index is None:
            self._index = LineIndex(self.text if isinstance(self.text, str) else self.text())
        return self._index.line_of(key)

    def problem(self, key: str, message: str, unless: tuple[str, ...] = ()) -> None:
        """Record a problem at `key`. A rule that reads fields another check may already
        have found wrong names them in `unless`: once one of those keys (or a key inside
        it) has a problem of its own, this one would only contradict it, and is left out.
        The rule says which keys it reads; no message text is matched."""
        if any(self._reported(read) for read in unless if not read.startswith(".")):
            return
        self._keys.update(_enclosing(key))
        self._problems.append((Problem(self.file, key, message, self.line_of(key)), key))

    def _reported(self, key: str) -> bool:
        """Whether the key, or a key inside it, has a problem already."""
        return key in self._keys

    def allowed_keys(self, table: Table, key: str, allowed: set[str]) -> None:
        for name in table:
            if name in RETIRED_KEYS and name not in allowed:
                self.problem(join(key, name), RETIRED_KEYS[name])
            elif name not in allowed:
                hint = ", ".join(sorted(allowed))
                self.problem(join(key, name), f"unknown field; the fields here are: {hint}")

    def string(self, table: Table, key: str, name: str, required: bool = True) -> str | None:
        value = table.get(name)
        if value is None:
            if required:
                self.problem(join(key, name), "missing; add it as a string")
            return None
        if not isinstance(value, str):
            self.problem(join(key, name), f"expected a string, got {describe(value)}")
            return None
        if not value.strip():
            self.problem(join(key, name), "is empty; write a value or remove the field")
            return None
        if len(value) > MAX_TEXT:
            self.problem(
                join(key, name), f"is {len(value):,} characters, over the limit of {MAX_TEXT:,}"
            )
            return None
        return value

    def choice(
        self, table: Table, key: str, name: str, choices: tuple[str, ...], required: bool = True
    ) -> str | None:
        value = self.string(table, key, name, required)
        if value is not None and value not in choices:
            self.problem(
                join(key, name), f"unknown value {value!r}; use one of: {', '.join(choices)}"
            )
            return None
        return value

    def strings(self, table: Table, key: str, name: str, required: bool = False) -> list[str]:
        value = table.get(name)
        if value is None:
            if required:
                self.problem(join(key, name), "missing; add a list of strings")
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.problem(join(key, name), "expected a list of non-empty strings")
            return []
        if required and not value:
            self.problem(join(key, name), "is empty; name at least one")
        return list(value)

    def integer(
        self, table: Table, key: str, name: str, minimum: int = 0, maximum: int | None = None
    ) -> int | None:
        value = table.get(name)
        if value is None:
            self.problem(join(key, name), "missing; add it as a whole number")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(join(key, name), f"expected a whole number, got {describe(value)}")
            return None
        if value < minimum:
            self.problem(join(key, name), f"is {value}; it must be at least {minimum}")
            return None
        if maximum is not None and value > maximum:
            self.problem(join(key, name), f"{value} is not a plausible year")
            return None
        return value

    def number(self, table: Table, key: str, name: str) -> float | None:
        value = table.get(name)
        if value is None:
            self.problem(join(key, name), "missing; add it as a number")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(join(key, name), f"expected a number, got {describe(value)}")
            return None
        if not math.isfinite(value):
            self.problem(join(key, name), "must be a finite number")
            return None
        if value < 0:
            self.problem(join(key, name), f"is {value}; a value cannot be negative")
            return None
        return value

    def boolean(self, table: Table, key: str, name: str, default: bool | None = None) -> bool:
        value = table.get(name, default)
        if not isinstance(value, bool):
            wanted = "missing; add true or false" if value is None else "expected true or false"
            self.problem(join(key, name), wanted)
            return False
        return value

    def date(self, table: Table, key: str, name: str, required: bool = False) -> str | None:
        value = table.get(name)
        if value is None:
            if required:
                self.problem(join(key, name), "missing; add a date such as 2004-07-28")
            return None
        text = dates.normalize(value)
        if text is None:
            self.problem(
                join(key, name),
                f"{describe(value)} is not a calendar date; "
                "write YYYY-MM-DD, or 'YYYY' / 'YYYY-MM' when only that is known",
            )
        return text

    def order(self, key: str, start: str | None, end: str | None, names: str) -> None:
        if start and end and dates.earliest(start) > dates.latest(end):
            self.problem(key, f"{names}: {start} is after {end}; swap them or correct one")

    def table(self, value: object, key: str) -> Table | None:
        if not isinstance(value, dict):
            self.problem(key, f"expected a table, got {describe(value)}")
            return None
        return value

    def tables(self, parent: Table, key: str, name: str) -> list[tuple[str, Table]]:
        value = parent.get(name, [])
        if not isinstance(value, list):
            self.problem(join(key, name), f"expected [[{name}]] tables")
            return []
        found = []
        for position, item in enumerate(value):
            item_key = f"{join(key, name)}[{position}]"
            table = self.table(item, item_key)
            if table is not None:
                found.append((item_key, table))
        return found

    def record_id(self, table: Table, key: str, kind: str, noun: str) -> str | None:
        value = self.string(table, key, "id")
        if value is None:
            return None
        if kind == "country":
            if value not in COUNTRY_CODES:
                self.problem(
                    f"{key}.id", f"{value!r} is not an ISO 3166-1 alpha-2 code (such as AZ, PK)"
                )
                return None
        elif not ID_PATTERN.match(value):
            self.problem(
                f"{key}.id",
                f"{value!r} is not a valid id; use lower-case letters, digits and single hyphens",
            )
            return None
        if value in self.ids:
            first = self.ids[value][1]
            where = self.record_keys.get(value)  # none for an id known from elsewhere
            line = self.line_of(where) if where else None
            at = (f", {where}" + (f" at line {line}" if line else "")) if where else ""
            self.problem(
                f"{key}.id", f"duplicate id {value!r} (first used by a {first}{at}); rename one"
            )
            return None
        self.ids[value] = (kind, noun)
        self.record_ids[key] = value
        self.record_keys[value] = key
        self.names[value] = _names(table)
        return value

    def currency(self, value: str | None, key: str) -> str | None:
        if value is not None and value not in CURRENCY_CODES:
            self.problem(key, f"{value!r} is not an ISO 4217 currency code; use one such as USD")
            return None
        return value

    def refer(self, key: str, target: str | None, kinds: tuple[str, ...]) -> None:
        if target is None:
            return
        found = self.ids.get(target)  # an id of a kind the field takes (any, if none named)
        if found is None or (kinds and found[0] not in kinds):
            self.references.append((key, target, kinds))

    def refer_all(self, key: str, targets: list[str], kinds: tuple[str, ...]) -> None:
        for position, target in enumerate(targets):
            self.refer(f"{key}[{position}]", target, kinds)

    def resolve_references(self) -> None:
        """Every reference names a record of a kind its field takes."""
        for key, target, kinds in self.references:
            kind = self.ids[target][0] if target in self.ids else None
            if kind is None:
                self.problem(
                    key,
                    f"{target!r} is not an id in this base; {self._unknown_hint(target, kinds)}",
                )
            elif kinds and kind not in kinds:
                self.problem(
                    key, f"{target!r} is a {kind}, but this field takes: {' or '.join(kinds)}"
                )

    def _unknown_hint(self, target: str, kinds: tuple[str, ...]) -> str:
        """What to do about an unknown id: the id it most likely meant, else where to add it."""
        where = " or ".join(
            f"[[{self.tables_of[kind]}]]" if kind in self.tables_of else f"a {kind}"
            for kind in kinds
        )
        add = f"add it under {where}" if kinds else "add the record it names"
        meant = self._suggestion(target, kinds)
        if meant is None:
            return f"correct the id or {add}"
        names = [name for name in self.names.get(meant, []) if name != meant]
        called = f" ({names[0]})" if names else ""
        return f"did you mean {meant!r}{called}? If not, {add}"

    def _suggestion(self, target: str, kinds: tuple[str, ...]) -> str | None:
        """The id meant, for the first MAX_SUGGESTIONS unknown ids (each costs a pass over
        every id of the base)."""
        if (target, kinds) not in self._suggested:
            if len(self._suggested) >= MAX_SUGGESTIONS:
                return None
            candidates = {
                record_id: self.names.get(record_id, [])
                for record_id, (kind, _noun) in self.ids.items()
                if not kinds or kind in kinds
            }
            self._suggested[target, kinds] = closest_id(target, candidates)
        return self._suggested[target, kinds]

    def pair(self, table: Table, key: str) -> str:
        value = self.string(table, key, "pair", required=False) if "pair" in table else None
        if value is None and not self.default_pair and "pair" not in table:
            self.problem(
                f"{key}.pair",
                'missing, and the base gives no `pair`; add one such as pair = "AZ-PK" to '
                "the record, to its file or to the base",
            )
        if value is None:
            return self.default_pair
        return self.valid_pair(f"{key}.pair", value) or self.default_pair

    def valid_pair(self, key: str, value: str) -> str | None:
        match = PAIR_PATTERN.match(value)
        if not match or match.group(1) == match.group(2):
            self.problem(key, f"{value!r} is not a pair of two country codes such as 'AZ-PK'")
            return None
        self.refer(key, match.group(1), ("country",))
        self.refer(key, match.group(2), ("country",))
        return "-".join(sorted((match.group(1), match.group(2))))


def _enclosing(key: str) -> list[str]:
    """The key and each key that encloses it: `a[0].b`, `a[0]`, `a`."""
    return [key[:end] for end in range(1, len(key) + 1) if end == len(key) or key[end] in ".["]


def named_key(key: str, record_ids: dict[str, str]) -> str:
    """A key by position (`people[0].roles[1]`) with the id after each record that has one:
    `people[0] (musharraf-pervez).roles[1]`."""
    shown = ""
    prefix = ""
    for part in filter(None, re.split(r"(?<=\])", key)):
        prefix += part
        shown += part
        if prefix in record_ids:
            shown += f" ({record_ids[prefix]})"
    return shown


def _names(table: Table) -> list[str]:
    """A record's name and aliases, as written, for suggesting its id."""
    aliases = table.get("aliases")
    written = [table.get("name"), *(aliases if isinstance(aliases, list) else [])]
    return [name for name in written if isinstance(name, str) and name]


def join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def describe(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}
    if type(value) in names:
        return f"{names[type(value)]} ({value!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
