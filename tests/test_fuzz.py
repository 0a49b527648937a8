"""Every input either validates or gets a documented error and exit code.

CI runs a bounded number of inputs; a longer run is one command:

    BILATERAL_FUZZ_INPUTS=20000 python3 -m pytest tests/test_fuzz.py -q
"""

from __future__ import annotations

import datetime
import math
import os
import random
import re
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral.api import open_base
from bilateral.cli.answering import MAX_PROBLEMS_SHOWN
from bilateral.errors import BadQuery, FactBaseInvalid, Problem
from bilateral.kinds.base import build
from tests.conftest import ARTICLE, MINIMAL, no_match, run
from tests.mutations import mutate

FUZZ_INPUTS = int(os.environ.get("BILATERAL_FUZZ_INPUTS", "250"))


def assert_documented(path: Path, exit_code: int, stdout: str, stderr: str) -> None:
    """The answer of `bilateral check PATH` is one of the three documented ones, in full."""
    assert exit_code in (0, 1, 2), (exit_code, stderr)
    if exit_code == 0:
        warnings = [line for line in stderr.splitlines() if "warning: " not in line]
        assert warnings == [], stderr  # a valid base may only be warned about
        prefix = f"{path}: valid: "
        assert stdout.startswith(prefix), stdout
        assert VALID_COUNTS.fullmatch(stdout.removeprefix(prefix)), stdout
        return
    assert stdout == ""
    *problems, last = stderr.splitlines()
    if exit_code == 1:
        assert problems, "problems found must be listed"
        assert last == f"bilateral: {path}: {len(problems)} problem(s) found"
        lines_in_file = path.read_bytes().count(b"\n") + 1
        numbers = []
        for line in problems:
            match = problem_line(path).fullmatch(line)
            assert match, line
            number = int(match["line"] or 0)
            assert number <= lines_in_file, line
            numbers.append(number)
        assert numbers == sorted(numbers), "problems are listed in file order"
    else:
        assert problems == []
        assert unusable_line(path).fullmatch(last), last


VALID_COUNTS = re.compile(r"\d+ [a-z ]+(, \d+ [a-z ]+)*\n")


def problem_line(path: Path) -> re.Pattern[str]:
    """`FILE[:LINE]: KEY: MESSAGE`, as `check` lists a problem."""
    file = re.escape(str(path))
    return re.compile(rf"{file}(:(?P<line>[1-9]\d*))?: (?P<key>.+?): (?P<message>.+)")


def unusable_line(path: Path) -> re.Pattern[str]:
    """`bilateral: FILE[:LINE[:COLUMN]]: WHAT; WHAT TO DO`, for a file that cannot be read."""
    return re.compile(rf"bilateral: {re.escape(str(path))}(:[1-9]\d*){{0,2}}: .+; .+")


@pytest.mark.slow
def test_mutation_fuzzer(tmp_path: Path) -> None:
    rng = random.Random(20040728)
    original = ARTICLE.read_bytes()
    path = tmp_path / "facts.toml"
    outcomes = {0: 0, 1: 0, 2: 0}
    for _ in range(FUZZ_INPUTS):
        path.write_bytes(mutate(rng, original))
        result = run("check", str(path))
        assert_documented(path, result.exit_code, result.stdout, result.stderr)
        outcomes[result.exit_code] += 1
    assert outcomes[1] > 0
    assert outcomes[2] > 0


@pytest.mark.slow
def test_mutated_bases_never_crash_a_query(tmp_path: Path) -> None:
    """A query on a mutated base answers exactly as `check` and the Python API say it must
    (the unmutated base first, so every kind of answer is met)."""
    rng = random.Random(7)
    original = ARTICLE.read_bytes()
    path = tmp_path / "facts.toml"
    outcomes = {0: 0, 1: 0, 2: 0}
    for attempt in range(max(12, FUZZ_INPUTS // 80) + 1):
        path.write_bytes(mutate(rng, original) if attempt else original)
        checked = run("check", str(path))
        result = run("--facts", str(path), "--no-cache", "officials", "--json")
        answer = (result.exit_code, result.stdout, result.stderr)
        assert answer == expected_officials(path, checked.exit_code, checked.stderr)
        outcomes[checked.exit_code] += 1
    assert all(outcomes.values()), outcomes


def expected_officials(path: Path, check_code: int, check_stderr: str) -> tuple[int, str, str]:
    """What `officials --json` must answer on a base that `check` answered so."""
    if check_code == 2:  # unreadable: the same one-line message
        return 2, "", check_stderr
    if check_code == 1:  # invalid: the first problems, then where to see them all
        problems = check_stderr.splitlines()[:-1]
        hidden = len(problems) - MAX_PROBLEMS_SHOWN
        more = f" ({hidden} more not shown)" if hidden > 0 else ""
        summary = (
            f"bilateral: the fact base has {len(problems)} problem(s){more}; run `bilateral check`"
        )
        return 2, "", "".join(f"{line}\n" for line in [*problems[:MAX_PROBLEMS_SHOWN], summary])
    assert check_code == 0, check_stderr
    try:
        rows = list(open_base(str(path), use_cache=False).officials())
    except BadQuery as error:
        return 2, "", f"bilateral: {error}\n"
    if not rows:
        return 1, "[]\n", no_match("no official matches")
    return 0, "[\n  " + ",\n  ".join(row.raw for row in rows) + "\n]\n", ""


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(min_value=datetime.date(1, 1, 1)),
    st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
VALID: dict[str, Any] = tomli.loads(MINIMAL.read_text(encoding="utf-8"))
KEY_PATHS = [
    ("pair",),
    ("as_of",),
    ("sources", 0, "sentences"),
    ("people", 0, "roles", 0, "start"),
    ("people", 0, "roles", 0, "current"),
    ("people", 0, "country"),
    ("trade", 0, "value"),
    ("trade", 0, "value", "low"),
    ("trade", 0, "year"),
    ("events", 0, "participants"),
    ("events", 0, "date"),
    ("areas", 0, "commitments"),
    ("areas", 0, "commitments", 0, "status"),
    ("assessments", 0, "held_by"),
    ("countries", 0, "id"),
    ("facts",),
    ("people",),
]


def _replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    import copy

    changed = copy.deepcopy(data)
    target = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return changed


toml_values = st.recursive(
    scalars.filter(lambda value: value is not None),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
"""Values TOML can hold: `values` without None, which TOML writes by leaving a key out."""


@pytest.mark.slow
@settings(max_examples=max(80, FUZZ_INPUTS // 12), suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(KEY_PATHS), value=st.none() | toml_values)
def test_any_value_anywhere_validates_or_is_a_problem(path: tuple[Any, ...], value: Any) -> None:
    """Written as TOML, any value at any key gives a valid base or problems that each point
    at a line of the record they name, in file order."""
    layout = TomlLayout(_replaced(VALID, path, value))
    data = tomli.loads(layout.text)
    assert _same(data, _without_none(layout.data)), layout.text
    problems = _problems(layout.text, data)
    lines_in_file = layout.text.count("\n")
    for problem in problems:
        assert problem.file == "facts.toml"
        assert problem.message, problem
        assert problem.message == problem.message.strip(), problem
        assert "\n" not in problem.message, problem
        top = re.match(r"[^.\[]*", problem.key)
        assert top is not None
        name = top.group()
        if name not in data:  # a missing top-level key: nothing in the file to point at
            assert problem.line is None, problem
            continue
        assert problem.line is not None, problem
        assert 1 <= problem.line <= lines_in_file, problem
        if name in layout.key_lines:
            assert problem.line == layout.key_lines[name], problem
            continue
        indexed = re.match(rf"{re.escape(name)}\[(\d+)\]", problem.key)
        sections = layout.sections[name]
        if indexed is None:
            assert problem.line == sections[0][0], problem
            continue
        assert int(indexed[1]) < len(sections), problem
        first, last = sections[int(indexed[1])]
        assert first <= problem.line <= last, (problem, layout.text)
    numbers = [problem.line or 0 for problem in problems]
    assert numbers == sorted(numbers), "problems are reported in file order"


def _problems(text: str, data: dict[str, Any]) -> list[Problem]:
    """The problems build reports; empty when the data is a valid base."""
    try:
        build("facts.toml", text, data)
    except FactBaseInvalid as error:
        problems = error.problems
    else:
        return []
    assert problems, "an invalid base must say why"
    return problems


class TomlLayout:
    """TOML text for data, laid out as a curator writes a base: top-level values first, one
    key a line, then each array of tables, with roles and commitments as nested arrays of
    tables and everything else inline. Records where each top-level key and each table
    of an array of tables was written."""

    NESTED = ("roles", "commitments")

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.lines: list[str] = []
        self.key_lines: dict[str, int] = {}
        """The line of each top-level key written as `key = value`."""
        self.sections: dict[str, list[tuple[int, int]]] = {}
        """For each array of tables, the first and last line of each of its tables."""
        arrays = []
        for key, value in data.items():
            if _is_table_array(value):
                arrays.append((key, value))
            elif value is not None:
                self.lines.append(f"{_key(key)} = {_inline(value)}")
                self.key_lines[key] = len(self.lines)
        for key, tables in arrays:
            self.sections[key] = [self._table(key, table) for table in tables]
        self.text = "\n".join(self.lines) + "\n"

    def _table(self, key: str, table: dict[str, Any]) -> tuple[int, int]:
        self.lines += ["", f"[[{_key(key)}]]"]
        first = len(self.lines)
        nested = []
        for name, value in table.items():
            if name in self.NESTED and _is_table_array(value):
                nested.append((name, value))
            elif value is not None:
                self.lines.append(f"{_key(name)} = {_inline(value)}")
        for name, items in nested:
            for item in items:
                self.lines += ["", f"[[{_key(key)}.{_key(name)}]]"]
                self.lines += _pairs(item)
        return first, len(self.lines)


def _is_table_array(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _string(key)


def _string(text: str) -> str:
    """A TOML basic string; every character that is not printable is escaped, so the text
    has no line breaks but its own."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch.isprintable():
            out.append(ch)
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(f"\\U{ord(ch):08X}")
    return '"' + "".join(out) + '"'


def _inline(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    assert isinstance(value, dict), value
    return "{" + ", ".join(_pairs(value)) + "}"


def _pairs(table: dict[str, Any]) -> list[str]:
    """`key = value` for each key of a table; a key with no value (None) is left out."""
    return [f"{_key(k)} = {_inline(v)}" for k, v in table.items() if v is not None]


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    return value


def _same(first: Any, second: Any) -> bool:
    """Equal, type for type, with NaN equal to NaN."""
    if type(first) is not type(second):
        return False
    if isinstance(first, dict):
        return first.keys() == second.keys() and all(_same(first[k], second[k]) for k in first)
    if isinstance(first, list):
        return len(first) == len(second) and all(map(_same, first, second))
    if isinstance(first, float) and math.isnan(first):
        return math.isnan(second)
    return bool(first == second)


@pytest.mark.slow
@settings(max_examples=max(80, FUZZ_INPUTS // 12), suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(st.text(max_size=12), values, max_size=6))
def test_any_top_level_table_validates_or_is_a_problem(data: dict[str, Any]) -> None:
    with pytest.raises(FactBaseInvalid) as caught:
        build("facts.toml", "", data)
    assert caught.value.problems


@settings(max_examples=max(100, FUZZ_INPUTS // 10), deadline=None)
@given(content=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_get_a_documented_answer(content: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "facts.toml"
        path.write_bytes(content)
        result = run("check", str(path))
        assert_documented(path, result.exit_code, result.stdout, result.stderr)
