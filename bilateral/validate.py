"""Turn parsed TOML into a typed FactBase, collecting every problem at once."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, TypeVar

from bilateral import dates
from bilateral.errors import FactBaseInvalid, Problem
from bilateral.iso import COUNTRY_CODES, CURRENCY_CODES
from bilateral.locate import LineIndex
from bilateral.records import (
    Area,
    Assessment,
    Citation,
    Commitment,
    Country,
    Event,
    Fact,
    FactBase,
    Money,
    Note,
    Organization,
    Person,
    Place,
    Relation,
    Role,
    Source,
    TradeFigure,
)
from bilateral.vocabulary import (
    CERTAINTIES,
    EVENT_KINDS,
    FLOWS,
    ORGANIZATION_KINDS,
    PLACE_KINDS,
    RELATION_KINDS,
    STATUS_LADDER,
)

SCHEMA_VERSION = 1
MAX_TEXT = 10_000
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAIR_PATTERN = re.compile(r"^([A-Z]{2})-([A-Z]{2})$")
TOP_LEVEL_TABLES = (
    "sources",
    "countries",
    "people",
    "organizations",
    "places",
    "areas",
    "trade",
    "events",
    "assessments",
    "relations",
    "facts",
)
T = TypeVar("T")
Table = dict[str, Any]

ENTITY_KINDS = ("country", "person", "organization", "place")


class Checker:
    """Reads fields out of TOML tables, recording a Problem for each that is wrong."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self._index: LineIndex | None = None
        self.problems: list[Problem] = []
        self.ids: dict[str, str] = {}
        self.references: list[tuple[str, str, tuple[str, ...]]] = []

    def problem(self, key: str, message: str) -> None:
        if self._index is None:
            self._index = LineIndex(self.text)
        self.problems.append(Problem(self.file, key, message, self._index.line_of(key)))

    def allowed_keys(self, table: Table, key: str, allowed: set[str]) -> None:
        for name in table:
            if name not in allowed:
                hint = ", ".join(sorted(allowed))
                self.problem(_join(key, name), f"unknown field; the fields here are: {hint}")

    def string(self, table: Table, key: str, name: str, required: bool = True) -> str | None:
        value = table.get(name)
        if value is None:
            if required:
                self.problem(_join(key, name), "missing; add it as a string")
            return None
        if not isinstance(value, str):
            self.problem(_join(key, name), f"expected a string, got {_describe(value)}")
            return None
        if not value.strip():
            self.problem(_join(key, name), "is empty; write a value or remove the field")
            return None
        if len(value) > MAX_TEXT:
            self.problem(
                _join(key, name), f"is {len(value):,} characters, over the limit of {MAX_TEXT:,}"
            )
            return None
        return value

    def choice(self, table: Table, key: str, name: str, choices: tuple[str, ...]) -> str | None:
        value = self.string(table, key, name)
        if value is not None and value not in choices:
            self.problem(
                _join(key, name), f"unknown value {value!r}; use one of: {', '.join(choices)}"
            )
            return None
        return value

    def strings(self, table: Table, key: str, name: str, required: bool = False) -> tuple[str, ...]:
        value = table.get(name)
        if value is None:
            if required:
                self.problem(_join(key, name), "missing; add a list of strings")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.problem(_join(key, name), "expected a list of non-empty strings")
            return ()
        if required and not value:
            self.problem(_join(key, name), "is empty; name at least one")
        return tuple(value)

    def integer(self, table: Table, key: str, name: str, minimum: int = 0) -> int | None:
        value = table.get(name)
        if value is None:
            self.problem(_join(key, name), "missing; add it as a whole number")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(_join(key, name), f"expected a whole number, got {_describe(value)}")
            return None
        if value < minimum:
            self.problem(_join(key, name), f"is {value}; it must be at least {minimum}")
            return None
        return value

    def number(self, table: Table, key: str, name: str) -> float | None:
        value = table.get(name)
        if value is None:
            self.problem(_join(key, name), "missing; add it as a number")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(_join(key, name), f"expected a number, got {_describe(value)}")
            return None
        if not math.isfinite(value):
            self.problem(_join(key, name), "must be a finite number")
            return None
        if value < 0:
            self.problem(_join(key, name), f"is {value}; a value cannot be negative")
            return None
        return value

    def boolean(self, table: Table, key: str, name: str, default: bool | None = None) -> bool:
        value = table.get(name, default)
        if not isinstance(value, bool):
            wanted = "missing; add true or false" if value is None else "expected true or false"
            self.problem(_join(key, name), wanted)
            return False
        return value

    def date(self, table: Table, key: str, name: str, required: bool = False) -> str | None:
        value = table.get(name)
        if value is None:
            if required:
                self.problem(_join(key, name), "missing; add a date such as 2004-07-28")
            return None
        text = dates.normalize(value)
        if text is None:
            self.problem(
                _join(key, name),
                f"{_describe(value)} is not a calendar date; "
                "write YYYY-MM-DD, or 'YYYY' / 'YYYY-MM' when only that is known",
            )
        return text

    def order(self, key: str, start: str | None, end: str | None, names: str) -> None:
        if start and end and dates.earliest(start) > dates.latest(end):
            self.problem(key, f"{names}: {start} is after {end}; swap them or correct one")

    def table(self, value: object, key: str) -> Table | None:
        if not isinstance(value, dict):
            self.problem(key, f"expected a table, got {_describe(value)}")
            return None
        return value

    def tables(self, parent: Table, key: str, name: str) -> list[tuple[str, Table]]:
        value = parent.get(name, [])
        if not isinstance(value, list):
            self.problem(_join(key, name), f"expected [[{name}]] tables")
            return []
        found = []
        for position, item in enumerate(value):
            item_key = f"{_join(key, name)}[{position}]"
            table = self.table(item, item_key)
            if table is not None:
                found.append((item_key, table))
        return found

    def record_id(self, table: Table, key: str, kind: str) -> str | None:
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
            self.problem(
                f"{key}.id",
                f"duplicate id {value!r} (first used by a {self.ids[value]}); rename one",
            )
            return None
        self.ids[value] = kind
        return value

    def refer(self, key: str, target: str | None, kinds: tuple[str, ...]) -> None:
        if target is not None:
            self.references.append((key, target, kinds))

    def refer_all(self, key: str, targets: tuple[str, ...], kinds: tuple[str, ...]) -> None:
        for position, target in enumerate(targets):
            self.refer(f"{key}[{position}]", target, kinds)

    def resolve_references(self) -> None:
        for key, target, kinds in self.references:
            kind = self.ids.get(target)
            if kind is None:
                self.problem(key, f"{target!r} is not an id in this base; {_add_hint(kinds)}")
            elif kinds and kind not in kinds:
                self.problem(
                    key, f"{target!r} is a {kind}, but this field takes: {' or '.join(kinds)}"
                )

    def pair(self, table: Table, key: str, default: str) -> str:
        value = self.string(table, key, "pair", required=False) if "pair" in table else None
        if value is None:
            return default
        return self.valid_pair(f"{key}.pair", value) or default

    def valid_pair(self, key: str, value: str) -> str | None:
        match = PAIR_PATTERN.match(value)
        if not match or match.group(1) == match.group(2):
            self.problem(key, f"{value!r} is not a pair of two country codes such as 'AZ-PK'")
            return None
        self.refer(key, match.group(1), ("country",))
        self.refer(key, match.group(2), ("country",))
        return "-".join(sorted((match.group(1), match.group(2))))


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def _describe(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}
    if type(value) in names:
        return f"{names[type(value)]} ({value!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _add_hint(kinds: tuple[str, ...]) -> str:
    tables = {
        "country": "[[countries]]",
        "person": "[[people]]",
        "organization": "[[organizations]]",
        "place": "[[places]]",
        "source": "[[sources]]",
    }
    if not kinds:
        return "correct the id or add the record it names"
    where = " or ".join(tables.get(kind, f"a {kind}") for kind in kinds)
    return f"correct the id or add it under {where}"


class Builder:
    """Builds each kind of record from its TOML table."""

    def __init__(self, checker: Checker, default_pair: str) -> None:
        self.check = checker
        self.default_pair = default_pair
        self.sources: dict[str, Source] = {}
        self.citations: list[tuple[str, Citation]] = []

    def citations_of(self, table: Table, key: str, required: bool = True) -> tuple[Citation, ...]:
        value = table.get("sources")
        if value is None or value == []:
            if required:
                self.check.problem(
                    f"{key}.sources",
                    "missing; cite at least one source as "
                    "{ source = ID, paragraph = N, sentence = N }",
                )
            return ()
        if not isinstance(value, list):
            self.check.problem(f"{key}.sources", "expected a list of citations")
            return ()
        found = []
        for position, item in enumerate(value):
            item_key = f"{key}.sources[{position}]"
            cite = self.check.table(item, item_key)
            if cite is None:
                continue
            self.check.allowed_keys(cite, item_key, {"source", "paragraph", "sentence"})
            source = self.check.string(cite, item_key, "source")
            paragraph = self._locator(cite, item_key, "paragraph")
            sentence = self._locator(cite, item_key, "sentence")
            if source is not None:
                self.check.refer(f"{item_key}.source", source, ("source",))
                citation = Citation(source, paragraph, sentence)
                self.citations.append((item_key, citation))
                found.append(citation)
        return tuple(found)

    def _locator(self, cite: Table, key: str, name: str) -> int | None:
        return self.check.integer(cite, key, name, minimum=1) if name in cite else None

    def check_locators(self) -> None:
        for key, citation in self.citations:
            source = self.sources.get(citation.source)
            if source is None:
                continue
            located = citation.paragraph is not None or citation.sentence is not None
            if not source.sentences:
                if located:
                    self.check.problem(
                        key,
                        f"source {source.id!r} declares no paragraphs; "
                        "drop paragraph and sentence, or add sentences = [...] to the source",
                    )
                continue
            if citation.paragraph is None or citation.sentence is None:
                self.check.problem(key, f"cite {source.id!r} with both paragraph and sentence")
                continue
            paragraphs = len(source.sentences)
            if citation.paragraph > paragraphs:
                self.check.problem(
                    f"{key}.paragraph",
                    f"paragraph {citation.paragraph} is outside {source.id!r}, "
                    f"which has {paragraphs} paragraphs",
                )
            elif citation.sentence > source.sentences[citation.paragraph - 1]:
                count = source.sentences[citation.paragraph - 1]
                self.check.problem(
                    f"{key}.sentence",
                    f"sentence {citation.sentence} is outside paragraph {citation.paragraph} "
                    f"of {source.id!r}, which has {count} sentences",
                )

    def notes(self, table: Table, key: str) -> tuple[Note, ...]:
        found = []
        for note_key, note in self.check.tables(table, key, "notes"):
            self.check.allowed_keys(note, note_key, {"text", "sources"})
            text = self.check.string(note, note_key, "text")
            cites = self.citations_of(note, note_key)
            if text is not None:
                found.append(Note(text, cites))
        return tuple(found)

    def source(self, table: Table, key: str) -> Source | None:
        self.check.allowed_keys(
            table, key, {"id", "title", "author", "publisher", "date", "url", "sentences", "note"}
        )
        record_id = self.check.record_id(table, key, "source")
        publisher = self.check.string(table, key, "publisher")
        date = self.check.date(table, key, "date")
        sentences = table.get("sentences", [])
        if not isinstance(sentences, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in sentences
        ):
            self.check.problem(
                f"{key}.sentences",
                "expected a list of positive whole numbers, one per paragraph",
            )
            sentences = []
        source = Source(
            id=record_id or "",
            publisher=publisher or "",
            date=date,
            title=self.check.string(table, key, "title", required=False),
            author=self.check.string(table, key, "author", required=False),
            url=self.check.string(table, key, "url", required=False),
            sentences=tuple(sentences),
            note=self.check.string(table, key, "note", required=False),
        )
        if record_id:
            self.sources[record_id] = source
        return source if record_id and publisher else None

    def country(self, table: Table, key: str) -> Country | None:
        self.check.allowed_keys(
            table, key, {"id", "name", "aliases", "demonyms", "sources", "notes"}
        )
        record_id = self.check.record_id(table, key, "country")
        name = self.check.string(table, key, "name")
        record = Country(
            id=record_id or "",
            name=name or "",
            aliases=self.check.strings(table, key, "aliases"),
            demonyms=self.check.strings(table, key, "demonyms"),
            sources=self.citations_of(table, key),
            notes=self.notes(table, key),
        )
        return record if record_id and name else None

    def role(self, table: Table, key: str) -> Role | None:
        self.check.allowed_keys(
            table,
            key,
            {"title", "organization", "start", "end", "current", "sources", "notes"},
        )
        title = self.check.string(table, key, "title")
        organization = self.check.string(table, key, "organization")
        self.check.refer(f"{key}.organization", organization, ("organization", "country"))
        start = self.check.date(table, key, "start")
        end = self.check.date(table, key, "end")
        self.check.order(key, start, end, "start is after end")
        current = self.check.boolean(table, key, "current")
        record = Role(
            title=title or "",
            organization=organization or "",
            start=start,
            end=end,
            current=current,
            sources=self.citations_of(table, key),
            notes=self.notes(table, key),
        )
        return record if title and organization else None

    def person(self, table: Table, key: str) -> Person | None:
        self.check.allowed_keys(
            table,
            key,
            {"id", "name", "aliases", "country", "roles", "born", "died", "sources", "notes"},
        )
        record_id = self.check.record_id(table, key, "person")
        name = self.check.string(table, key, "name")
        country = self.check.string(table, key, "country")
        self.check.refer(f"{key}.country", country, ("country",))
        roles = _built(self.check.tables(table, key, "roles"), self.role)
        born = self.check.date(table, key, "born")
        died = self.check.date(table, key, "died")
        self.check.order(key, born, died, "born is after died")
        record = Person(
            id=record_id or "",
            name=name or "",
            aliases=self.check.strings(table, key, "aliases"),
            country=country or "",
            roles=roles,
            born=born,
            died=died,
            sources=self.citations_of(table, key),
            notes=self.notes(table, key),
        )
        return record if record_id and name and country else None

    def organization(self, table: Table, key: str) -> Organization | None:
        return self._entity(table, key, "organization", ORGANIZATION_KINDS, Organization)

    def place(self, table: Table, key: str) -> Place | None:
        return self._entity(table, key, "place", PLACE_KINDS, Place)

    def _entity(
        self,
        table: Table,
        key: str,
        kind_name: str,
        kinds: tuple[str, ...],
        make: Callable[..., T],
    ) -> T | None:
        self.check.allowed_keys(
            table, key, {"id", "name", "aliases", "kind", "country", "sources", "notes"}
        )
        record_id = self.check.record_id(table, key, kind_name)
        name = self.check.string(table, key, "name")
        kind = self.check.choice(table, key, "kind", kinds)
        country = self.check.string(table, key, "country", required=False)
        self.check.refer(f"{key}.country", country, ("country",))
        record = make(
            id=record_id or "",
            name=name or "",
            aliases=self.check.strings(table, key, "aliases"),
            kind=kind or "",
            country=country,
            sources=self.citations_of(table, key),
            notes=self.notes(table, key),
        )
        return record if record_id and name and kind else None

    def commitment(self, table: Table, key: str) -> Commitment | None:
        self.check.allowed_keys(table, key, {"id", "summary", "status", "by", "sources", "notes"})
        record_id = self.check.record_id(table, key, "commitment")
        summary = self.check.string(table, key, "summary")
        status = self.check.choice(table, key, "status", STATUS_LADDER)
        by = self.check.strings(table, key, "by", required=True)
        self.check.refer_all(f"{key}.by", by, ENTITY_KINDS)
        record = Commitment(
            id=record_id or "",
            summary=summary or "",
            status=status or "",
            by=by,
            sources=self.citations_of(table, key),
            notes=self.notes(table, key),
        )
        return record if record_id and summary and status else None

    def area(self, table: Table, key: str) -> Area | None:
        self.check.allowed_keys(
            table,
            key,
            {"id", "name", "aliases", "pair", "summary", "commitments", "sources", "notes"},
        )
        record_id = self.check.record_id(table, key, "area")
        name = self.check.string(table, key, "name")
        summary = self.check.string(table, key, "summary")
        record = Area(
            id=record_id or "",
            name=name or "",
            aliases=self.check.strings(table, key, "aliases"),
            pair=self.check.pair(table, key, self.default_pair),
            summary=summary or "",
            commitments=_built(self.check.tables(table, key, "commitments"), self.commitment),
            sources=self.citations_of(table, key),
            notes=self.notes(table, key),
        )
        return record if record_id and name and summary else None

    def money(self, table: Table, key: str) -> Money | None:
        value = self.check.table(table.get("value"), f"{key}.value")
        if value is None:
            return None
        value_key = f"{key}.value"
        self.check.allowed_keys(value, value_key, {"low", "high", "currency"})
        low = self.check.number(value, value_key, "low")
        high = self.check.number(value, value_key, "high")
        currency = self.check.string(value, value_key, "currency")
        if currency is not None and currency not in CURRENCY_CODES:
            self.check.problem(
                f"{value_key}.currency",
                f"{currency!r} is not an ISO 4217 currency code; use one such as USD",
            )
            currency = None
        if low is not None and high is not None and low > high:
            self.check.problem(value_key, f"low ({low:g}) is above high ({high:g}); swap them")
            return None
        if low is None or high is None or currency is None:
            return None
        return Money(low, high, currency)

    def trade(self, table: Table, key: str) -> TradeFigure | None:
        self.check.allowed_keys(
            table,
            key,
            {"id", "reporter", "partner", "flow", "year", "value", "certainty", "sources", "notes"},
        )
        record_id = self.check.record_id(table, key, "trade figure")
        reporter = self.check.string(table, key, "reporter")
        partner = self.check.string(table, key, "partner")
        self.check.refer(f"{key}.reporter", reporter, ("country",))
        self.check.refer(f"{key}.partner", partner, ("country",))
        if reporter and reporter == partner:
            self.check.problem(
                f"{key}.partner", "is the same as the reporter; name the other country"
            )
        flow = self.check.choice(table, key, "flow", FLOWS)
        year = self.check.integer(table, key, "year", minimum=1800)
        if year is not None and year > 2200:
            self.check.problem(f"{key}.year", f"{year} is not a plausible year")
            year = None
        value = self.money(table, key)
        certainty = self.check.choice(table, key, "certainty", CERTAINTIES)
        sources = self.citations_of(table, key)
        notes = self.notes(table, key)
        if not (record_id and reporter and partner and flow and year and value and certainty):
            return None
        return TradeFigure(
            record_id, reporter, partner, flow, year, value, certainty, sources, notes
        )

    def event(self, table: Table, key: str) -> Event | None:
        self.check.allowed_keys(
            table,
            key,
            {
                "id", "kind", "pair", "date", "end", "approximate", "place",
                "participants", "summary", "sources", "notes",
            },
        )  # fmt: skip
        record_id = self.check.record_id(table, key, "event")
        kind = self.check.choice(table, key, "kind", EVENT_KINDS)
        date = self.check.date(table, key, "date")
        end = self.check.date(table, key, "end")
        if end and not date:
            self.check.problem(f"{key}.end", "an end needs a date to start from; add date")
        self.check.order(key, date, end, "date is after end")
        place = self.check.string(table, key, "place", required=False)
        self.check.refer(f"{key}.place", place, ("place", "country"))
        participants = self.check.strings(table, key, "participants", required=True)
        self.check.refer_all(f"{key}.participants", participants, ENTITY_KINDS)
        summary = self.check.string(table, key, "summary")
        record = Event(
            id=record_id or "",
            kind=kind or "",
            pair=self.check.pair(table, key, self.default_pair),
            date=date,
            end=end,
            place=place,
            participants=participants,
            summary=summary or "",
            approximate=self.check.boolean(table, key, "approximate", default=False),
            sources=self.citations_of(table, key),
            notes=self.notes(table, key),
        )
        return record if record_id and kind and summary else None

    def assessment(self, table: Table, key: str) -> Assessment | None:
        self.check.allowed_keys(
            table,
            key,
            {
                "id",
                "pair",
                "held_by",
                "held_by_group",
                "claim",
                "quote",
                "about",
                "sources",
                "notes",
            },
        )
        record_id = self.check.record_id(table, key, "assessment")
        held_by = self.check.string(table, key, "held_by", required=False)
        group = self.check.string(table, key, "held_by_group", required=False)
        if (held_by is None) == (group is None):
            self.check.problem(
                key,
                "an assessment needs exactly one holder: held_by (an id) "
                "or held_by_group (such as 'local analysts')",
            )
        self.check.refer(f"{key}.held_by", held_by, ("person", "organization", "country"))
        claim = self.check.string(table, key, "claim")
        about = self.check.strings(table, key, "about")
        self.check.refer_all(f"{key}.about", about, ())
        record = Assessment(
            id=record_id or "",
            pair=self.check.pair(table, key, self.default_pair),
            held_by=held_by,
            held_by_group=group,
            claim=claim or "",
            about=about,
            quote=self.check.string(table, key, "quote", required=False),
            sources=self.citations_of(table, key),
            notes=self.notes(table, key),
        )
        return record if record_id and claim and (held_by or group) else None

    def relation(self, table: Table, key: str) -> Relation | None:
        self.check.allowed_keys(
            table,
            key,
            {
                "id",
                "kind",
                "subject",
                "object",
                "summary",
                "since",
                "concerning",
                "sources",
                "notes",
            },
        )
        record_id = self.check.record_id(table, key, "relation")
        kind = self.check.choice(table, key, "kind", RELATION_KINDS)
        subject = self.check.string(table, key, "subject")
        obj = self.check.string(table, key, "object")
        self.check.refer(f"{key}.subject", subject, ENTITY_KINDS)
        self.check.refer(f"{key}.object", obj, ENTITY_KINDS)
        concerning = self.check.strings(table, key, "concerning")
        self.check.refer_all(f"{key}.concerning", concerning, ())
        summary = self.check.string(table, key, "summary")
        record = Relation(
            id=record_id or "",
            kind=kind or "",
            subject=subject or "",
            object=obj or "",
            summary=summary or "",
            since=self.check.date(table, key, "since"),
            concerning=concerning,
            sources=self.citations_of(table, key),
            notes=self.notes(table, key),
        )
        return record if record_id and kind and subject and obj and summary else None

    def fact(self, table: Table, key: str) -> Fact | None:
        self.check.allowed_keys(table, key, {"id", "subject", "text", "sources", "notes"})
        record_id = self.check.record_id(table, key, "fact")
        subject = self.check.string(table, key, "subject")
        self.check.refer(f"{key}.subject", subject, ())
        text = self.check.string(table, key, "text")
        sources = self.citations_of(table, key)
        notes = self.notes(table, key)
        if not (record_id and subject and text):
            return None
        return Fact(record_id, subject, text, sources, notes)


def _built(items: list[tuple[str, Table]], make: Callable[[Table, str], T | None]) -> tuple[T, ...]:
    built = (make(table, key) for key, table in items)
    return tuple(record for record in built if record is not None)


def build(file: str, text: str, data: dict[str, Any]) -> FactBase:
    """The typed fact base, or FactBaseInvalid carrying every problem found."""
    check = Checker(file, text)
    check.allowed_keys(data, "", {"schema_version", "title", "pair", "as_of", *TOP_LEVEL_TABLES})
    _check_schema_version(check, data)
    title = check.string(data, "", "title")
    pair_text = check.string(data, "", "pair")
    pair = check.valid_pair("pair", pair_text) if pair_text else None
    as_of = check.date(data, "", "as_of", required=True)
    builder = Builder(check, pair or "")
    tables = {name: check.tables(data, "", name) for name in TOP_LEVEL_TABLES}
    base = FactBase(
        schema_version=SCHEMA_VERSION,
        title=title or "",
        pair=pair or "",
        as_of=as_of or "",
        sources=_built(tables["sources"], builder.source),
        countries=_built(tables["countries"], builder.country),
        people=_built(tables["people"], builder.person),
        organizations=_built(tables["organizations"], builder.organization),
        places=_built(tables["places"], builder.place),
        areas=_built(tables["areas"], builder.area),
        trade=_built(tables["trade"], builder.trade),
        events=_built(tables["events"], builder.event),
        assessments=_built(tables["assessments"], builder.assessment),
        relations=_built(tables["relations"], builder.relation),
        facts=_built(tables["facts"], builder.fact),
    )
    check.resolve_references()
    builder.check_locators()
    if as_of:
        _check_current_roles(check, base, tables["people"])
    if check.problems:
        raise FactBaseInvalid(_in_file_order(check.problems))
    return base


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


def _check_current_roles(check: Checker, base: FactBase, people: list[tuple[str, Table]]) -> None:
    """`current` must agree with the dates where they settle it; partial dates may not."""
    keys = {table["id"]: key for key, table in people if isinstance(table.get("id"), str)}
    as_of = dates.earliest(base.as_of)
    for person in base.people:
        for position, role in enumerate(person.roles):
            key = f"{keys.get(person.id, 'people')}.roles[{position}].current"
            surely_started = role.start is not None and dates.latest(role.start) <= as_of
            surely_ongoing = role.end is not None and dates.earliest(role.end) > as_of
            surely_over = role.end is not None and dates.latest(role.end) < as_of
            not_yet = role.start is not None and dates.earliest(role.start) > as_of
            if role.current and (surely_over or not_yet):
                check.problem(
                    key,
                    f"is true, but the role's dates do not span as_of ({base.as_of}); set false",
                )
            elif not role.current and surely_started and surely_ongoing:
                check.problem(
                    key, f"is false, but the role's dates span as_of ({base.as_of}); set true"
                )


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.line or 0)
