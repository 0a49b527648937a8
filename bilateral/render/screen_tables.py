"""Tables for people at a terminal, drawn with rich. Imported only when a table is drawn."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, TextIO

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from bilateral.answer.dated import silence
from bilateral.answer.rows import Row
from bilateral.kinds.kind import Listing
from bilateral.render.annotations import NoteMarks, certainty_legend, dispute_lines
from bilateral.render.escapes import visible
from bilateral.render.footnotes import Footnotes, Sources
from bilateral.render.layout import SAMPLE, Field, Fields, column_widths
from bilateral.render.table_lines import fits, table_segments
from bilateral.render.views import cell_text, listing_rows

PIPE_WIDTH = 100_000
UNWRAPPED = frozenset(
    """id area commitment country start end year reporter partner flow rank kind status value
    certainty date supports when last_confirmed commitments as_of score url since stated
    standing""".split()
)
"""Columns whose values are never broken: ids, codes, dates, figures."""


def console_for(out: TextIO, terminal: bool) -> Console:
    """A console for answers; rich decides width and colour (COLUMNS, FORCE_COLOR, TERM=dumb).

    NO_COLOR and CLICOLOR=0 turn off every escape code, bold and dim included. A pipe
    is never wrapped.
    """
    plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("CLICOLOR") == "0"
    return Console(
        file=out,
        width=terminal_width() if terminal else PIPE_WIDTH,
        force_terminal=True if terminal and not plain else None,
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
        markup=False,
    )


def terminal_width() -> int | None:
    """None to let rich measure the terminal, unless $COLUMNS says 0 (or nothing a width
    can be), which rich would take as a width: then the terminal's own, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return None
    if not columns:
        return None
    import shutil  # only for a $COLUMNS that is no width

    size = shutil.get_terminal_size((80, 24)).columns
    return size if size > 0 else 80


def cell(value: str) -> Text:
    return Text(visible(value))


def build_table(
    rows: list[Row], listing: Listing, terminal: bool, cited: Sources | None = None
) -> tuple[Fitted, Footnotes, NoteMarks]:
    """The answer as a table that fits the width it is printed at, or, below the width
    where every value shows whole, as blocks (one record each)."""
    sources = Footnotes(cited)
    notes = NoteMarks()
    lines = [line for row in rows for line in _cells(row.document, listing, sources, notes)]
    columns = [*listing.table_columns, "src"]
    grid = [[*(value.plain for value in cells), marks.plain] for cells, marks in lines]
    blocks = Blocks(listing, lines)
    fitted = Fitted(
        [header(column) for column in columns],
        [[*cells, marks] for cells, marks in lines],
        [
            least_width(header(c), (row[i] for row in grid), c in UNWRAPPED)
            for i, c in enumerate(columns)
        ],
        [most_width(header(c), (row[i] for row in grid)) for i, c in enumerate(columns)],
        terminal,
        blocks,
    )
    return fitted, sources, notes


class Fitted:
    """A table laid out at the width it is printed at (see layout.column_widths), or the
    blocks that stand in for it where even its narrowest layout is wider."""

    def __init__(
        self,
        headers: list[str],
        rows: list[list[Text]],
        least: list[int],
        most: list[int],
        terminal: bool,
        narrow: RenderableType,
        title: str | None = None,
    ) -> None:
        self.headers, self.rows, self.least, self.most = headers, rows, least, most
        self.terminal, self.narrow, self.title = terminal, narrow, title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lengths = [[cell_len(value.plain) for value in row] for row in self.rows[:SAMPLE]]
        widths = column_widths(self.least, self.most, options.max_width, lengths)
        if widths is None:
            yield self.narrow
            return
        if self.title is None and fits(self.headers, self.rows, widths, options):
            dim = [title == "Src" for title in self.headers]
            yield from table_segments(self.headers, self.rows, widths, dim, self.terminal)
            return
        yield self.drawn(widths)

    def drawn(self, widths: list[int]) -> RenderableType:
        """The table as rich lays it out, for values that wrap."""
        from rich import box  # rich's Table only for a table that wraps (table_lines.py)
        from rich.table import Table

        table = Table(
            title=self.title,
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE_HEAD if self.terminal else box.ASCII,
            header_style="bold",
            show_edge=False,
            pad_edge=False,
        )
        for title, width in zip(self.headers, widths, strict=True):
            table.add_column(
                title, overflow="fold", width=width, style="dim" if title == "Src" else None
            )
        for cells in self.rows:
            table.add_row(*cells)
        return table


def most_width(title: str, values: Iterable[str]) -> int:
    """The width at which a column shows its title and every value on one line."""
    return max([cell_len(title), *(cell_len(value) for value in values), 1])


def least_width(title: str, values: Iterable[str], whole: bool) -> int:
    """The narrowest a column can be without breaking a word of its title, a value kept
    whole (its note marks, `[a][b]`, may go beneath it), or a word of any other value."""
    pieces = [
        piece for value in values for piece in ([value.split(" [")[0]] if whole else value.split())
    ]
    return max([*(cell_len(piece) for piece in (*title.split(), *pieces)), 1])


def _cells(
    document: dict[str, Any], listing: Listing, sources: Footnotes, notes: NoteMarks
) -> list[tuple[list[Text], Text]]:
    found = []
    for position, flat in enumerate(listing_rows(listing, document)):
        marks = ""
        if position == 0 and listing.noted and document.get("notes"):
            marks = " " + notes.mark(document["notes"], sources.mark)
        cells = [
            cell(cell_text(flat, column) + (marks if column == listing.noted else ""))
            for column in listing.table_columns
        ]
        found.append((cells, Text(sources.mark(flat.get("sources") or []))))
    return found


class Blocks:
    """The records as blocks, laid out only when the table does not fit."""

    def __init__(self, listing: Listing, lines: list[tuple[list[Text], Text]]) -> None:
        self.listing, self.lines = listing, lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for cells, marks in self.lines:
            yield from _block(self.listing, cells, marks)


def _block(listing: Listing, cells: list[Text], marks: Text) -> list[RenderableType]:
    """One record as lines of `Column  value` under its first column (the id; for search,
    the rank and the id), which stands whole on its own line."""
    columns = listing.table_columns
    first = [0, columns.index("id")] if columns[0] == "rank" and "id" in columns else [0]
    title = ". ".join(cells[position].plain for position in first)
    heading = Text(title, style="bold", no_wrap=True, overflow="ignore")
    fields = [
        Field(header(column), value.plain)
        for position, (column, value) in enumerate(zip(columns, cells, strict=True))
        if position not in first
    ]
    if marks.plain:
        fields.append(Field("Sources", f"[{marks.plain}]", "dim"))
    return [heading, Fields(fields, indent=2)]


def header(column: str) -> str:
    return "Src" if column == "src" else column.replace("_", " ").capitalize()


def caption(noun: str, rows: list[Row]) -> Text:
    """'Trade figures as of 2026-11-29': every table says when its answer is true."""
    as_of = rows[0].document.get("as_of") if rows else None
    title = noun[:1].upper() + noun[1:]
    return Text(f"{title} as of {as_of}" if as_of else title, style="bold")


def print_table(
    rows: list[Row], listing: Listing, out: TextIO, terminal: bool, cited: Sources | None = None
) -> int:
    if not rows:
        return 0
    table, sources, notes = build_table(rows, listing, terminal, cited)
    documents = [row.document for row in rows]
    parts: list[RenderableType] = [caption(listing.noun, rows), table]
    silent = silence(documents)
    extras = [
        Text(f"As of {documents[0]['as_of']}, {silent}.") if silent else None,
        dispute_lines(documents, sources.mark),
        notes.render() if notes.letters else None,
        certainty_legend(documents) if "certainty" in listing.table_columns else None,
    ]
    parts += [Text(""), *(extra for extra in extras if extra is not None)]
    if sources.numbers:
        parts.append(sources.render())
    print_once(Group(*parts), out, terminal)
    return len(rows)


def print_once(renderable: RenderableType, out: TextIO, terminal: bool) -> None:
    """Print an answer for people: at a terminal as rich draws it; in a pipe as plain
    text, without escapes or the blanks that pad each line to its table's width."""
    console = console_for(out, terminal)
    if terminal:
        console.print(renderable, crop=False)
        return
    with console.capture() as captured:
        console.print(renderable, crop=False)
    out.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
