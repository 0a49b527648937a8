"""TOML as `fmt` and `new` write it: one way to write each key and value.

Strings are basic strings ("..."), with escapes only where TOML needs them; a table inside
a value is `{ key = value, ... }`, its keys in their layout's order; an array is written on
one line, except an array of two or more tables or arrays, which takes a line for each.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Any

from bilateral.curate.key_order import NONE, Layout

BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
INDENT = "  "


def key_text(name: str) -> str:
    return name if BARE_KEY.fullmatch(name) else string_text(name)


def string_text(value: str) -> str:
    escaped = "".join(
        ESCAPES.get(char) or (f"\\u{ord(char):04X}" if _control(char) else char) for char in value
    )
    return f'"{escaped}"'


def _control(char: str) -> bool:
    return ord(char) < 0x20 or ord(char) == 0x7F


def value_text(value: Any, layout: Layout = NONE) -> str:
    """A value on one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return string_text(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(value_text(item, layout) for item in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        pairs = (
            f"{key_text(k)} = {value_text(v, layout.inner(k))}" for k, v in ordered(value, layout)
        )
        return "{ " + ", ".join(pairs) + " }"
    raise TypeError(f"no TOML for {type(value).__name__}")


def _float_text(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)


def ordered(table: dict[str, Any], layout: Layout) -> list[tuple[str, Any]]:
    """The table's keys in the layout's order, keys it does not know after, as found."""
    return sorted(table.items(), key=lambda pair: layout.rank(pair[0]))


def assignment(key: str, value: Any, layout: Layout = NONE) -> list[str]:
    """`key = value`, as one line or, for an array of two or more tables or arrays, as
    one line for each item."""
    if (
        isinstance(value, list)
        and len(value) > 1
        and any(isinstance(v, (dict, list)) for v in value)
    ):
        items = [f"{INDENT}{value_text(item, layout)}," for item in value]
        return [f"{key} = [", *items, "]"]
    return [f"{key} = {value_text(value, layout)}"]
