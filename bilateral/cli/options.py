"""Options shared by several commands, and shell completion of names and codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from bilateral.cli.answering import Settings
from bilateral.errors import readable
from bilateral.render.formats import Format

if TYPE_CHECKING:
    from bilateral.api import Base

F = TypeVar("F", bound=Callable[..., Any])


def complete_names(context: click.Context, _: click.Parameter, incomplete: str) -> list[Any]:
    return _completions(context, lambda base: base.query.completions(incomplete))


def complete_countries(context: click.Context, _: click.Parameter, incomplete: str) -> list[Any]:
    from click.shell_completion import CompletionItem  # completion only

    def codes(base: Base) -> list[CompletionItem]:
        return [
            CompletionItem(code, help=name)
            for code, name in base.query.countries().items()
            if code.startswith(incomplete.upper())
        ]

    return _completions(context, codes)


def _completions(context: click.Context, produce: Callable[[Base], list[Any]]) -> list[Any]:
    root = context.find_root()
    facts = root.params.get("facts")
    try:
        return produce(Settings(facts, use_cache=True).base())
    except Exception:  # completion must never print a traceback into the shell
        return []


def readable_option(
    _context: click.Context, _param: click.Parameter, value: str | None
) -> str | None:
    """An option's text with bytes that are not UTF-8 shown as U+FFFD (names, not paths)."""
    return readable(value) if value is not None else None


def output_options(command: F) -> F:
    """--format and --json, shared by every listing command."""
    command = click.option("--json", "as_json", is_flag=True, help="Shorthand for --format json.")(
        command
    )
    command = click.option(
        "--format",
        "fmt",
        type=click.Choice([f.value for f in Format]),
        help="Output format (default: table on a terminal, tsv when piped).",
    )(command)
    return command


def pair_option(command: F) -> F:
    return click.option(
        "--pair",
        metavar="AA-BB",
        help="The pair of countries, either order, or 'all'; needed when the base holds several.",
    )(command)


def country_option(command: F) -> F:
    return click.option(
        "--country",
        metavar="CC",
        shell_complete=complete_countries,
        callback=readable_option,
        help="ISO 3166-1 alpha-2 code (or name) of a country.",
    )(command)
