"""The fast field readers (schema/fieldreaders.py) against the general ones (fields.READERS):
for every field of every kind and nested record, and values sound and unsound, both give
the same value and leave the checker in the same state (problems, ids, references,
citations)."""

from __future__ import annotations

import datetime
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.kinds.registry import ALL, TABLE_OF
from bilateral.schema.checker import MAX_TEXT, Checker
from bilateral.schema.fieldreaders import FIELD_READERS
from bilateral.schema.fields import READERS, Field, Shape

TEXT = "\n".join(["schema_version = 3", "[[events]]", 'id = "a"', "kind = 1"])
CITE = {"source": "s", "paragraph": 1, "sentence": 2}
VALUES: list[Any] = [
    None, "", " ", " x", "x ", "\tx", "x", "x" * MAX_TEXT, "x" * (MAX_TEXT + 1), "ab-cd",
    "ab-cd\n", "AB", "AZ", "Ab", "az-pk", "AZ-PK", "AZ-PK\n", "PK-AZ", "AZ-AZ", "AZ-PKX",
    "USD", "usd", "visit", "export", "2004", "2004-07", "2004-07-28", "2004-13", "2004-02-30",
    0, 1, -1, 2, 1799, 1800, 2200, 2201, True, False, 1.5, 0.0, -0.5, math.nan, math.inf,
    datetime.date(2004, 7, 28), datetime.datetime(2004, 7, 28, 1, 2),
    datetime.time(1, 2), [], ["a"], ["a", ""], ["a", 1], ["AZ", "PK"], "a b", [["a"]], {},
    {"low": 1, "high": 2, "currency": "USD"}, {"low": 2, "high": 1, "currency": "USD"},
    {"low": -1, "high": 2, "currency": "USD"}, {"low": 1, "high": math.inf, "currency": "USD"},
    {"low": math.nan, "high": 2, "currency": "USD"}, {"low": True, "high": 2, "currency": "USD"},
    {"low": 1, "high": 2, "currency": "XYZ"}, {"low": 1, "high": 2}, {"low": 1, "high": 2.5,
    "currency": "USD", "other": 1}, [CITE], [CITE, {"source": "t"}], [{"source": ""}],
    [{"source": "s", "paragraph": 0}], [{"source": "s", "sentence": True}],
    [{"source": "s", "page": 1}], [{"source": 1}], ["s"], [CITE, 1],
    [{"text": "n", "sources": [CITE]}], [{"text": "n"}], [{"text": " n", "sources": [CITE]}],
    [{"text": "n", "sources": [CITE], "by": "x"}], [{"text": "n", "sources": "s"}],
]  # fmt: skip


def _fields() -> list[Field]:
    seen: dict[int, Field] = {}

    def visit(shape: Shape) -> None:
        for field in shape.fields:
            if field.type in FIELD_READERS and id(field) not in seen:
                seen[id(field)] = field
            if field.shape is not None:
                visit(field.shape)

    for kind in ALL:
        visit(kind.shape)
    return list(seen.values())


FIELDS = _fields()


def _state(check: Checker) -> tuple[Any, ...]:
    problems = [(p.file, p.key, p.message, p.line) for p in check.problems]
    return (problems, check.references, check.citations, check.ids, check.record_ids,
            check.record_keys, check.names)  # fmt: skip


def _both(field: Field, table: dict[str, Any], kind: str, pair: str) -> None:
    checks = []
    for read in (FIELD_READERS[field.type](field), None):
        check = Checker("f.toml", TEXT, {"event": "events"})
        check.default_pair = pair
        check.ids["taken"] = ("person", "person")
        given = dict(table)
        if read is None:
            value = READERS[field.type](field, check, given, "events[0]", kind, kind)
        else:
            value = read(check, given, "events[0]", kind, kind)
        checks.append((value, _state(check), given == table))
    assert checks[0] == checks[1], (field.name, field.type, table)


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f"{f.name}:{f.type}")
def test_each_field_reads_as_the_general_reader_does(field: Field) -> None:
    types = {f.type for f in FIELDS}
    assert types == set(FIELD_READERS), "every fast reader is exercised"
    for kind, pair in (("event", ""), ("country", "AZ-PK")):
        _both(field, {}, kind, pair)
        for value in [*VALUES, "taken"]:  # None too: no TOML value, but a table may hold it
            _both(field, {field.toml_key: value}, kind, pair)
            _both(field, {field.toml_key: value, "id": value, "value": value}, kind, pair)


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 2300), st.floats(allow_nan=True),
    st.text(max_size=6), st.sampled_from(["AZ", "AZ-PK", "USD", "2004-07", "visit", "a-b"]),
    st.dates(),
)  # fmt: skip
VALUE = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["source", "paragraph", "sentence", "text", "sources",
                                       "low", "high", "currency", "x"]), inner, max_size=4),
    max_leaves=8,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FIELDS), VALUE, st.sampled_from(["event", "country"]))
def test_any_value_reads_as_the_general_reader_does(field: Field, value: Any, kind: str) -> None:
    _both(field, {field.toml_key: value}, kind, "AZ-PK" if kind == "country" else "")


def test_a_reference_already_sound_is_not_kept_and_the_others_are_judged() -> None:
    """A reference to an id already read, of a kind its field takes, cannot become unsound
    (ids are only added), so only the others wait for resolve_references."""
    check = Checker("base.toml", "", TABLE_OF)
    check.ids["AZ"] = ("country", "country")
    check.refer("events[0].country", "AZ", ("country",))
    check.refer("events[0].participants[0]", "AZ", ("person",))
    check.refer("events[0].participants[1]", "later-person", ("person",))
    check.refer("events[0].related[0]", "AZ", ())
    assert [key for key, _, _ in check.references] == [
        "events[0].participants[0]",
        "events[0].participants[1]",
    ]
    check.ids["later-person"] = ("person", "person")
    check.resolve_references()
    assert [(problem.key, problem.message) for problem in check.problems] == [
        ("events[0].participants[0]", "'AZ' is a country, but this field takes: person")
    ]
