"""Commands that hand the base on: `brief` and `graph` (and `export`, in its own module)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from bilateral.cli.answering import Settings, answer_text
from bilateral.cli.options import (
    as_of_option,
    complete_names,
    every_pair_option,
    pair_option,
    readable_option,
)

if TYPE_CHECKING:
    from bilateral.api import Base

__all__ = ["brief", "graph"]

BRIEF_FORMATS = ("markdown", "html")
GRAPH_FORMATS = ("dot", "mermaid", "tree")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(BRIEF_FORMATS),
    help="markdown (pandoc footnotes) or html (one self-contained page). Default: laid out "
    "for reading at a terminal, markdown in a pipe.",
)
@click.option(
    "--since",
    metavar="DATE",
    help="Say what changed from this date to the note's date (default: a year before it).",
)
@pair_option
@as_of_option
@click.pass_obj
def brief(settings: Settings, fmt: str | None, since: str | None, pair: str | None) -> None:
    """A one-page briefing note on a pair of countries as of a date.

    The relationship in two sentences, cooperation areas by status, officials and
    their posts at the date, trade with its certainty, events, assessments with
    their holders, where sources disagree, and numbered footnotes with full
    citations. Every statement is made from the base's records and cites them.

    \b
    Example:
        bilateral brief --as-of 2004-07-28 > note.md
        bilateral brief --as-of 2004-07-28 --format html > note.html
    """
    terminal = sys.stdout.isatty()

    def produce(base: Base) -> str:
        from bilateral.handoff.answers import brief_text  # the note's modules, for brief alone

        start = _since(base, since) if since else None
        return brief_text(base, pair, fmt, sys.stdout, terminal, start)

    answer_text(settings, produce)


def _since(base: Base, since: str) -> str:
    """The day --since means, read as --as-of reads a date."""
    from bilateral.errors import BadParameter, BadQuery  # only when --since is given

    try:
        return base.at(since).when.text
    except BadParameter as error:
        raise BadQuery(error.command_line.replace("--date", "--since", 1)) from None


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(GRAPH_FORMATS),
    help="dot (Graphviz), mermaid (a flowchart GitHub renders) or tree. Default: a tree "
    "at a terminal, dot in a pipe.",
)
@click.option(
    "--around",
    metavar="NAME",
    shell_complete=complete_names,
    callback=readable_option,
    help="Only the ties within --depth edges of this name (matched as `show` matches it).",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    metavar="N",
    help="How many edges from --around to follow (default 1).",
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Every node and edge (default: the pair and its nearest ties, to fit a screen).",
)
@every_pair_option
@as_of_option
@click.pass_obj
def graph(
    settings: Settings,
    fmt: str | None,
    around: str | None,
    depth: int | None,
    everything: bool,
    pair: str | None,
) -> None:
    """Who is tied to whom as of a date, as DOT, Mermaid or a tree.

    Countries, people, organizations, places, cooperation areas and events,
    joined by roles, relations, participation in events and commitments, each
    edge labelled and dated. Roles not yet begun and events and relations that
    began after the date are left out.

    \b
    Example:
        bilateral graph --as-of 2004-07-28 --format dot | dot -Tsvg > ties.svg
        bilateral graph --around Musharraf --depth 1 --format mermaid
    """
    if around is not None and not around.strip():
        raise click.UsageError("--around is empty; give a name")
    if depth is not None and around is None:
        raise click.UsageError("--depth counts edges from --around NAME; give --around too")
    if everything and around is not None:
        raise click.UsageError("--all draws everything and --around a part; give one of them")
    terminal = sys.stdout.isatty()

    def produce(base: Base) -> str:
        from bilateral.handoff.answers import graph_text  # the graph's modules, for graph alone

        chosen_depth = 1 if depth is None else depth
        return graph_text(base, pair, around, chosen_depth, fmt, sys.stdout, terminal, everything)

    answer_text(settings, produce)


def trade_chart(settings: Settings, filters: dict[str, Any], formatted: bool) -> None:
    """`trade --chart`: the figures the listing's filters choose, as bars by year."""
    if formatted:
        raise click.UsageError("--chart draws bars; it takes no --format or --json")
    terminal = sys.stdout.isatty()

    def drawn(base: Base) -> str:
        from bilateral.render.tradechart import chart_text  # the chart alone

        figures = [row.document for row in base.trade(**filters)]
        names = {country["id"]: country["name"] for country in base.documents("country")}
        return chart_text(figures, names, base.when.text, sys.stdout, terminal)

    answer_text(settings, drawn)
