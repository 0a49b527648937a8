"""The README's examples are the current version's real output."""

from __future__ import annotations

import re
import shlex

import pytest

from tests.conftest import ROOT, run

BLOCK = re.compile(r"```console\n\$ (?P<command>.+?)\n(?P<output>.*?)```", re.S)
EXAMPLES = BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_readme_example_is_real_output(command: str, expected: str) -> None:
    program, *args = shlex.split(command)
    assert program == "bilateral"
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    actual = "\n".join(line.rstrip() for line in result.stdout.splitlines())
    assert actual == expected.rstrip("\n")


def test_readme_set_up_commands_are_the_ones_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = "python3 -m pip install -e '.[test]' && python3 -m pytest"
    assert f"```sh\n{test_command}\n```" in readme
    assert test_command in ci
