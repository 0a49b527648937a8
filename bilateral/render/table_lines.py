"""A table whose every value fits its column on one line, drawn as the segments rich's
Table draws for it (the same bytes), without laying it out through rich's Table: that
costs a tenth of a second for a table of a hundred rows, and importing rich.table costs
more than drawing this way. Anything else (a value that wraps, a narrow or ASCII-only
terminal) is drawn by rich's Table (screen_tables.Fitted)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.console import ConsoleOptions
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from bilateral.render.layout import table_width

BOLD = Style(bold=True)
DIM = Style(dim=True)
PLAIN = Style()
RULES = {False: ("|", "-", "+"), True: (" ", "\u2500", "\u2500")}
"""Per box (terminal: rich's SIMPLE_HEAD, else ASCII) as drawn without its edge: the rule
between columns, and the line under the header and where it crosses a column rule."""


def fits(
    headers: Sequence[str],
    rows: Sequence[Sequence[Text]],
    widths: Sequence[int],
    options: ConsoleOptions,
) -> bool:
    """Whether every title and value is plain text on one line within its column, and the
    table within the width, on a console that draws rich's boxes as they are."""
    if options.ascii_only or options.legacy_windows:
        return False
    if table_width(widths) > options.max_width:
        return False
    if not all(
        title.isprintable() and cell_len(title) <= width
        for title, width in zip(headers, widths, strict=True)
    ):
        return False
    return all(
        not value.spans
        and not value.style
        and value.plain.isprintable()
        and cell_len(value.plain) <= width
        for row in rows
        for value, width in zip(row, widths, strict=True)
    )


def table_segments(
    headers: Sequence[str],
    rows: Sequence[Sequence[Text]],
    widths: Sequence[int],
    dim: Sequence[bool],
    terminal: bool,
) -> Iterator[Segment]:
    """The header in bold, the rule beneath it, then a line a row; `dim` marks the
    columns drawn dim (as rich's column style, not applied to the header)."""
    rule, across, cross = RULES[terminal]
    divider = Segment(rule, PLAIN)
    yield from _line(headers, widths, [BOLD] * len(widths), [BOLD] * len(widths), divider)
    last = len(widths) - 1
    padded = [width + (i > 0) + (i < last) for i, width in enumerate(widths)]
    yield Segment(cross.join(across * width for width in padded), PLAIN)
    yield Segment.line()
    texts: list[Style | None] = [DIM if d else None for d in dim]
    pads = [DIM if d else PLAIN for d in dim]
    for row in rows:
        yield from _line([value.plain for value in row], widths, texts, pads, divider)


def _line(
    values: Sequence[str],
    widths: Sequence[int],
    texts: Sequence[Style | None],
    pads: Sequence[Style],
    divider: Segment,
) -> Iterator[Segment]:
    last = len(widths) - 1
    for i, (value, width) in enumerate(zip(values, widths, strict=True)):
        if i:
            yield Segment(" ", pads[i])
        yield Segment(value + " " * (width - cell_len(value)), texts[i])
        if i < last:
            yield Segment(" ", pads[i])
            yield divider
    yield Segment.line()
