"""docs/reliability.md stays true (issue 18): every test it names exists, and the tests
of the modules it covers marked xfail are exactly those it lists under Still wrong."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

PAGE = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
NAMED = re.compile(r"`(test_[a-z0-9_]+)")
COVERED = ("test_reliability", "test_fuzz_store", "test_updates", "test_update_faults",
           "test_writes", "test_api_threads")  # fmt: skip
"""The modules whose cases the page gives one by one."""


def functions_of(module: str) -> dict[str, bool]:
    """Each test function of a module, and whether it is marked xfail."""
    tree = ast.parse((ROOT / "tests" / f"{module}.py").read_text(encoding="utf-8"))
    return {
        node.name: any("xfail" in ast.unparse(mark) for mark in node.decorator_list)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def still_wrong() -> set[str]:
    section = PAGE.split("## Still wrong", 1)[1].split("\n## ", 1)[0]
    return set(NAMED.findall(section))


def test_every_test_the_page_names_exists() -> None:
    every = {
        name for path in (ROOT / "tests").glob("test_*.py") for name in functions_of(path.stem)
    }
    assert sorted(set(NAMED.findall(PAGE)) - every) == []


def test_the_tests_still_wrong_are_exactly_the_xfail_ones() -> None:
    xfail = {name for module in COVERED for name, marked in functions_of(module).items() if marked}
    assert still_wrong() == xfail


def test_the_page_names_every_test_of_issue_18() -> None:
    issue_18 = ("test_updates", "test_update_faults", "test_writes", "test_api_threads")
    missing = [name for module in issue_18 for name in functions_of(module) if name not in PAGE]
    assert missing == []
