"""The bilateral command line: a thin layer that maps library errors to exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bilateral import __version__
from bilateral.errors import FactBaseInvalid, FactBaseUnreadable
from bilateral.loader import ENVIRONMENT_VARIABLE, facts_path, load


@click.group(invoke_without_command=True)
@click.option(
    "--facts",
    "facts",
    type=click.Path(dir_okay=True, path_type=str),
    envvar=ENVIRONMENT_VARIABLE,
    help=f"Fact base to read (default: the shipped one; also ${ENVIRONMENT_VARIABLE}).",
)
@click.version_option(__version__, prog_name="bilateral")
@click.pass_context
def main(context: click.Context, facts: str | None) -> None:
    """Answers about the relations between two countries."""
    context.obj = facts


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=str))
@click.pass_obj
def check(facts: str | None, path: str | None) -> None:
    """Validate a fact base and print its counts.

    Exit 0 when valid, 1 when problems were found (listed on stderr), 2 when the
    file cannot be read as TOML.

    \b
    Example:
        bilateral check facts.toml
    """
    target = Path(path) if path else facts_path(facts)
    try:
        base = load(target)
    except FactBaseUnreadable as error:
        click.echo(f"bilateral: {error}", err=True)
        sys.exit(2)
    except FactBaseInvalid as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{target}: {len(error.problems)} problem(s) found", err=True)
        sys.exit(1)
    counts = ", ".join(f"{count} {name}" for name, count in base.counts().items())
    click.echo(f"{target}: valid: {counts}")
