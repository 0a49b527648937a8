"""Trade by year as a small chart: bars by year at a terminal (`trade --chart`), a sparkline
in the brief's text, and an inline SVG in its HTML.

Where both countries report the same goods (mirror figures, `bilateral.answer.mirrors`),
a direction of trade has two lines, the importer's report and the exporter's; every other
figure makes a line of its own reporter and flow. A range is drawn as a range: a bar to its
low end, lighter to its high end; a line through the middle of each range, with a whisker.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TextIO

from bilateral.answer.mirrors import paired_series
from bilateral.answer.rows import Document
from bilateral.schema.wording import money

SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
FLOWS = {
    "export": "Exports from {r} to {p}",
    "import": "Imports into {r} from {p}",
    "re-export": "Re-exports from {r} to {p}",
    "re-import": "Re-imports into {r} from {p}",
}
COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7030a0")


@dataclass(frozen=True)
class Point:
    year: int
    low: float
    high: float
    certainty: str

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2


@dataclass(frozen=True)
class Side:
    """One reporter's figures of one flow, by year."""

    tag: str
    """Who reported it, as a reader names them ('Azerbaijan's report')."""
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Chart:
    """One flow of trade: its title, its currency and one side per reporter."""

    title: str
    currency: str
    sides: tuple[Side, ...]

    @property
    def years(self) -> list[int]:
        return sorted({point.year for side in self.sides for point in side.points})


def charts(figures: Iterable[Document], names: Mapping[str, str]) -> list[Chart]:
    """The charts of these figures: a direction with mirror figures as one chart of two
    sides; every other reporter and flow as a chart of one side."""
    figures = list(figures)
    found: list[Chart] = []
    drawn: set[str] = set()
    for series in paired_series(figures):
        imported = [p.imported for p in series.points if p.imported]
        exported = [p.exported for p in series.points if p.exported]
        if not imported or not exported:
            continue
        importer, exporter = names.get(series.importer), names.get(series.exporter)
        sides = (
            Side(f"{importer}\u2019s report", _points(imported)),
            Side(f"{exporter}\u2019s report", _points(exported)),
        )
        currency = imported[0]["value"]["currency"]
        found.append(Chart(f"Goods from {exporter} to {importer}", currency, sides))
        drawn |= {figure["id"] for figure in (*imported, *exported)}
    groups: dict[tuple[str, str, str, str], list[Document]] = {}
    for figure in figures:
        if figure["id"] not in drawn:
            key = (figure["reporter"], figure["partner"], figure["flow"], _currency(figure))
            groups.setdefault(key, []).append(figure)
    for (reporter, partner, flow, currency), group in groups.items():
        r, p = names.get(reporter, reporter), names.get(partner, partner)
        title = FLOWS.get(flow, "Total trade of {r} with {p}").format(r=r, p=p)
        found.append(Chart(title, currency, (Side("as its sources give it", _points(group)),)))
    return found


def _currency(figure: Document) -> str:
    return str(figure["value"]["currency"])


def _points(figures: list[Document]) -> tuple[Point, ...]:
    """One point a year, the first figure of a year kept, in year order."""
    by_year: dict[int, Point] = {}
    for figure in figures:
        value = figure["value"]
        point = Point(int(figure["year"]), value["low"], value["high"], figure["certainty"])
        by_year.setdefault(point.year, point)
    return tuple(by_year[year] for year in sorted(by_year))


def reading(point: Point, currency: str) -> str:
    return money(point.low, point.high, currency)


def sparkline(side: Side, years: list[int]) -> str:
    """One character a year from the first year to the last, from the lowest figure to the
    highest, a space for a year with no figure: '▁▃ ▇'."""
    if not years:
        return ""
    middles = [point.middle for point in side.points]
    bottom, top = min(middles, default=0), max(middles, default=0)
    by_year = {point.year: point for point in side.points}
    marks = []
    for year in range(years[0], years[-1] + 1):
        point = by_year.get(year)
        share = (point.middle - bottom) / (top - bottom) if point and top > bottom else 1
        marks.append(SPARKS[round(share * (len(SPARKS) - 1))] if point else " ")
    return "".join(marks)


def summary(chart: Chart, side: Side) -> str:
    """'2003-2024, latest 2024: $1.2 million' in words a reader can check."""
    if not side.points:
        return "no figure"
    first, last = side.points[0], side.points[-1]
    years = str(first.year) if first.year == last.year else f"{first.year}-{last.year}"
    latest = f"{last.year}: {reading(last, chart.currency)}, {last.certainty}"
    return latest if first is last else f"{years}; {latest}"


def bars(found: list[Chart], width: int, ascii_only: bool) -> list[str]:
    """Bars by year, each chart under its title; both reporters' bars a year where a
    direction has mirror figures. A bar is as long as its low end ('#', '█'), then its high
    end ('+', '░'), all on one scale per chart; each figure's value and certainty beside
    it, or beneath it where the window is too narrow."""
    lines: list[str] = []
    for chart in found:
        lines += textwrap.wrap(f"{chart.title} ({chart.currency})", width, break_on_hyphens=False)
        lines += _chart_bars(chart, width, ascii_only)
        lines.append("")
    return lines[:-1]


def _chart_bars(chart: Chart, width: int, ascii_only: bool) -> list[str]:
    full, part = ("#", "+") if ascii_only else ("\u2588", "\u2591")
    tags = len(chart.sides) > 1
    tag_width = max(len(_short(side.tag)) for side in chart.sides) + 1 if tags else 0
    texts = {
        (side.tag, p.year): f"{reading(p, chart.currency)} {p.certainty}"
        for side in chart.sides
        for p in side.points
    }
    lead = 2 + 5 + tag_width
    beside = width - lead - 1 - max(map(len, texts.values())) >= 8
    room = max(4, width - lead - (1 + max(map(len, texts.values())) if beside else 0))
    top = max(point.high for side in chart.sides for point in side.points) or 1
    lines = []
    for year in chart.years:
        for index, side in enumerate(chart.sides):
            point = next((p for p in side.points if p.year == year), None)
            label = f"{year} " if index == 0 else " " * 5
            tag = _short(side.tag).ljust(tag_width) if tags else ""
            if point is None:
                lines.append(f"  {label}{tag}(none)".rstrip())
                continue
            low = round(point.low / top * room)
            high = max(low, round(point.high / top * room))
            bar = full * low + part * (high - low)
            text = texts[(side.tag, year)]
            if beside:
                lines.append(f"  {label}{tag}{bar.ljust(room)} {text}")
            else:
                lines += [f"  {label}{tag}{bar}".rstrip(), " " * lead + text]
    return lines


def chart_text(
    figures: list[Document], names: Mapping[str, str], as_of: str, out: TextIO, terminal: bool
) -> str:
    """`trade --chart`: the bars for the window (80 columns in a pipe, in plain ASCII)."""
    from bilateral.errors import NothingMatched  # only when nothing is found
    from bilateral.render.escapes import visible
    from bilateral.render.tables import console_for

    if not figures:
        raise NothingMatched("no trade figure matches; bilateral trade lists those held")
    width = console_for(out, terminal).width if terminal else 80
    legend = (
        "bars: the low end of each figure, then (+) up to its high end; one scale per chart"
        if not terminal
        else "bars: \u2588 the low end of each figure, \u2591 up to its high end; "
        "one scale per chart"
    )
    lines = [f"Trade by year as of {as_of}", *textwrap.wrap(legend, width), ""]
    lines += bars(charts(figures, names), width, ascii_only=not terminal)
    lines += ["", *textwrap.wrap("Figures, their notes and sources: bilateral trade", width)]
    text = "\n".join(line.rstrip() for line in lines) + "\n"
    return visible(text) if terminal else text


def _short(tag: str) -> str:
    """'Azerbaijan's report' as 'Azerbaijan'."""
    return tag.split("\u2019", maxsplit=1)[0]


def svg(found: list[Chart], width: int = 300, height: int = 70) -> str:
    """One small inline SVG per chart, side by side: a line per reporter through the middle
    of each year's range, a whisker from low to high, the first and last years and the
    highest figure written on it."""
    return "".join(_one_svg(chart, width, height) for chart in found)


def _one_svg(chart: Chart, width: int, height: int) -> str:
    years = chart.years
    top = max(point.high for side in chart.sides for point in side.points) or 1
    left, right, upper, lower = 4, width - 4, 14, height - 14
    span = max(1, years[-1] - years[0])

    def x(year: int) -> float:
        share = 0.5 if len(years) == 1 else (year - years[0]) / span
        return round(left + share * (right - left), 1)

    def y(value: float) -> float:
        return round(lower - value / top * (lower - upper), 1)

    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img">',
        f"<title>{_text(chart.title)}</title>",
        f'<line x1="{left}" y1="{lower}" x2="{right}" y2="{lower}" stroke="#999"/>',
    ]
    for index, side in enumerate(chart.sides):
        colour = COLOURS[index % len(COLOURS)]
        line = " ".join(f"{x(p.year)},{y(p.middle)}" for p in side.points)
        dash = ' stroke-dasharray="3,2"' if index else ""
        parts.append(f'<polyline points="{line}" fill="none" stroke="{colour}"{dash}/>')
        for p in side.points:
            parts.append(
                f'<line x1="{x(p.year)}" y1="{y(p.low)}" x2="{x(p.year)}" y2="{y(p.high)}" '
                f'stroke="{colour}"/><circle cx="{x(p.year)}" cy="{y(p.middle)}" r="2" '
                f'fill="{colour}"/>'
            )
    if len(years) == 1:
        parts.append(
            f'<text x="{x(years[0])}" y="{height - 2}" font-size="9" '
            f'text-anchor="middle">{years[0]}</text>'
        )
    else:
        parts.append(f'<text x="{left}" y="{height - 2}" font-size="9">{years[0]}</text>')
        parts.append(
            f'<text x="{right}" y="{height - 2}" font-size="9" text-anchor="end">{years[-1]}</text>'
        )
    parts += [
        f'<text x="{left}" y="10" font-size="9">{_text(money(top, top, chart.currency))} '
        "at the top</text>",
        "</svg>",
    ]
    return "".join(parts)


def _text(value: str) -> str:
    return html.escape(value, quote=True)
