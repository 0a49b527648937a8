"""Where answers meet the terminal: open the base, print rows once, map errors to exit codes."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar

import click

from bilateral.errors import (
    BadParameter,
    BadQuery,
    FactBaseInvalid,
    FactBaseUnreadable,
    NothingMatched,
    Problem,
    StoreUnreadable,
)
from bilateral.render.escapes import json_for, visible
from bilateral.render.formats import Format, emit

if TYPE_CHECKING:
    from bilateral.api import Base, Row

T = TypeVar("T")
Cited = dict[str, dict[str, Any]] | None
"""The fields a citation names of source records, by id, for the footnotes of a table."""
DrawTable = Callable[[list["Row"], TextIO, bool, Cited], None]
EXIT_ANSWERED = 0
EXIT_NOTHING_MATCHED = 1
EXIT_UNUSABLE = 2
EXIT_IO = 3
EXIT_INTERRUPTED = 130
MAX_PROBLEMS_SHOWN = 20

EXIT_CODES = """\b
Exit codes, for every command:
  0    answered
  1    nothing matched (a message on stderr; JSON prints []); check: problems
       found; diff: differences found; fmt --check: a file would change; new:
       the base is, or would be, invalid (nothing written)
  2    usage error, or a fact base that cannot be read or is invalid
  3    the answer or a file could not be written, or the store read
  130  interrupted (143 for SIGTERM)"""


class Settings:
    def __init__(self, facts: str | None = None, use_cache: bool = True) -> None:
        self.facts = facts
        self.use_cache = use_cache
        self.as_of: str | None = None
        self.pager = True
        self._base: Base | None = None

    @property
    def path(self) -> str:
        from bilateral.api import facts_path  # only `check` asks for the path

        return facts_path(self.facts)

    def reopen(self) -> None:
        self._base = None

    def base(self) -> Base:
        if self._base is None:
            from bilateral.api import open_base  # after option parsing, so --help stays light

            self._base = open_base(
                self.facts, use_cache=self.use_cache, notify=warn, as_of=self.as_of
            )
        return self._base


def warn(message: str) -> None:
    say(f"bilateral: warning: {one_line(message)}")


def fail(message: str, code: int = EXIT_UNUSABLE) -> NoReturn:
    say(f"bilateral: {one_line(message)}")
    sys.exit(code)


def one_line(message: str) -> str:
    """A message as one line a terminal shows as it is: line breaks written as escapes."""
    return visible(message.replace("\r", "\\r").replace("\n", "\\n"))


def for_screen(line: str, stream: TextIO | None = None) -> str:
    """A line of words as a person reads it: at a terminal, wrapped between words to its
    width (later lines indented); in a pipe, one line, as scripts read it."""
    stream = stream or sys.stdout
    try:
        if not stream.isatty():
            return line
    except (AttributeError, ValueError):
        return line
    import shutil  # only for a line at a terminal
    import textwrap

    width = shutil.get_terminal_size((80, 24)).columns
    wrapped = textwrap.wrap(line, max(width, 20), subsequent_indent="  ", break_long_words=False)
    return "\n".join(wrapped) or line


def say(line: str) -> None:
    """A line on stderr; where stderr cannot be written, the exit code still tells."""
    with contextlib.suppress(OSError, AttributeError, ValueError):
        click.echo(line, err=True)


def problem_line(problem: Problem) -> str:
    """One problem on one line, with nothing from the file able to move the cursor."""
    return visible(str(problem).replace("\r", "\\r").replace("\n", "\\n"))


def fail_unusable(error: FactBaseUnreadable | FactBaseInvalid) -> NoReturn:
    if isinstance(error, FactBaseUnreadable):
        fail(str(error))
    for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
        click.echo(problem_line(problem), err=True)
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
    nothing: str | Callable[[Base], str],
    draw_table: DrawTable | None = None,
    draw_piped: DrawTable | None = None,
    pair: str | bool | None = False,
) -> None:
    """Run a query and print its rows once; the only place answers become exit codes.
    `pair` is the command's --pair, False for a command without one (see `_paired`).

    `listing` names the columns of CSV, TSV and tables: a kind of record, `search` or `show`.
    `draw_table` replaces the listing's table for commands that lay out a table their own way;
    `draw_piped`, where given, is what a pipe gets when no format is chosen (`show`'s record).
    Every row is read and checked before the first byte is written, so a store that fails
    a check part way through is rebuilt and never leaves half an answer.
    """
    terminal = sys.stdout.isatty()
    chosen = chosen_format(fmt, as_json, terminal)
    if draw_piped is not None and fmt is None and not as_json and not terminal:
        chosen, draw_table = Format.TABLE, draw_piped
    try:
        rows, cited = checked(settings, lambda base: _with_sources(base, produce, chosen))
        if pair is not False:
            listing = _paired(settings.base(), listing, pair if isinstance(pair, str) else None)
        paged = settings.pager and terminal and chosen is Format.TABLE
        structured = chosen in (Format.JSON, Format.JSONL)
        render = lambda out: _render(rows, listing, chosen, out, terminal, draw_table, cited)  # noqa: E731
        _write(render, paged, structured)
        if not rows:
            base = settings.base()
            message = nothing if isinstance(nothing, str) else nothing(base)
            fail(f"as of {base.when.text}, {message}", 1)
    except (FactBaseUnreadable, FactBaseInvalid) as error:
        fail_unusable(error)
    except BadQuery as error:
        fail(command_line_message(error))
    except NothingMatched as error:
        _no_match(str(error), error.suggestions, chosen)


def _with_sources(
    base: Base, produce: Callable[[Base], Iterable[Row]], chosen: Format
) -> tuple[list[Row], Cited]:
    """The rows, and for a table the sources they cite (read with them, from one store)."""
    rows = list(produce(base))
    if chosen is not Format.TABLE:
        return rows, None
    from bilateral.render.footnotes import cited_ids  # a table's footnotes alone

    return rows, base.query.citations(cited_ids(row.document for row in rows))


PAIRED = ("area", "commitments", "trade", "event", "assessment", "search", "timeline")
"""The listings whose records belong to a pair: a `pair` column where several are answered."""


def _paired(base: Base, listing: str, pair: str | None) -> str:
    """The listing, with a first column `pair` when it answers for several pairs; a note on
    stderr when the base's default pair was chosen for want of --pair."""
    if len(base.pairs) < 2:
        return listing
    chosen = base.chosen_pair(pair)
    if chosen is None:
        return listing + "+pair" if listing in PAIRED else listing
    if pair is None:
        say(f"bilateral: answered for {chosen}, the base's default pair; --pair all for every pair")
    return listing


def command_line_message(error: BadQuery) -> str:
    """What a command says of a query it cannot answer: a parameter as its option."""
    return error.command_line if isinstance(error, BadParameter) else str(error)


def answer_text(
    settings: Settings, produce: Callable[[Base], str], structured: bool = False
) -> None:
    """Print a whole document made from the base (a bibliography, a note), with the same
    errors and exit codes as any answer; `structured` for JSON, which an output encoding
    that cannot hold a character gets as `\\u` escapes."""
    try:
        text = checked(settings, produce)
        _write(lambda out: print(text, end="", file=out), structured=structured)
    except (FactBaseUnreadable, FactBaseInvalid) as error:
        fail_unusable(error)
    except BadQuery as error:
        fail(command_line_message(error))
    except NothingMatched as error:
        fail(str(error), EXIT_NOTHING_MATCHED)


def _render(
    rows: list[Row],
    listing: str,
    chosen: Format,
    out: TextIO,
    terminal: bool,
    draw_table: DrawTable | None,
    cited: Cited,
) -> None:
    if chosen is Format.TABLE and draw_table is not None:
        if rows:
            draw_table(rows, out, terminal, cited)
    else:
        emit(rows, listing, chosen, out, terminal, cited)


def checked(settings: Settings, produce: Callable[[Base], T]) -> T:
    """The whole answer, which the API asks again of a rebuilt store when the cached one
    fails a check part way; exit 3 when even that cannot be read."""
    try:
        return settings.base().answer(produce)
    except StoreUnreadable as error:
        fail(str(error), EXIT_IO)


def echo_answer(text: str, structured: bool = False) -> None:
    """Print a text answer that holds text from the base (a check's findings, a diff, a
    record about to be added): at a terminal made inert, and written as any answer is."""
    shown = visible(text) if sys.stdout.isatty() else text
    _write(lambda out: print(shown, file=out), structured=structured)


def _write(render: Callable[[TextIO], None], paged: bool = False, structured: bool = False) -> None:
    """Write the answer. Where the output's encoding is not UTF-8, the whole answer is made
    first and written only if every character of it can be (JSON, `structured`, writes
    the others as `\\u` escapes); a failed write says why. A long answer for a person
    at a terminal goes through the pager."""
    out = sys.stdout
    try:
        encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("_", "-")
        if paged and encoding in ("utf-8", "utf8"):
            from bilateral.cli.paging import write_paged  # a terminal's tables alone

            write_paged(render, out)
        elif encoding in ("utf-8", "utf8"):
            render(out)
        else:
            _write_encodable(render, out, encoding, structured)
        out.flush()
    except BrokenPipeError:
        reader_gone()
    except OSError as error:
        cannot_write(error)


def _write_encodable(
    render: Callable[[TextIO], None], out: TextIO, encoding: str, structured: bool
) -> None:
    import io  # only for an output that is not UTF-8

    buffer = io.StringIO()
    render(buffer)
    text = buffer.getvalue()
    if structured:
        with contextlib.suppress(LookupError):
            text = json_for(text, encoding)
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        fail(
            f"the answer holds characters the output encoding ({encoding}) cannot show; "
            "set PYTHONIOENCODING=utf-8 or use a UTF-8 locale",
            EXIT_IO,
        )
    out.write(text)


def cannot_write(error: OSError) -> NoReturn:
    """The answer could not be written (a full disk, a closed output): say so, exit 3."""
    detach_stdout()
    fail(f"cannot write the answer ({error.strerror or error}); check where stdout goes", EXIT_IO)


def detach_stdout() -> None:
    """Point stdout at the null device, so nothing buffered fails again at exit."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _no_match(message: str, suggestions: list[str], chosen: Format) -> NoReturn:
    if chosen is Format.JSON:
        click.echo("[]")
    if suggestions:
        message += "; did you mean " + " or ".join(suggestions) + "?"
    fail(message, EXIT_NOTHING_MATCHED)


def reader_gone() -> NoReturn:
    """The reader of a pipe stopped early (`| head -1`): end quietly, as answered."""
    detach_stdout()
    sys.exit(EXIT_ANSWERED)
