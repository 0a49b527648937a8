"""The commands: each parses its options and asks the API; answering.py prints the answer."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO

import click

from bilateral.cli.answering import (
    Cited,
    Settings,
    answer,
    answer_text,
    for_screen,
)
from bilateral.cli.options import (
    Command,
    Vocabulary,
    as_of_option,
    complete_countries,
    complete_names,
    complete_places,
    country_option,
    every_pair_option,
    output_options,
    pair_option,
    readable_option,
)
from bilateral.errors import readable
from bilateral.render.escapes import visible
from bilateral.render.formats import Format

if TYPE_CHECKING:
    from bilateral.api import Base, Row


MAX_QUERY_LENGTH = 1000


@click.command(cls=Command, short_help="Cooperation areas and the strongest status of each")
@click.option("--status", type=Vocabulary("status"), help="Only commitments of this status.")
@click.option("--commitments", is_flag=True, help="One row per commitment, with its area.")
@country_option
@pair_option
@output_options
@as_of_option
@click.pass_obj
def areas(
    settings: Settings,
    status: str | None,
    country: str | None,
    commitments: bool,
    pair: str | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """Cooperation areas: one row each, with the strongest status of its commitments
    and how many there are; --commitments lists the commitments themselves.

    Statuses, strongest first: signed, agreed, pledged, promised, proposed,
    requested, under-discussion, possible.

    \b
    Example:
        bilateral areas --status signed --commitments
    """
    answer(
        settings,
        lambda base: base.areas(status=status, country=country, pair=pair),
        "commitments" if commitments else "area",
        fmt,
        as_json,
        "no cooperation area matches",
        pair=pair,
    )


@click.command(cls=Command, short_help="People and their roles, as of the date")
@country_option
@click.option("--current", is_flag=True, help="Only roles held at the date.")
@click.option("--former", is_flag=True, help="Only roles that had ended by the date.")
@click.option(
    "--post",
    callback=readable_option,
    help="Only roles in this post (a name such as 'Defence Minister', or an id).",
)
@pair_option
@output_options
@as_of_option
@click.pass_obj
def officials(
    settings: Settings,
    country: str | None,
    current: bool,
    former: bool,
    post: str | None,
    pair: str | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """People and their roles, each held, ended, not yet started or not known at the date.

    A role with no end date is "unknown" once the date passes the last date its
    sources speak for (its `last_confirmed`). --current and --former select roles.

    \b
    Example:
        bilateral officials --country RU --current --as-of 2004-07-28
    """
    if current and former:
        raise click.UsageError("--current and --former ask for opposite roles; give one of them")
    answer(
        settings,
        lambda base: base.officials(
            country=country, current=current, former=former, post=post, pair=pair
        ),
        "person",
        fmt,
        as_json,
        "no official matches",
        pair=pair,
    )


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


@click.command(cls=Command, short_help="Visits, meetings and signings, in date order")
@click.option("--year", type=click.IntRange(1800, 2200), help="Only events in this year.")
@click.option(
    "--place",
    shell_complete=complete_places,
    callback=readable_option,
    help="Only events at this place; a country means every place in it.",
)
@click.option("--kind", type=Vocabulary("event kind"), help="Only events of this kind.")
@click.option(
    "--with",
    "with_",
    metavar="NAME",
    shell_complete=complete_names,
    callback=readable_option,
    help="Only events this person, country or organization took part in.",
)
@pair_option
@output_options
@as_of_option
@click.pass_obj
def events(
    settings: Settings,
    year: int | None,
    place: str | None,
    kind: str | None,
    with_: str | None,
    pair: str | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """Visits, meetings, signings and statements, in date order (undated last).

    \b
    Example:
        bilateral events --kind visit --with Musharraf --place Azerbaijan
    """
    answer(
        settings,
        lambda base: base.events(year=year, place=place, pair=pair, kind=kind, with_=with_),
        "event",
        fmt,
        as_json,
        "no event matches",
        pair=pair,
    )


@click.command(cls=Command, short_help="Everything about one name")
@click.argument("name", nargs=-1, required=True, shell_complete=complete_names)
@output_options
@as_of_option
@click.pass_obj
def show(settings: Settings, name: tuple[str, ...], fmt: str | None, as_json: bool) -> None:
    """Everything about one person, country, organization, place or area.

    NAME matches ids, names and aliases regardless of case and accents, and
    one typo away. In a pipe, each match prints whole as `key: value` lines, with
    roles, notes, disputes and sources indented beneath; --format json is the
    array of the matches for scripts, --format tsv one line for each.

    \b
    Example:
        bilateral show Rushaylo
    """
    text = _query_text(name)

    def draw_details(rows: list[Row], out: TextIO, terminal: bool, cited: Cited) -> None:
        from bilateral.render.details import print_details  # rich, for a table alone

        print_details(rows, out, terminal, cited)

    def draw_record(rows: list[Row], out: TextIO, terminal: bool, cited: Cited) -> None:
        from bilateral.render.record import write_records  # `show` in a pipe alone

        write_records(rows, out)

    answer(
        settings,
        lambda base: base.show(text),
        "show",
        fmt,
        as_json,
        "nothing matched",
        draw_table=draw_details,
        draw_piped=draw_record,
    )


@click.command(cls=Command, short_help="Records ranked for a question in your own words")
@click.argument("query_words", metavar="QUERY...", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@every_pair_option
@output_options
@as_of_option
@click.pass_obj
def search(
    settings: Settings,
    query_words: tuple[str, ...],
    limit: int,
    pair: str | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """Records ranked for a question in your own words.

    Case, accents, British or American spelling, plurals and words such as
    "the" or "which" do not matter. A misspelt name is corrected, a city stands
    for its country, and words or countries the base does not hold are named
    (on stderr at a terminal; `unknown` and `corrected` in JSON).

    \b
    Example:
        bilateral search which russian officials came to baku
    """
    text = _query_text(query_words)
    first: list[Row] = []

    def produce(base: Base) -> list[Row]:
        rows = base.search(text, limit, pair)
        first[:] = rows[:1]
        return rows

    nothing = f"nothing found for {text!r}"
    answer(settings, produce, "search", fmt, as_json, nothing, pair=pair or "all")
    if first and sys.stderr.isatty():
        for line in understood(first[0].document):
            click.echo(for_screen(f"bilateral: note: {line}", sys.stderr), err=True)


def understood(hit: dict[str, Any]) -> list[str]:
    """What a person should know about how the question was read."""
    lines = []
    if hit.get("corrected"):
        pairs = ", ".join(f"{right} for {wrong}" for wrong, right in hit["corrected"].items())
        lines.append(f"searched for {pairs}")
    if hit.get("unknown"):
        lines.append(f"not in this fact base: {', '.join(hit['unknown'])}")
    if hit.get("date_words"):
        lines.append(f"answered as of {hit['as_of']}, for {hit['date_words']!r}")
    return lines


def _query_text(words: tuple[str, ...]) -> str:
    text = readable(" ".join(words)).strip()
    if not text:
        raise click.UsageError("the query is empty; give some words to look for")
    if len(text) > MAX_QUERY_LENGTH:
        raise click.UsageError(
            f"the query is {len(text):,} characters; keep it under {MAX_QUERY_LENGTH:,}"
        )
    return text


BIBLIOGRAPHY_FORMATS = ("csl-json", "bibtex")


@click.command(cls=Command, short_help="The sources and what each supports; a bibliography")
@click.option("--json", "as_json", is_flag=True, help="Shorthand for --format json.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*(f.value for f in Format), *BIBLIOGRAPHY_FORMATS]),
    help="Output format (default: table on a terminal, tsv when piped); csl-json and "
    "bibtex give the bibliography for Zotero, Pandoc or LaTeX.",
)
@every_pair_option
@as_of_option
@click.pass_obj
def sources(settings: Settings, fmt: str | None, as_json: bool, pair: str | None) -> None:
    """The sources of the fact base: title, date, address, and the records each supports.

    \b
    Example:
        bilateral sources --json
        bilateral sources --format bibtex > sources.bib
    """
    if fmt in BIBLIOGRAPHY_FORMATS:
        if as_json:
            raise click.UsageError(f"--json conflicts with --format {fmt}; give one of them")
        terminal = sys.stdout.isatty()

        def listed(base: Base) -> str:
            text = bibliography(base, fmt == "bibtex", pair)
            return visible(text) if terminal else text

        answer_text(settings, listed, structured=fmt == "csl-json")
        return
    answer(settings, lambda base: base.sources(pair), "source", fmt, as_json, "no sources")


def bibliography(base: Base, as_bibtex: bool, pair: str | None = None) -> str:
    from bilateral.render.bibliography import bibtex, csl_json  # these two formats alone

    sources = [row.document for row in base.sources(pair)]
    return bibtex(sources) if as_bibtex else csl_json(sources) + "\n"
