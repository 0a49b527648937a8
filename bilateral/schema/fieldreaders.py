"""The fast readers of single fields, by type, for the shapes' readers (schema/readers.py).

A field reader's fast path accepts only a value its type's general reader (fields.READERS)
accepts without a problem, and gives what that reader gives, with the same ids,
references and citations recorded in the same order. Any other value goes to the general
reader, so every problem is found and worded in one place, as before.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from typing import Any

from bilateral.schema.checker import (
    ID_PATTERN,
    MAX_TEXT,
    PAIR_PATTERN,
    Checker,
    Document,
    Table,
    _names,
)
from bilateral.schema.citations import CITATION_KEYS, citations, notes
from bilateral.schema.codes import COUNTRY_CODES, CURRENCY_CODES
from bilateral.schema.fields import READERS, Field, flag_default

FieldReader = Callable[[Checker, Table, str, str, str], Any]
MONEY_KEYS = frozenset({"low", "high", "currency"})
NOTE_KEYS = frozenset({"text", "sources"})
SOURCE_ONLY = ("source",)
COUNTRY_ONLY = ("country",)


def _sound_text(value: object) -> bool:
    """Whether `Checker.string` takes the value as it is, with no problem."""
    return type(value) is str and bool(value) and not value[0].isspace() and len(value) <= MAX_TEXT


def _text(field: Field) -> FieldReader:
    name, required = field.toml_key, field.required

    def read(check: Checker, table: Table, key: str, _kind: str, _noun: str) -> str | None:
        value = table.get(name)
        if type(value) is str and value and not value[0].isspace() and len(value) <= MAX_TEXT:
            return value
        if value is None and not required:
            return None
        return check.string(table, key, name, required)

    return read


def _choice(field: Field) -> FieldReader:
    name, required, choices = field.toml_key, field.required, field.choices
    sound = frozenset(c for c in choices if c and not c[0].isspace() and len(c) <= MAX_TEXT)

    def read(check: Checker, table: Table, key: str, _kind: str, _noun: str) -> str | None:
        value = table.get(name)
        if type(value) is str and value in sound:
            return value
        if value is None and not required:
            return None
        return check.choice(table, key, name, choices, required)

    return read


def _date(field: Field) -> FieldReader:
    name, required = field.toml_key, field.required

    def read(check: Checker, table: Table, key: str, _kind: str, _noun: str) -> str | None:
        value = table.get(name)
        if type(value) is datetime.date:
            return value.isoformat()
        if value is None and not required:
            return None
        return check.date(table, key, name, required)

    return read


def _ref(field: Field) -> FieldReader:
    name, targets, text = field.toml_key, field.targets, _text(field)

    def read(check: Checker, table: Table, key: str, kind: str, noun: str) -> str | None:
        value: str | None = text(check, table, key, kind, noun)
        check.refer(f"{key}.{name}", value, targets)
        return value

    return read


def _refs(field: Field) -> FieldReader:
    name, required, targets = field.toml_key, field.required, field.targets
    refers = field.type == "refs"

    def read(check: Checker, table: Table, key: str, _kind: str, _noun: str) -> list[str]:
        value = table.get(name)
        if value is None and not required:
            values: list[str] = []
        elif type(value) is list and (value or not required) and _all_text(value):
            values = list(value)
        else:
            values = check.strings(table, key, name, required)
        if refers and values:
            check.refer_all(f"{key}.{name}", values, targets)
        return values

    return read


def _all_text(values: list[Any]) -> bool:
    return all(type(value) is str and value for value in values)


def _year(field: Field) -> FieldReader:
    name = field.toml_key

    def read(check: Checker, table: Table, key: str, _kind: str, _noun: str) -> int | None:
        value = table.get(name)
        if type(value) is int and 1800 <= value <= 2200:
            return value
        return check.integer(table, key, name, minimum=1800, maximum=2200)

    return read


def _number(field: Field) -> FieldReader:
    name, required = field.toml_key, field.required

    def read(check: Checker, table: Table, key: str, _kind: str, _noun: str) -> int | None:
        value = table.get(name)
        if type(value) is int and value >= 1:
            return value
        if not required and name not in table:
            return None
        return check.integer(table, key, name, minimum=1)

    return read


def _flag(field: Field) -> FieldReader:
    name, default = field.toml_key, flag_default(field)

    def read(check: Checker, table: Table, key: str, _kind: str, _noun: str) -> bool:
        value = table.get(name, default)
        if type(value) is bool:
            return value
        return check.boolean(table, key, name, default=default)

    return read


def _money(field: Field) -> FieldReader:
    general = READERS["money"]

    def read(check: Checker, table: Table, key: str, kind: str, noun: str) -> Any:
        found = _sound_money(table.get("value"))
        return found if found is not None else general(field, check, table, key, kind, noun)

    return read


def _sound_money(value: Any) -> Document | None:
    """The sum as `_money` makes it, if it would find no problem in it."""
    if type(value) is not dict or not MONEY_KEYS.issuperset(value):
        return None
    low: Any = value.get("low")
    high: Any = value.get("high")
    currency = value.get("currency")
    if (
        type(low) in (int, float)
        and type(high) in (int, float)
        and 0 <= low <= high
        and math.isfinite(high)
        and type(currency) is str
        and currency in CURRENCY_CODES
    ):
        return {"low": low, "high": high, "currency": currency}
    return None


def _pair(_field: Field) -> FieldReader:
    def read(check: Checker, table: Table, key: str, _kind: str, _noun: str) -> str:
        value = table.get("pair")
        if value is None and check.default_pair:
            return check.default_pair
        match = PAIR_PATTERN.match(value) if type(value) is str else None
        if match is None or match[1] == match[2]:
            return check.pair(table, key)
        check.refer(f"{key}.pair", match[1], COUNTRY_ONLY)
        check.refer(f"{key}.pair", match[2], COUNTRY_ONLY)
        return "-".join(sorted((match[1], match[2])))

    return read


def _sources(_field: Field) -> FieldReader:
    def read(check: Checker, table: Table, key: str, _kind: str, _noun: str) -> list[Document]:
        found = _sound_citations(table.get("sources"))
        if found is None:
            return citations(check, table, key)
        _cite(check, key, found)
        return found

    return read


def _sound_citations(value: object) -> list[Document] | None:
    """The citations as `citations` makes them, if it would find no problem in them."""
    if type(value) is not list or not value:
        return None
    found = []
    for cite in value:
        if type(cite) is not dict or not CITATION_KEYS.issuperset(cite):
            return None
        source, paragraph, sentence = (
            cite.get("source"),
            cite.get("paragraph"),
            cite.get("sentence"),
        )
        if not _sound_text(source):
            return None
        if not (_locator(paragraph) and _locator(sentence)):
            return None
        found.append({"source": source, "paragraph": paragraph, "sentence": sentence})
    return found


def _locator(value: object) -> bool:
    return value is None or (type(value) is int and value >= 1)


def _cite(check: Checker, key: str, found: list[Document]) -> None:
    for position, citation in enumerate(found):
        item_key = f"{key}.sources[{position}]"
        check.refer(f"{item_key}.source", citation["source"], SOURCE_ONLY)
        check.citations.append((item_key, citation))


def _notes(_field: Field) -> FieldReader:
    def read(check: Checker, table: Table, key: str, _kind: str, _noun: str) -> list[Document]:
        if "notes" not in table:
            return []
        found = _sound_notes(table["notes"])
        if found is None:
            return notes(check, table, key)
        for position, note in enumerate(found):
            _cite(check, f"{key}.notes[{position}]", note["sources"])
        return found

    return read


def _sound_notes(value: object) -> list[Document] | None:
    """The notes as `notes` makes them, if it would find no problem in them."""
    if type(value) is not list:
        return None
    found = []
    for note in value:
        if type(note) is not dict or not NOTE_KEYS.issuperset(note):
            return None
        text = note.get("text")
        if not _sound_text(text):
            return None
        cites = _sound_citations(note.get("sources"))
        if cites is None:
            return None
        found.append({"text": text, "sources": cites})
    return found


def _id(_field: Field) -> FieldReader:
    def read(check: Checker, table: Table, key: str, kind: str, noun: str) -> str | None:
        value = table.get("id")
        if (
            type(value) is str
            and len(value) <= MAX_TEXT
            and value not in check.ids
            and (value in COUNTRY_CODES if kind == "country" else ID_PATTERN.match(value))
        ):
            check.ids[value] = (kind, noun)
            check.record_ids[key] = value
            check.record_keys[value] = key
            check.names[value] = _names(table)
            return value
        return check.record_id(table, key, kind, noun)

    return read


def _derived(_field: Field) -> FieldReader:
    return lambda *_: None


FIELD_READERS: dict[str, Callable[[Field], FieldReader]] = {
    "id": _id,
    "text": _text,
    "choice": _choice,
    "date": _date,
    "ref": _ref,
    "refs": _refs,
    "texts": _refs,
    "year": _year,
    "number": _number,
    "flag": _flag,
    "money": _money,
    "pair": _pair,
    "notes": _notes,
    "sources": _sources,
    "derived": _derived,
}
"""The field types read with a fast path; records are read in readers.py, and the others
(counts, scalar) by READERS alone."""
