"""How answers take the width they are given: the widths of a table's columns, and the
`Field  value` lines of a block, laid out at the width they are printed at.

Nothing here breaks a word: an id, a date or a figure is one word, and stands whole on a
line, beside its label where it fits and on a line of its own beneath it where it does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

GAP = 3
"""Cells between two columns of a table: a space, the rule, a space."""


def table_width(widths: Sequence[int]) -> int:
    return sum(widths) + GAP * (len(widths) - 1)


def column_widths(least: Sequence[int], most: Sequence[int], room: int) -> list[int] | None:
    """Each column's width in `room` cells, or None where the narrowest table is wider.

    A column never gets more than its longest value needs, so short columns are not
    padded; the room left over the narrowest widths goes to the columns that want more,
    in proportion to how much more (the long text columns)."""
    if table_width(least) > room:
        return None
    if table_width(most) <= room:
        return list(most)
    spare = room - table_width(least)
    wants = [high - low for low, high in zip(least, most, strict=True)]
    total = sum(wants)
    widths = [low + want * spare // total for low, want in zip(least, wants, strict=True)]
    left = room - table_width(widths)
    for position in sorted(range(len(widths)), key=lambda i: -wants[i]):
        if left <= 0:
            break
        if widths[position] < most[position]:
            widths[position] += 1
            left -= 1
    return widths


@dataclass(frozen=True)
class Field:
    label: str
    value: str
    style: str | None = None


class Fields:
    """`Label  value` lines under an indent. A value wraps between words in the column
    beside its label; where a word will not fit there, the whole value moves beneath the
    label, indented a little; no word is ever broken."""

    def __init__(self, fields: Iterable[Field], indent: int = 0) -> None:
        self.fields = [field for field in fields if field.value]
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for label, value, style in self.lines(options.max_width):
            line = Text(label, style="bold", no_wrap=True, overflow="ignore", end="\n")
            line.append(value, style=style)
            yield line

    def lines(self, width: int) -> Iterator[tuple[str, str, str | None]]:
        if not self.fields:
            return
        label_width = max(cell_len(field.label) for field in self.fields)
        column = self.indent + label_width + 2
        for field in self.fields:
            label = " " * self.indent + field.label.ljust(label_width) + "  "
            beside = wrap_words(field.value, width - column)
            if beside is not None:
                yield label, beside[0], field.style
                yield from (((" " * column), rest, field.style) for rest in beside[1:])
                continue
            under = self.indent + 2
            yield label.rstrip(), "", None
            for rest in wrap_words(field.value, width - under) or [field.value]:
                yield " " * under, rest, field.style


def wrap_words(text: str, width: int) -> list[str] | None:
    """The text in lines of at most `width` cells, broken between words; None when a word
    is wider than that."""
    lines: list[str] = []
    line = ""
    for paragraph_line in text.split("\n"):
        for word in paragraph_line.split(" "):
            if cell_len(word) > width:
                return None
            if line and cell_len(line) + 1 + cell_len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        line = ""
    return lines
