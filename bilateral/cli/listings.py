"""Commands for the rest of what the base holds: opinions, ties, and what happened when."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

import click

from bilateral.cli.answering import Cited, Settings, answer
from bilateral.cli.options import (
    Command,
    Vocabulary,
    as_of_option,
    complete_names,
    country_option,
    every_pair_option,
    output_options,
    pair_option,
    readable_option,
)

if TYPE_CHECKING:
    from bilateral.api import Row


@click.command(cls=Command, short_help="Roles and events across the years")
@click.option("--from", "start", metavar="DATE", help="From this date or year.")
@click.option("--to", "end", metavar="DATE", help="To this date or year.")
@country_option
@click.option("--person", callback=readable_option, help="Only this person's roles and events.")
@every_pair_option
@output_options
@as_of_option
@click.pass_obj
def timeline(
    settings: Settings,
    start: str | None,
    end: str | None,
    country: str | None,
    person: str | None,
    pair: str | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """What happened when: roles as bars across the years, events as marks, the date
    asked (--as-of, default today) as a line. In a pipe, the same facts as rows.

    \b
    Example:
        bilateral timeline --country AZ --from 1990
    """

    def draw(rows: list[Row], out: TextIO, terminal: bool, cited: Cited) -> None:
        from bilateral.render.timeline import print_timeline  # rich, for the picture alone

        print_timeline(rows, out, terminal, cited, (start, end))

    answer(
        settings,
        lambda base: base.timeline(start, end, country, person, pair),
        "timeline",
        fmt,
        as_json,
        "nothing happened in that period",
        draw_table=draw,
        pair=pair or "all",
    )


@click.command(cls=Command, short_help="Opinions, each with whoever holds it")
@click.option(
    "--about",
    metavar="NAME",
    shell_complete=complete_names,
    callback=readable_option,
    help="Only opinions about this person, country, organization, area or event.",
)
@click.option(
    "--holder",
    metavar="NAME",
    shell_complete=complete_names,
    callback=readable_option,
    help="Only opinions this person, country or organization holds.",
)
@pair_option
@output_options
@as_of_option
@click.pass_obj
def assessments(
    settings: Settings,
    about: str | None,
    holder: str | None,
    pair: str | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """Opinions, never stated as fact: each claim with whoever holds it.

    \b
    Example:
        bilateral assessments --about Russia
    """
    answer(
        settings,
        lambda base: base.assessments(about=about, holder=holder, pair=pair),
        "assessment",
        fmt,
        as_json,
        "no assessment matches",
        pair=pair,
    )


@click.command(cls=Command, short_help="Ties between countries, people and organizations")
@country_option
@click.option("--kind", type=Vocabulary("relation kind"), help="Only ties of this kind.")
@every_pair_option
@output_options
@as_of_option
@click.pass_obj
def relations(
    settings: Settings,
    country: str | None,
    kind: str | None,
    pair: str | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """Ties between countries, people and organizations: alliances, memberships, rivalries.

    \b
    Example:
        bilateral relations --country TR
    """
    answer(
        settings,
        lambda base: base.relations(country=country, kind=kind, pair=pair),
        "relation",
        fmt,
        as_json,
        "no relation matches",
    )
