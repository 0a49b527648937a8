"""`new`: a record made from values given on the command line, as a block of TOML.

Which fields a kind has, which are required and what values they take all come from the
kind declarations (bilateral/kinds/). Kinds with a table of their own are added at the
end of their kind; roles, commitments, dated names, notes and disputes inside the record
they belong to.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from bilateral.curate.key_order import Layout, of_shape
from bilateral.curate.tomlwrite import assignment, key_text, ordered
from bilateral.kinds.common import SOURCES
from bilateral.kinds.registry import BY_NAME, TOP_LEVEL
from bilateral.schema.fields import Field, Shape

NOTE_SHAPE = Shape((Field("text", "text", required=True), SOURCES))
MONEY = re.compile(
    r"\s*(?P<low>\d[\d_]*(?:\.\d+)?)\s*(?:(?:-|\.\.)\s*(?P<high>\d[\d_]*(?:\.\d+)?))?"
    r"\s*(?P<currency>[A-Za-z]{3})\s*"
)


@dataclass(frozen=True)
class Spec:
    """A kind of record `new` adds: its name, the shape of its table, its layout, the field
    of its parent that holds it (empty for a kind with a table of its own) and the kinds
    of record that may be its parent."""

    name: str
    shape: Shape
    layout: Layout
    field: str = ""
    parents: tuple[str, ...] = ()


def specs() -> dict[str, Spec]:
    """Every kind `new` knows: those with a table of their own, then those written inside
    another record (role, commitment, name, note, dispute), each named in the singular."""
    found = {kind.name: Spec(kind.name, kind.shape, of_shape(kind.shape)) for kind in TOP_LEVEL}
    for parent in BY_NAME.values():
        for item in parent.shape.fields:
            if item.type == "notes":
                shape = NOTE_SHAPE
            elif item.type == "records" and item.shape is not None:
                shape = item.shape
            else:
                continue
            name = item.record_kind or item.name.removesuffix("s")
            earlier = found.get(name) or Spec(name, shape, of_shape(shape), item.toml_key)
            found[name] = Spec(
                name, shape, earlier.layout, item.toml_key, (*earlier.parents, parent.name)
            )
    return found


def kinds_in_words() -> str:
    """'source, country, ...; and, inside another record: role, ...', as `new` adds them."""
    found = specs().values()
    own = ", ".join(spec.name for spec in found if not spec.field)
    inside = ", ".join(spec.name for spec in found if spec.field)
    return f"{own}; and, inside another record: {inside}"


def given_fields(spec: Spec) -> list[Field]:
    """The fields a curator gives for the kind: not derived, and not the tables of records
    added inside it with `new` of their own (roles, notes, ...)."""
    nested = {spec.field for spec in specs().values() if spec.field}
    return [
        item
        for item in spec.shape.fields
        if item.type != "derived"
        and not (item.toml_key in nested and item.type in ("records", "notes"))
    ]


def required(item: Field) -> bool:
    return item.required or item.type == "sources"


def hint(item: Field) -> str:
    """What a field takes, in a few words, for prompts and messages."""
    if item.choices:
        return "one of: " + ", ".join(item.choices)
    hints = {
        "id": "lower-case words joined by hyphens",
        "ref": "the id of " + (" or ".join(f"a {t}" for t in item.targets) or "a record"),
        "refs": "ids, separated by commas",
        "texts": "repeat the option for each",
        "date": "YYYY-MM-DD, YYYY-MM or YYYY",
        "year": "a year such as 2004",
        "number": "a whole number such as 5",
        "flag": "true or false",
        "money": "LOW[-HIGH] CURRENCY, such as 25000-30000 USD",
        "counts": "sentences in each paragraph, such as 6,4,5",
        "sources": "SOURCE or SOURCE:PARAGRAPH:SENTENCE, repeat for each",
        "pair": "two country codes, such as AZ-PK",
        "records": "TOML tables, such as [{ value = 2004-07-10, sources = [...] }, ...]",
        "scalar": "text, a number or a date",
    }
    return hints.get(item.type, "text")


def shape_fault(item: Field, text: str) -> str | None:
    """What is wrong with the shape of an id or a date typed for `item`, before the base
    is asked; None when it has the right shape."""
    from bilateral.schema import dates  # the date rules of the checker
    from bilateral.schema.checker import ID_PATTERN

    code = len(text) == 2 and text.isupper()  # a country's id is its code
    if item.type == "id" and not code and not ID_PATTERN.match(text):
        return f"{text!r}: use lower-case letters, digits and single hyphens"
    if item.type == "date" and dates.normalize(text) is None:
        return f"{text!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"
    return None


def value_of(item: Field, texts: list[str]) -> Any:
    """A field's value from what was typed (ValueError saying what is wrong)."""
    if len(texts) == 1 and texts[0].lstrip()[:1] in ("[", "{"):
        return _toml_value(item, texts[0])
    if item.type in ("texts", "refs", "sources", "counts"):
        items = [part.strip() for text in texts for part in _split(item, text)]
        return [_one(item, part) for part in items if part]
    if len(texts) > 1:
        raise ValueError(f"{item.name} takes one value; give it once")
    return _one(item, texts[0].strip())


def _split(item: Field, text: str) -> list[str]:
    if item.type == "sources":
        return re.split(r"[\s,]+", text)
    return text.split(",") if item.type in ("refs", "counts") else [text]


def _one(item: Field, text: str) -> Any:
    if item.type == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{item.name}: {text!r} is not a calendar date") from None
    if item.type in ("year", "counts", "number"):
        if not re.fullmatch(r"\d+", text):
            raise ValueError(f"{item.name}: {text!r} is not a whole number")
        return int(text)
    if item.type == "flag":
        if text.lower() not in ("true", "false", "yes", "no"):
            raise ValueError(f"{item.name}: {text!r} is not true or false")
        return text.lower() in ("true", "yes")
    if item.type == "money":
        return _money(item, text)
    if item.type == "sources":
        return _citation(text)
    return text


def _money(item: Field, text: str) -> dict[str, Any]:
    match = MONEY.fullmatch(text)
    if match is None:
        raise ValueError(f"{item.name}: {text!r} is not LOW[-HIGH] CURRENCY (25000-30000 USD)")
    low = _number(match["low"])
    high = _number(match["high"]) if match["high"] else low
    return {"low": low, "high": high, "currency": match["currency"].upper()}


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text.replace("_", ""))


def _citation(text: str) -> dict[str, Any]:
    """`source` or `source:paragraph:sentence` as a citation."""
    source, *locators = text.split(":")
    if len(locators) not in (0, 2) or not all(part.isdigit() for part in locators):
        raise ValueError(f"sources: {text!r} is not SOURCE or SOURCE:PARAGRAPH:SENTENCE")
    if not locators:
        return {"source": source}
    return {"source": source, "paragraph": int(locators[0]), "sentence": int(locators[1])}


def _toml_value(item: Field, text: str) -> Any:
    import tomli  # only for a value given as TOML

    try:
        return tomli.loads(f"value = {text}")["value"]
    except tomli.TOMLDecodeError as error:
        raise ValueError(f"{item.name}: {text!r} is not a TOML value ({error})") from None


def typed(spec: Spec, pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """What was typed for each field, by TOML key (ValueError for a field the kind lacks)."""
    known = [item.toml_key for item in given_fields(spec)]
    given: dict[str, list[str]] = {}
    for key, value in pairs:
        if key not in known:
            raise ValueError(
                f"{article(spec.name)} {spec.name} has no field {key!r}; "
                f"its fields are: {', '.join(known)}"
            )
        given.setdefault(key, []).append(value)
    return given


def missing(spec: Spec, given: dict[str, list[str]]) -> list[Field]:
    return [item for item in given_fields(spec) if required(item) and item.toml_key not in given]


def needs(spec: Spec, fields: list[Field]) -> str:
    """What a kind still needs, each with the option that gives it."""
    options = {"id": "--id", "name": "--name", "sources": "--cite SOURCE[:P:S]"}
    wanted = (
        f"{item.toml_key} ({options.get(item.toml_key, f'--field {item.toml_key}=...')})"
        for item in fields
    )
    return f"{article(spec.name)} {spec.name} needs: {', '.join(wanted)}"


def article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def values(spec: Spec, given: dict[str, list[str]]) -> dict[str, Any]:
    """Each field's value from what was typed (ValueError saying what is wrong)."""
    return {
        item.toml_key: value_of(item, given[item.toml_key])
        for item in given_fields(spec)
        if item.toml_key in given
    }


def block(parts: tuple[str, ...], values: dict[str, Any], layout: Layout) -> list[str]:
    """The record's lines: its header, then each value in its kind's order."""
    lines = [f"[[{'.'.join(key_text(part) for part in parts)}]]"]
    for key, value in ordered(values, layout):
        lines += assignment(key_text(key), value, layout.inner(key))
    return lines
