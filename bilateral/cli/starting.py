"""`init`: start a base, or a pair inside one."""

from __future__ import annotations

import click

from bilateral.cli.answering import EXIT_NOTHING_MATCHED, fail, problem_line
from bilateral.errors import shown


@click.command(short_help="Start a base, or a pair inside one")
@click.argument("directory", type=click.Path(path_type=str))
@click.option("--pair", required=True, metavar="AA-BB", help="The pair of countries.")
@click.option("--title", help="What the pair's file covers (default: 'A-B relations').")
@click.option(
    "--written", "as_of", metavar="DATE", help="The date it is written about (default: today)."
)
def init(directory: str, pair: str, title: str | None, as_of: str | None) -> None:
    """Start a fact base in DIRECTORY for a pair of countries, or, in a directory base
    that exists, a file for another pair: AA-BB.toml with the pair, its title and date,
    its two countries and their source (ISO 3166-1). `bilateral check` accepts the result;
    `bilateral new` then files each record of the pair in it.

    \b
    Example:
        bilateral init facts --pair AZ-PK --title "Azerbaijan-Pakistan relations"
        bilateral init facts --pair AZ-TR
    """
    from bilateral.curate import starting  # curators' tools, for `init` alone

    try:
        begun = starting.plan(directory, pair, title, as_of)
        starting.start(directory, begun)
    except ValueError:
        fail(f"--written {as_of!r} is not a date; write YYYY-MM-DD")
    except starting.CannotStart as error:
        fail(str(error))
    except starting.StartsInvalid as error:
        for problem in error.problems[:20]:
            click.echo(problem_line(problem), err=True)
        fail(str(error), EXIT_NOTHING_MATCHED)
    except OSError as error:
        fail(f"{shown(begun.file)}: cannot be written ({error.strerror or error})", 3)
    what = "started the base" if begun.new_base else f"started the pair {pair.upper()}"
    click.echo(f"bilateral: {what} in {shown(begun.file)}", err=True)
