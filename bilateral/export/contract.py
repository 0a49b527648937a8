"""`export --format json`: the whole base as one JSON document, and its JSON Schema
(draft 2020-12), made from the kinds' declarations (docs/export.schema.json is its copy).

Each record is the document `--format json` prints for its kind (docs/json.md): its
declared fields, what a child takes from its parent, and `as_of`. Nothing else is
allowed, so a field added to a kind without the schema being made again fails the test
that validates the export against the committed schema.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from bilateral import __version__
from bilateral.export.shapes import Exported, describe, exported, nested_fields
from bilateral.kinds.kind import Kind
from bilateral.schema.fields import Field
from bilateral.schema.jsontext import to_json

if TYPE_CHECKING:
    from bilateral.api import Base

Schema = dict[str, Any]
DATE = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
FULL_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
PAIR = "^([A-Z]{2}-[A-Z]{2})?$"
DEFINITIONS: dict[str, Schema] = {
    "date": {
        "type": "string",
        "pattern": DATE,
        "description": "a date of the known precision: YYYY, YYYY-MM or YYYY-MM-DD",
    },
    "money": {
        "type": "object",
        "required": ["low", "high", "currency"],
        "additionalProperties": False,
        "properties": {
            "low": {"type": "number"},
            "high": {"type": "number"},
            "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
        },
        "description": "an amount as a range, low to high (equal when exact), ISO 4217 currency",
    },
    "citation": {
        "type": "object",
        "required": ["source", "paragraph", "sentence"],
        "additionalProperties": False,
        "properties": {
            "source": {"type": "string", "minLength": 1, "description": "the source's id"},
            "paragraph": {"type": ["integer", "null"], "minimum": 1},
            "sentence": {"type": ["integer", "null"], "minimum": 1},
        },
        "description": "a source, and the paragraph and sentence cited where its text is held",
    },
    "citations": {"type": "array", "items": {"$ref": "#/$defs/citation"}},
    "notes": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["text", "sources"],
            "additionalProperties": False,
            "properties": {
                "text": {"type": "string"},
                "sources": {"$ref": "#/$defs/citations"},
            },
        },
    },
}


def schema(top_level: tuple[Kind, ...]) -> Schema:
    """The JSON Schema of the document `document_text` writes."""
    kinds = [e for e in exported(top_level) if e.parent is None]
    records = {
        e.kind.name: {"type": "array", "items": {"$ref": f"#/$defs/{e.kind.name}"}} for e in kinds
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "bilateral export --format json",
        "description": "The whole fact base as of one date; made by `bilateral export --schema`.",
        "type": "object",
        "required": ["title", "as_of", "pair", "generated_by", "records"],
        "additionalProperties": False,
        "properties": {
            "title": {"type": "string", "description": "what the base covers"},
            "as_of": {"type": "string", "pattern": FULL_DATE, "description": "true as of"},
            "pair": {
                "type": ["string", "null"],
                "pattern": PAIR,
                "description": "the pair exported; null for every pair of a base with several",
            },
            "generated_by": {"type": "string", "description": "bilateral and its version"},
            "records": {
                "type": "object",
                "required": list(records),
                "additionalProperties": False,
                "properties": records,
                "description": "each kind's records, children (commitments) in their parents",
            },
        },
        "$defs": DEFINITIONS | {e.kind.name: _record(e) for e in kinds},
    }


def _record(e: Exported) -> Schema:
    nested = {f.name: nested_fields(e.kind, f) for f in e.fields if f.shape is not None}
    return _object(e.fields, nested, e.optional)


def _object(
    fields: tuple[Field, ...],
    nested: dict[str, tuple[Field, ...]],
    optional: tuple[Field, ...] = (),
) -> Schema:
    properties = {f.name: _field(f, nested) for f in (*fields, *optional)}
    return {
        "type": "object",
        "required": [f.name for f in fields],
        "additionalProperties": False,
        "properties": properties,
    }


def _nullable(value: Schema, field: Field) -> Schema:
    return value if field.required else {"anyOf": [value, {"type": "null"}]}


TEXT: Schema = {"type": "string", "minLength": 1}
SIMPLE: dict[str, Schema] = {
    "refs": {"type": "array", "items": TEXT},
    "texts": {"type": "array", "items": TEXT},
    "pair": {"type": ["string", "null"], "pattern": PAIR},
    "counts": {"type": ["array", "null"], "items": {"type": "integer", "minimum": 1}},
    "notes": {"$ref": "#/$defs/notes"},
    "flag": {"type": "boolean"},
    "sources": {"$ref": "#/$defs/citations"},
    "scalar": {"anyOf": [{"type": ["string", "number"]}, {"$ref": "#/$defs/money"}]},
}
"""Field types whose schema is the same wherever they are."""


def _field(field: Field, nested: dict[str, tuple[Field, ...]]) -> Schema:
    kind = field.type
    found: Schema
    if kind in SIMPLE:
        found = SIMPLE[kind]
    elif kind in ("id", "ref"):
        found = _nullable(TEXT, field)
    elif kind == "text":
        found = _nullable({"type": "string"}, field)
    elif kind == "choice":
        found = {"enum": [*field.choices, *([] if field.required else [None])]}
    elif kind in ("date", "money"):
        found = _nullable({"$ref": f"#/$defs/{kind}"}, field)
    elif kind == "year":
        found = _nullable({"type": "integer", "minimum": 1800, "maximum": 2200}, field)
    elif kind == "number":
        found = _nullable({"type": "integer", "minimum": 1}, field)
    elif kind == "records":
        inner = nested.get(field.name) or (field.shape.fields if field.shape else ())
        deeper = {f.name: f.shape.fields for f in inner if f.shape is not None}
        found = {"type": "array", "items": _object(inner, deeper)}
    else:
        found = {}
    return found | {"description": describe(field)}


def header(base: Base, pair: str | None) -> dict[str, Any]:
    """What an export is: the base's title, its date, the pair, and what made it."""
    chosen = base.query.resolve_pair(pair)
    pairs = base.query.pairs
    return {
        "title": base.about(chosen)["title"],
        "as_of": base.when.text,
        "pair": chosen or (pairs[0] if len(pairs) == 1 else None),
        "generated_by": f"bilateral {__version__}",
    }


def document_text(base: Base, top_level: tuple[Kind, ...], pair: str | None) -> tuple[str, int]:
    """The whole base as one JSON document, one record to a line; and how many records."""
    lines = [to_json(header(base, pair))[:-1] + ',"records":{']
    total = 0
    for number, kind in enumerate(top_level):
        documents = base.documents(kind.name, pair)
        lines.append(("," if number else "") + json.dumps(kind.name) + ":[")
        last = len(documents) - 1
        lines += [to_json(d) + ("," if i < last else "") for i, d in enumerate(documents)]
        lines.append("]")
        total += len(documents)
    lines.append("}}")
    return "\n".join(lines) + "\n", total
