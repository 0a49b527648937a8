"""Commands for curators: `check`, `new` and `fmt` (`diff` is in diffing.py)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

import click

from bilateral.cli.answering import (
    EXIT_IO,
    EXIT_NOTHING_MATCHED,
    Settings,
    echo_answer,
    fail,
    for_screen,
    problem_line,
    warn,
)
from bilateral.cli.options import KindsListed
from bilateral.errors import FactBaseInvalid, FactBaseUnreadable, Problem, shown
from bilateral.render.escapes import visible

if TYPE_CHECKING:
    from bilateral.api import FactBase
    from bilateral.curate.adding import Spec
    from bilateral.curate.findings import Finding

__all__ = ["check", "fmt", "new"]


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people; json ({file, line, key, message, severity} each) for editors and "
    "scripts; github for workflow annotations at each line.",
)
@click.pass_obj
def check(settings: Settings, path: str | None, output: str) -> None:
    """Validate a fact base and print its counts.

    On success prints one line of counts on stdout and exits 0. Problems go to
    stderr, each naming the file, line and key; exit 1. A file that cannot be
    read as TOML exits 2. Warnings (a source no record cites, a sub-table that
    another table parts from its record) are shown once there are no problems;
    --format json and github list them with the problems.

    \b
    Example:
        bilateral check facts.toml
        bilateral check --format github facts.toml
    """
    from bilateral.api import load_checked as load  # the checking stack, for `check` alone
    from bilateral.curate.checking import layout_warnings, uncited_warnings  # curators' tools
    from bilateral.curate.findings import Finding  # as above
    from bilateral.curate.overlaps import overlapping_holders  # as above
    from bilateral.curate.timeless import placed_warnings, timeless_warnings  # as above

    target = path or settings.path
    base: FactBase | None = None
    errors: list[Finding] = []
    try:
        try:
            base = load(target)
        except FactBaseInvalid as error:
            errors = [Finding.of(problem) for problem in error.problems]
        layout = layout_warnings(target)
        if base:
            layout += timeless_warnings(target, base)
            layout += placed_warnings(target, overlapping_holders(base))
        uncited = base.uncited_sources() if base else []
        cited_by_none = uncited_warnings(target, uncited)
    except FactBaseUnreadable as error:
        _unreadable(str(error), output)
    if output == "text":
        _report_text(target, base, errors, layout, uncited)
    _report_machine(target, base, errors, [*layout, *cited_by_none], output)


def _unreadable(message: str, output: str) -> NoReturn:
    """A file that is not TOML: exit 2, and in the machine formats an error at its line."""
    from bilateral.curate.findings import as_github, as_json, unreadable  # curators' tools

    if output != "text":
        finding = unreadable(message)
        if output == "json":
            echo_answer(as_json([finding]), structured=True)
        else:
            echo_answer(as_github(finding))
    fail(message)


def _report_text(
    target: str,
    base: FactBase | None,
    errors: list[Finding],
    warnings: list[Finding],
    uncited: list[str],
) -> NoReturn:
    if base is None:
        for finding in errors:
            problem = Problem(finding.file, finding.key, finding.message, finding.line)
            click.echo(problem_line(problem), err=True)
        fail(f"{shown(target)}: {len(errors)} problem(s) found", EXIT_NOTHING_MATCHED)
    for finding in warnings:
        click.echo(visible(finding.text().replace("\r", "\\r").replace("\n", "\\n")), err=True)
    for source in uncited:
        warn(f"{shown(target)}: source {source!r} is cited by no record; cite it or remove it")
    echo_answer(for_screen(f"{shown(target)}: valid: {_counts(base)}"))
    sys.exit(0)


def _report_machine(
    target: str,
    base: FactBase | None,
    errors: list[Finding],
    warnings: list[Finding],
    output: str,
) -> None:
    from bilateral.curate.findings import as_github, as_json  # curators' tools

    findings = sorted([*errors, *warnings], key=lambda f: (f.file, f.line or 0))
    if output == "json":
        echo_answer(as_json(findings), structured=True)
    else:
        lines = [as_github(finding) for finding in findings]
        if base is not None:
            lines.append(for_screen(f"{shown(target)}: valid: {_counts(base)}"))
        if lines:
            echo_answer("\n".join(lines))
    if errors:
        fail(f"{shown(target)}: {len(errors)} problem(s) found", EXIT_NOTHING_MATCHED)


def _counts(base: FactBase) -> str:
    return ", ".join(f"{count} {name}" for name, count in base.counts().items())


@click.command(cls=KindsListed)
@click.argument("kind")
@click.option("--id", "record_id", metavar="ID", help="The record's id.")
@click.option("--name", metavar="NAME", help="Its name (for kinds that have one).")
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="KEY=VALUE",
    help="Any field; repeat for each, and for each item of a list. A value written as "
    "TOML ([...] or {...}) is read as TOML.",
)
@click.option(
    "--cite", multiple=True, metavar="SOURCE[:P:S]", help="A source it cites (repeatable)."
)
@click.option(
    "--record",
    "--person",
    "--area",
    "parent",
    metavar="ID",
    help="The record it goes inside, for a role (--person), commitment (--area), name, "
    "note or dispute.",
)
@click.option(
    "--file",
    "chosen",
    type=click.Path(path_type=str),
    help="The file to add it to: a file of a directory base, or the base itself.",
)
@click.option(
    "--prompt/--no-prompt",
    default=None,
    help="Ask for missing required fields (default: when stdin is a terminal).",
)
@click.option("--dry-run", is_flag=True, help="Print the record and where it goes; write nothing.")
@click.pass_obj
def new(
    settings: Settings,
    kind: str,
    record_id: str | None,
    name: str | None,
    fields: tuple[str, ...],
    cite: tuple[str, ...],
    parent: str | None,
    chosen: str | None,
    prompt: bool | None,
    dry_run: bool,
) -> None:
    """Add a record of KIND: checks it, inserts a well-formed block where it belongs (the
    end of its kind, or inside its parent record), and writes the file only if the whole
    base stays valid.

    KIND is one of: {kinds}.

    \b
    Example:
        bilateral new role --person musharraf-pervez --field title="Chief of Army Staff" \\
            --field organization=PK --field start=1998-10-07 --cite wikipedia-pervez-musharraf
        bilateral new place --id lahore --name Lahore --field kind=city --field country=PK \\
            --cite caci-2004-07-28:3:2
    """
    from bilateral.curate import adding  # curators' tools, for `new` alone

    spec = adding.specs().get(kind)
    if spec is None:
        raise click.UsageError(f"unknown kind {kind!r}; use one of: {', '.join(adding.specs())}")
    ask = sys.stdin.isatty() if prompt is None else prompt
    if spec.field and parent is None and ask:
        parent = click.prompt(f"id of the {' or '.join(spec.parents)} it goes inside")
    typed = [("id", record_id), ("name", name), *(("sources", c) for c in cite)]
    typed += [(key.strip(), value) for key, _, value in (f.partition("=") for f in fields)]
    if bad := [f for f in fields if "=" not in f]:
        raise click.UsageError(f"--field {bad[0]!r}: write KEY=VALUE")
    given = _given(spec, [(key, value) for key, value in typed if value is not None], ask)
    _add_asking(settings, spec, given, parent, (chosen, dry_run, ask))


def _given(spec: Spec, typed: list[tuple[str, str]], ask: bool) -> dict[str, list[str]]:
    """What was typed for each field, with what is missing asked for at a terminal."""
    from bilateral.curate import adding  # curators' tools, for `new` alone

    try:
        given = adding.typed(spec, typed)
        missing = adding.missing(spec, given)
        if missing and not ask:
            raise ValueError(adding.needs(spec, missing))
        if ask:
            from bilateral.cli import asking  # the terminal's questions, for `new` alone

            given = asking.interview(spec, given, optional=bool(missing))
        adding.values(spec, given)  # every value reads before the base is asked
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    return given


def _add_asking(
    settings: Settings,
    spec: Spec,
    given: dict[str, list[str]],
    parent: str | None,
    how: tuple[str | None, bool, bool],
) -> None:
    """Add the record; at a terminal, a record the base refuses for its own fields is
    asked for again, field by field, keeping the rest of what was typed."""
    from bilateral.cli import asking  # the terminal's questions, for `new` alone
    from bilateral.curate import adding  # curators' tools

    chosen, dry_run, ask = how
    for rounds in range(asking.MAX_ROUNDS + 1):
        values = adding.values(spec, given)
        refused = _add(settings, spec, values, parent, chosen, dry_run, ask)
        if refused is None:
            return
        corrected = asking.again(spec, given, refused, rounds)
        if corrected is None:
            _refused(refused)
        given = corrected


def _add(
    settings: Settings,
    spec: Spec,
    values: dict[str, object],
    parent: str | None,
    chosen: str | None,
    dry_run: bool,
    ask: bool = False,
) -> list[Problem] | None:
    """Add the record; at a terminal (`ask`), the problems of a record the base refuses
    are returned, to ask again."""
    import os  # only `new` chooses where its base is

    from bilateral.curate import create, saving  # curators' tools

    base = settings.facts or os.environ.get("BILATERAL_FACTS") or chosen or settings.path
    try:
        if not dry_run:
            saving.refuse_installed(base)
        target = create.target_file(base, chosen, spec, parent, values)
        with saving.locked(target):  # another writer waits; this one reads what it wrote
            plan = create.plan(target, spec, values, parent)
            built = create.validate(base, plan)
            if not dry_run:
                create.write(plan)
    except (create.CannotAdd, FactBaseUnreadable, saving.InstalledCopy) as error:
        fail(str(error))
    except create.Refused as error:
        if ask and error.problems:
            return error.problems
        _refused(error.problems, str(error))
    except OSError as error:
        fail(f"{shown(chosen or base)}: cannot be written ({error.strerror or error})", EXIT_IO)
    if dry_run:
        echo_answer("\n".join(plan.block))
    named = f" {values['id']!r}" if "id" in values else ""
    under = f" under {plan.where}" if plan.where else ""
    done = "would add" if dry_run else "added"
    said = visible(f"{shown(plan.file)}:{plan.line}: {done} {spec.name}{named}{under}")
    click.echo(said, err=dry_run)
    from bilateral.curate.timeless import never_in_force  # curators' tools

    for table, record, inside, message in never_in_force(built):
        if record in (values.get("id"), parent):
            warn(f"{shown(plan.file)}: {table} {record}{inside}: {message}")
    return None


def _refused(problems: list[Problem], message: str = "") -> NoReturn:
    for problem in problems[:20]:
        click.echo(problem_line(problem), err=True)
    fail(message or f"the record would leave the base with {len(problems)} problem(s), "
         "so nothing was written", EXIT_NOTHING_MATCHED)  # fmt: skip


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if a file would.")
@click.option("--diff", "show_diff", is_flag=True, help="Print what would change, as a diff.")
@click.pass_obj
def fmt(settings: Settings, paths: tuple[str, ...], check_only: bool, show_diff: bool) -> None:
    """Lay out fact base files one way: the base's keys, then each kind's tables in the
    registry's order; in a record, keys in the order its kind declares them, then its
    sub-tables. Records keep their order, every comment and value is kept, and running it
    twice changes nothing more. A directory means its *.toml files; `-` reads stdin and
    writes the result to stdout.

    \b
    Example:
        bilateral fmt facts.toml
        bilateral fmt --check --diff facts.toml
    """
    from bilateral.curate.saving import InstalledCopy, base_files, refuse_installed  # `fmt`

    try:
        files = [file for path in paths or (settings.path,) for file in base_files(path)]
        if not check_only:
            for file in files:
                refuse_installed(file)
    except (FactBaseUnreadable, InstalledCopy) as error:
        fail(str(error))
    worst = max(_fmt_one(file, check_only, show_diff) for file in files)
    if worst:
        sys.exit(worst)


def _fmt_one(file: str, check_only: bool, show_diff: bool) -> int:
    """Lay out one file, say what happened; the exit code it calls for."""
    from bilateral.curate.reformat import lay_out  # curators' tools

    outcome = lay_out(file, check_only, show_diff)
    if outcome.output:
        click.echo(visible(outcome.output) if file != "-" else outcome.output, nl=False)
    if outcome.message:
        click.echo(f"bilateral: {visible(outcome.message)}", err=True)
    return outcome.code
