"""Pictures that read at a glance: the timeline zoomed to the period asked, with short
labels and the date line, and trade by year as bars (`trade --chart`), both countries'
reports side by side where figures mirror, on a small base for exact output."""

from __future__ import annotations

import os
from pathlib import Path

from bilateral.render.tradechart import Chart, Point, Side, bars, sparkline, svg
from tests.conftest import run, run_in_terminal

CHARTS = Path(__file__).resolve().parent / "data" / "charts.toml"


def test_the_timeline_zooms_to_the_period_asked() -> None:
    common = ("--facts", str(CHARTS), "--as-of", "2004-07-28", "timeline", "--format", "table")
    zoomed = run(*common, "--from", "2004-06", "--to", "2004-08").stdout
    assert zoomed == ZOOMED
    whole = run(*common).stdout
    assert "1991" in whole.splitlines()[-4]  # the years of the whole base
    marks = [line.index("*") for line in whole.splitlines() if "*" in line and "bars" not in line]
    assert marks[1] == marks[2]  # 8 and 20 July share a column across 22 years ...
    zoom_marks = [line.index("*") for line in zoomed.splitlines()[2:] if line.count("*") == 1]
    assert zoom_marks[0] < zoom_marks[1]  # ... and not across three months


ZOOMED = """\
Timeline as of 2004-07-28
bars: roles (= held, - ended, . not known after the last confirmation); * events; | the date
Safar Abiyev: Minister of Defence        ================================================ 1
Pakistan's visit to Baku, 8 July 2004                       *          |                  2
Meeting of Safar Abiyev and Pakistan, 20                          *    |                  2
July 2004
                                         2004-06        2004-07          2004-08

[1] Background Reference (background)
[2] Test Publisher, 2004-07-28, \u00b62.1 (article)
"""


def test_the_date_line_is_drawn_only_inside_the_period() -> None:
    common = ("--facts", str(CHARTS), "--as-of", "2004-07-28", "timeline", "--format", "table")
    before = run(*common, "--from", "2004-06", "--to", "2004-07-15").stdout
    drawn = [line for line in before.splitlines()[2:] if line.startswith(("Safar", "Pakistan"))]
    assert drawn
    assert not any("|" in line for line in drawn)


def test_trade_chart_bars_both_reports_where_figures_mirror() -> None:
    result = run("--facts", str(CHARTS), "--as-of", "2024", "trade", "--chart")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == TRADE_CHART


TRADE_CHART = """\
Trade by year as of 2024-12-31
bars: the low end of each figure, then (+) up to its high end; one scale per
chart

Goods from Pakistan to Azerbaijan (USD)
  2019 Azerbaijan ######################################### $12,000,000 reported
       Pakistan   ###############################           $9,000,000 reported
  2020 Azerbaijan ####################                      $6,000,000 reported
       Pakistan   (none)

Exports from Azerbaijan to Pakistan (USD)
  2003 ##########################################+++++++++ $25,000-30,000 stated

Figures, their notes and sources: bilateral trade
"""


def test_trade_chart_takes_the_listing_filters_and_no_format() -> None:
    common = ("--facts", str(CHARTS), "--as-of", "2024", "trade", "--chart")
    assert "Exports from" not in run(*common, "--year", "2019").stdout
    assert run(*common, "--year", "1999").exit_code == 1
    clash = run(*common, "--json")
    assert clash.exit_code == 2
    assert "--chart draws bars; it takes no --format or --json" in clash.stderr


def test_trade_chart_at_a_terminal_is_drawn_in_blocks_within_the_width() -> None:
    env = {**os.environ, "COLUMNS": "40", "NO_COLOR": "1", "TERM": "xterm"}
    args = ["--no-cache", "--facts", str(CHARTS), "--as-of", "2024", "trade", "--chart"]
    shown = run_in_terminal(args, env).replace("\r\n", "\n")
    assert "\u2588" in shown
    assert "#" not in shown
    assert all(len(line) <= 40 for line in shown.splitlines())
    assert "$12,000,000 reported" in shown


def test_a_range_is_drawn_as_a_range() -> None:
    chart = Chart("T", "USD", (Side("A\u2019s figure", (Point(2003, 50, 100, "stated"),)),))
    [_, line] = bars([chart], 40, ascii_only=True)
    assert line.count("#") * 2 == line.count("#") + line.count("+")  # low half, high half


def test_sparklines_and_svg_lines_for_each_reporter() -> None:
    points = tuple(Point(year, v, v, "reported") for year, v in ((2001, 1), (2002, 5), (2004, 9)))
    side = Side("A\u2019s report", points)
    assert sparkline(side, [2001, 2004]) == "\u2581\u2585 \u2588"  # a gap for 2003
    chart = Chart("Goods", "USD", (side, Side("B\u2019s report", points[:2])))
    drawn = svg([chart])
    assert drawn.count("<polyline") == 2
    assert "<title>Goods</title>" in drawn
