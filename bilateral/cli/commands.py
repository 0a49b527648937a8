"""The listings of a pair: areas, officials and events; each command parses its options
and asks the API, and answering.py prints the answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from bilateral.cli.answering import (
    Settings,
    answer,
)
from bilateral.cli.options import (
    Command,
    Vocabulary,
    as_of_option,
    complete_names,
    complete_places,
    country_option,
    output_options,
    pair_option,
    readable_option,
)

if TYPE_CHECKING:
    pass


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
