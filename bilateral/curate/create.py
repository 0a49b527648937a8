"""`new`: find the file and the place for a record, insert it, and prove the base valid
before anything is written."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bilateral.curate import filing
from bilateral.curate.adding import Spec, article, block
from bilateral.curate.key_order import of_shape
from bilateral.curate.record_lines import end_of_field, end_of_kind, inserted, record_ids
from bilateral.curate.saving import base_files, write_atomically
from bilateral.errors import BilateralError, FactBaseInvalid, Problem
from bilateral.kinds.registry import BY_NAME, TOP_LEVEL
from bilateral.schema.checker import named_key
from bilateral.schema.closeness import closest_id
from bilateral.schema.fields import Shape
from bilateral.schema.reading import decode, parse_toml, read_bytes, read_toml

if TYPE_CHECKING:
    from bilateral.kinds.base import FactBase


class CannotAdd(BilateralError):
    """What was asked cannot be done as given (exit 2): no such parent, no file to use."""


class Refused(BilateralError):
    """The record would leave the base invalid, or it is invalid already (exit 1)."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class Plan:
    file: str
    original: bytes
    text: str
    """The file's text with the record in it."""
    line: int
    """The line of the record's header in that text."""
    lines: int
    """How many lines the record took, blank lines around it included."""
    where: str
    """The record it goes inside, by key (`people[0] (musharraf-pervez)`), if any."""
    block: tuple[str, ...]
    """The record's own lines."""


def target_file(
    base: str,
    chosen: str | None,
    spec: Spec,
    parent: str | None,
    values: dict[str, Any] | None = None,
) -> str:
    """The file the record goes in: the one chosen (in a directory, a new `*.toml` file
    is started), the base itself, or in a directory the file holding its parent, else the
    last file of its pair (its `pair`, or its countries') holding its kind, else of its
    pair, else the last holding its kind."""
    if spec.field and parent is None:
        raise CannotAdd(
            f"{article(spec.name)} {spec.name} goes inside a record; name it with --record ID"
        )
    if not os.path.isdir(base):
        if chosen and os.path.abspath(chosen) != os.path.abspath(base):
            raise CannotAdd(
                f"--file {chosen} is not the base {base}; --file picks a file in a directory "
                "base, so give --facts DIRECTORY, or leave --file out"
            )
        return base
    files = base_files(base)
    if chosen:
        return _chosen(base, chosen, files)
    parsed = [(file, parse_toml(file, decode(file, read_bytes(file)))) for file in files]
    if parent is not None:
        return _parents_file(base, parent, parsed)
    found = filing.file_for(parsed, BY_NAME[spec.name].table, values or {})
    if found is None:
        raise CannotAdd(
            f"{base}: no file holds {spec.name} records; choose one with --file "
            "(a new file is started)"
        )
    return found


def _chosen(base: str, chosen: str, files: list[str]) -> str:
    same = [file for file in files if os.path.abspath(file) == os.path.abspath(chosen)]
    if same:
        return same[0]
    inside = os.path.abspath(chosen).startswith(os.path.abspath(base) + os.sep)
    if inside and chosen.endswith(".toml") and not os.path.exists(chosen):
        if not os.path.isdir(os.path.dirname(os.path.abspath(chosen))):
            raise CannotAdd(f"--file {chosen}: its folder does not exist; make it first")
        return chosen  # a new file of the base
    raise CannotAdd(f"--file {chosen} is not a *.toml file of the base {base}")


def _parents_file(base: str, parent: str, parsed: list[tuple[str, dict[str, Any]]]) -> str:
    ids: dict[str, list[str]] = {}
    for holder, data in reversed(parsed):
        if parent in record_ids(data).values():
            found: str = holder
            return found
        ids.update({record_id: [] for record_id in record_ids(data).values()})
    meant = closest_id(parent, ids)
    also = f"; did you mean {meant!r}?" if meant else ""
    raise CannotAdd(f"{base}: no file holds a record with the id {parent!r}{also}")


def plan(file: str, spec: Spec, values: dict[str, Any], parent: str | None) -> Plan:
    """The file's text with the record inserted where it belongs."""
    if os.path.exists(file):
        original = read_bytes(file)
        text = decode(file, original)
    else:  # a new file of a directory base
        original, text = b"", filing.new_file_text(values)
    data = parse_toml(file, text)
    if spec.field:
        if parent is None:
            raise CannotAdd(
                f"{article(spec.name)} {spec.name} goes inside a record; name it with --record ID"
            )
        key, parts, shape = _parent(file, data, spec, parent)
        keys = of_shape(shape).keys
        later = keys[keys.index(spec.field) + 1 :] if spec.field in keys else ()
        after = end_of_field(text, key, spec.field, later)
        if after is None:
            raise CannotAdd(f"{file}: {key} has no [[...]] header to add below; add it by hand")
        where = named_key(key, record_ids(data))
        parts = (*parts, spec.field)
    else:
        parts = (BY_NAME[spec.name].table,)
        after = end_of_kind(text, parts[0])
        where = ""
    lines = block(parts, values, spec.layout)
    changed = inserted(text, after, lines)
    added = changed.count("\n") - text.count("\n")
    header = after + (1 if after else 0) + 1
    return Plan(file, original, changed, header, added, where, tuple(lines))


def _parent(
    file: str, data: dict[str, Any], spec: Spec, parent: str
) -> tuple[str, tuple[str, ...], Shape]:
    """The key of the parent record (`areas[2].commitments[0]`), its table's parts and
    its kind's shape."""
    candidates: dict[str, list[str]] = {}
    for kind in TOP_LEVEL:
        for position, record in enumerate(_tables(data.get(kind.table))):
            key = f"{kind.table}[{position}]"
            if _match(record, kind.name, parent, spec, candidates):
                return key, (kind.table,), kind.shape
            for child in kind.children:
                for inner, nested in enumerate(_tables(record.get(child.field))):
                    if _match(nested, child.kind.name, parent, spec, candidates):
                        inner_key = f"{key}.{child.field}[{inner}]"
                        return inner_key, (kind.table, child.field), child.kind.shape
    meant = closest_id(parent, candidates)
    also = f"; did you mean {meant!r}?" if meant else ""
    kinds = " or ".join(spec.parents)
    raise CannotAdd(f"{file}: no {kinds} has the id {parent!r}{also}")


def _match(
    record: dict[str, Any], kind: str, parent: str, spec: Spec, candidates: dict[str, list[str]]
) -> bool:
    """Whether the record is the parent; if not, it is a candidate for a suggestion."""
    record_id = record.get("id")
    if not isinstance(record_id, str) or kind not in spec.parents:
        return False
    if record_id != parent:
        name = record.get("name")
        candidates[record_id] = [name] if isinstance(name, str) else []
        return False
    return True


def _tables(value: object) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def validate(base: str, plan: Plan) -> FactBase:
    """Refused unless the base is valid now and stays valid with the record in it; the
    base with the record."""
    from bilateral.kinds.parts import build_parts  # the checking stack, for `new` alone

    parts = [(file, *read_toml(file)) for file in base_files(base)]
    try:
        build_parts([(file, _constant(text), data) for file, text, data in parts])
    except FactBaseInvalid as error:
        raise Refused(
            f"{base}: the base has {len(error.problems)} problem(s) already; "
            "run `bilateral check` and fix them first",
            error.problems,
        ) from None
    target = os.path.abspath(plan.file)
    changed = parse_toml(plan.file, plan.text)
    if not os.path.exists(plan.file):
        parts.append((plan.file, plan.text, changed))  # a new file: the record is in it
    try:
        return build_parts(
            [
                (file, _constant(plan.text), changed)
                if os.path.abspath(file) == target
                else (file, _constant(text), data)
                for file, text, data in parts
            ]
        )
    except FactBaseInvalid as error:
        raise Refused(
            f"{plan.file}: the record would leave the base with {len(error.problems)} "
            "problem(s), so nothing was written",
            [_as_before(problem, plan) for problem in error.problems],
        ) from None


def _constant(text: str) -> Callable[[], str]:
    return lambda: text


def _as_before(problem: Problem, plan: Plan) -> Problem:
    """A problem with its line in the file as it is: none for one in the new record."""
    line = problem.line
    if line is not None and problem.file == plan.file and line >= plan.line:
        line = None if line < plan.line + len(plan.block) else line - plan.lines
    return Problem(problem.file, problem.key, problem.message, line)


def write(plan: Plan) -> None:
    new = not plan.original and not os.path.exists(plan.file)
    write_atomically(plan.file, plan.text, expected=None if new else plan.original)
