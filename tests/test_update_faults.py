"""Each fault the hostile probe of issue 18 found in the one-file update, as a test of its
own: an edit to one file of a directory base, then the cached answer must be the one
--no-cache gives, exit code and bytes."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from bilateral.api import open_base
from bilateral.store.directory import cache_name
from bilateral.store.packing import SLOTS, block_of, block_slots, joined, pack, unpacked
from tests.base_edits import Files, read_base, split_by_table, write_base
from tests.conftest import MINIMAL, SHIPPED, run

AS_OF = ("--as-of", "2004-07-28")


@pytest.fixture
def shipped_parts(tmp_path: Path) -> Path:
    split_by_table(SHIPPED, tmp_path / "base")
    return tmp_path / "base"


@pytest.fixture
def minimal_parts(tmp_path: Path) -> Path:
    split_by_table(MINIMAL, tmp_path / "base")
    return tmp_path / "base"


def answers_alike(base: Path, *command: str) -> tuple[int, str, str]:
    """The cached answer, once it is shown to be --no-cache's."""
    cached = run("--facts", str(base), command[0], *AS_OF, *command[1:])
    fresh = run("--facts", str(base), "--no-cache", command[0], *AS_OF, *command[1:])
    assert (cached.exit_code, cached.stdout, cached.stderr) == (
        fresh.exit_code,
        fresh.stdout,
        fresh.stderr,
    )
    return cached.exit_code, cached.stdout, cached.stderr


def file_with(files: Files, table: str) -> str:
    return next(name for name, data in files.items() if table in data)


def edited(base: Path, change: object) -> None:
    """Build the cache, change the files, write them back."""
    assert run("--facts", str(base), "trade", *AS_OF).exit_code == 0
    files = read_base(base)
    change(files)  # type: ignore[operator]
    write_base(base, files)


@pytest.mark.slow
def test_sources_that_shrink_below_others_citations_are_refused(shipped_parts: Path) -> None:
    def shrink(files: Files) -> None:
        for source in files[file_with(files, "sources")]["sources"]:
            if source.get("sentences"):
                source["sentences"] = [1]

    edited(shipped_parts, shrink)
    code, _, stderr = answers_alike(shipped_parts, "events")
    assert code == 2
    assert "is outside" in stderr


@pytest.mark.slow
def test_a_place_made_an_organization_under_its_id_is_refused(shipped_parts: Path) -> None:
    def to_organization(files: Files) -> None:
        places = files[file_with(files, "places")]
        baku = next(p for p in places["places"] if p["id"] == "baku")
        places["places"].remove(baku)
        baku["kind"] = "intergovernmental"  # its name and country, all it lends, kept
        places["organizations"] = [baku]

    edited(shipped_parts, to_organization)
    code, _, stderr = answers_alike(shipped_parts, "events")
    assert code == 2
    assert "baku" in stderr


@pytest.mark.slow
def test_the_base_s_own_keys_deleted_are_missed(shipped_parts: Path) -> None:
    def delete(files: Files) -> None:
        for key in ("title", "pair", "as_of"):
            del files[file_with(files, key)][key]

    edited(shipped_parts, delete)
    code, _, stderr = answers_alike(shipped_parts, "trade")
    assert (code, "as_of" in stderr) == (2, True)


@pytest.mark.slow
def test_records_reordered_in_a_file_are_listed_in_their_new_order(shipped_parts: Path) -> None:
    def reverse(files: Files) -> None:
        files[file_with(files, "areas")]["areas"].reverse()

    edited(shipped_parts, reverse)
    first = answers_alike(shipped_parts, "areas", "--json")[1]
    areas = read_base(shipped_parts)
    assert json.loads(first)[0]["id"] == areas[file_with(areas, "areas")]["areas"][0]["id"]
    for command in (("areas",), ("brief",), ("graph",), ("export", "--format", "json")):
        answers_alike(shipped_parts, *command)


@pytest.mark.slow
@pytest.mark.parametrize("what", ["commitments", "roles", "notes"])
def test_a_record_added_inside_another_is_counted(shipped_parts: Path, what: str) -> None:
    def add(files: Files) -> None:
        for data in files.values():
            for records in data.values():
                if isinstance(records, list):
                    for record in records:
                        if isinstance(record, dict) and record.get(what):
                            twin = dict(record[what][0])
                            if "id" in twin:
                                twin["id"] += "-twin"
                            record[what].append(twin)
                            return

    before = open_base(str(shipped_parts)).overview()["counts"]
    edited(shipped_parts, add)
    after = open_base(str(shipped_parts)).overview()["counts"]
    assert after == open_base(str(shipped_parts), use_cache=False).overview()["counts"]
    assert (after["commitments"] - before["commitments"]) == (what == "commitments")
    for command in (("officials", "--json"), ("areas", "--commitments", "--json"), ("facts",)):
        answers_alike(shipped_parts, *command)


def _forged(cache: Path) -> Path:
    """The user's own cache of the base with a trade figure changed, checksum and all."""
    with sqlite3.connect(cache) as store:
        (rowid, doc) = store.execute(
            "SELECT rowid, (SELECT data FROM packs WHERE block = records.rowid >> 4) "
            "FROM records WHERE type = 'trade' LIMIT 1"
        ).fetchone()
        slots = list(block_slots(doc))
        stored, names, titles, body = unpacked(doc, rowid)
        document = json.loads(stored)
        document["value"]["high"] = 99999
        text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
        slots[rowid % SLOTS] = joined(text, (names, titles, body))
        store.execute("UPDATE packs SET data = ? WHERE block = ?", (pack(slots), block_of(rowid)))
    return cache


@pytest.mark.parametrize("how", ["group-writable", "a symlink"])
def test_a_refused_cache_is_not_read_by_the_update(
    minimal_parts: Path, isolated_cache: Path, how: str
) -> None:
    assert "30000" in run("--facts", str(minimal_parts), "trade", *AS_OF).stdout
    cache = Path(cache_name(str(isolated_cache), str(minimal_parts)))
    forged = _forged(cache)
    assert "99999" in run("--facts", str(minimal_parts), "trade", *AS_OF).stdout  # believed
    if how == "group-writable":
        forged.chmod(0o620)
    else:
        elsewhere = isolated_cache / "elsewhere.sqlite3"
        os.replace(forged, elsewhere)
        cache.symlink_to(elsewhere)
    files = read_base(minimal_parts)
    files[file_with(files, "events")]["events"][0]["kind"] = "meeting"  # lends nothing
    write_base(minimal_parts, files)
    result = run("--facts", str(minimal_parts), "trade", *AS_OF)
    assert (result.exit_code, "99999" in result.stdout) == (0, False)
    assert stat.S_ISREG(cache.lstat().st_mode)
    assert "30000" in result.stdout


@pytest.mark.slow
def test_the_cache_stays_near_its_size_over_many_edits(
    shipped_parts: Path, isolated_cache: Path
) -> None:
    assert run("--facts", str(shipped_parts), "trade", *AS_OF).exit_code == 0
    cache = Path(cache_name(str(isolated_cache), str(shipped_parts)))
    first = cache.stat().st_size
    files = read_base(shipped_parts)
    people = file_with(files, "people")
    for number in range(30):  # a value nothing else borrows: the update's own path
        files[people]["people"][0]["roles"][0]["title"] = f"Minister {number % 3}"
        write_base(shipped_parts, files)
        answers_alike(shipped_parts, "officials")
    # What grows is the search index's segments (FTS5 merges them as it goes): 304 KiB
    # over these 30 edits, as much as before the records were compressed (store format 3),
    # which is now a quarter of the first build's 1.1 MiB.
    assert cache.stat().st_size < first * 1.3
