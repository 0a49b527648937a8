"""The `bilateral` command group: global options and the overview printed with no command."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from bilateral import __version__
from bilateral.cli.answering import EXIT_CODES, Settings, checked, fail_unusable, reader_gone
from bilateral.cli.options import as_of_option, complete_paths, own_help
from bilateral.errors import FactBaseInvalid, FactBaseUnreadable
from bilateral.render.escapes import visible

SAID_ELSEWHERE = ("sources", "countries")
"""Counts the overview gives in lines of their own; every other kind's count, in the
registry's order, is on its line of counts."""
GO_FURTHER = (
    ("bilateral areas", "cooperation areas and their commitments"),
    ("bilateral officials --current", "people in office at the date, and their posts"),
    ("bilateral trade", "trade figures (ranges stay ranges)"),
    ("bilateral events", "visits, meetings and signings, in date order"),
    ("bilateral timeline", "who held what when, and what happened"),
    ("bilateral show Musharraf", "everything about one name"),
    ("bilateral search QUESTION", "records ranked for a question in your own words"),
    ("bilateral assessments", "opinions, each with its holder"),
    ("bilateral sources", "the sources and what each supports"),
    ("bilateral brief", "a briefing note with footnotes"),
    ("bilateral --help", "every command and option"),
)
"""Where to go next: a command and what it answers, side by side where the width allows."""


COMMAND_MODULES = {
    "areas": "commands:areas",
    "officials": "commands:officials",
    "trade": "trading:trade",
    "events": "commands:events",
    "show": "finding:show",
    "search": "finding:search",
    "sources": "sourcing:sources",
    "timeline": "listings:timeline",
    "assessments": "listings:assessments",
    "relations": "listings:relations",
    "changes": "changing:changes",
    "check": "curate:check",
    "new": "curate:new",
    "init": "starting:init",
    "fmt": "curate:fmt",
    "diff": "diffing:diff",
    "brief": "handoff:brief",
    "graph": "handoff:graph",
    "export": "exporting:export",
    "import": "importing:import_group",
}
"""Where each command is defined, as `module:attribute` under bilateral.cli: a command's
module is imported when it runs (or for --help), so start-up pays for one family of
commands, not all. The command modules define plain click commands and never import this
one, so no import goes round in a circle."""


GROUP_FLAGS = frozenset({"--no-cache", "--no-pager"})
GROUP_VALUES = frozenset({"--facts"})
"""The group's options a person may also give after the command (`bilateral areas
--no-pager`, `bilateral areas --facts X`); --as-of belongs to every command already."""


class Commands(click.Group):
    """Loads commands as they are asked for; lists each with its whole short help, wrapped,
    never cut with '...'; takes the group's options before or after the command; and
    names the command meant when one is mistyped."""

    made_help: click.Option | None = None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        if self.made_help is None:
            self.made_help = own_help(self, ctx)
        return self.made_help

    def parse_args(self, context: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(context, group_options_first(args))

    def resolve_command(
        self, context: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(context, name) is None:
            import difflib  # only for a command that does not exist

            close = difflib.get_close_matches(name, self.list_commands(context), n=3)
            if close:
                context.fail(
                    f"No such command {name!r}. Did you mean "
                    + " or ".join(repr(command) for command in close)
                    + "?"
                )
        return super().resolve_command(context, args)

    def list_commands(self, context: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, context: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMAND_MODULES:
            module, attribute = COMMAND_MODULES[name].split(":")
            # a command family is imported when first asked for, to keep start-up short
            command = getattr(importlib.import_module(f"bilateral.cli.{module}"), attribute)
            self.add_command(command, name)
        return self.commands.get(name)

    def format_commands(self, context: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(context):
            command = self.get_command(context, name)
            if command is not None and not command.hidden:
                rows.append((name, command.short_help or _first_sentence(command.help or "")))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def group_options_first(args: list[str]) -> list[str]:
    """The arguments with the group's options that follow the command moved before it."""
    position = _command_position(args)
    if position is None:
        return args
    moved: list[str] = []
    rest: list[str] = []
    words = iter(args[position + 1 :])
    for word in words:
        if word == "--":
            rest += [word, *words]
            break
        if word in GROUP_FLAGS or (word.split("=", 1)[0] in GROUP_VALUES and "=" in word):
            moved.append(word)
        elif word in GROUP_VALUES:
            moved += [word, next(words, "")]
        else:
            rest.append(word)
    return [*args[:position], *moved, args[position], *rest]


def _command_position(args: list[str]) -> int | None:
    """Where the command's name stands: the first word that is no group option or value."""
    skip = False
    for position, word in enumerate(args):
        if skip:
            skip = False
        elif word in GROUP_VALUES or word == "--as-of":
            skip = True
        elif not word.startswith("-"):
            return position
        elif word == "--":
            return None
    return None


def _first_sentence(text: str) -> str:
    first = " ".join(text.strip().split("\n\n")[0].split())
    return first.split(". ")[0].rstrip(".")


@click.group(
    cls=Commands,
    invoke_without_command=True,
    epilog=EXIT_CODES,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--facts",
    metavar="PATH",
    shell_complete=complete_paths,
    help="Fact base to read (default: $BILATERAL_FACTS, then the shipped one).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read the TOML afresh instead of the compiled cache ($BILATERAL_CACHE_DIR).",
)
@click.option(
    "--no-pager",
    is_flag=True,
    help="Never page long answers (they page at a terminal through $BILATERAL_PAGER, "
    "$PAGER or less).",
)
@as_of_option
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda context, _param, value: _print_version(context, value),
    help="Show the version and exit.",
)
@click.pass_context
def cli(context: click.Context, facts: str | None, no_cache: bool, no_pager: bool) -> None:
    """Answers about the relations between two countries, from a curated fact base.

    With no command, prints an overview of the fact base.

    \b
    Example:
        bilateral search "who is azerbaijan's defence minister"
    """
    settings = context.ensure_object(Settings)
    settings.facts = facts
    settings.use_cache = not no_cache
    settings.pager = not no_pager
    if context.invoked_subcommand is None:
        _overview(settings)


def _print_version(context: click.Context, value: bool) -> None:
    """click.version_option's answer, without its lookup of a translation for the help."""
    if value and not context.resilient_parsing:
        click.echo(f"bilateral, version {__version__}", color=context.color)
        context.exit()


def _overview(settings: Settings) -> None:
    try:
        overview = checked(settings, lambda base: base.overview())
    except (FactBaseUnreadable, FactBaseInvalid) as error:
        fail_unusable(error)
    try:
        click.echo(visible(overview_text(overview, _width())))
        sys.stdout.flush()
    except BrokenPipeError:
        reader_gone()


def overview_text(overview: dict[str, Any], width: int) -> str:
    """The overview for people: what the base covers, as of when, and where to go next."""
    import textwrap  # the overview alone wraps prose

    counts = overview["counts"]
    coverage = overview["coverage"]
    period = coverage["period"]
    by_date: dict[str, list[str]] = {}
    for plural, date in coverage["checked"].items():
        by_date.setdefault(date, []).append(plural)
    checked = "; ".join(
        f"{date} for {', '.join(plurals)}" for date, plurals in sorted(by_date.items())
    )
    paragraphs = [
        overview["title"],
        f"Answers as of {overview['as_of']} (choose another date with --as-of DATE).",
        f"Its facts span {period[0]} to {period[1]}; the base was written about "
        f"{overview['checked_as_of']}."
        if period
        else "",
        f"Its sources speak up to {checked}." if checked else "",
        _pairs_text(overview),
        "Countries: " + ", ".join(f"{code} {name}" for code, name in overview["countries"].items()),
        ", ".join(f"{count} {name}" for name, count in counts.items() if name not in SAID_ELSEWHERE)
        + f", from {counts['sources']} sources",
    ]
    wrapped = [
        textwrap.fill(paragraph, width, subsequent_indent="  ")
        for paragraph in paragraphs
        if paragraph
    ]
    return "\n".join([*wrapped, "", "Go further:", *go_further(width)])


def _pairs_text(overview: dict[str, Any]) -> str:
    """The pairs; where there are several, each with its title and date of writing, and
    which one a listing answers for without --pair."""
    pairs: list[str] = overview["pairs"]
    if len(pairs) < 2:
        return f"Pairs: {', '.join(pairs)}"
    about = overview.get("about_pairs") or {}
    default = overview.get("default_pair")
    listed = "; ".join(
        f"{pair} ({about[pair]['title']}, written about {about[pair]['as_of']})"
        if pair in about
        else pair
        for pair in pairs
    )
    return (
        f"Pairs: {listed}. Choose one with --pair AA-BB, or --pair all; without --pair, "
        f"listings answer for {default or 'every pair'}."
    )


def go_further(width: int) -> list[str]:
    """The next commands, each beside what it answers; where a line would be wider than
    the screen, the answer goes beneath its command, wrapped between words."""
    import textwrap  # as above

    column = max(len(command) for command, _ in GO_FURTHER) + 3
    lines = []
    for command, what in GO_FURTHER:
        if column + len(what) <= width:
            lines.append(f"  {command.ljust(column - 2)}{what}")
            continue
        lines.append(f"  {command}")
        lines += textwrap.wrap(what, width, initial_indent="      ", subsequent_indent="      ")
    return lines


def _width() -> int:
    """The terminal's width (at most 100), or 100 in a pipe."""
    import shutil  # the overview alone

    if not sys.stdout.isatty():
        return 100
    return max(40, min(100, shutil.get_terminal_size((100, 24)).columns))
