"""`diff`: what changed between two versions of a base, record by record; one file of a
directory base is read with its directory."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from bilateral.cli.answering import EXIT_NOTHING_MATCHED, Settings, echo_answer, fail
from bilateral.errors import FactBaseUnreadable
from bilateral.render.escapes import visible

if TYPE_CHECKING:
    from bilateral.api import FactBase

__all__ = ["diff"]


@click.command()
@click.argument("old")
@click.argument("new", required=False)
@click.option(
    "--format",
    "output",
    type=click.Choice(["table", "tsv", "json"]),
    help="Output format (default: table on a terminal, tsv when piped).",
)
@click.option("--json", "as_json", is_flag=True, help="Shorthand for --format json.")
@click.pass_obj
def diff(settings: Settings, old: str, new: str | None, output: str | None, as_json: bool) -> None:
    """What changed from OLD to NEW (default: the base), record by record and field by
    field. Each is a file, a directory, a git revision (the same path as it was then) or
    REV:PATH.

    \b
    Example:
        bilateral diff HEAD~1 facts.toml
        bilateral diff old-facts.toml facts.toml --json
    """
    import tempfile  # only `diff` compares versions

    from bilateral.curate import diffing  # curators' tools, for `diff` alone

    chosen = "json" if as_json else output or ("table" if sys.stdout.isatty() else "tsv")
    newer = new or settings.path
    default = newer if os.path.exists(newer) else settings.path
    home = _home([old, newer], default, settings.facts)
    with tempfile.TemporaryDirectory() as scratch:
        before, old_label = _version(old, default, os.path.join(scratch, "old"), home)
        after, new_label = _version(newer, default, os.path.join(scratch, "new"), home)
    changes = diffing.compare(before, after)
    if chosen == "json":
        echo_answer(diffing.as_json(changes, old_label, new_label), structured=True)
    elif chosen == "tsv" and changes:
        from bilateral.render.views import tsv_line  # the TSV rules of every answer

        echo_answer("".join(tsv_line(row) for row in diffing.rows(changes)).removesuffix("\n"))
    elif changes:
        from bilateral.render.changes import print_changes  # rich, for a table alone

        title = f"Changes from {old_label} to {new_label}"
        print_changes(diffing.value_rows(changes), title, sys.stdout, sys.stdout.isatty())
    if not changes and chosen != "json":
        click.echo(
            visible(f"bilateral: no differences between {old_label} and {new_label}"), err=True
        )
    sys.exit(EXIT_NOTHING_MATCHED if changes else 0)


def _version(
    version: str, default: str, scratch: str, home: tuple[str, str] | None
) -> tuple[FactBase, str]:
    from bilateral.curate.revisions import NoSuchVersion, load_version  # curators' tools

    try:
        return load_version(version, default, scratch, home)
    except NoSuchVersion as error:
        fail(str(error))


def _home(versions: list[str], default: str, facts: str | None) -> tuple[str, str] | None:
    from bilateral.curate.revisions import NoSuchVersion, home_of  # curators' tools

    try:
        return home_of(versions, default, facts or os.environ.get("BILATERAL_FACTS"))
    except (NoSuchVersion, FactBaseUnreadable):
        return None
