"""A base whose every file repeats its title, pair and as_of, which `check` accepts: an edit
to one file updates the store in place like any other (issue 24), and an edit that changes
those keys is built in full."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import SHIPPED, run
from tests.test_parts import AS_OF, SECTION


@pytest.fixture
def repeated(tmp_path: Path) -> Path:
    """The shipped base cut at its section comments, the header repeated in every file."""
    head, rest = SHIPPED.read_text(encoding="utf-8").split("# ----", 1)
    into = tmp_path / "base"
    into.mkdir()
    for number, section in enumerate(SECTION.split("# ----" + rest)):
        (into / f"{number:02d}.toml").write_text(head + section, encoding="utf-8")
    return into


def _edit(base: Path, marker: str, old: str, new: str) -> None:
    time.sleep(2.1)  # past the tick in which a same-size edit could go unseen
    path = next(p for p in base.iterdir() if marker in p.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def _updates(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each build due was an update in place (True) or a full build (False)."""
    from bilateral.store.incremental import updated

    seen: list[bool] = []

    def spied(facts: str, target: str) -> object:
        found = updated(facts, target)
        seen.append(found is not None)
        return found

    monkeypatch.setattr("bilateral.store.building.updated", spied)
    return seen


def _same_as_uncached(base: Path, *command: str) -> str:
    cached = run("--facts", str(base), "--as-of", AS_OF, *command)
    uncached = run("--no-cache", "--facts", str(base), "--as-of", AS_OF, *command)
    assert (cached.stdout, cached.stderr) == (uncached.stdout, uncached.stderr), command
    return cached.stdout


@pytest.mark.slow
def test_an_edit_updates_the_store_in_place_when_every_file_repeats_the_keys(
    repeated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--facts", str(repeated), "check").exit_code == 0
    run("--facts", str(repeated), "trade")
    seen = _updates(monkeypatch)
    _edit(repeated, "[[trade]]", "low = 25000", "low = 26000")
    assert "26,000" in _same_as_uncached(repeated, "trade")
    for command in (["search", "export"], ["show", "trade-2003-az-export"], []):
        _same_as_uncached(repeated, *command)
    assert seen == [True]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("\nas_of = 20", "\nas_of = 19"),  # the files disagree: a problem
        ('\ntitle = "', '\ntitle = "Another: '),
        ('\npair = "AZ-PK"\n', "\n"),  # one file fewer gives it: the rest still do
    ],
)
def test_an_edit_to_the_repeated_keys_is_built_in_full(
    repeated: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str
) -> None:
    run("--facts", str(repeated), "trade")
    seen = _updates(monkeypatch)
    _edit(repeated, "[[trade]]", old, new)
    _same_as_uncached(repeated, "trade")
    _same_as_uncached(repeated, "check")
    assert seen[:1] == [False]
