"""The order of keys and tables a fact base is written in, read from the kind declarations."""

from __future__ import annotations

from dataclasses import dataclass, field

from bilateral.kinds.base import META_KEYS
from bilateral.kinds.registry import TOP_LEVEL
from bilateral.schema.fields import Shape


@dataclass(frozen=True)
class Layout:
    """The keys a table holds, in the order they are written, and the layout of each key's
    own tables (sub-tables or inline tables); keys it does not know come after, as found."""

    keys: tuple[str, ...] = ()
    nested: dict[str, Layout] = field(default_factory=dict)

    def rank(self, name: str) -> int:
        return self.keys.index(name) if name in self.keys else len(self.keys)

    def inner(self, name: str) -> Layout:
        return self.nested.get(name, NONE)


NONE = Layout()
CITATION = Layout(("source", "paragraph", "sentence"))
MONEY = Layout(("low", "high", "currency"))
NOTE = Layout(("text", "sources"), {"sources": CITATION})


def of_shape(shape: Shape) -> Layout:
    """A record's layout: its fields in declaration order, derived ones left out."""
    nested: dict[str, Layout] = {}
    for item in shape.fields:
        if item.type == "records" and item.shape is not None:
            nested[item.toml_key] = of_shape(item.shape)
        elif item.type in ("notes", "sources", "money"):
            nested[item.toml_key] = {"notes": NOTE, "sources": CITATION, "money": MONEY}[item.type]
    keys = tuple(item.toml_key for item in shape.fields if item.type != "derived")
    return Layout(keys, nested)


def of_base() -> Layout:
    """A whole file: the base's own keys, then each kind's table in the registry's order."""
    tables = {kind.table: of_shape(kind.shape) for kind in TOP_LEVEL}
    return Layout((*META_KEYS, *tables), tables)
