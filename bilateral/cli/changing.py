"""`changes`: what changed between two dates."""

from __future__ import annotations

import click

from bilateral.cli.answering import EXIT_CODES, Settings, answer
from bilateral.cli.options import Command, checked_option_date, every_pair_option, output_options


def _date(_context: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A date as --as-of takes it, or a usage error naming the bad value."""
    return None if value is None else checked_option_date(value)


@click.command(cls=Command, epilog=EXIT_CODES, short_help="What changed between two dates")
@click.option(
    "--from",
    "start",
    metavar="DATE",
    required=True,
    callback=_date,
    help="From this date (YYYY-MM-DD, YYYY-MM or YYYY: its first day).",
)
@click.option(
    "--to",
    "end",
    metavar="DATE",
    callback=_date,
    help="To this date (its last day; default: today). Statuses are shown at this date.",
)
@every_pair_option
@output_options
@click.pass_obj
def changes(
    settings: Settings,
    start: str,
    end: str | None,
    pair: str | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """What changed between two dates: roles and relations begun and ended, events,
    commitments that got their status or ended, names changed, disputes opened, each
    with its date; `from` and `to` give the status (or name) before the period and at
    its end.

    \b
    Example:
        bilateral changes --from 2004-07-01 --to 2004-07-31
    """
    settings.as_of = end  # the answer is true as of the period's last day
    answer(
        settings,
        lambda base: base.changes(start, end, pair),
        "changes",
        fmt,
        as_json,
        f"nothing changed from {start} to {end or 'today'}",
    )
