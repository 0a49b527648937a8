"""Every input either validates or gets a documented error and exit code.

CI runs a bounded number of inputs; a longer run is one command:

    BILATERAL_FUZZ_INPUTS=20000 python3 -m pytest tests/test_fuzz.py -q
"""

from __future__ import annotations

import datetime
import os
import random
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral.errors import FactBaseInvalid, Problem
from bilateral.kinds.base import build
from tests.conftest import MINIMAL, SHIPPED, run
from tests.mutations import mutate

FUZZ_INPUTS = int(os.environ.get("BILATERAL_FUZZ_INPUTS", "1000"))
PROBLEM_LINE = re.compile(r"^(?P<path>.+?)(:\d+)?: (?P<key>[^:]+): (?P<message>.+)$")


def assert_documented(path: Path, exit_code: int, stdout: str, stderr: str) -> None:
    assert exit_code in (0, 1, 2), (exit_code, stderr)
    assert "Traceback" not in stderr
    if exit_code == 0:
        assert stdout.startswith(f"{path}: valid: ")
        assert stderr == ""
        return
    assert stdout == ""
    lines = stderr.splitlines()
    assert lines, "an error must say something"
    assert lines[-1].startswith("bilateral: ")
    if exit_code == 1:
        assert lines[-1].endswith("problem(s) found")
        for line in lines[:-1]:
            assert line.startswith(f"{path}:"), line
            assert PROBLEM_LINE.match(line), line
    else:
        assert len(lines) == 1
        assert lines[0].startswith(f"bilateral: {path}")


@pytest.mark.slow
def test_mutation_fuzzer(tmp_path: Path) -> None:
    rng = random.Random(20040728)
    original = SHIPPED.read_bytes()
    path = tmp_path / "facts.toml"
    outcomes = {0: 0, 1: 0, 2: 0}
    for _ in range(FUZZ_INPUTS):
        path.write_bytes(mutate(rng, original))
        result = run("check", str(path))
        assert_documented(path, result.exit_code, result.stdout, result.stderr)
        outcomes[result.exit_code] += 1
    assert outcomes[1] > 0
    assert outcomes[2] > 0


def test_mutated_bases_never_crash_a_query(tmp_path: Path) -> None:
    rng = random.Random(7)
    original = SHIPPED.read_bytes()
    path = tmp_path / "facts.toml"
    for _ in range(max(20, FUZZ_INPUTS // 20)):
        path.write_bytes(mutate(rng, original))
        result = run("--facts", str(path), "--no-cache", "officials", "--json")
        assert result.exit_code in (0, 1, 2)
        assert "Traceback" not in result.stderr
        if result.exit_code == 2:
            assert result.stdout == ""


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
VALID: dict[str, Any] = __import__("tomli").loads(MINIMAL.read_text(encoding="utf-8"))
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


@settings(max_examples=max(200, FUZZ_INPUTS // 4), suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(KEY_PATHS), value=values)
def test_any_value_anywhere_validates_or_is_a_problem(path: tuple[Any, ...], value: Any) -> None:
    data = _replaced(VALID, path, value)
    problems = _problems(data)
    for problem in problems:
        assert str(problem).startswith("facts.toml")
        assert problem.message


def _problems(data: dict[str, Any]) -> list[Problem]:
    """The problems build reports; empty when the data is a valid base."""
    try:
        build("facts.toml", "", data)
    except FactBaseInvalid as error:
        problems = error.problems
    else:
        return []
    assert problems, "an invalid base must say why"
    return problems


@settings(max_examples=max(200, FUZZ_INPUTS // 4), suppress_health_check=[HealthCheck.too_slow])
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
