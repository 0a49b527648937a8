"""Shapes made ready for reading a whole base: one reader and one deriver per shape, made
once, whose field readers take a sound value at the cost of a few dict lookups
(schema/fieldreaders.py); what `Shape.read` and `Shape.derive` did, field by field."""

from __future__ import annotations

from collections.abc import Callable

from bilateral.schema.checker import Checker, Document, Table
from bilateral.schema.fieldreaders import FIELD_READERS, FieldReader
from bilateral.schema.fields import READERS, Field, Shape, check_disputes
from bilateral.schema.lookup import Lookup

ShapeReader = Callable[[Checker, Table, str, str, str], "Document | None"]
Deriver = Callable[[Document, Lookup], None]
_READY: dict[int, tuple[Shape, ShapeReader, Deriver]] = {}
"""Each shape read so far (kept, so that its id names no other shape) and its functions."""


def reader_of(shape: Shape) -> ShapeReader:
    """The shape's reader: the table's document, or None when a required field is missing
    or wrong; every problem recorded in the checker."""
    return _ready(shape)[1]


def deriver_of(shape: Shape) -> Deriver:
    """The shape's deriver: fills the derived fields of a document and of the documents
    nested in it."""
    return _ready(shape)[2]


def _ready(shape: Shape) -> tuple[Shape, ShapeReader, Deriver]:
    found = _READY.get(id(shape))
    if found is None or found[0] is not shape:
        found = _READY[id(shape)] = (shape, _reader(shape), _deriver(shape))
    return found


def _reader(shape: Shape) -> ShapeReader:
    allowed = shape.keys
    steps = tuple(
        (f.name, _field_reader(f), f.required and f.type not in ("refs", "texts"))
        for f in shape.fields
    )
    extra = shape.check
    disputed = any(f.name == "disputes" for f in shape.fields)

    def read(check: Checker, table: Table, key: str, kind: str, noun: str) -> Document | None:
        if not allowed.issuperset(table):
            check.allowed_keys(table, key, allowed)
        document: Document = {}
        complete = True
        for name, field_reader, required in steps:
            value = field_reader(check, table, key, kind, noun)
            document[name] = value
            if required and value in (None, ""):
                complete = False
        if extra is not None:
            extra(check, document, key)
        if disputed and document["disputes"]:
            check_disputes(check, shape, document, key)
        return document if complete else None

    return read


def _deriver(shape: Shape) -> Deriver:
    steps = tuple(
        (f.name, f.derive, deriver_of(f.shape) if f.shape is not None else None)
        for f in shape.fields
        if f.derive is not None or f.shape is not None
    )

    def derive(document: Document, lookup: Lookup) -> None:
        for name, derived, nested in steps:
            if derived is not None:
                document[name] = derived(document, lookup)
            elif nested is not None:
                for each in document[name]:
                    nested(each, lookup)

    return derive


def _field_reader(field: Field) -> FieldReader:
    if field.type == "records":
        return _records(field)
    make = FIELD_READERS.get(field.type)
    if make is not None:
        return make(field)
    general = READERS[field.type]
    return lambda check, table, key, kind, noun: general(field, check, table, key, kind, noun)


def _records(field: Field) -> FieldReader:
    assert field.shape is not None, field.name
    name, nested, inner = field.toml_key, field.record_kind, reader_of(field.shape)

    def read(check: Checker, table: Table, key: str, _kind: str, _noun: str) -> list[Document]:
        if name not in table:
            return []
        found = []
        for item_key, item in check.tables(table, key, name):
            document = inner(check, item, item_key, nested, nested)
            if document is not None:
                found.append(document)
        return found

    return read
