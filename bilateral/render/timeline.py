"""`timeline` for people: roles as bars across the years, events as marks, the date asked as
a line, fitted to the terminal's width."""

from __future__ import annotations

import datetime
from typing import Any, TextIO

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bilateral.answer.dated import as_of as when
from bilateral.answer.rows import Row
from bilateral.render.escapes import visible
from bilateral.render.footnotes import Footnotes, Sources
from bilateral.render.listing_table import caption
from bilateral.render.screen_tables import console_for, print_once
from bilateral.schema import dates

LABEL_SHARE = 0.4
BAR_STYLES = {"held": "green", "ended": "blue", "not-started": "dim", "unknown": "yellow"}
DRAWN = {"bar": "━", "unknown": "┄", "event": "◆", "date": "│"}
PLAIN = {"bar": "=", "unknown": ".", "event": "*", "date": "|"}
"""The picture's marks at a terminal, and in plain ASCII (a pipe), where held and ended
roles cannot be told by colour and so by their status."""
PLAIN_BARS = {"held": "=", "ended": "-", "not-started": "_", "unknown": "="}
LEGEND = "bars: roles (green held, blue ended, yellow not known); ◆ events; │ the date"
PLAIN_LEGEND = (
    "bars: roles (= held, - ended, . not known after the last confirmation); * events; | the date"
)


def print_timeline(
    rows: list[Row],
    out: TextIO,
    terminal: bool,
    cited: Sources | None = None,
    period: tuple[str | None, str | None] = (None, None),
) -> None:
    """The picture; with a `period` (--from, --to), the axis spans that period alone."""
    console = console_for(out, terminal)
    width = console.width if terminal else 100
    entries = [row.document for row in rows]
    first, last = _span(entries, period)
    chart = max(10, width - int(width * LABEL_SHARE) - 12)
    as_of = datetime.date.fromisoformat(entries[0]["as_of"])
    notes = Footnotes(cited)
    table = Table.grid(padding=(0, 1))
    table.add_column(overflow="fold", ratio=None, max_width=int(width * LABEL_SHARE))
    table.add_column(no_wrap=True)
    table.add_column(style="dim", no_wrap=True)
    marks = DRAWN if terminal else PLAIN
    for entry in entries:
        bar = _bar(entry, first, last, chart, as_of, marks)
        table.add_row(Text(visible(entry["label"])), bar, Text(notes.mark(entry["sources"])))
    table.add_row(Text(""), _axis(first, last, chart), Text(""))
    parts: list[RenderableType] = [
        caption("timeline", rows).renderable(),
        Text(LEGEND if terminal else PLAIN_LEGEND, "dim"),
        table,
    ]
    if notes.numbers:
        parts += [Text(""), notes.render()]
    print_once(Group(*parts), out, terminal)


def _span(
    entries: list[dict[str, Any]], period: tuple[str | None, str | None]
) -> tuple[datetime.date, datetime.date]:
    """The axis: the period asked where one end is given, else whole years from the first
    start to the last end or the date, whichever is later."""
    starts = [dates.earliest(e["start"]) for e in entries]
    ends = [dates.latest(e["end"] or e.get("last_confirmed") or e["start"]) for e in entries]
    as_of = datetime.date.fromisoformat(entries[0]["as_of"])
    first = datetime.date(min(starts).year, 1, 1)
    last = datetime.date(max([*ends, as_of]).year, 12, 31)
    start, end = period
    if start:
        first = dates.earliest(start)
    if end:
        last = when(end).day
    return first, max(first, last)


def _column(day: datetime.date, first: datetime.date, last: datetime.date, chart: int) -> int:
    share = (day - first).days / max(1, (last - first).days)
    return min(chart - 1, max(0, int(share * chart)))


def _bar(
    entry: dict[str, Any],
    first: datetime.date,
    last: datetime.date,
    chart: int,
    as_of: datetime.date,
    marks: dict[str, str],
) -> Text:
    cells = [" "] * chart
    styles = [""] * chart
    start = _column(dates.earliest(entry["start"]), first, last, chart)
    if entry["kind"] == "event":
        cells[start], styles[start] = marks["event"], "bold"
    else:
        known_end = entry["end"] or entry.get("last_confirmed") or entry["start"]
        stop = _column(dates.latest(known_end), first, last, chart)
        style = BAR_STYLES.get(entry["status"] or "", "")
        bar = marks["bar"] if marks is DRAWN else PLAIN_BARS.get(entry["status"] or "", "=")
        for position in range(start, stop + 1):
            cells[position], styles[position] = bar, style
        if not entry["end"]:
            for position in range(stop + 1, _column(min(as_of, last), first, last, chart) + 1):
                cells[position], styles[position] = marks["unknown"], BAR_STYLES["unknown"]
    line = _column(as_of, first, last, chart)
    if cells[line] == " " and first <= as_of <= last:
        cells[line], styles[line] = marks["date"], "red"
    text = Text()
    for character, style in zip(cells, styles, strict=True):
        text.append(character, style=style or None)
    return text


def _axis(first: datetime.date, last: datetime.date, chart: int) -> Text:
    """Years under the bars, or months (2004-07) for a period of three years or less, as
    many as fit with a space between."""
    cells = [" "] * chart
    for day, label in _ticks(first, last):
        position = _column(day, first, last, chart)
        free = cells[max(0, position - 1) : position + len(label) + 1]
        if position + len(label) <= chart and all(c == " " for c in free):
            cells[position : position + len(label)] = label
    return Text("".join(cells), style="dim")


def _ticks(first: datetime.date, last: datetime.date) -> list[tuple[datetime.date, str]]:
    if (last - first).days > 3 * 366:
        return [
            (datetime.date(year, 1, 1), str(year))
            for year in range(first.year, last.year + 1)
            if datetime.date(year, 1, 1) >= first or year == first.year
        ]
    months = []
    year, month = first.year, first.month
    while datetime.date(year, month, 1) <= last:
        months.append((max(first, datetime.date(year, month, 1)), f"{year}-{month:02d}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
