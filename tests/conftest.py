from __future__ import annotations

import datetime
import os
import pty
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bilateral.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "facts.toml"
MINIMAL = Path(__file__).resolve().parent / "data" / "minimal.toml"
ARTICLE = Path(__file__).resolve().parent / "data" / "article.toml"
"""The shipped base as it was when it held the one article of July 2004 and its context: a
rich base of every kind that stays the same size as the shipped one grows (the fuzzers
mutate it)."""
SHARED_SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(scope="session")
def built_caches(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache directory holding the compiled stores of the shipped, minimal and article bases,
    built once a session: each test starts from a copy, so the suite does not build the
    shipped base again for every test that reads it, however large the base grows."""
    from bilateral.store.cache import open_store

    directory = tmp_path_factory.mktemp("built-caches")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BILATERAL_CACHE_DIR", str(directory))
        for base in (SHIPPED, MINIMAL, ARTICLE):
            open_store(str(base)).close()
    return directory


@pytest.fixture(autouse=True)
def isolated_cache(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """Every test gets its own cache directory and no inherited fact-base choice. The
    directory starts with the shipped, minimal and article bases built (a copy, so a test
    may damage it), except for a test marked `cold_cache`, which starts it empty."""
    directory = tmp_path_factory.mktemp("cache")
    if request.node.get_closest_marker("cold_cache") is None:
        built = request.getfixturevalue("built_caches")
        for file in built.iterdir():
            shutil.copy2(file, directory / file.name)
    monkeypatch.setenv("BILATERAL_CACHE_DIR", str(directory))
    monkeypatch.delenv("BILATERAL_FACTS", raising=False)
    monkeypatch.setenv("BILATERAL_PAGER", "cat")  # a test that wants a pager sets its own
    for name in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR"):
        monkeypatch.delenv(name, raising=False)
    return directory


@pytest.fixture(scope="session")
def large_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated base of 20,000 records, large enough that a build can be interrupted;
    written once for every test that needs one, and never modified."""
    from benchmarks.generate import generate

    path = tmp_path_factory.mktemp("large") / "facts.toml"
    path.write_text(generate(20000), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def medium_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated base of 3,000 records, shared and never modified."""
    from benchmarks.generate import generate

    path = tmp_path_factory.mktemp("medium") / "facts.toml"
    path.write_text(generate(3000), encoding="utf-8")
    return path


def no_match(message: str) -> str:
    """What stderr says when nothing matched on the default date, today."""
    return f"bilateral: as of {datetime.date.today().isoformat()}, {message}\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def write_base(tmp_path: Path, text: str, name: str = "facts.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_in_terminal(args: list[str], env: dict[str, str], module: bool = True) -> str:
    """What `python -m bilateral ARGS` (or, with module=False, `python ARGS`) shows on a
    pseudo-terminal."""
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child process
        first = ["-m", "bilateral"] if module else []
        os.execve(sys.executable, [sys.executable, *first, *args], env)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode("utf-8", "replace")
