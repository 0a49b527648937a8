"""A kind's table that is not an array of tables in a file of a base: most often a
sub-table (`[[people.roles]]`) in a file that holds none of its parent records, as when a
curator copies a role to confirm it from a new source. One problem at its own line, in its
own file, saying where it goes: the file of its parent, and the parent itself where a
record like it (the same title, summary, text or name) is found under exactly one."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

from bilateral.errors import Problem
from bilateral.kinds.registry import TOP_LEVEL
from bilateral.schema.locate import LineIndex

Part = tuple[str, Callable[[], str], dict[str, Any]]
TABLES = {kind.table: kind for kind in TOP_LEVEL}
ALIKE = ("id", "title", "summary", "text", "name")
"""The fields by which a stray sub-table is matched to a record like it elsewhere."""


def misplaced(key: str, value: Any, part: Part, parts: list[Part]) -> Problem:
    """The one problem of the table `key` in the part, whose value is not a list."""
    file, text, _data = part
    if not isinstance(value, dict) or not value:
        message = f"expected [[{key}]] tables; write each record under a [[{key}]] header"
        return Problem(file, key, message, LineIndex(text()).line_of(key))
    child = next(iter(value))
    kind = TABLES[key]
    noun = _singular(child)
    option = {"person": "--person", "area": "--area"}.get(kind.name, "--record")
    header = f"[[{key}.{child}]]"
    where = _header_line(text(), f"{key}.{child}")
    parent, home = _parent_like(key, child, value[child], part, parts)
    add = f"`bilateral new {noun} {option} {parent or 'ID'}`"
    if len(parts) == 1:
        message = (
            f"{header} has no [[{key}]] above it; a {noun} goes under the [[{key}]] of its "
            f"{kind.noun}: move it there, or add it with {add}"
        )
    elif parent:
        message = (
            f"{header} has no [[{key}]] above it in this file; a {noun} goes in the file of "
            f"its {kind.noun}, {home}, under {parent}'s [[{key}]]: move it there, or add it "
            f"with {add}"
        )
    else:
        homes = _homes(key, parts)
        held = f" ({kind.plural} are in {', '.join(homes)})" if homes else ""
        message = (
            f"{header} has no [[{key}]] above it in this file; a {noun} goes in the file of "
            f"its {kind.noun}{held}, under that {kind.noun}'s [[{key}]]: move it there, or "
            f"add it with {add}"
        )
    return Problem(file, f"{key}.{child}", message, where)


def _parent_like(
    key: str, child: str, stray: Any, part: Part, parts: list[Part]
) -> tuple[str | None, str]:
    """The id and file of the one record whose `child` table holds a record like the
    first stray one; (None, "") where none or several do."""
    first = stray[0] if isinstance(stray, list) and stray else None
    if not isinstance(first, dict):
        return None, ""
    wanted = {name: first[name] for name in ALIKE if name in first}
    found: list[tuple[str, str]] = []
    for file, _text, data in parts:
        if file == part[0] or not isinstance(data.get(key), list):
            continue
        for record in data[key]:
            if isinstance(record, dict) and _holds_like(record.get(child), wanted):
                found.append((str(record.get("id")), file))
    if len(found) != 1:
        return None, ""
    directory = os.path.dirname(parts[0][0]) or "."
    return found[0][0], os.path.relpath(found[0][1], directory)


def _holds_like(items: Any, wanted: dict[str, Any]) -> bool:
    if not wanted or not isinstance(items, list):
        return False
    return any(
        isinstance(item, dict) and all(item.get(name) == value for name, value in wanted.items())
        for item in items
    )


def _homes(key: str, parts: list[Part]) -> list[str]:
    directory = os.path.dirname(parts[0][0]) or "."
    held = {os.path.relpath(f, directory) for f, _t, d in parts if isinstance(d.get(key), list)}
    return sorted(held)


def _singular(table: str) -> str:
    return table[:-1] if table.endswith("s") else table


def _header_line(text: str, table: str) -> int | None:
    """The line of the first `[[table]]` header in the text."""
    dotted = r"\s*\.\s*".join(re.escape(piece) for piece in table.split("."))
    pattern = re.compile(r"^\s*\[\[\s*" + dotted + r"\s*\]\]")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return None
