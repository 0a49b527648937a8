"""Tables for people at a terminal, drawn with rich. Imported only when a table is drawn."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from bilateral.answer.dating import silence
from bilateral.answer.rows import Row
from bilateral.kinds.kind import Listing
from bilateral.render.annotations import NoteMarks, certainty_legend, dispute_lines
from bilateral.render.escapes import visible
from bilateral.render.views import cell_text, listing_rows
from bilateral.schema.wording import full_citation

PIPE_WIDTH = 100_000
Sources = dict[str, dict[str, Any]]
"""Source records by id, for footnotes a reader can follow."""
UNWRAPPED = frozenset(
    """id area commitment country start end year reporter partner flow rank kind status value
    certainty date supports when last_confirmed commitments as_of score url since stated
    standing""".split()
)
"""Columns whose values are never broken: ids, codes, dates, figures."""
PROSE = frozenset("summary claim text label title name by participants about".split())
"""Columns that take the room left and wrap between words."""


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


class Footnotes:
    """Numbers each distinct citation once, in order of first use."""

    def __init__(self, sources: Sources | None = None) -> None:
        self.numbers: dict[str, int] = {}
        self.sources = sources or {}

    def mark(self, cited: list[dict[str, Any]]) -> str:
        marks = []
        for cite in cited:
            label = full_citation(cite, self.sources.get(cite["source"]))
            marks.append(str(self.numbers.setdefault(label, len(self.numbers) + 1)))
        return ",".join(dict.fromkeys(marks))

    def render(self) -> Text:
        """One line each, never wrapped: an address must stay whole to be copied."""
        lines = [f"[{number}] {label}" for label, number in self.numbers.items()]
        return Text(visible("\n".join(lines)), style="dim", no_wrap=True, overflow="ignore")


def build_table(
    rows: list[Row], listing: Listing, terminal: bool, cited: Sources | None = None
) -> tuple[Table, Group, int, Footnotes, NoteMarks]:
    """The answer as a table, the least width at which it shows every value whole, and
    the same answer as blocks (one record each) for screens narrower than that."""
    sources = Footnotes(cited)
    notes = NoteMarks()
    lines = [line for row in rows for line in _cells(row.document, listing, sources, notes)]
    columns = [*listing.table_columns, "src"]
    least = [
        least_width(
            header(column),
            ([*cells, marks][i].plain for cells, marks in lines),
            column in UNWRAPPED,
        )
        for i, column in enumerate(columns)
    ]
    table = Table(
        box=box.SIMPLE_HEAD if terminal else box.ASCII,
        header_style="bold",
        show_edge=False,
        pad_edge=False,
    )
    for column, width in zip(columns, least, strict=True):
        table.add_column(
            header(column),
            overflow="fold",
            no_wrap=column in UNWRAPPED,
            min_width=width,
            ratio=1 if column in PROSE else None,
            style="dim" if column == "src" else None,
        )
    for cells, marks in lines:
        table.add_row(*cells, marks)
    blocks = Group(*(part for cells, marks in lines for part in _block(listing, cells, marks)))
    return table, blocks, sum(least) + 3 * (len(least) - 1), sources, notes


def least_width(title: str, values: Iterable[str], whole: bool) -> int:
    """The narrowest a column can be without breaking a word of its title, a value kept
    whole, or a word of any other value."""
    pieces = [piece for value in values for piece in ([value] if whole else value.split())]
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


def _block(listing: Listing, cells: list[Text], marks: Text) -> list[RenderableType]:
    """One record as lines of `Column  value` under its first column (the id), which is
    never broken."""
    heading = Text(cells[0].plain, style="bold", no_wrap=True, overflow="ignore")
    fields = Table.grid(padding=(0, 2), pad_edge=True)
    fields.add_column(no_wrap=True, style="bold")
    fields.add_column(overflow="fold")
    for column, value in zip(listing.table_columns[1:], cells[1:], strict=True):
        if value.plain:
            fields.add_row(Text(f"  {header(column)}"), value)
    if marks.plain:
        fields.add_row(Text("  Sources"), Text(f"[{marks.plain}]", style="dim"))
    return [heading, fields]


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
    table, blocks, least, sources, notes = build_table(rows, listing, terminal, cited)
    console = console_for(out, terminal)
    documents = [row.document for row in rows]
    parts: list[RenderableType] = [caption(listing.noun, rows)]
    parts.append(table if least <= console.width else blocks)
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
    console.print(Group(*parts), crop=False)
    return len(rows)
