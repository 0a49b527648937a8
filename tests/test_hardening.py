"""Faults and hostile input: bilateral never crashes, lies or loses a file."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bilateral.schema.reading import MAX_BYTES
from bilateral.store.directory import cache_name
from tests.conftest import MINIMAL, SHIPPED, run, run_in_terminal

BILATERAL = [sys.executable, "-m", "bilateral"]


def child_env(cache: Path, **extra: str) -> dict[str, str]:
    return dict(os.environ, BILATERAL_CACHE_DIR=str(cache), **extra)


@functools.cache
def _uncached(command: tuple[str, ...]) -> str:
    uncached = [*BILATERAL, "--no-cache", *command[len(BILATERAL) :]]
    return subprocess.run(uncached, capture_output=True, text=True, check=True).stdout


def uncached_answer(command: list[str]) -> str:
    """What the command prints when it reads the TOML afresh (worked out once per session:
    the shared generated bases never change)."""
    return _uncached(tuple(command))


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "facts.toml"
    with path.open("wb") as file:
        file.truncate(MAX_BYTES + 1)
    result = run("check", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"bilateral: {path}: is {MAX_BYTES + 1:,} bytes, over the limit of {MAX_BYTES:,}; "
        "split the fact base or check that this is the right file\n"
    )


def test_deeply_nested_tables_get_a_documented_answer(tmp_path: Path) -> None:
    path = tmp_path / "facts.toml"
    path.write_text("schema_version = 1\n[" + ".".join(["a"] * 3000) + "]\nx = 1\n")
    result = run("check", str(path))
    assert (result.exit_code, result.stderr) == (
        2,
        f"bilateral: {path}: nested too deeply to read; a fact base needs at most three "
        "levels of tables\n",
    )


def test_deeply_nested_inline_values_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "facts.toml"
    path.write_text("x = " + "{ a = " * 5000 + "1" + " }" * 5000 + "\n")
    result = run("check", str(path))
    assert result.exit_code == 2
    assert "nested too deeply" in result.stderr or "TOML syntax error" in result.stderr


HOSTILE = "[red]x[/red] \x1b[2J \x07 \u202etxet\u202c zero\u200bwidth \ufeff"


def _hostile_base(tmp_path: Path) -> Path:
    path = tmp_path / "facts.toml"
    escaped = json.dumps(HOSTILE)[1:-1]
    path.write_text(
        MINIMAL.read_text().replace('summary = "Shared ties."', f'summary = "{escaped}"'),
        encoding="utf-8",
    )
    return path


def test_hostile_strings_are_stored_faithfully(tmp_path: Path) -> None:
    path = _hostile_base(tmp_path)
    result = run("--facts", str(path), "show", "pk-az-ties", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["record"]["summary"] == HOSTILE


@pytest.mark.slow
def test_hostile_strings_never_reach_a_terminal_raw(tmp_path: Path) -> None:
    path = _hostile_base(tmp_path)
    for args in (["show", "pk-az-ties"], ["show", "pk-az-ties", "--format", "tsv"],
                 ["show", "pk-az-ties", "--json"], ["search", "shared"]):  # fmt: skip
        env = child_env(tmp_path / "cache", COLUMNS="200", TERM="xterm", NO_COLOR="1")
        screen = run_in_terminal(["--facts", str(path), *args], env)
        for raw in ("\x1b[2J", "\x07", "\u202e", "\u200b", "\ufeff"):
            assert raw not in screen, (args, raw)


@pytest.mark.slow
def test_a_full_disk_under_the_cache_still_answers(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes every write past 4 KiB fail, as a full disk would."""

    def small_files() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = subprocess.run(
        [*BILATERAL, "--facts", str(SHIPPED), "trade", "--format", "jsonl"],
        capture_output=True,
        text=True,
        env=child_env(tmp_path / "cache"),
        preexec_fn=small_files,
        check=False,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert len(result.stdout.splitlines()) == 23  # every trade figure of the shipped base
    leftovers = list((tmp_path / "cache").glob(".*.tmp")) if (tmp_path / "cache").exists() else []
    assert leftovers == []


@pytest.mark.slow
def test_ten_processes_building_the_cache_at_once_all_answer(
    tmp_path: Path, medium_base: Path
) -> None:
    base = medium_base
    cache = tmp_path / "cache"
    command = [*BILATERAL, "--facts", str(base), "trade", "--pair", "AZ-PK", "--format", "jsonl"]
    expected = uncached_answer(command)
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=child_env(cache))
        for _ in range(10)
    ]  # fmt: skip
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert (process.returncode, out, err) == (0, expected, "")
    cached = cache_name(str(cache), str(base))
    with sqlite3.connect(f"file:{cached}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert list(cache.glob(".*.tmp")) == []
    again = subprocess.run(
        command, capture_output=True, text=True, env=child_env(cache), check=False
    )
    assert again.stdout == expected


def _interrupt_a_build(
    tmp_path: Path, base: Path, signum: int
) -> tuple[subprocess.Popen[str], Path, Path]:
    cache = tmp_path / "cache"
    process = subprocess.Popen(
        [*BILATERAL, "--facts", str(base), "trade", "--pair", "AZ-PK", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(cache),
    )
    deadline = time.monotonic() + 120
    while not _build_temporaries(cache):
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signum)
    process.wait(timeout=120)
    return process, base, cache


def _build_temporaries(cache: Path) -> list[Path]:
    """The build's temporaries, not the one the cache's secret is first written to (it is
    gone a moment later, so a signal sent on seeing it would land before the build)."""
    return [path for path in cache.glob(".*.tmp") if not path.name.startswith(".secret.")]


@pytest.mark.parametrize(
    ("signum", "code", "message"),
    [(signal.SIGINT, 130, "\nbilateral: interrupted\n"), (signal.SIGTERM, 143, "")],
)
@pytest.mark.slow
def test_an_interrupted_build_leaves_nothing_behind(
    tmp_path: Path, large_base: Path, signum: int, code: int, message: str
) -> None:
    process, base, cache = _interrupt_a_build(tmp_path, large_base, signum)
    assert process.returncode == code
    assert process.stderr is not None
    assert process.stderr.read() == message
    assert list(cache.glob(".*.tmp")) == []
    _next_run_is_right(base, cache)


@pytest.mark.slow
def test_a_killed_build_is_cleaned_up_by_the_next(tmp_path: Path, large_base: Path) -> None:
    process, base, cache = _interrupt_a_build(tmp_path, large_base, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    assert list(cache.glob(".*.tmp")), "SIGKILL cannot be caught: the temporary stays"
    _next_run_is_right(base, cache)
    assert list(cache.glob(".*.tmp")) == []


def _next_run_is_right(base: Path, cache: Path) -> None:
    command = [*BILATERAL, "--facts", str(base), "trade", "--pair", "AZ-PK", "--json"]
    expected = uncached_answer(command)
    result = subprocess.run(
        command, capture_output=True, text=True, env=child_env(cache), check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")


@pytest.mark.slow
def test_bilateral_never_writes_to_the_fact_base(tmp_path: Path) -> None:
    base = tmp_path / "facts.toml"
    base.write_bytes(SHIPPED.read_bytes())
    before = (hashlib.sha256(base.read_bytes()).hexdigest(), base.stat().st_mtime_ns)
    for args in (
        ["check", str(base)],
        ["--facts", str(base)],
        ["--facts", str(base), "officials"],
        ["--facts", str(base), "areas", "--json"],
        ["--facts", str(base), "trade", "--format", "csv"],
        ["--facts", str(base), "events"],
        ["--facts", str(base), "show", "Musharraf"],
        ["--facts", str(base), "search", "trade"],
        ["--facts", str(base), "sources"],
        ["--facts", str(base), "--no-cache", "officials"],
    ):
        assert run(*args).exit_code == 0
    after = (hashlib.sha256(base.read_bytes()).hexdigest(), base.stat().st_mtime_ns)
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.toml"]
