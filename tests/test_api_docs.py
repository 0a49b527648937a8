"""docs/api.md is run as it is written: its examples are doctests."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_the_api_page_runs_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(Path("docs") / "api.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted >= 10
    assert result.failed == 0
