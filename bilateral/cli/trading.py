"""`trade`: trade figures, each a range, beside its mirror; the chart is handoff.py's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

import click

from bilateral.cli.answering import (
    Cited,
    Settings,
    answer,
)
from bilateral.cli.options import (
    Command,
    Vocabulary,
    as_of_option,
    complete_countries,
    output_options,
    pair_option,
    readable_option,
)

if TYPE_CHECKING:
    from bilateral.api import Base, Row


@click.command(cls=Command, short_help="Trade figures; a range stays a range")
@click.option("--year", type=click.IntRange(1800, 2200), help="Only figures for this year.")
@click.option(
    "--flow", type=Vocabulary("flow"), help="export, import, total, re-export or re-import."
)
@click.option(
    "--reporter",
    metavar="CC",
    shell_complete=complete_countries,
    callback=readable_option,
    help="Reporting country.",
)
@click.option(
    "--chart",
    is_flag=True,
    help="Trade by year as bars, both countries' reports side by side where they mirror "
    "each other.",
)
@pair_option
@output_options
@as_of_option
@click.pass_obj
def trade(
    settings: Settings,
    year: int | None,
    flow: str | None,
    reporter: str | None,
    chart: bool,
    pair: str | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """Trade figures. A range prints as a range ($25,000-30,000), never as one number,
    and a rounded figure as the range it stands for ($1.1 million: $1,050,000-1,150,000).
    A country's reported statistic (imported from UN Comtrade) stands beside its mirror,
    the partner's report of the same goods, with the gap between them: A's imports from
    B and B's exports to A make one row.

    \b
    How sure each figure is (the certainty column), surest first:
      reported   official statistics, exact, as a country reported them
      stated     the source says it
      inferred   a reading of what the source says; its note says how
      derived    computed from figures the sources state
      uncertain  doubtful; its note says why

    \b
    Example:
        bilateral trade --year 2003 --flow export
        bilateral trade --chart
    """
    chosen: dict[str, Any] = {"year": year, "flow": flow, "reporter": reporter, "pair": pair}
    if chart:
        from bilateral.cli.handoff import trade_chart  # the chart's command alone

        return trade_chart(settings, chosen, fmt is not None or as_json)

    def nothing(base: Base) -> str:
        years = base.trade_years()
        held = ", ".join(str(y) for y in years) if years else "none"
        return f"no trade figure matches; the base holds figures for: {held}"

    def table(rows: list[Row], out: TextIO, terminal: bool, cited: Cited) -> None:
        from bilateral.render.tradeview import trade_table  # rich, only when a table is drawn

        trade_table(rows, out, terminal, cited)

    trade_figures = lambda base: base.trade(**chosen)  # noqa: E731
    answer(settings, trade_figures, "trade", fmt, as_json, nothing, table, pair=pair)
