"""The `export` command: the whole base as SQLite (with Datasette metadata), FollowTheMoney
entities or one JSON document."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from bilateral.cli.answering import Settings, answer_text, fail
from bilateral.cli.options import as_of_option, every_pair_option
from bilateral.errors import shown
from bilateral.render.escapes import visible

if TYPE_CHECKING:
    from bilateral.api import Base

__all__ = ["export"]


@click.command("export", short_help="The whole base as SQLite, FtM or JSON")
@click.option(
    "--sqlite",
    "database",
    metavar="PATH",
    type=click.Path(path_type=str),
    help="Write a normalized SQLite database to PATH, and Datasette's metadata.json beside it.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "ftm"]),
    help="json: one JSON document (docs/export.schema.json); ftm: FollowTheMoney entities, "
    "one a line.",
)
@click.option(
    "--output",
    "-o",
    metavar="PATH",
    type=click.Path(path_type=str),
    help="Write --format's output to PATH (whole or not at all) instead of stdout; - is stdout.",
)
@click.option("--force", is_flag=True, help="Replace what is at PATH (and its metadata.json).")
@click.option("--schema", is_flag=True, help="Print the JSON Schema of --format json.")
@every_pair_option
@as_of_option
@click.pass_obj
def export(
    settings: Settings,
    database: str | None,
    fmt: str | None,
    output: str | None,
    force: bool,
    schema: bool,
    pair: str | None,
) -> None:
    """The whole base as of the date, for other tools: an SQLite database that
    `datasette` serves as it is, FollowTheMoney entities for Aleph and OpenSanctions-style
    data, or one JSON document with a JSON Schema. Formats: docs/export.md.

    A file is written whole or not at all, and one that exists is replaced only with
    --force.

    --format ftm and --format json print to stdout, or write to --output PATH.

    \b
    Example:
        bilateral export --sqlite bilateral.db --as-of 2004-07-28
    """
    _check_usage(database, fmt, output, force, schema)
    from bilateral import export as exports  # sqlite3, the tables, FtM: for export alone

    if schema:
        click.echo(exports.schema_text(), nl=False)
        return

    pair = pair or "all"

    def produce(base: Base) -> str:
        try:
            if database is not None:
                counts = exports.write_sqlite(base, database, pair, force, settings.path)
                return _written_database(database, counts)
            text, count = (exports.json_document if fmt == "json" else exports.ftm_lines)(
                base, pair
            )
            if output is None or output == "-":  # at a terminal, made inert as every answer is
                return visible(text) if sys.stdout.isatty() else text
            example = "bilateral.json" if fmt == "json" else "bilateral.ftm.json"
            exports.write_text(output, text, force, settings.path, example)
            noun = "records" if fmt == "json" else "entities"
            return f"wrote {shown(output)}: {count} {noun}\n"
        except exports.CannotWrite as error:
            fail(str(error), error.code)

    answer_text(settings, produce, structured=database is None)


def _check_usage(
    database: str | None, fmt: str | None, output: str | None, force: bool, schema: bool
) -> None:
    if schema and (database or fmt or output or force):
        raise click.UsageError("--schema prints the JSON Schema alone; give it by itself")
    if database and (fmt or output):
        raise click.UsageError("--sqlite writes a database; --format writes text; give one")
    if not (database or fmt or schema):
        raise click.UsageError("give --sqlite PATH, --format json or --format ftm")
    if force and not (database or (output and output != "-")):
        raise click.UsageError("--force replaces a file; give it with --sqlite or --output")


def _written_database(path: str, counts: dict[str, int]) -> str:
    import shlex  # quoting the command that serves the database, once it is written

    beside = os.path.join(os.path.dirname(path), "metadata.json")
    records = sum(counts.values())
    return (
        f"wrote {shown(path)}: {records} records of {len(counts)} kinds, "
        f"and {shown(beside)} for Datasette\n"
        f"serve it with: datasette {shlex.quote(shown(path))} "
        f"--metadata {shlex.quote(shown(beside))}\n"
    )
