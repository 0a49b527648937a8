"""A change to the code shows in every format on the next run: the cache keeps no rendering,
and a change to the code that shapes stored documents rebuilds it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHIPPED


def _copy_package(tmp_path: Path) -> Path:
    copy = tmp_path / "code"
    shutil.copytree(ROOT / "bilateral", copy / "bilateral", ignore=shutil.ignore_patterns("*.pyc"))
    return copy


def _answer(code: Path, cache: Path, *args: str) -> str:
    environment = dict(os.environ, PYTHONPATH=str(code), BILATERAL_CACHE_DIR=str(cache))
    result = subprocess.run(
        [sys.executable, "-m", "bilateral", "--facts", str(SHIPPED), *args],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
        cwd=code,
    )
    return result.stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.slow
def test_a_changed_money_format_shows_in_every_format(tmp_path: Path) -> None:
    """Money is written when answering, never kept in the store: with the store's
    fingerprint pinned, so that no edit can rebuild it, the same cache file answers in the
    changed format."""
    code = _copy_package(tmp_path)
    _edit(code / "bilateral" / "store" / "fingerprint.py",
          'return f"{__version__}/{STORE_FORMAT}/{checksum:08x}"', 'return "pinned"')  # fmt: skip
    cache = tmp_path / "cache"
    before = _answer(code, cache, "trade", "--flow", "export", "--format", "tsv")
    assert "$25,000-30,000" in before
    [built] = cache.glob("*.sqlite3")
    kept = built.stat()
    _edit(code / "bilateral" / "schema" / "wording.py", 'f"{amount(low)}-{amount(high)}"',
          'f"{amount(low)} to {amount(high)}"')  # fmt: skip
    for fmt in ("tsv", "csv", "table"):
        shown = _answer(code, cache, "trade", "--flow", "export", "--format", fmt)
        assert "$25,000 to 30,000" in shown, fmt
    search = _answer(code, cache, "search", "--json", "how much did azerbaijan export")
    assert "$25,000 to 30,000" in search
    after = built.stat()
    assert (after.st_ino, after.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns), "rebuilt"


@pytest.mark.slow
def test_a_changed_document_shape_rebuilds_the_store(tmp_path: Path) -> None:
    code = _copy_package(tmp_path)
    cache = tmp_path / "cache"
    assert '"certainty":"stated"' in _answer(code, cache, "trade", "--flow", "export", "--json")
    _edit(
        code / "bilateral" / "kinds" / "trade.py",
        'Field("certainty", "choice", required=True, choices=CERTAINTIES),',
        'Field("certainty", "choice", required=True, choices=CERTAINTIES),\n'
        '            Field("checked", "derived", derive=lambda doc, lookup: "yes"),',
    )
    assert '"checked":"yes"' in _answer(code, cache, "trade", "--flow", "export", "--json")
