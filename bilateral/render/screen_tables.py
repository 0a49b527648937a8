"""Tables for people at a terminal, drawn with rich: a table whose values wrap, the blocks
that stand in for a table too wide for the screen, and every answer that plain_text.py
does not write itself. Imported only when rich draws."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from bilateral.kinds.kind import Listing
from bilateral.render.cells import cell_len
from bilateral.render.layout import SAMPLE, Field, Fields, column_widths, header
from bilateral.render.screen import PIPE_WIDTH, plain_wanted, terminal_width
from bilateral.render.table_lines import fits, table_pieces

STYLES = {"bold": Style(bold=True), "dim": Style(dim=True)}


def console_for(out: TextIO, terminal: bool) -> Console:
    """A console for answers; rich decides width and colour (COLUMNS, FORCE_COLOR, TERM=dumb).

    NO_COLOR and CLICOLOR=0 turn off every escape code, bold and dim included. A pipe
    is never wrapped. screen.screen_for decides as this console does, without rich.
    """
    plain = plain_wanted()
    return Console(
        file=out,
        width=terminal_width() if terminal else PIPE_WIDTH,
        force_terminal=True if terminal and not plain else None,
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
        markup=False,
    )


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
        if self.title is None and fits_plainly(self.headers, self.rows, widths, options):
            dim = [title == "Src" for title in self.headers]
            plain = [[value.plain for value in row] for row in self.rows]
            for text, style in table_pieces(self.headers, plain, widths, dim, self.terminal):
                yield Segment(text, STYLES[style] if style else None)
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


def fits_plainly(
    headers: list[str], rows: list[list[Text]], widths: list[int], options: ConsoleOptions
) -> bool:
    """Whether table_lines draws the table as rich's Table would: plain values that fit,
    on a console that draws rich's boxes as they are."""
    if options.ascii_only or options.legacy_windows:
        return False
    if any(value.spans or value.style for row in rows for value in row):
        return False
    plain = [[value.plain for value in row] for row in rows]
    return fits(headers, plain, widths, options.max_width)


class Blocks:
    """The records as blocks, laid out only when the table does not fit."""

    def __init__(self, listing: Listing, lines: list[tuple[list[Text], Text]]) -> None:
        self.listing, self.lines = listing, lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for cells, marks in self.lines:
            yield from _block(self.listing, cells, marks)


class Title:
    """A block's first line: its id, or a search hit's rank and id ("5. an-id"), the two on
    lines of their own where together they are wider than the screen; neither is broken."""

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        joined = ". ".join(self.parts)
        lines = [joined] if cell_len(joined) <= options.max_width else self._apart()
        for line in lines:
            yield Text(line, style="bold", no_wrap=True, overflow="ignore")

    def _apart(self) -> list[str]:
        return [f"{part}." for part in self.parts[:-1]] + self.parts[-1:]


def _block(listing: Listing, cells: list[Text], marks: Text) -> list[RenderableType]:
    """One record as lines of `Column  value` under its first column (the id; for search,
    the rank and the id), which stands whole on its own line."""
    columns = listing.table_columns
    first = [0, columns.index("id")] if columns[0] == "rank" and "id" in columns else [0]
    heading = Title([cells[position].plain for position in first])
    fields = [
        Field(header(column), value.plain)
        for position, (column, value) in enumerate(zip(columns, cells, strict=True))
        if position not in first
    ]
    if marks.plain:
        fields.append(Field("Sources", f"[{marks.plain}]", "dim"))
    return [heading, Fields(fields, indent=2)]


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
