"""The `bilateral` command group: global options and the overview printed with no command."""

from __future__ import annotations

import sys

import click

from bilateral import __version__
from bilateral.cli.answering import EXIT_CODES, Settings, fail_unusable, reader_gone
from bilateral.cli.options import as_of_option
from bilateral.errors import FactBaseInvalid, FactBaseUnreadable
from bilateral.render.escapes import visible
from bilateral.store.paths import ENVIRONMENT_VARIABLE

OVERVIEW_COUNTS = ("people", "areas", "commitments", "trade figures", "events", "assessments")
GO_FURTHER = """Go further:
  bilateral areas               cooperation areas and their commitments
  bilateral officials --current people and their roles
  bilateral trade               trade figures (ranges stay ranges)
  bilateral events              visits, meetings and signings, in date order
  bilateral show Musharraf      everything about one name
  bilateral search "how much did azerbaijan export to pakistan"
  bilateral sources             the sources and what each supports
  bilateral --help              every command and option"""


@click.group(invoke_without_command=True, epilog=EXIT_CODES)
@click.option(
    "--facts",
    type=click.Path(path_type=str),
    envvar=ENVIRONMENT_VARIABLE,
    help=f"Fact base to read (default: the shipped one; also ${ENVIRONMENT_VARIABLE}).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read the TOML afresh instead of the compiled cache ($BILATERAL_CACHE_DIR).",
)
@as_of_option
@click.version_option(__version__, prog_name="bilateral")
@click.pass_context
def cli(context: click.Context, facts: str | None, no_cache: bool) -> None:
    """Answers about the relations between two countries, from a curated fact base.

    With no command, prints an overview of the fact base.

    \b
    Example:
        bilateral search "who is azerbaijan's defence minister"
    """
    settings = context.ensure_object(Settings)
    settings.facts = facts
    settings.use_cache = not no_cache
    if context.invoked_subcommand is None:
        _overview(settings)


def _overview(settings: Settings) -> None:
    try:
        overview = settings.base().overview()
    except (FactBaseUnreadable, FactBaseInvalid) as error:
        fail_unusable(error)
    counts = overview["counts"]
    countries = ", ".join(f"{code} {name}" for code, name in overview["countries"].items())
    lines = [
        f"{overview['title']} (as of {overview['as_of']})",
        f"Pairs: {', '.join(overview['pairs'])}",
        f"Countries: {countries}",
        ", ".join(f"{counts[name]} {name}" for name in OVERVIEW_COUNTS)
        + f", from {counts['sources']} sources",
        "",
        GO_FURTHER,
    ]
    try:
        click.echo(visible("\n".join(lines)))
        sys.stdout.flush()
    except BrokenPipeError:
        reader_gone()
