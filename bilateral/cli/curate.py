"""Commands for curators: `new`, `fmt` and `diff`."""

from __future__ import annotations

import click

from bilateral.cli.answering import (
    EXIT_NOTHING_MATCHED,
    Settings,
    fail,
    problem_line,
    warn,
)
from bilateral.cli.group import cli
from bilateral.errors import FactBaseInvalid, FactBaseUnreadable, shown

__all__ = ["check", "cli"]


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=str))
@click.pass_obj
def check(settings: Settings, path: str | None) -> None:
    """Validate a fact base and print its counts.

    On success prints one line of counts on stdout and exits 0. Problems go to
    stderr, each naming the file, line and key; exit 1. A file that cannot be
    read as TOML exits 2.

    \b
    Example:
        bilateral check facts.toml
    """
    from bilateral.kinds.base import load  # the checking stack, for `check` alone

    target = path or settings.path
    try:
        base = load(target)
    except FactBaseUnreadable as error:
        fail(str(error))
    except FactBaseInvalid as error:
        for problem in error.problems:
            click.echo(problem_line(problem), err=True)
        fail(f"{shown(target)}: {len(error.problems)} problem(s) found", EXIT_NOTHING_MATCHED)
    for source in base.uncited_sources():
        warn(f"{shown(target)}: source {source!r} is cited by no record; cite it or remove it")
    counts = ", ".join(f"{count} {name}" for name, count in base.counts().items())
    click.echo(f"{shown(target)}: valid: {counts}")
