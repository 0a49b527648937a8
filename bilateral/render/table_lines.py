"""A table whose every value fits its column on one line, drawn as the segments rich's
Table draws for it (the same bytes), without laying it out through rich's Table: that
costs a tenth of a second for a table of a hundred rows, and importing rich.table costs
more than drawing this way. Anything else (a value that wraps, a narrow or ASCII-only
terminal) is drawn by rich's Table (screen_tables.Fitted).

Pieces are (text, style) pairs, the style a name in plain_text.SGR or None: written as
text by plain_text.rendered, or as rich's segments by screen_tables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from bilateral.render.cells import cell_len
from bilateral.render.layout import table_width

Piece = tuple[str, str | None]
RULES = {False: ("|", "-", "+"), True: (" ", "\u2500", "\u2500")}
"""Per box (terminal: rich's SIMPLE_HEAD, else ASCII) as drawn without its edge: the rule
between columns, and the line under the header and where it crosses a column rule."""
LINE = ("\n", None)


def fits(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    room: int,
    lengths: Sequence[Sequence[int]] | None = None,
) -> bool:
    """Whether every title and value is printable text on one line within its column, and
    the table within `room` cells; `lengths`, where given, holds each value's cells."""
    if table_width(widths) > room:
        return False
    if not all(
        title.isprintable() and cell_len(title) <= width
        for title, width in zip(headers, widths, strict=True)
    ):
        return False
    if lengths is not None:
        return all(value.isprintable() for row in rows for value in row) and all(
            size <= width for row in lengths for size, width in zip(row, widths, strict=True)
        )
    return all(
        value.isprintable() and cell_len(value) <= width
        for row in rows
        for value, width in zip(row, widths, strict=True)
    )


def table_pieces(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    dim: Sequence[bool],
    terminal: bool,
) -> Iterator[Piece]:
    """The header in bold, the rule beneath it, then a line a row; `dim` marks the
    columns drawn dim (as rich's column style, not applied to the header)."""
    rule, across, cross = RULES[terminal]
    divider = (rule, None)
    yield from _line(headers, widths, ["bold"] * len(widths), ["bold"] * len(widths), divider)
    last = len(widths) - 1
    padded = [width + (i > 0) + (i < last) for i, width in enumerate(widths)]
    yield cross.join(across * width for width in padded), None
    yield LINE
    styles = ["dim" if d else None for d in dim]
    for row in rows:
        yield from _line(row, widths, styles, styles, divider)


def _line(
    values: Sequence[str],
    widths: Sequence[int],
    texts: Sequence[str | None],
    pads: Sequence[str | None],
    divider: Piece,
) -> Iterator[Piece]:
    last = len(widths) - 1
    for i, (value, width) in enumerate(zip(values, widths, strict=True)):
        if i:
            yield " ", pads[i]
        yield value + " " * (width - cell_len(value)), texts[i]
        if i < last:
            yield " ", pads[i]
            yield divider
    yield LINE
