"""How answers take the width they are given: the widths of a table's columns, and the
`Field  value` lines of a block, laid out at the width they are printed at.

Nothing here breaks a word: an id, a date or a figure is one word, and stands whole on a
line, beside its label where it fits and on a line of its own beneath it where it does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from bilateral.render.cells import cell_len, measure_for
from bilateral.schema.plain import Plain

if TYPE_CHECKING:  # rich draws blocks; a table's widths are reckoned without it
    from rich.console import Console, ConsoleOptions, RenderResult

GAP = 3
"""Cells between two columns of a table: a space, the rule, a space."""
SAMPLE = 200
"""Rows a layout is weighed on: enough for any table a person reads at a terminal."""
MEASURE = 30
"""The fewest cells the longest text column of a table is given: narrower, a summary
becomes a column of single words twenty lines tall, and blocks read better."""


def table_width(widths: Sequence[int]) -> int:
    return sum(widths) + GAP * (len(widths) - 1)


def column_widths(
    least: Sequence[int],
    most: Sequence[int],
    room: int,
    lengths: Sequence[Sequence[int]] = (),
) -> list[int] | None:
    """Each column's width in `room` cells, or None where the narrowest table is wider.

    A column never gets more than its longest value needs, so short columns are not
    padded. The room left over the narrowest widths goes, a cell at a time, to the column
    that makes the table shortest: `lengths` holds each row's cell widths, and a row is
    as tall as its tallest cell, so the long text columns get the room. None, too, where
    the column with the most text would get less than MEASURE cells."""
    if table_width(least) > room:
        return None
    if table_width(most) <= room:
        return list(most)
    sample = [list(row) for row in lengths[:SAMPLE]] or [list(most)]
    text = [sum(row[i] for row in sample) for i in range(len(least))]
    widths = list(least)
    for _ in range(room - table_width(least)):
        growing = [i for i in range(len(widths)) if widths[i] < most[i]]
        if not growing:
            break
        widths[_shortest(widths, growing, sample, text)] += 1
    wrapped = [i for i in range(len(widths)) if least[i] < most[i]]
    longest = max(wrapped, key=lambda i: text[i])
    return None if widths[longest] < min(most[longest], MEASURE) else widths


def header(column: str) -> str:
    return "Src" if column == "src" else column.replace("_", " ").capitalize()


def most_width(title: str, values: Iterable[str]) -> int:
    """The width at which a column shows its title and every value on one line."""
    return max([cell_len(title), *(cell_len(value) for value in values), 1])


def least_width(title: str, values: Iterable[str], whole: bool) -> int:
    """The narrowest a column can be without breaking a word of its title, a value kept
    whole (its note marks, `[a][b]`, may go beneath it), or a word of any other value."""
    pieces = [
        *title.split(),
        *(
            piece
            for value in values
            for piece in ([value.split(" [")[0]] if whole else value.split())
        ),
    ]
    return max([*map(measure_for("".join(pieces)), pieces), 1])


def _shortest(
    widths: list[int], growing: list[int], sample: list[list[int]], text: list[int]
) -> int:
    """The column whose one more cell leaves the table fewest lines tall (about: a cell
    of n cells at width w takes n / w lines); among equals, the one with most text."""

    def height(column: int) -> int:
        trial = [w + (i == column) for i, w in enumerate(widths)]
        return sum(max(-(-n // w) for n, w in zip(row, trial, strict=True)) for row in sample)

    return min(growing, key=lambda i: (height(i), -text[i] / (widths[i] * (widths[i] + 1))))


class Field(Plain):
    """A `Label  value` line, the value in `style` (rich's) where one is given."""

    __slots__ = ("label", "style", "value")

    def __init__(self, label: str, value: str, style: str | None = None) -> None:
        self.label = label
        self.value = value
        self.style = style


class Fields:
    """`Label  value` lines under an indent. A value wraps between words in the column
    beside its label; where a word will not fit there, the whole value moves beneath the
    label, indented a little, or from the left edge where a word is wider than that (an
    id of 38 characters at 40 columns); no word is ever broken."""

    def __init__(self, fields: Iterable[Field], indent: int = 0) -> None:
        self.fields = [field for field in fields if field.value]
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text  # where rich draws the blocks

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
            below = wrap_words(field.value, width - under)
            if below is None:  # a word wider than that: from the left edge, where it fits
                under, below = 0, wrap_words(field.value, width) or [field.value]
            yield label.rstrip(), "", None
            for rest in below:
                yield " " * under, rest, field.style


def wrap_words(text: str, width: int) -> list[str] | None:
    """The text in lines of at most `width` cells, broken between words; None when a word
    is wider than that."""
    lines: list[str] = []
    line = ""
    for paragraph_line in text.split("\n"):
        for word in paragraph_line.split(" "):
            if cell_len(word) > width:
                marks = _marks_in_lines(word, width)
                if marks is None:
                    return None
                if line:
                    lines.append(line)
                lines.extend(marks[:-1])
                line = marks[-1]
                continue
            if line and cell_len(line) + 1 + cell_len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        line = ""
    return lines


MARKS = r"\[?\d+(?:,\d+)+\]?"
"""A list of footnote numbers ('[41,42,43]'): the one kind of word broken, after a comma."""


def _marks_in_lines(word: str, width: int) -> list[str] | None:
    """A list of footnote numbers too wide for the width, broken after commas; None for
    any other word, or when one number will not fit."""
    if not re.fullmatch(MARKS, word) or width < 1:
        return None
    lines = [""]
    for piece in re.findall(r"[^,]+,?", word):
        if lines[-1] and cell_len(lines[-1] + piece) > width:
            lines.append("")
        if cell_len(piece) > width:
            return None
        lines[-1] += piece
    return lines
