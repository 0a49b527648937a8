"""The compiled cache: never stale, never different from reading the TOML afresh."""

from __future__ import annotations

import gc
import json
import os
import sys
from pathlib import Path
from types import FrameType

import pytest

from benchmarks.generate import generate
from bilateral.store import building
from bilateral.store.building import in_memory, read_and_check, read_in_memory
from bilateral.store.cache import open_store
from bilateral.store.directory import cache_name
from tests.conftest import ARTICLE, MINIMAL, SHIPPED, run

QUESTIONS = [
    ("officials", "--format", "jsonl"),
    ("areas", "--format", "jsonl"),
    ("trade", "--format", "jsonl"),
    ("events", "--format", "jsonl"),
    ("officials", "--format", "tsv"),
    ("areas", "--format", "csv"),
]
UNPAIRED = [
    ("sources", "--format", "jsonl"),
    ("search", "--format", "jsonl", "defence", "minister"),
    ("show", "--format", "jsonl", "AZ"),
]


def answers(base: Path, cache: tuple[str, ...]) -> list[str]:
    outputs = []
    questions = [(*q, "--pair", "all") for q in QUESTIONS] + UNPAIRED
    for question in questions:
        result = run("--facts", str(base), *cache, *question)
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout)
    return outputs


@pytest.mark.parametrize(
    "base",
    [
        "article",
        pytest.param("shipped", marks=pytest.mark.slow),
        pytest.param("generated", marks=pytest.mark.slow),
    ],
)
def test_cached_and_uncached_answers_are_identical(base: str, tmp_path: Path) -> None:
    path = ARTICLE if base == "article" else SHIPPED
    if base == "generated":
        path = tmp_path / "generated.toml"
        path.write_text(generate(1000), encoding="utf-8")
    uncached = answers(path, ("--no-cache",))
    building, reading = answers(path, ()), answers(path, ())
    assert building == uncached
    assert reading == uncached
    assert all(output.strip() for output in uncached)


def test_a_cache_file_is_written_and_reused(tmp_path: Path, isolated_cache: Path) -> None:
    base = tmp_path / "facts.toml"
    base.write_text(MINIMAL.read_text(), encoding="utf-8")
    run("--facts", str(base), "trade")
    cached = Path(cache_name(str(isolated_cache), str(base)))
    assert cached.exists()
    built = cached.stat().st_mtime_ns
    run("--facts", str(base), "trade")
    assert cached.stat().st_mtime_ns == built


@pytest.mark.cold_cache
def test_a_cache_that_fails_once_written_answers_from_the_files_read_again(
    tmp_path: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write lets the base's documents go; a store in memory reads the files again."""

    def refused(temporary: str, path: str, replace: bool) -> None:
        raise OSError("no space left on device")

    monkeypatch.setattr(building, "put_in_place", refused)
    store = open_store(str(SHIPPED))
    fresh = in_memory(read_and_check(str(SHIPPED)))
    for table in ("records", "packs", "facets", "names", "mentions", "scopes"):
        rows = f"SELECT * FROM {table}"
        assert store.execute(rows).fetchall() == fresh.execute(rows).fetchall(), table
    assert store.execute("SELECT COUNT(*) FROM records").fetchone()[0] > 100
    assert Path(cache_name(str(isolated_cache), str(SHIPPED))).name.endswith(".sqlite3")
    assert not list(isolated_cache.glob("*.sqlite3")), "no cache is kept"
    assert not list(isolated_cache.glob(".*.tmp")), "no temporary is left"


@pytest.mark.parametrize("was_on", [True, False])
def test_a_build_leaves_the_collector_as_it_found_it(was_on: bool) -> None:
    """A build turns the cyclic collector off while it runs (no collection starts while it
    reads or writes, where a build of the shipped base would start some thirty), and back
    only if it was on. A collection may start as it turns the collector on again: the
    objects made while it was off count toward the next."""
    starts: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and _building(sys._getframe(1)):
            starts.append(info["generation"])

    (gc.enable if was_on else gc.disable)()
    gc.callbacks.append(count)
    try:
        store = read_in_memory(str(SHIPPED))
        assert gc.isenabled() is was_on
        assert starts == []
        assert store.execute("SELECT COUNT(*) FROM records").fetchone()[0] > 100
    finally:
        gc.callbacks.remove(count)
        gc.enable()


def _building(frame: FrameType | None) -> bool:
    """Whether the frame is reading or writing a base, or called from one that is."""
    while frame is not None:
        if frame.f_code in (read_and_check.__code__, in_memory.__code__):
            return True
        frame = frame.f_back
    return False


def _edit(base: Path, old: str, new: str) -> None:
    text = base.read_text(encoding="utf-8")
    assert old in text
    base.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edit_is_seen_at_once(tmp_path: Path) -> None:
    base = tmp_path / "facts.toml"
    base.write_text(MINIMAL.read_text(), encoding="utf-8")
    assert "$25,000-30,000" in run("--facts", str(base), "trade").stdout
    _edit(base, "high = 30000", "high = 31000")
    assert "$25,000-31,000" in run("--facts", str(base), "trade").stdout


def test_a_same_size_edit_with_the_same_mtime_is_seen(tmp_path: Path) -> None:
    base = tmp_path / "facts.toml"
    base.write_text(MINIMAL.read_text(), encoding="utf-8")
    assert "$25,000-30,000" in run("--facts", str(base), "trade").stdout
    before = base.stat()
    _edit(base, "high = 30000", "high = 39000")
    os.utime(base, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = base.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert "$25,000-39,000" in run("--facts", str(base), "trade").stdout


def test_an_old_mtime_restored_after_a_same_size_edit_is_seen(tmp_path: Path) -> None:
    """A file whose time is long before the build is trusted on size and time, unless
    they changed: restoring an old time after an edit changes the recorded time."""
    base = tmp_path / "facts.toml"
    base.write_text(MINIMAL.read_text(), encoding="utf-8")
    os.utime(base, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    assert "$25,000-30,000" in run("--facts", str(base), "trade").stdout
    _edit(base, "high = 30000", "high = 39000")
    os.utime(base, ns=(1_000_000_000_000_000_001, 1_000_000_000_000_000_001))
    assert "$25,000-39,000" in run("--facts", str(base), "trade").stdout


def test_a_corrupt_cache_file_is_rebuilt(tmp_path: Path, isolated_cache: Path) -> None:
    base = tmp_path / "facts.toml"
    base.write_text(MINIMAL.read_text(), encoding="utf-8")
    expected = run("--facts", str(base), "trade").stdout
    cached = Path(cache_name(str(isolated_cache), str(base)))
    cached.write_bytes(b"this is not a database" * 100)
    result = run("--facts", str(base), "trade")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


def test_a_truncated_cache_file_is_rebuilt(tmp_path: Path, isolated_cache: Path) -> None:
    base = tmp_path / "facts.toml"
    base.write_text(MINIMAL.read_text(), encoding="utf-8")
    expected = run("--facts", str(base), "trade").stdout
    cached = Path(cache_name(str(isolated_cache), str(base)))
    data = cached.read_bytes()
    cached.write_bytes(data[: len(data) // 2])
    result = run("--facts", str(base), "trade")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


def test_an_unwritable_cache_directory_still_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("BILATERAL_CACHE_DIR", str(blocker / "cache"))
    result = run("--facts", str(MINIMAL), "trade")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "$25,000-30,000" in result.stdout


def test_a_generated_base_of_a_thousand_records_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "generated.toml"
    path.write_text(generate(1000), encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 0, result.stderr
    assert "valid" in result.stdout


def test_the_generator_is_deterministic() -> None:
    assert generate(500) == generate(500)


def test_a_base_of_several_pairs_answers_for_its_own_pair(tmp_path: Path) -> None:
    path = tmp_path / "generated.toml"
    path.write_text(generate(1000), encoding="utf-8")
    result = run("--facts", str(path), "trade", "--json")
    assert result.exit_code == 0
    assert result.stderr.startswith("bilateral: answered for AZ-PK, the base's default pair")
    assert {figure["pair"] for figure in json.loads(result.stdout)} == {"AZ-PK"}
    either = [
        run("--facts", str(path), "trade", "--pair", pair, "--json").stdout
        for pair in ("AZ-PK", "pk-az")
    ]
    assert either[0] == either[1]
    assert either[0] != "[]\n"


@pytest.mark.slow
def test_without_home_or_cache_directory_it_answers_from_memory(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("HOME", "XDG_CACHE_HOME", "BILATERAL_CACHE_DIR")
    }
    result = subprocess.run(
        [sys.executable, "-m", "bilateral", "trade", "--flow", "export"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("trade-2003-az-export\t2003\tAZ\tPK\texport\t")
