"""The Python API works from any thread and recovers a damaged cache itself (issues 17 and
18): library code installs no signal handler; the command line installs its own."""

from __future__ import annotations

import ast
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

import bilateral
from bilateral.api import open_base
from bilateral.store.directory import cache_name
from bilateral.store.packing import document_text
from tests.base_edits import read_base, split_by_table, write_base
from tests.conftest import MINIMAL

PACKAGE = Path(bilateral.__file__).resolve().parent


def in_a_thread(work: Any) -> Any:
    """What `work()` returns or raises, run in a thread that is not the main one."""
    found: dict[str, Any] = {}

    def target() -> None:
        try:
            found["value"] = work()
        except BaseException as error:  # handed back to the test
            found["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in found:
        raise found["error"]
    return found["value"]


def figures(path: Path, **options: Any) -> list[int]:
    base = open_base(str(path), as_of="2004-07-28", **options)
    return [row.document["value"]["high"] for row in base.trade()]


@pytest.mark.cold_cache
def test_open_base_builds_the_cache_from_another_thread(isolated_cache: Path) -> None:
    assert in_a_thread(lambda: figures(MINIMAL)) == [30000]
    assert Path(cache_name(str(isolated_cache), str(MINIMAL))).is_file()


def test_an_update_of_a_directory_base_runs_in_another_thread(tmp_path: Path) -> None:
    split_by_table(MINIMAL, tmp_path / "base")
    assert in_a_thread(lambda: figures(tmp_path / "base")) == [30000]
    files = read_base(tmp_path / "base")
    trade = next(name for name, data in files.items() if "trade" in data)
    files[trade]["trade"][0]["value"]["high"] = 31000
    write_base(tmp_path / "base", files)
    assert in_a_thread(lambda: figures(tmp_path / "base")) == [31000]


@pytest.mark.slow
def test_library_code_sets_no_signal_handler() -> None:
    """Only the command line may call signal.signal: a handler is process-wide, and the
    call fails outside the main thread."""
    setting = []
    for module in PACKAGE.rglob("*.py"):
        if module.parent.name == "cli":
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("signal", "siginterrupt", "set_wakeup_fd")
            ):
                setting.append(f"{module.relative_to(PACKAGE)}:{node.lineno}")
    assert setting == []


def _damage_a_record(cache: Path) -> None:
    """A digit of a trade figure changed in the file: SQLite sees nothing wrong, the
    record's checksum does."""
    with sqlite3.connect(cache) as store:
        block, doc = store.execute(
            "SELECT block, data FROM packs "
            "WHERE block IN (SELECT rowid >> 4 FROM records WHERE type = 'trade') LIMIT 1"
        ).fetchone()
        middle = len(doc) // 2
        damaged = doc[:middle] + bytes([doc[middle] ^ 0x01]) + doc[middle + 1 :]
        store.execute("UPDATE packs SET data = ? WHERE block = ?", (damaged, block))


def test_an_api_user_gets_a_damaged_cache_rebuilt(isolated_cache: Path) -> None:
    assert figures(MINIMAL) == [30000]
    cache = Path(cache_name(str(isolated_cache), str(MINIMAL)))
    _damage_a_record(cache)
    assert figures(MINIMAL) == [30000]
    with sqlite3.connect(cache) as store:
        (rowid, doc) = store.execute(
            "SELECT rowid, (SELECT data FROM packs WHERE block = records.rowid >> 4) "
            "FROM records WHERE type = 'trade'"
        ).fetchone()
    assert (
        json.loads(document_text(doc, rowid))["value"]["high"] == 30000
    )  # the file itself built again


def test_a_damaged_cache_is_rebuilt_for_a_question_asked_from_a_thread(
    isolated_cache: Path,
) -> None:
    assert figures(MINIMAL) == [30000]
    _damage_a_record(Path(cache_name(str(isolated_cache), str(MINIMAL))))
    assert in_a_thread(lambda: figures(MINIMAL)) == [30000]
