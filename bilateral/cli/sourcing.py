"""`sources`: the sources and what each supports, or their bibliography."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from bilateral.cli.answering import (
    Settings,
    answer,
    answer_text,
)
from bilateral.cli.options import (
    Command,
    as_of_option,
    every_pair_option,
)
from bilateral.render.escapes import visible
from bilateral.render.formats import Format

if TYPE_CHECKING:
    from bilateral.api import Base


BIBLIOGRAPHY_FORMATS = ("csl-json", "bibtex")


@click.command(cls=Command, short_help="The sources and what each supports; a bibliography")
@click.option("--json", "as_json", is_flag=True, help="Shorthand for --format json.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*(f.value for f in Format), *BIBLIOGRAPHY_FORMATS]),
    help="Output format (default: table on a terminal, tsv when piped); csl-json and "
    "bibtex give the bibliography for Zotero, Pandoc or LaTeX.",
)
@every_pair_option
@as_of_option
@click.pass_obj
def sources(settings: Settings, fmt: str | None, as_json: bool, pair: str | None) -> None:
    """The sources of the fact base: title, date, address, and the records each supports.

    \b
    Example:
        bilateral sources --json
        bilateral sources --format bibtex > sources.bib
    """
    if fmt in BIBLIOGRAPHY_FORMATS:
        if as_json:
            raise click.UsageError(f"--json conflicts with --format {fmt}; give one of them")
        terminal = sys.stdout.isatty()

        def listed(base: Base) -> str:
            text = bibliography(base, fmt == "bibtex", pair)
            return visible(text) if terminal else text

        answer_text(settings, listed, structured=fmt == "csl-json")
        return
    answer(settings, lambda base: base.sources(pair), "source", fmt, as_json, "no sources")


def bibliography(base: Base, as_bibtex: bool, pair: str | None = None) -> str:
    from bilateral.render.bibliography import bibtex, csl_json  # these two formats alone

    sources = [row.document for row in base.sources(pair)]
    return bibtex(sources) if as_bibtex else csl_json(sources) + "\n"
