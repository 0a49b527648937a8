"""Options shared by several commands, and shell completion of names and codes."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from bilateral.cli.answering import Settings
from bilateral.errors import readable
from bilateral.render.formats import Format

if TYPE_CHECKING:
    from bilateral.api import Base

F = TypeVar("F", bound=Callable[..., Any])


class Vocabulary(click.Choice[str]):
    """A choice from one of the schema's closed vocabularies, asked of the API when an
    option is given or its help is shown, so start-up does not load the API."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:
        from bilateral.api import choices  # only when the option is used or described

        return choices(self.what)

    @choices.setter
    def choices(self, _values: tuple[str, ...]) -> None:
        raise AttributeError("a vocabulary's values are the schema's")


HELP_TEXT = "Show this message and exit."


def own_help(command: click.Command, context: click.Context) -> click.Option | None:
    """The help option click makes for a command, with its text given: click asks gettext
    for it, and the first lookup imports `locale` (2 ms of every start)."""
    names = command.get_help_option_names(context)
    if not names or not command.add_help_option:
        return None
    return click.Option(
        list(names),
        is_flag=True,
        is_eager=True,
        expose_value=False,
        callback=_show_help,
        help=HELP_TEXT,
    )


def _show_help(context: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not context.resilient_parsing:
        click.echo(context.get_help(), color=context.color)
        context.exit()


class Command(click.Command):
    """A command whose --help is made without a translation lookup (`own_help`)."""

    made_help: click.Option | None = None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        if self.made_help is None:
            self.made_help = own_help(self, ctx)
        return self.made_help


class KindsListed(Command):
    """A command whose help lists the kinds of record as the registry declares them, in
    place of `{kinds}` (`new`)."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help and "{kinds}" in self.help:
            from bilateral.curate.adding import kinds_in_words  # curators' tools, for its help

            self.help = self.help.replace("{kinds}", kinds_in_words())
        super().format_help_text(ctx, formatter)


def complete_names(context: click.Context, _: click.Parameter, incomplete: str) -> list[Any]:
    return _completions(context, lambda base: for_shell(base.query.completions(incomplete)))


def for_shell(names: list[str]) -> list[str]:
    """Whole names as the shell should insert them. Bash's completion inserts a value as
    typed, so spaces, parentheses and quotes are escaped there; zsh and fish quote for
    themselves."""
    if os.environ.get("_BILATERAL_COMPLETE", "").startswith("bash"):
        return [re.sub(r"([^\w@%+=:,./-])", r"\\\1", name) for name in names]
    return names


def complete_places(context: click.Context, _: click.Parameter, incomplete: str) -> list[Any]:
    return _completions(
        context, lambda base: for_shell(base.query.completions(incomplete, ("place", "country")))
    )


def complete_paths(_context: click.Context, _: click.Parameter, incomplete: str) -> list[Any]:
    """Paths, completed by the shell (as click.Path's are): a plain text option with this
    is parsed without the lookup of a translation that click.Path makes for its name."""
    from click.shell_completion import CompletionItem  # completion only

    return [CompletionItem(incomplete, type="file")]


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


def checked_option_date(value: str) -> str:
    """A date as --as-of takes it, or a usage error naming the bad value."""
    from bilateral.api import checked_date  # parsing dates: only when a date is given
    from bilateral.errors import BadParameter

    try:
        return checked_date(value)
    except BadParameter as error:
        raise click.BadParameter(error.command_line.removeprefix("--as-of ")) from None


def _remember_date(context: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        context.ensure_object(Settings).as_of = checked_option_date(value)


def as_of_option(command: F) -> F:
    """--as-of DATE: the date the answer is true as of (default today)."""
    return click.option(
        "--as-of",
        metavar="DATE",
        callback=_remember_date,
        expose_value=False,
        is_eager=False,
        help="Answer as of this date: YYYY-MM-DD, YYYY-MM or YYYY (its last day), or "
        "'today' (the default).",
    )(command)


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
        help="The pair of countries (either order), or 'all'; default the base's own pair "
        "(its `pair` key), else every pair.",
    )(command)


def every_pair_option(command: F) -> F:
    """--pair for the commands that answer about every pair unless told one."""
    return click.option(
        "--pair",
        metavar="AA-BB",
        help="Only what concerns this pair of countries (either order); default every pair.",
    )(command)


def country_option(command: F) -> F:
    return click.option(
        "--country",
        metavar="CC",
        shell_complete=complete_countries,
        callback=readable_option,
        help="ISO 3166-1 alpha-2 code (or name) of a country.",
    )(command)
