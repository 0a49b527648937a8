"""The bilateral command line: parses options, maps library errors to exit codes, prints once."""

from __future__ import annotations

import itertools
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NoReturn, TextIO, TypeVar

import click

from bilateral import __version__
from bilateral.errors import BadQuery, FactBaseInvalid, FactBaseUnreadable, NothingMatched
from bilateral.output import Format, emit
from bilateral.paths import ENVIRONMENT_VARIABLE, facts_path
from bilateral.query import FactQuery, Row
from bilateral.views import AREAS, EVENTS, OFFICIALS, SEARCH, SHOW, SOURCES, TRADE, View
from bilateral.vocabulary import FLOWS, STATUS_LADDER

EXIT_ANSWERED = 0
EXIT_NOTHING_MATCHED = 1
EXIT_UNUSABLE = 2
EXIT_INTERRUPTED = 130
MAX_QUERY_LENGTH = 1000
MAX_PROBLEMS_SHOWN = 20

EXIT_CODES = """\b
Exit codes:
  0  answered
  1  nothing matched (a message on stderr; JSON formats print [])
  2  usage error or unusable fact base (a message on stderr)
  130  interrupted (143 for SIGTERM)"""

F = TypeVar("F", bound=Callable[..., Any])


class Settings:
    def __init__(self, facts: str | None, use_cache: bool) -> None:
        self.facts = facts
        self.use_cache = use_cache
        self._query: FactQuery | None = None

    @property
    def path(self) -> str:
        return facts_path(self.facts)

    def forget_cache(self) -> None:
        self.use_cache = False
        self._query = None

    def query(self) -> FactQuery:
        if self._query is None:
            from bilateral.cache import open_store

            self._query = FactQuery(open_store(self.path, self.use_cache))
        return self._query


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


def _complete_names(context: click.Context, _: click.Parameter, incomplete: str) -> list[Any]:
    return _completions(context, lambda query: query.completions(incomplete))


def _complete_countries(context: click.Context, _: click.Parameter, incomplete: str) -> list[Any]:
    from click.shell_completion import CompletionItem

    def codes(query: FactQuery) -> list[CompletionItem]:
        return [
            CompletionItem(code, help=name)
            for code, name in query.countries().items()
            if code.startswith(incomplete.upper())
        ]

    return _completions(context, codes)


def _completions(context: click.Context, produce: Callable[[FactQuery], list[Any]]) -> list[Any]:
    root = context.find_root()
    facts = root.params.get("facts")
    try:
        return produce(Settings(facts, use_cache=True).query())
    except Exception:  # completion must never print a traceback into the shell
        return []


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
        shell_complete=_complete_countries,
        help="ISO 3166-1 alpha-2 code (or name) of a country.",
    )(command)


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
    produce: Callable[[FactQuery], Iterable[Row]],
    view: View,
    fmt: str | None,
    as_json: bool,
    nothing: str,
    draw_table: Callable[[list[Row], TextIO, bool], None] | None = None,
) -> None:
    """Run a query and print its rows once; the only place answers become exit codes.

    `draw_table` replaces the view's table for commands that lay out a table their own way.
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
            count = emit(rows, view, chosen, sys.stdout, terminal)
        sys.stdout.flush()
    except BrokenPipeError:
        _reader_gone()
    except (FactBaseUnreadable, FactBaseInvalid) as error:
        fail_unusable(error)
    except BadQuery as error:
        fail(str(error))
    except NothingMatched as error:
        _no_match(str(error), error.suggestions, chosen)
    if count == 0:
        fail(nothing, EXIT_NOTHING_MATCHED)


def _first_checked_with_retry(
    settings: Settings, produce: Callable[[FactQuery], Iterable[Row]]
) -> Iterator[Row]:
    """Start the query; if the cached store fails, answer from a fresh in-memory build."""
    try:
        return _first_checked(produce(settings.query()))
    except sqlite3.Error:
        if not settings.use_cache:
            raise
        settings.forget_cache()
        return _first_checked(produce(settings.query()))


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
@click.version_option(__version__, prog_name="bilateral")
@click.pass_context
def cli(context: click.Context, facts: str | None, no_cache: bool) -> None:
    """Answers about the relations between two countries, from a curated fact base.

    With no command, prints an overview of the fact base.

    \b
    Example:
        bilateral search "who is azerbaijan's defence minister"
    """
    context.obj = Settings(facts, use_cache=not no_cache)
    if context.invoked_subcommand is None:
        _overview(context.obj)


def _overview(settings: Settings) -> None:
    try:
        overview = settings.query().overview()
    except (FactBaseUnreadable, FactBaseInvalid) as error:
        fail_unusable(error)
    counts = overview["counts"]
    countries = ", ".join(f"{code} {name}" for code, name in overview["countries"].items())
    shown = ("people", "areas", "commitments", "trade figures", "events", "assessments")
    lines = [
        f"{overview['title']} (as of {overview['as_of']})",
        f"Pairs: {', '.join(overview['pairs'])}",
        f"Countries: {countries}",
        ", ".join(f"{counts[name]} {name}" for name in shown)
        + f", from {counts['sources']} sources",
        "",
        "Go further:",
        "  bilateral areas               cooperation areas and their commitments",
        "  bilateral officials --current people and their roles",
        "  bilateral trade               trade figures (ranges stay ranges)",
        "  bilateral events              visits, meetings and signings, in date order",
        "  bilateral show Musharraf      everything about one name",
        '  bilateral search "how much did azerbaijan export to pakistan"',
        "  bilateral sources             the sources and what each supports",
        "  bilateral --help              every command and option",
    ]
    from bilateral.output import visible

    try:
        click.echo(visible("\n".join(lines)))
        sys.stdout.flush()
    except BrokenPipeError:
        _reader_gone()


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
    from pathlib import Path

    from bilateral.loader import load

    target = Path(path or settings.path)
    try:
        base = load(target)
    except FactBaseUnreadable as error:
        fail(str(error))
    except FactBaseInvalid as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        fail(f"{target}: {len(error.problems)} problem(s) found", EXIT_NOTHING_MATCHED)
    counts = ", ".join(f"{count} {name}" for name, count in base.counts().items())
    click.echo(f"{target}: valid: {counts}")


@cli.command(epilog=EXIT_CODES)
@click.option("--status", type=click.Choice(STATUS_LADDER), help="Only commitments of this status.")
@country_option
@pair_option
@output_options
@click.pass_obj
def areas(
    settings: Settings,
    status: str | None,
    country: str | None,
    pair: str | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """Cooperation areas, their commitments and the strongest status of each.

    Statuses, strongest first: signed, agreed, pledged, promised, proposed,
    requested, under-discussion, possible.

    \b
    Example:
        bilateral areas --status signed
    """
    answer(
        settings,
        lambda query: query.areas(status=status, country=country, pair=pair),
        AREAS,
        fmt,
        as_json,
        "no cooperation area matches",
    )


@cli.command(epilog=EXIT_CODES)
@country_option
@click.option("--current/--former", default=None, help="Only people in office, or formerly.")
@pair_option
@output_options
@click.pass_obj
def officials(
    settings: Settings,
    country: str | None,
    current: bool | None,
    pair: str | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """People and their roles, current as of the fact base's date or former.

    \b
    Example:
        bilateral officials --country RU --current
    """
    answer(
        settings,
        lambda query: query.officials(country=country, current=current, pair=pair),
        OFFICIALS,
        fmt,
        as_json,
        "no official matches",
    )


@cli.command(epilog=EXIT_CODES)
@click.option("--year", type=click.IntRange(1800, 2200), help="Only figures for this year.")
@click.option("--flow", type=click.Choice(FLOWS), help="export, import or total.")
@click.option(
    "--reporter", metavar="CC", shell_complete=_complete_countries, help="Reporting country."
)
@pair_option
@output_options
@click.pass_obj
def trade(
    settings: Settings,
    year: int | None,
    flow: str | None,
    reporter: str | None,
    pair: str | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """Trade figures. A range prints as a range ($25,000-30,000), never as one number.

    \b
    Example:
        bilateral trade --year 2003 --flow export
    """
    answer(
        settings,
        lambda query: query.trade(year=year, flow=flow, reporter=reporter, pair=pair),
        TRADE,
        fmt,
        as_json,
        "no trade figure matches",
    )


@cli.command(epilog=EXIT_CODES)
@click.option("--year", type=click.IntRange(1800, 2200), help="Only events in this year.")
@click.option(
    "--place", shell_complete=_complete_names, help="Only events at this place (name or id)."
)
@pair_option
@output_options
@click.pass_obj
def events(
    settings: Settings,
    year: int | None,
    place: str | None,
    pair: str | None,
    fmt: str | None,
    as_json: bool,
) -> None:
    """Visits, meetings, signings and statements, in date order (undated last).

    \b
    Example:
        bilateral events --year 2004 --place Baku
    """
    answer(
        settings,
        lambda query: query.events(year=year, place=place, pair=pair),
        EVENTS,
        fmt,
        as_json,
        "no event matches",
    )


@cli.command(epilog=EXIT_CODES)
@click.argument("name", nargs=-1, required=True, shell_complete=_complete_names)
@output_options
@click.pass_obj
def show(settings: Settings, name: tuple[str, ...], fmt: str | None, as_json: bool) -> None:
    """Everything about one person, country, organization, place or area.

    NAME matches ids, names and aliases regardless of case and accents, and
    one typo away. JSON output is an array of the matches.

    \b
    Example:
        bilateral show Rushaylo
    """
    text = _query_text(name)

    def draw_details(rows: list[Row], out: TextIO, terminal: bool) -> None:
        from bilateral.details import print_details

        print_details(rows, out, terminal)

    answer(
        settings,
        lambda query: query.show(text),
        SHOW,
        fmt,
        as_json,
        "nothing matched",
        draw_table=draw_details,
    )


@cli.command(epilog=EXIT_CODES)
@click.argument("query_words", metavar="QUERY...", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@output_options
@click.pass_obj
def search(
    settings: Settings,
    query_words: tuple[str, ...],
    limit: int,
    fmt: str | None,
    as_json: bool,
) -> None:
    """Records ranked for a question in your own words.

    Case, accents, British or American spelling, plurals and words such as
    "the" or "which" do not matter. A name one typo away still finds its record.

    \b
    Example:
        bilateral search which russian officials came to baku
    """
    text = _query_text(query_words)

    def produce(query: FactQuery) -> Iterator[Row]:
        hits = query.search(text, limit)
        if not hits:
            raise NothingMatched(f"nothing found for {text!r}", query.suggest(text))
        for position, hit in enumerate(hits, start=1):
            document = Row("", data=hit.document_data).document
            yield Row.of(
                {
                    "rank": position,
                    "id": hit.id,
                    "kind": hit.kind,
                    "text": hit.text,
                    "score": hit.score,
                    "sources": document.get("sources", []),
                }
            )

    answer(settings, produce, SEARCH, fmt, as_json, f"nothing found for {text!r}")


def _query_text(words: tuple[str, ...]) -> str:
    text = " ".join(words).strip()
    if not text:
        raise click.UsageError("the query is empty; give some words to look for")
    if len(text) > MAX_QUERY_LENGTH:
        raise click.UsageError(
            f"the query is {len(text):,} characters; keep it under {MAX_QUERY_LENGTH:,}"
        )
    return text


@cli.command(epilog=EXIT_CODES)
@output_options
@click.pass_obj
def sources(settings: Settings, fmt: str | None, as_json: bool) -> None:
    """The sources of the fact base and what each supports.

    \b
    Example:
        bilateral sources --json
    """
    answer(settings, lambda query: query.sources(), SOURCES, fmt, as_json, "no sources")


def _reader_gone() -> NoReturn:
    """The reader of a pipe stopped early (`| head -1`): end quietly, as answered."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_ANSWERED)


def main(argv: list[str] | None = None) -> None:
    """Entry point for the console script and `python -m bilateral`.

    Click's own handling is kept for usage errors; an interruption exits 130, as a
    shell would report it, rather than click's 1, which here means nothing matched.
    """
    try:
        code = cli.main(args=argv, prog_name="bilateral", standalone_mode=False)
    except click.Abort:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second ^C must not cut the exit short
        click.echo("bilateral: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except BrokenPipeError:
        _reader_gone()
    sys.exit(code if isinstance(code, int) else EXIT_ANSWERED)
