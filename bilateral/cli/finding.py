"""`show` and `search`: records found by a name or ranked for a question."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO

import click

from bilateral.cli.answering import (
    Cited,
    Settings,
    answer,
    for_screen,
)
from bilateral.cli.options import (
    Command,
    as_of_option,
    complete_names,
    every_pair_option,
    output_options,
)
from bilateral.errors import readable

if TYPE_CHECKING:
    from bilateral.api import Base, Row


MAX_QUERY_LENGTH = 1000


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
