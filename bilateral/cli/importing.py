"""`import`: records made from other data, starting with UN Comtrade's trade statistics."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import click

from bilateral.cli.answering import EXIT_IO, EXIT_NOTHING_MATCHED, Settings, fail, problem_line, say
from bilateral.cli.group import cli
from bilateral.errors import FactBaseUnreadable, shown

if TYPE_CHECKING:
    from bilateral.curate.importing import Plan

__all__ = ["comtrade", "import_group"]

IMPORT_EXITS = """\b
Exit codes:
  0  imported (or nothing new to import; with --dry-run, would be)
  1  the base is invalid, or would be with the figures: nothing written
  2  usage error, or a download that cannot be imported (a column missing, a value
     not a number, another frequency or classification, no row for the base's pairs):
     nothing written
  3  a file could not be written"""


@cli.group(
    "import", epilog=IMPORT_EXITS, short_help="Trade statistics from UN Comtrade, as records"
)
def import_group() -> None:
    """Import records from data others publish: trade statistics from UN Comtrade.

    \b
    Example:
        bilateral import comtrade TradeData.csv --retrieved 2026-12-01
    """


def _date(_context: click.Context, _parameter: click.Parameter, text: str | None) -> datetime.date:
    if text is None:
        return datetime.date.today()
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a date; write YYYY-MM-DD") from None
    if day > datetime.date.today():
        raise click.BadParameter(f"{text} is after today; give the day the file was downloaded")
    return day


@import_group.command(
    epilog=IMPORT_EXITS, short_help="Trade figures from a UN Comtrade CSV download"
)
@click.argument("download", metavar="FILE.csv", type=click.Path(path_type=str))
@click.option(
    "--facts",
    "facts",
    type=click.Path(path_type=str),
    help="The fact base to import into (default: the group's --facts, $BILATERAL_FACTS).",
)
@click.option(
    "--file",
    "chosen",
    type=click.Path(path_type=str),
    help="The file of a directory base to add the figures to.",
)
@click.option(
    "--retrieved",
    metavar="DATE",
    callback=_date,
    help="The day the file was downloaded (YYYY-MM-DD; default: today).",
)
@click.option("--dry-run", is_flag=True, help="Print what would be added; write nothing.")
@click.pass_obj
def comtrade(
    settings: Settings,
    download: str,
    facts: str | None,
    chosen: str | None,
    retrieved: datetime.date,
    dry_run: bool,
) -> None:
    """Import the trade figures of a UN Comtrade download (CSV, from comtradeplus.un.org
    or its API): the annual, all-commodities (TOTAL) figures between the countries of the
    base's pairs, each an exact figure marked `reported`, citing a source record for the
    download (added if missing). Every other row is left out and counted on stderr.

    Importing the same file again adds nothing; a figure that changed in a later download
    is kept beside the one held, as a dispute, each citing its retrieval. Bad input
    changes nothing. See docs/curating.md for choosing and downloading the data.

    \b
    Example:
        bilateral import comtrade TradeData.csv --retrieved 2026-12-01 --dry-run
    """
    import os  # only `import` and `new` choose where their base is

    from bilateral.curate import comtrade as download_format  # curators' tools
    from bilateral.curate import create, files, importing

    base = facts or settings.facts or os.environ.get("BILATERAL_FACTS") or settings.path
    try:
        planned = importing.plan(base, download, retrieved, chosen)
        if not dry_run:
            importing.write(planned)
    except (
        download_format.BadFile,
        create.CannotAdd,
        FactBaseUnreadable,
        files.InstalledCopy,
    ) as error:
        fail(str(error))
    except create.Refused as error:
        for problem in error.problems[:20]:
            click.echo(problem_line(problem), err=True)
        fail(str(error), EXIT_NOTHING_MATCHED)
    except OSError as error:
        fail(f"{shown(base)}: cannot be written ({error.strerror or error})", EXIT_IO)
    if planned.reading.left_out:
        say(f"bilateral: {shown(download)}: {planned.reading.notice()}")
    if dry_run and planned.blocks:
        click.echo("\n".join(planned.blocks).rstrip("\n"))
    click.echo(_summary(planned, dry_run), err=dry_run)


def _summary(planned: Plan, dry_run: bool) -> str:
    """'facts.toml: added 4 trade figure(s), citing source un-comtrade-2026-12-01 (new);
    2 held already'."""
    if not planned.changes:
        return (
            f"{shown(planned.base)}: nothing new: the base holds all {planned.unchanged} "
            "figure(s) of the file already"
        )
    done = "would add" if dry_run else "added"
    parts = [f"{len(planned.added)} trade figure(s)"] if planned.added else []
    if planned.disputed:
        parts.append(f"a changed value of {len(planned.disputed)} figure(s) kept as a dispute")
    source = f"source {planned.source}" + (" (new)" if planned.source_file else "")
    where = ", ".join(shown(f.path) for f in planned.files.values() if f.changed)
    already = f"; {planned.unchanged} held already" if planned.unchanged else ""
    return f"{where}: {done} {', '.join(parts)}, citing {source}{already}"
