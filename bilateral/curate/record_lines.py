"""Where records sit in a file's text: the lines of a record with its sub-tables, where a
new table goes, and sub-tables that sit away from the record TOML attaches them to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bilateral.curate.findings import Finding
from bilateral.kinds.registry import TOP_LEVEL
from bilateral.schema.checker import named_key
from bilateral.schema.locate import Header, headers, statement_lines


def record_ids(data: dict[str, Any]) -> dict[str, str]:
    """The key of every record with an id (`people[3]`, `areas[0].commitments[2]`) to it."""
    found: dict[str, str] = {}

    def visit(table: dict[str, Any], prefix: str) -> None:
        for name, value in table.items():
            if isinstance(value, list):
                for position, item in enumerate(value):
                    if isinstance(item, dict):
                        key = f"{prefix}{name}[{position}]"
                        if isinstance(item.get("id"), str):
                            found[key] = item["id"]
                        visit(item, f"{key}.")

    visit(data, "")
    return found


def stray_subtables(file: str, text: str, data: Callable[[], dict[str, Any]]) -> list[Finding]:
    """A warning for each sub-table (`[[people.roles]]`) that another table stands between
    and the record it attaches to: TOML gives it to the last `[[people]]` above it, which is
    seldom what was meant when a block was added at the end of the file. `data` gives the
    parsed file, read only to name records by id when there is something to say."""
    found = []
    ids: dict[str, str] | None = None
    every = headers(text)
    settled: dict[int, tuple[Header | None, Header | None]] = {}
    """For each sub-table, by position: its record's header and a table between them."""
    for position, header in enumerate(every):
        parent = header.parts[:-1]
        if not parent:
            continue
        owner, between = None, None
        for back in range(position - 1, -1, -1):
            earlier = every[back]
            if earlier.parts == parent:
                owner = earlier
                break
            if earlier.parts[:-1] == parent and back in settled:  # a sibling: same record
                owner, before = settled[back]
                between = between or before
                break
            if between is None and earlier.parts[: len(parent)] != parent:
                between = earlier
        settled[position] = (owner, between)
        if owner is not None and between is not None:
            ids = record_ids(data()) if ids is None else ids  # read only when needed
            found.append(_stray(file, header, owner, between, ids))
    return found


def _stray(
    file: str, header: Header, parent: Header, between: Header, ids: dict[str, str]
) -> Finding:
    table = f"[[{'.'.join(header.parts)}]]"
    message = (
        f"{table} attaches to the last [[{'.'.join(parent.parts)}]] above it, "
        f"{named_key(parent.key, ids)} at line {parent.line}, but "
        f"[{'[' if between.array else ''}{'.'.join(between.parts)}{']' if between.array else ''}] "
        f"at line {between.line} stands between them; move the block under the record "
        "it belongs to"
    )
    return Finding(file, header.line, named_key(header.key, ids), message, "warning")


def end_of_record(text: str, key: str) -> int | None:
    """The number of the line after which a table goes at the end of the record with this
    key (below its sub-tables); None when no header opens it."""
    every = headers(text)
    index = next((i for i, header in enumerate(every) if header.key == key), None)
    if index is None:
        return None
    parts = every[index].parts
    following = next(
        (
            header
            for header in every[index + 1 :]
            if not (len(header.parts) > len(parts) and header.parts[: len(parts)] == parts)
        ),
        None,
    )
    return _above(text, following.line if following else None, every[index].line)


def end_of_field(text: str, key: str, field: str, later: tuple[str, ...]) -> int | None:
    """The number of the line after which a new table of the record's `field` goes: below
    its last one, else above the record's first sub-table of a `later` field, else at the
    record's end; None when no header opens the record."""
    every = headers(text)
    index = next((i for i, header in enumerate(every) if header.key == key), None)
    if index is None:
        return None
    parts = every[index].parts
    inside = []
    for header in every[index + 1 :]:
        if not (len(header.parts) > len(parts) and header.parts[: len(parts)] == parts):
            break
        if len(header.parts) == len(parts) + 1:
            inside.append(header)
    same = [header for header in inside if header.parts[-1] == field]
    if same:
        return end_of_record(text, same[-1].key)
    following = next((header for header in inside if header.parts[-1] in later), None)
    if following is not None:
        return _above(text, following.line, every[index].line)
    return end_of_record(text, key)


def end_of_kind(text: str, table: str) -> int:
    """The number of the line after which a new record of the kind whose table this is
    goes: below the last of its kind, else above the first kind that comes after it in the
    registry's order, else at the end."""
    every = headers(text)
    last = next((h for h in reversed(every) if h.parts == (table,) and h.array), None)
    if last is not None:
        found = end_of_record(text, last.key)
        assert found is not None, last
        return found
    order = [kind.table for kind in TOP_LEVEL]
    later = set(order[order.index(table) + 1 :]) if table in order else set()
    first_later = next((h for h in every if h.parts[0] in later), None)
    return _above(text, first_later.line if first_later else None, 0)


def _above(text: str, stop: int | None, floor: int) -> int:
    """The last line that belongs above the header at line `stop` (the end of the text when
    None): blank lines, and groups of comments with a blank line above them, belong to the
    header below; comments right below a line of a record belong to that record."""
    lines = text.split("\n")
    statements = {number for number, _line in statement_lines(text)}
    last = (stop - 1) if stop is not None else len(lines)
    while True:
        while last > floor and not lines[last - 1].strip() and last in statements:
            last -= 1
        top = last
        while top > floor and top in statements and lines[top - 1].lstrip().startswith("#"):
            top -= 1
        if top == last or top <= floor or lines[top - 1].strip():
            return last
        last = top


def inserted(text: str, after: int, block: list[str]) -> str:
    """The text with the block of lines after line `after`, a blank line on each side."""
    lines = text.split("\n")
    ending = "\r" if "\r\n" in text else ""
    rest = lines[after:]
    tail = [""] if rest and rest[0].strip() else []
    new = [f"{line}{ending}" for line in ["", *block, *tail]]
    if after == 0:
        new = new[1:]
    return "\n".join([*lines[:after], *new, *rest])
