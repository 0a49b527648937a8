"""Tables for people at a terminal, drawn with rich. Imported only when a table is drawn."""

from __future__ import annotations

import os
from typing import Any, TextIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

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
    """country start end current year reporter partner flow rank kind status value certainty
    date supports""".split()
)


def console_for(out: TextIO, terminal: bool) -> Console:
    """A console for answers; rich decides width and colour (COLUMNS, FORCE_COLOR, TERM=dumb).

    NO_COLOR and CLICOLOR=0 turn off every escape code, bold and dim included. A pipe
    is never wrapped.
    """
    plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("CLICOLOR") == "0"
    return Console(
        file=out,
        width=None if terminal else PIPE_WIDTH,
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
        markup=False,
    )


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
        lines = [f"[{number}] {label}" for label, number in self.numbers.items()]
        return Text(visible("\n".join(lines)), style="dim")


def build_table(
    rows: list[Row], listing: Listing, terminal: bool, cited: Sources | None = None
) -> tuple[Table, Footnotes, NoteMarks]:
    table = Table(
        box=box.SIMPLE_HEAD if terminal else box.ASCII,
        header_style="bold",
        show_edge=False,
        pad_edge=False,
    )
    for column in listing.table_columns:
        table.add_column(
            column.replace("_", " ").title(), overflow="fold", no_wrap=column in UNWRAPPED
        )
    table.add_column("Src", overflow="fold", style="dim")
    sources = Footnotes(cited)
    notes = NoteMarks()
    for row in rows:
        document = row.document
        for position, flat in enumerate(listing_rows(listing, document)):
            marks = ""
            if position == 0 and listing.noted and document.get("notes"):
                marks = " " + notes.mark(document["notes"], sources.mark)
            cells = [
                cell(cell_text(flat, column) + (marks if column == listing.noted else ""))
                for column in listing.table_columns
            ]
            table.add_row(*cells, Text(sources.mark(flat.get("sources") or [])))
    return table, sources, notes


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
    extras = [
        dispute_lines(documents, sources.mark),
        notes.render() if notes.letters else None,
        certainty_legend(documents) if "certainty" in listing.table_columns else None,
    ]
    parts += [Text(""), *(extra for extra in extras if extra is not None)]
    if sources.numbers:
        parts.append(sources.render())
    console_for(out, terminal).print(Group(*parts))
    return len(rows)
