"""A listing as a table for people: its caption, the table (or, where even its narrowest
layout is too wide, a block a record), what the sources dispute, the notes, the certainty
legend and the footnotes. Written without rich where every part can be (plain_text.py);
rich draws the rest (screen_tables.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from bilateral.answer.dated import silence
from bilateral.answer.rows import Row
from bilateral.kinds.kind import Listing
from bilateral.render.annotations import NoteMarks, certainty_legend, dispute_lines
from bilateral.render.cells import cell_len, measure_for
from bilateral.render.escapes import visible
from bilateral.render.footnotes import Footnotes, Sources
from bilateral.render.layout import SAMPLE, column_widths, header, least_width
from bilateral.render.plain_text import Part, Words, print_parts, styled
from bilateral.render.screen import Screen
from bilateral.render.table_lines import RULES, fits
from bilateral.render.views import cell_text, listing_rows

if TYPE_CHECKING:
    from rich.console import RenderableType

UNWRAPPED = frozenset(
    """id area commitment country start end year reporter partner flow rank kind status value
    certainty date supports when last_confirmed commitments as_of score url since stated
    standing""".split()
)
"""Columns whose values are never broken: ids, codes, dates, figures."""


class ListingTable:
    """The table of a listing: a row of cells and its source marks for each line."""

    def __init__(self, listing: Listing, lines: list[list[str]], terminal: bool) -> None:
        self.listing, self.lines, self.terminal = listing, lines, terminal
        columns = [*listing.table_columns, "src"]
        self.headers = [header(column) for column in columns]
        self.lengths = [_cells(line) for line in lines]
        self.least = [
            least_width(header(c), (row[i] for row in lines), c in UNWRAPPED)
            for i, c in enumerate(columns)
        ]
        self.most = [
            max(cell_len(title), *(row[i] for row in self.lengths), 1)
            for i, title in enumerate(self.headers)
        ]

    def text(self, screen: Screen) -> str | None:
        """As screen_tables.Fitted draws the table where every value fits its column."""
        widths = column_widths(self.least, self.most, screen.width, self.lengths[:SAMPLE])
        if widths is None or not fits(self.headers, self.lines, widths, screen.width, self.lengths):
            return None
        dim = [title == "Src" for title in self.headers]
        return table_text(
            self.headers, self.lines, widths, dim, self.lengths, self.terminal, screen.color
        )

    def renderable(self) -> RenderableType:
        from rich.text import Text  # rich lays out a table that does not fit as it is

        from bilateral.render.screen_tables import Blocks, Fitted  # as above

        cells = [[Text(value) for value in line] for line in self.lines]
        blocks = Blocks(self.listing, [(line[:-1], line[-1]) for line in cells])
        return Fitted(self.headers, cells, self.least, self.most, self.terminal, blocks)


def table_text(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    dim: Sequence[bool],
    lengths: Sequence[Sequence[int]],
    terminal: bool,
    color: bool,
) -> str:
    """What plain_text.rendered writes for table_pieces, a line at a time (a piece at a
    time costs a hundred rows a few milliseconds); `lengths` holds each value's cells."""
    rule, across, cross = RULES[terminal]
    last = len(widths) - 1
    padded = [width + (i > 0) + (i < last) for i, width in enumerate(widths)]
    titles = [cell_len(title) for title in headers]
    written = [_text_line(headers, titles, widths, ["bold"] * len(widths), rule, color)]
    written.append(cross.join(across * width for width in padded) + "\n")
    styles = ["dim" if d and color else None for d in dim]
    written += [
        _text_line(row, sizes, widths, styles, rule, color)
        for row, sizes in zip(rows, lengths, strict=True)
    ]
    return "".join(written)


def _text_line(
    values: Sequence[str],
    sizes: Sequence[int],
    widths: Sequence[int],
    styles: Sequence[str | None],
    rule: str,
    color: bool,
) -> str:
    last = len(widths) - 1
    line = []
    for i, value in enumerate(values):
        style = styles[i]
        space = styled(" ", style, color)
        cell = value + " " * (widths[i] - sizes[i])
        line.append(
            (space if i else "")
            + (styled(cell, style, color) if style else cell)
            + (space + rule if i < last else "")
        )
    line.append("\n")
    return "".join(line)


def _lines(
    document: dict[str, Any], listing: Listing, sources: Footnotes, notes: NoteMarks
) -> list[list[str]]:
    """A record's table lines: its cells, then the numbers of the sources each cites."""
    found = []
    for position, flat in enumerate(listing_rows(listing, document)):
        marks = ""
        if position == 0 and listing.noted and document.get("notes"):
            marks = " " + notes.mark(document["notes"], sources.mark)
        cells = [
            visible(cell_text(flat, column) + (marks if column == listing.noted else ""))
            for column in listing.table_columns
        ]
        found.append([*cells, sources.mark(flat.get("sources") or [])])
    return found


def _cells(values: list[str]) -> list[int]:
    """Each value's width in cells."""
    return list(map(measure_for("".join(values)), values))


def caption(noun: str, rows: list[Row]) -> Words:
    """'Trade figures as of 2026-11-29': every table says when its answer is true."""
    as_of = rows[0].document.get("as_of") if rows else None
    title = noun[:1].upper() + noun[1:]
    return Words(f"{title} as of {as_of}" if as_of else title, style="bold")


def print_table(
    rows: list[Row], listing: Listing, out: TextIO, terminal: bool, cited: Sources | None = None
) -> int:
    if not rows:
        return 0
    sources = Footnotes(cited)
    notes = NoteMarks()
    lines = [line for row in rows for line in _lines(row.document, listing, sources, notes)]
    documents = [row.document for row in rows]
    parts: list[Part] = [caption(listing.noun, rows), ListingTable(listing, lines, terminal)]
    silent = silence(documents)
    extras = [
        Words(f"As of {documents[0]['as_of']}, {silent}.") if silent else None,
        dispute_lines(documents, sources.mark),
        notes.render() if notes.letters else None,
        certainty_legend(documents) if "certainty" in listing.table_columns else None,
    ]
    parts += [Words(""), *(extra for extra in extras if extra is not None)]
    if sources.numbers:
        parts.append(sources.render())
    print_parts(parts, out, terminal)
    return len(rows)
