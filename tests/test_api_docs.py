"""docs/api.md is run as it is written: its examples are doctests."""

from __future__ import annotations

import doctest
import inspect
from pathlib import Path

import pytest

import bilateral.api
from tests.conftest import ROOT


def test_the_api_page_runs_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(Path("docs") / "api.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted >= 10
    assert result.failed == 0


def _public_names() -> list[tuple[str, object]]:
    names = [(name, getattr(bilateral.api, name)) for name in bilateral.api.__all__]
    names += [
        (f"Base.{name}", member)
        for name, member in vars(bilateral.api.Base).items()
        if not name.startswith("_")
    ]
    return names


def test_every_public_name_of_the_api_has_a_docstring() -> None:
    assert len(_public_names()) > 20
    undocumented = [name for name, member in _public_names() if not inspect.getdoc(member)]
    assert undocumented == []


def test_the_api_lists_every_public_function_it_defines() -> None:
    defined = [
        name
        for name, member in vars(bilateral.api).items()
        if not name.startswith("_")
        and (inspect.isfunction(member) or inspect.isclass(member))
        and member.__module__ == "bilateral.api"
    ]
    assert sorted(set(defined) - set(bilateral.api.__all__)) == []
