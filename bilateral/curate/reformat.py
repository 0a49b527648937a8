"""`fmt`: one canonical layout for a fact base file, every comment and value kept, and
`lay_out`, which reads one file, lays it out, and says or writes what changed.

The file is read with tomlkit, which keeps comments, into blocks (a table's header, its
keys, its sub-tables) and written again: the base's own keys first, then each kind's
tables in the registry's order; in a record, keys in the order its kind declares them,
then its sub-tables in that order; records keep their order, and so do the tables of one
array. A comment belongs to what it stands right above (a key, or a header with its blank
line kept); comments right below a table's last key stay there. One blank line before
each header, none between keys, one newline at the end.
"""

from __future__ import annotations

import math
import shlex
import sys
from dataclasses import dataclass, field
from typing import Any

from bilateral.collector import collector
from bilateral.curate.key_order import Layout, of_base
from bilateral.curate.saving import locked, write_atomically
from bilateral.curate.tomlwrite import assignment, key_text
from bilateral.errors import FactBaseUnreadable
from bilateral.schema.locate import comments, headers, plain_value
from bilateral.schema.reading import decode, parse_toml, read_bytes


@dataclass
class Entry:
    """`key = value` (its comment on its last line) with the comments above it."""

    lead: list[str]
    name: str
    lines: list[str]


@dataclass
class Block:
    """A table: its header (none for a table only named by its sub-tables' headers), its
    keys, the comments right below them, and its sub-tables."""

    parts: tuple[str, ...]
    array: bool
    layout: Layout
    lead: list[str] = field(default_factory=list)
    comment: str = ""
    header: bool = True
    entries: list[Entry] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)


class _Reading:
    """Comments and blank lines read but not yet given to the key or header below them,
    and the table whose line was read last."""

    def __init__(self) -> None:
        self.pending: list[str] = []
        self.last: Block | None = None

    def take(self) -> list[str]:
        taken, self.pending = _tidy(self.pending), []
        return taken

    def settle(self) -> None:
        """Give the comments right below the last line read to the table it belongs to."""
        while self.last is not None and self.pending and self.pending[0] != "":
            self.last.tail.append(self.pending.pop(0))


def _tidy(lines: list[str]) -> list[str]:
    """Comments with single blank lines between groups and none before the first; a blank
    line after the last is kept (it parts a section comment from its header)."""
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return tidy if any(tidy) else []


def formatted(path: str, text: str) -> str:
    """The file's text in the canonical layout; FactBaseUnreadable when it is not TOML, or
    (a bug, never a silent change) when the layout would change a value or lose a comment."""
    import tomlkit  # only `fmt` reads a file's layout
    from tomlkit.exceptions import TOMLKitError

    data = parse_toml(path, text)
    root = Block((), False, of_base(), header=False)
    reading = _Reading()
    with collector(enabled=True):  # tomlkit parsers leave cycles
        for chunk in _chunks(text):
            try:
                document = tomlkit.parse(chunk)
            except TOMLKitError as error:  # a file tomli reads but tomlkit cannot
                raise FactBaseUnreadable(
                    f"{path}: cannot be laid out ({error}); fix the TOML"
                ) from None
            _read(document, root, reading)
    reading.settle()
    if root.entries and "" in root.entries[0].lead:  # the file's opening comments stay first
        lead = root.entries[0].lead
        cut = len(lead) - lead[::-1].index("")
        root.lead, root.entries[0].lead = lead[:cut], lead[cut:]
    _attach(root)
    result = _written(root, reading.take())
    _verify(path, text, data, result)
    return result


def _chunks(text: str) -> list[str]:
    """The text cut before each record's header, and before a sub-table that follows
    another kind's table: each piece is read alone, so that no table is moved to its
    array's other tables before its comments are placed."""
    lines = text.split("\n")
    starts = [1]
    current = ""
    for header in headers(text):
        if len(header.parts) == 1 or header.parts[0] != current:
            starts.append(header.line)
        current = header.parts[0]
    bounds = zip(starts, [*starts[1:], len(lines) + 1], strict=True)
    return ["\n".join(lines[first - 1 : end - 1]) + "\n" for first, end in bounds if end > first]


def _attach(block: Block) -> None:
    """Give a sub-table read apart from its record (`[[people.roles]]` below another kind's
    tables) to the record TOML gives it to: the last table of that name above it."""
    kept: list[Block] = []
    for child in block.children:
        owner = next((b for b in reversed(kept) if b.parts == child.parts and b.header), None)
        if not child.header and owner is not None:
            owner.children += child.children
        else:
            kept.append(child)
    block.children = kept
    for child in kept:
        _attach(child)


def _read(container: Any, block: Block, reading: _Reading) -> None:
    """Read a tomlkit container's body into the block, in the file's order."""
    from tomlkit.items import AoT, Comment, Table, Whitespace  # with tomlkit, as above

    for key, item in container.body:
        if isinstance(item, Comment):
            reading.pending.append(item.as_string().strip())
        elif isinstance(item, Whitespace):
            reading.pending += [""] * item.as_string().count("\n")
        elif isinstance(item, (Table, AoT)) and not (key is not None and key.is_dotted()):
            tables = item.body if isinstance(item, AoT) else [item]
            for table in tables:
                _read_table(table, key.key, isinstance(item, AoT), block, reading)
        else:
            _read_entry(key, item, block, reading)


def _read_table(table: Any, name: str, array: bool, parent: Block, reading: _Reading) -> None:
    implicit = not array and table.is_super_table()
    if not implicit:
        reading.settle()
    child = Block(
        (*parent.parts, name),
        array,
        parent.layout.inner(name),
        lead=[] if implicit else reading.take(),
        comment=table.trivia.comment.strip(),
        header=not implicit,
    )
    parent.children.append(child)
    if not implicit:
        reading.last = child
    _read(table.value, child, reading)


def _read_entry(key: Any, item: Any, block: Block, reading: _Reading) -> None:
    """A key and its value; a dotted key (`value.low = 1`) becomes one entry per value."""
    from tomlkit.items import Table  # with tomlkit, as above

    lead = reading.take()
    reading.last = block
    if isinstance(item, Table):  # the table a dotted key makes
        for inner_key, inner in item.value.body:
            if inner_key is not None:
                dotted = f"{key_text(key.key)}.{key_text(inner_key.key)}"
                block.entries.append(_entry(lead, key.key, dotted, inner, Layout()))
                lead = []
        return
    layout = block.layout.inner(key.key)
    block.entries.append(_entry(lead, key.key, key_text(key.key), item, layout))


def _entry(lead: list[str], name: str, key: str, item: Any, layout: Layout) -> Entry:
    written = item.as_string()
    if plain_value(written):
        lines = assignment(key, item.unwrap(), layout)
    else:  # a comment or a multi-line string inside the value: kept as written
        lines = f"{key} = {written}".replace("\r\n", "\n").split("\n")
    comment = item.trivia.comment.strip()
    if comment:
        lines[-1] += f"  {comment}"
    return Entry(lead, name, lines)


def _written(root: Block, end: list[str]) -> str:
    lines: list[str] = []
    _write(root, lines)
    if end:
        lines += ["", *end] if lines else end
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _write(block: Block, lines: list[str]) -> None:
    if not block.header:
        lines += block.lead
    else:
        if lines:
            lines.append("")
        lines += block.lead
        brackets = ("[[", "]]") if block.array else ("[", "]")
        path = ".".join(key_text(part) for part in block.parts)
        header = f"{brackets[0]}{path}{brackets[1]}"
        lines.append(f"{header}  {block.comment}" if block.comment else header)
    for entry in sorted(block.entries, key=lambda e: block.layout.rank(e.name)):
        lines += entry.lead
        lines += entry.lines
    lines += block.tail
    for child in sorted(block.children, key=lambda c: block.layout.rank(c.parts[-1])):
        _write(child, lines)


def _verify(path: str, text: str, data: dict[str, Any], result: str) -> None:
    if not _same(parse_toml(path, result), data):
        raise FactBaseUnreadable(
            f"{path}: fmt would change a value here, so nothing was written; "
            "please report this as a bug in bilateral fmt"
        )
    if sorted(comments(result)) != sorted(comments(text)):
        raise FactBaseUnreadable(
            f"{path}: fmt would lose a comment here, so nothing was written; "
            "please report this as a bug in bilateral fmt"
        )


def _same(first: Any, second: Any) -> bool:
    """Equal data, NaN equal to NaN, a key's order aside."""
    if isinstance(first, dict) and isinstance(second, dict):
        return first.keys() == second.keys() and all(_same(first[k], second[k]) for k in first)
    if isinstance(first, list) and isinstance(second, list):
        return len(first) == len(second) and all(map(_same, first, second))
    if isinstance(first, float) and isinstance(second, float) and math.isnan(first):
        return math.isnan(second)
    return type(first) is type(second) and bool(first == second)


EXIT_WOULD_CHANGE = 1
EXIT_UNREADABLE = 2
EXIT_UNWRITABLE = 3


@dataclass(frozen=True)
class Outcome:
    code: int
    """0, or 1 when a file would change (--check), 2 unreadable, 3 not written."""
    output: str = ""
    """For stdout: the diff, the laid-out text of stdin, or `FILE: laid out`."""
    message: str = ""
    """For stderr."""


def lay_out(file: str, check_only: bool, show_diff: bool) -> Outcome:
    """Lay out the file (`-`: stdin, written to stdout), or with `check_only` only say
    whether it would change."""
    if file == "-" or check_only:
        return _laid_out(file, check_only, show_diff)
    try:
        with locked(file):  # another writer waits; the bytes are read again under the lock
            return _laid_out(file, check_only, show_diff)
    except OSError as error:
        return Outcome(EXIT_UNWRITABLE, message=f"{file}: cannot be written ({error.strerror})")


def _laid_out(file: str, check_only: bool, show_diff: bool) -> Outcome:
    import difflib  # only `fmt --diff`

    try:
        original = sys.stdin.buffer.read() if file == "-" else read_bytes(file)
        text = decode(file, original)
        result = formatted(file, text)
    except FactBaseUnreadable as error:
        return Outcome(EXIT_UNREADABLE, message=str(error))
    if file == "-" and not check_only:
        return Outcome(0, output=result)
    if result == text:
        return Outcome(0)
    shown = ""
    if show_diff:
        lines = text.splitlines(keepends=True), result.splitlines(keepends=True)
        shown = "".join(difflib.unified_diff(*lines, file, file))
    if check_only:
        rerun = f"run `bilateral fmt {shlex.quote(file)}`" if file != "-" else "run bilateral fmt"
        return Outcome(EXIT_WOULD_CHANGE, shown, f"{file}: would be laid out anew; {rerun}")
    try:
        write_atomically(file, result, expected=original)
    except OSError as error:
        return Outcome(EXIT_UNWRITABLE, message=f"{file}: cannot be written ({error.strerror})")
    return Outcome(0, f"{shown}{file}: laid out\n")
