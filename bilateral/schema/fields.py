"""Fields, the one declaration of what a TOML table may hold and the document it becomes.

A Shape is an ordered tuple of fields. Reading a table through it (schema/readers.py)
checks each field, records every problem, and returns the document (the JSON contract) in
field order. Derived fields, such as the name of a referenced record, hold None until the
whole base is read, when the shape's deriver fills them from a Lookup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bilateral.schema.citations import citations, notes
from bilateral.schema.lookup import Lookup
from bilateral.schema.plain import Plain

if TYPE_CHECKING:  # the checker reads a base; declaring kinds and answering need only types
    from bilateral.schema.checker import Checker, Document, Table

Derive = Callable[["Document", Lookup], Any]
ExtraCheck = Callable[["Checker", "Document", str], None]


class Field(Plain):
    """One field. `type` is id, text, choice, texts, date, ref, refs, year, number (a
    positive whole number), flag, money, pair, counts, records, notes, sources or derived;
    `targets` the kinds of record a ref or refs field may name (empty means any); `key` the
    TOML key, where it differs from the document's field name; `record_kind`, for records
    that carry ids of their own, their kind as the id registry names it; `names`, for a
    derived field that holds the names of the records another field refers to, that field
    (answers give the names in force at their date)."""

    __slots__ = (
        "choices", "default", "derive", "help", "key", "name", "names", "record_kind",
        "required", "shape", "targets", "type",
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        type: str,
        required: bool = False,
        choices: tuple[str, ...] = (),
        targets: tuple[str, ...] = (),
        shape: Shape | None = None,
        default: object = None,
        derive: Derive | None = None,
        key: str = "",
        record_kind: str = "",
        help: str = "",
        names: str = "",
    ) -> None:
        self.name = name
        self.type = type
        self.required = required
        self.choices = choices
        self.targets = targets
        self.shape = shape
        self.default = default
        self.derive = derive
        self.key = key
        self.record_kind = record_kind
        self.help = help
        self.names = names

    @property
    def toml_key(self) -> str:
        return self.key or self.name


class Shape(Plain):
    """An ordered tuple of fields; `check` holds the rules across fields (an order of
    dates, exactly one holder), run after the fields."""

    __slots__ = ("check", "fields")

    def __init__(self, fields: tuple[Field, ...], check: ExtraCheck | None = None) -> None:
        self.fields = fields
        self.check = check

    @property
    def keys(self) -> set[str]:
        return {f.toml_key for f in self.fields if f.type != "derived"}

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def check_disputes(check: Checker, shape: Shape, document: Document, key: str) -> None:
    """A dispute names a field of its record, offers two values or more, and one of them is
    the value the record holds."""
    fields = {f.name: f for f in shape.fields if f.type not in ("derived", "records")}
    for position, dispute in enumerate(document["disputes"]):
        where = f"{key}.disputes[{position}]"
        field = dispute["field"]
        if field not in fields:
            check.problem(
                f"{where}.field", f"{field!r} is not a field here; use one of: {', '.join(fields)}"
            )
            continue
        values = [entry["value"] for entry in dispute["values"]]
        own = document.get(field)
        ranges = any(isinstance(value, dict) for value in values)  # disputed sums, as ranges
        if isinstance(own, dict) and own.get("low") == own.get("high") and not ranges:
            own = own.get("low")  # an exact money value, disputed by plain numbers
        if len(values) < 2:
            check.problem(f"{where}.values", "a dispute needs two values or more, each cited")
        elif own not in values:
            check.problem(
                f"{where}.values",
                f"none is the record's own {field} ({document.get(field)!r}); "
                "list it among the values",
                unless=(f"{key}.{field}",),
            )


def _scalar(check: Checker, table: Table, key: str, name: str) -> Any:
    """A value of any simple type: text, a number, or a date (as ISO text); or, for a
    disputed trade value, a sum `{ low, high, currency }`."""
    from bilateral.schema import dates  # only for disputed values

    value = table.get(name)
    if value is None:
        check.problem(f"{key}.{name}", "missing; add the value this source gives")
        return None
    if isinstance(value, dict) and name == "value":
        return _money(check, table, key)  # a disputed sum: { low, high, currency }
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        normalized = dates.normalize(value)
        if normalized is None:
            from bilateral.schema.checker import describe  # as above: only on a bad value

            check.problem(
                f"{key}.{name}", f"expected text, a number or a date, got {describe(value)}"
            )
        return normalized
    return value


Reader = Callable[[Field, "Checker", "Table", str, str, str], Any]
READERS: dict[str, Reader] = {
    "id": lambda f, check, table, key, kind, noun: check.record_id(table, key, kind, noun),
    "text": lambda f, check, table, key, *_: check.string(table, key, f.toml_key, f.required),
    "choice": lambda f, check, table, key, *_: check.choice(
        table, key, f.toml_key, f.choices, f.required
    ),
    "date": lambda f, check, table, key, *_: check.date(table, key, f.toml_key, f.required),
    "ref": lambda f, check, table, key, *_: _reference(f, check, table, key),
    "refs": lambda f, check, table, key, *_: _reference(f, check, table, key),
    "texts": lambda f, check, table, key, *_: _reference(f, check, table, key),
    "year": lambda f, check, table, key, *_: check.integer(
        table, key, f.toml_key, minimum=1800, maximum=2200
    ),
    "number": lambda f, check, table, key, *_: (
        check.integer(table, key, f.toml_key, minimum=1)
        if f.required or f.toml_key in table
        else None
    ),
    "flag": lambda f, check, table, key, *_: check.boolean(
        table, key, f.toml_key, default=flag_default(f)
    ),
    "money": lambda f, check, table, key, *_: _money(check, table, key),
    "pair": lambda f, check, table, key, *_: check.pair(table, key),
    "counts": lambda f, check, table, key, *_: _counts(check, table, key, f.toml_key),
    "notes": lambda f, check, table, key, *_: notes(check, table, key),
    "sources": lambda f, check, table, key, *_: citations(check, table, key),
    "derived": lambda *_: None,
    "scalar": lambda f, check, table, key, *_: _scalar(check, table, key, f.toml_key),
}
"""How each type of field is read and checked, but for `records`, which readers.py reads
through the nested shape."""


def flag_default(field: Field) -> bool | None:
    return field.default if isinstance(field.default, bool) else None


def _reference(field: Field, check: Checker, table: Table, key: str) -> Any:
    name = field.toml_key
    if field.type == "ref":
        value = check.string(table, key, name, field.required)
        check.refer(f"{key}.{name}", value, field.targets)
        return value
    values = check.strings(table, key, name, field.required)
    if field.type == "refs":
        check.refer_all(f"{key}.{name}", values, field.targets)
    return values


def _money(check: Checker, table: Table, key: str) -> Document | None:
    value_key = f"{key}.value"
    if table.get("value") is None:
        check.problem(value_key, 'missing; add it as { low = N, high = N, currency = "USD" }')
        return None
    value = check.table(table.get("value"), value_key)
    if value is None:
        return None
    check.allowed_keys(value, value_key, {"low", "high", "currency"})
    low = check.number(value, value_key, "low")
    high = check.number(value, value_key, "high")
    currency = check.currency(check.string(value, value_key, "currency"), f"{value_key}.currency")
    if low is not None and high is not None and low > high:
        check.problem(value_key, f"low ({low:g}) is above high ({high:g}); swap them")
        return None
    if low is None or high is None or currency is None:
        return None
    return {"low": low, "high": high, "currency": currency}


def _counts(check: Checker, table: Table, key: str, name: str) -> list[int] | None:
    value = table.get(name, [])
    if not isinstance(value, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in value
    ):
        check.problem(
            f"{key}.{name}", "expected a list of positive whole numbers, one per paragraph"
        )
        return None
    return list(value) or None


__all__ = ["Derive", "Field", "Shape"]
