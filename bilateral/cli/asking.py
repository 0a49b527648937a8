"""`new` at a terminal: ask for what is missing, several sources, the optional fields that
matter; and, when the base refuses the record, ask again for the fields at fault,
keeping everything else that was typed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import click

from bilateral.cli.answering import problem_line

if TYPE_CHECKING:
    from bilateral.api import Field
    from bilateral.curate.adding import Spec
    from bilateral.errors import Problem

Given = dict[str, list[str]]
OFFERED = ("date", "ref", "refs", "pair", "year", "number")
"""The optional fields offered at the terminal (dates, places, countries, pairs, ...),
beside those with a list of choices."""
MAX_ROUNDS = 5


def interview(spec: Spec, given: Given, optional: bool = True) -> Given:
    """What was given, with each required field still missing asked for (again until it
    reads), sources one at a time, and the optional fields that matter offered."""
    from bilateral.curate.adding import given_fields, missing, required  # curators' tools

    for item in missing(spec, given):
        given[item.toml_key] = ask_sources(item) if item.type == "sources" else [ask(item)]
    if optional:
        for item in given_fields(spec):
            if item.toml_key in given or required(item):
                continue
            if item.choices or item.type in OFFERED:
                answer = ask(item, optional=True)
                if answer:
                    given[item.toml_key] = [answer]
    return given


def ask(item: Field, optional: bool = False) -> str:
    """A field's value, asked until it reads (blank skips an optional field)."""
    from bilateral.curate.adding import hint, value_of  # curators' tools

    def checked(text: str) -> str:
        if optional and not text.strip():
            return ""
        if item.choices and text not in item.choices:
            raise click.BadParameter(f"{text!r} is not one of: {', '.join(item.choices)}")
        try:
            value_of(item, [text])
        except ValueError as error:
            raise click.BadParameter(str(error)) from None
        _shaped(item, text)
        return text

    skip = ", Enter to skip" if optional else ""
    question = f"{item.toml_key} ({hint(item)}{skip})"
    answer: str = click.prompt(
        question, default="" if optional else None, show_default=False, value_proc=checked
    )
    return answer


def _shaped(item: Field, text: str) -> None:
    """An id or a date of the right shape, before the base is asked (BadParameter)."""
    from bilateral.curate.adding import shape_fault  # curators' tools

    fault = shape_fault(item, text)
    if fault:
        raise click.BadParameter(fault)


def ask_sources(item: Field) -> list[str]:
    """Sources, one a line, until a blank line (at least one)."""
    found: list[str] = []
    while True:
        number = len(found) + 1
        more = ", Enter when done" if found else ""
        question = f"source {number} (SOURCE or SOURCE:PARAGRAPH:SENTENCE{more})"
        answer = _one_source(item, question, optional=bool(found))
        if not answer:
            return found
        found.append(answer)


def _one_source(item: Field, question: str, optional: bool) -> str:
    from bilateral.curate.adding import value_of  # curators' tools

    def checked(text: str) -> str:
        if optional and not text.strip():
            return ""
        try:
            value_of(item, [text])
        except ValueError as error:
            raise click.BadParameter(str(error)) from None
        return text.strip()

    answer: str = click.prompt(
        question, default="" if optional else None, show_default=False, value_proc=checked
    )
    return answer


def at_fault(spec: Spec, problems: list[Problem]) -> list[str]:
    """The fields of the new record the problems are about (a problem in the new record
    has no line in the file as it is)."""
    from bilateral.curate.adding import given_fields  # curators' tools

    fields = {item.toml_key for item in given_fields(spec)}
    found: list[str] = []
    for problem in problems:
        if problem.line is not None:
            continue
        last = re.sub(r"\[\d+\]$", "", problem.key.rsplit(".", 1)[-1])
        if last in fields and last not in found:
            found.append(last)
    return found


def again(spec: Spec, given: Given, problems: list[Problem], rounds: int) -> Given | None:
    """What was given, with the fields at fault asked for again after the problems are
    shown; None when no field of the record is at fault (or after too many rounds)."""
    from bilateral.curate.adding import given_fields  # curators' tools

    faults = at_fault(spec, problems)
    if not faults or rounds >= MAX_ROUNDS:
        return None
    for problem in problems[:20]:
        click.echo(problem_line(problem), err=True)
    click.echo(f"bilateral: correct {', '.join(faults)}; the rest is kept", err=True)
    fields = {item.toml_key: item for item in given_fields(spec)}
    for key in faults:
        item = fields[key]
        given[key] = ask_sources(item) if item.type == "sources" else [ask(item)]
    return given
