"""docs/api.md is run as it is written: its examples are doctests, and it lists every
public method of the API with its true signature (issue 25)."""

from __future__ import annotations

import doctest
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bilateral import api
from tests.conftest import ROOT

PAGE = ROOT / "docs" / "api.md"


def test_the_api_page_runs_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(Path("docs") / "api.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted >= 20
    assert result.failed == 0


def _public_names() -> list[tuple[str, object]]:
    names = [(name, getattr(api, name)) for name in api.__all__]
    names += [
        (f"Base.{name}", member)
        for name, member in vars(api.Base).items()
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
        for name, member in vars(api).items()
        if not name.startswith("_")
        and (inspect.isfunction(member) or inspect.isclass(member))
        and member.__module__ == "bilateral.api"
    ]
    assert sorted(set(defined) - set(api.__all__)) == []


def written(function: Callable[..., Any], prefix: str) -> str:
    """`base.trade(year=None, flow=None, ...)`: a signature as the page writes it."""
    parts: list[str] = []
    for parameter in inspect.signature(function).parameters.values():
        if parameter.name == "self":
            continue
        if parameter.kind is parameter.KEYWORD_ONLY and "*" not in parts:
            parts.append("*")
        default = parameter.default
        parts.append(
            parameter.name if default is parameter.empty else f"{parameter.name}={default!r}"
        )
    return f"{prefix}{function.__name__}({', '.join(parts)})"


def public_methods() -> list[str]:
    found = [written(api.open_base, "bilateral."), written(api.validate, "bilateral.")]
    for name, member in inspect.getmembers(api.Base):
        if name.startswith("_"):
            continue
        if isinstance(inspect.getattr_static(api.Base, name), property):
            found.append(f"base.{name}")
        else:
            found.append(written(member, "base."))
    return found


@pytest.mark.parametrize("signature", public_methods())
def test_every_public_method_is_on_the_page_with_its_signature(signature: str) -> None:
    assert f"`{signature}`" in PAGE.read_text(encoding="utf-8")


def test_the_package_ships_its_types() -> None:
    assert (ROOT / "bilateral" / "py.typed").is_file()
