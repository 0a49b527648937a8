"""Where answers meet the terminal: open the base, print rows once, map errors to exit codes."""

from __future__ import annotations

import itertools
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NoReturn, TextIO

import click

from bilateral.answer.rows import Row
from bilateral.errors import BadQuery, FactBaseInvalid, FactBaseUnreadable, NothingMatched
from bilateral.render.formats import Format, emit

if TYPE_CHECKING:
    from bilateral.api import Base

EXIT_ANSWERED = 0
EXIT_NOTHING_MATCHED = 1
EXIT_UNUSABLE = 2
EXIT_INTERRUPTED = 130
MAX_PROBLEMS_SHOWN = 20

EXIT_CODES = """\b
Exit codes:
  0  answered
  1  nothing matched (a message on stderr; JSON formats print [])
  2  usage error or unusable fact base (a message on stderr)
  130  interrupted (143 for SIGTERM)"""


class Settings:
    def __init__(self, facts: str | None, use_cache: bool) -> None:
        self.facts = facts
        self.use_cache = use_cache
        self._base: Base | None = None

    @property
    def path(self) -> str:
        from bilateral.store.paths import facts_path  # only `check` asks for the path

        return facts_path(self.facts)

    def forget_cache(self) -> None:
        self.use_cache = False
        self._base = None

    def base(self) -> Base:
        if self._base is None:
            from bilateral.api import open_base  # after option parsing, so --help stays light

            self._base = open_base(self.facts, use_cache=self.use_cache)
        return self._base


def fail(message: str, code: int = EXIT_UNUSABLE) -> NoReturn:
    click.echo(f"bilateral: {message}", err=True)
    sys.exit(code)


def fail_unusable(error: FactBaseUnreadable | FactBaseInvalid) -> NoReturn:
    if isinstance(error, FactBaseUnreadable):
        fail(str(error))
    for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
        click.echo(str(problem), err=True)
    hidden = len(error.problems) - MAX_PROBLEMS_SHOWN
    more = f" ({hidden} more not shown)" if hidden > 0 else ""
    fail(f"the fact base has {len(error.problems)} problem(s){more}; run `bilateral check`")


def chosen_format(fmt: str | None, as_json: bool, terminal: bool) -> Format:
    if as_json and fmt not in (None, "json"):
        raise click.UsageError(f"--json conflicts with --format {fmt}; give one of them")
    if as_json:
        return Format.JSON
    if fmt:
        return Format(fmt)
    return Format.TABLE if terminal else Format.TSV


def answer(
    settings: Settings,
    produce: Callable[[Base], Iterable[Row]],
    listing: str,
    fmt: str | None,
    as_json: bool,
    nothing: str,
    draw_table: Callable[[list[Row], TextIO, bool], None] | None = None,
) -> None:
    """Run a query and print its rows once; the only place answers become exit codes.

    `listing` names the columns of CSV, TSV and tables: a kind of record, `search` or `show`.
    `draw_table` replaces the listing's table for commands that lay out a table their own way.
    """
    terminal = sys.stdout.isatty()
    chosen = chosen_format(fmt, as_json, terminal)
    try:
        rows = _first_checked_with_retry(settings, produce)
        if chosen is Format.TABLE and draw_table is not None:
            shown = list(rows)
            draw_table(shown, sys.stdout, terminal)
            count = len(shown)
        else:
            count = emit(rows, listing, chosen, sys.stdout, terminal)
        sys.stdout.flush()
    except BrokenPipeError:
        reader_gone()
    except (FactBaseUnreadable, FactBaseInvalid) as error:
        fail_unusable(error)
    except BadQuery as error:
        fail(str(error))
    except NothingMatched as error:
        _no_match(str(error), error.suggestions, chosen)
    if count == 0:
        fail(nothing, EXIT_NOTHING_MATCHED)


def _first_checked_with_retry(
    settings: Settings, produce: Callable[[Base], Iterable[Row]]
) -> Iterator[Row]:
    """Start the query; if the cached store fails, answer from a fresh in-memory build."""
    try:
        return _first_checked(produce(settings.base()))
    except sqlite3.Error:
        if not settings.use_cache:
            raise
        settings.forget_cache()
        return _first_checked(produce(settings.base()))


def _first_checked(rows: Iterable[Row]) -> Iterator[Row]:
    """Start the query so its errors surface before any output is written."""
    iterator = iter(rows)
    try:
        first = next(iterator)
    except StopIteration:
        return iter(())
    return itertools.chain((first,), iterator)


def _no_match(message: str, suggestions: list[str], chosen: Format) -> NoReturn:
    if chosen is Format.JSON:
        click.echo("[]")
    if suggestions:
        message += "; did you mean " + " or ".join(suggestions) + "?"
    fail(message, EXIT_NOTHING_MATCHED)


def reader_gone() -> NoReturn:
    """The reader of a pipe stopped early (`| head -1`): end quietly, as answered."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_ANSWERED)
