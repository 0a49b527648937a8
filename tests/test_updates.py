"""The incremental update is the full build's twin (issues 18 and 24): after every random
edit to a directory base or a base kept in one file, the cached store holds what a build
from scratch holds, row for row, and the commands print the same bytes and exit codes as
with --no-cache. The update reads an edited file whole, or only the records the edit
changed (store/cuts.py); both are taken."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import tomli
from click.testing import CliRunner

from bilateral.cli import cli
from bilateral.errors import FactBaseInvalid, FactBaseUnreadable
from bilateral.store import building, cuts, incremental
from bilateral.store.cache import open_store
from tests.base_edits import Editor, Files, read_base, split_by_table, write_base
from tests.conftest import ARTICLE, MINIMAL

VOLATILE_META = {"built_ns"}
"""The one thing two builds of the same files may record differently: when."""
AS_OF = ("--as-of", "2004-07-28")


def dump(connection: sqlite3.Connection) -> dict[str, Any]:
    """Everything a store holds that an answer can read: the records at their rowids, the
    words the search index holds at their rowids, columns and offsets, every other table as
    a sorted list of rows."""
    listed = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'search_%' AND name NOT LIKE 'sqlite_%'"
    )
    tables = [name for (name,) in listed] + ["search_scopes"]
    found: dict[str, Any] = {}
    for table in tables:
        if table == "records":
            rows = connection.execute("SELECT rowid, * FROM records ORDER BY rowid").fetchall()
        elif table in ("search", "search_scopes"):
            connection.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.words_{table} "
                f"USING fts5vocab(main, {table}, instance)"
            )
            rows = connection.execute(
                f"SELECT * FROM temp.words_{table} ORDER BY 2, 3, 4, 1"
            ).fetchall()
        elif table == "meta":
            rows = sorted(
                (key, value)
                for key, value in connection.execute("SELECT * FROM meta")
                if key not in VOLATILE_META
            )
        else:
            rows = sorted(connection.execute(f"SELECT * FROM {table}").fetchall())
        found[table] = rows
    return found


def outcome(facts: Path, use_cache: bool) -> tuple[str, Any]:
    try:
        connection = open_store(str(facts), use_cache)
    except FactBaseInvalid as error:
        return "invalid", [str(problem) for problem in error.problems]
    except FactBaseUnreadable as error:
        return "unreadable", str(error)
    try:
        return "store", dump(connection)
    finally:
        connection.close()


def differences(cached: tuple[str, Any], fresh: tuple[str, Any]) -> str:
    """What differs, briefly: the outcome, or each table's first differing rows."""
    if cached[0] != fresh[0] or cached[0] != "store":
        return f"cached {str(cached)[:300]}, fresh {str(fresh)[:300]}"
    said = []
    for table in sorted(set(cached[1]) | set(fresh[1])):
        mine, theirs = cached[1].get(table, []), fresh[1].get(table, [])
        if mine != theirs:
            only = [row for row in mine if row not in theirs][:2]
            missing = [row for row in theirs if row not in mine][:2]
            said.append(f"{table}: cached only {str(only)[:400]}, fresh only {str(missing)[:400]}")
    return "; ".join(said)


def commands(files: Files) -> list[list[str]]:
    """Every listing, the overview, show and search for a name the base holds, the brief
    and the exports."""
    names = sorted(
        value
        for data in files.values()
        for records in data.values()
        if isinstance(records, list)
        for record in records
        if isinstance(record, dict) and isinstance(value := record.get("name"), str)
    )
    name = names[len(names) // 2] if names else "Baku"
    listings = ["areas", "officials", "trade", "events", "assessments", "relations", "sources"]
    return [
        [],
        *[[listing, "--pair", "all"] for listing in listings],
        ["areas", "--commitments", "--json"],
        ["events", "--json"],
        ["officials", "--json"],
        ["show", name],
        ["show", "--json", name],
        ["search", name.split()[0]],
        ["brief"],
        ["graph"],
        ["timeline"],
        ["export", "--format", "json"],
        ["export", "--format", "ftm"],
    ]


def same_answers(facts: Path, files: Files) -> list[str]:
    """The commands whose cached answer differs from --no-cache's (exit code or bytes)."""
    runner = CliRunner()
    differ = []
    for command in commands(files):
        cached = runner.invoke(cli, ["--facts", str(facts), *command[:1], *AS_OF, *command[1:]])
        fresh = runner.invoke(
            cli, ["--facts", str(facts), "--no-cache", *command[:1], *AS_OF, *command[1:]]
        )
        if (cached.exit_code, cached.stdout, cached.stderr) != (
            fresh.exit_code,
            fresh.stdout,
            fresh.stderr,
        ):
            differ.append(" ".join(command))
    return differ


def edit_and_compare(
    base: Path,
    seed: int,
    edits: int,
    answers_every: int,
    monkeypatch: pytest.MonkeyPatch,
    one_file: bool = False,
) -> tuple[int, int]:
    """Edit at random; after each edit the cached store equals a fresh build, and every
    `answers_every` edits the commands print the same. With `one_file`, the base is the
    directory's one file. (Updates taken, updates tried.)"""
    updates, traced = [], []
    real, real_traced = incremental.updated, cuts.records_edited

    def counted(facts: str, target: str) -> sqlite3.Connection | None:
        result = real(facts, target)
        updates.append(result is not None)
        return result

    def counted_traced(*arguments: Any) -> cuts.Edit | None:
        result = real_traced(*arguments)
        traced.append(result is not None)
        return result

    monkeypatch.setattr(building, "updated", counted)
    monkeypatch.setattr(incremental, "records_edited", counted_traced)
    editor = Editor(seed)
    files = read_base(base)
    last_valid = copy.deepcopy(files)
    facts = base / next(iter(files)) if one_file else base
    outcome(facts, True)
    history = []
    fresh = outcome(facts, False)
    for number in range(edits):
        if fresh[0] != "store" and editor.rng.random() < 0.6:
            files = copy.deepcopy(last_valid)
            history.append("back to the last valid base")
        else:
            history.append(editor.edit(files))
        write_base(base, files)
        fresh = outcome(facts, False)
        cached = outcome(facts, True)
        assert cached == fresh, f"seed {seed}, after: {'; '.join(history[-5:])}: " + differences(
            cached, fresh
        )
        if fresh[0] == "store":
            last_valid = copy.deepcopy(files)
        if answers_every and number % answers_every == 0:
            assert same_answers(facts, files) == [], f"seed {seed}: " + "; ".join(history[-5:])
    assert sum(updates) >= edits // 15, f"the update path was taken {sum(updates)} times"
    assert sum(traced) >= edits // 15, f"edits were traced to records {sum(traced)} times"
    return sum(updates), len(updates)


@pytest.fixture
def minimal_parts(tmp_path: Path) -> Path:
    split_by_table(MINIMAL, tmp_path / "base")
    return tmp_path / "base"


def test_random_edits_leave_the_store_a_full_build_gives(
    minimal_parts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_and_compare(minimal_parts, 1, 80, 20, monkeypatch)  # -m slow: thousands


def test_random_edits_to_a_base_in_one_file_leave_the_store_a_full_build_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_file(MINIMAL, tmp_path / "base")
    edit_and_compare(tmp_path / "base", 2, 40, 20, monkeypatch, one_file=True)


def one_file(single: Path, into: Path) -> None:
    """A one-file base written as the editor writes files, alone in a directory."""
    into.mkdir(parents=True)
    write_base(into, {"facts.toml": tomli.loads(single.read_text(encoding="utf-8"))})


@pytest.mark.slow
@pytest.mark.parametrize(
    ("seed", "base", "edits", "answers_every"),
    [(10, MINIMAL, 700, 25), (11, ARTICLE, 600, 50), (12, MINIMAL, 700, 25)],
)
def test_thousands_of_random_edits_leave_the_store_a_full_build_gives(
    tmp_path: Path,
    seed: int,
    base: Path,
    edits: int,
    answers_every: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """2,000 edits in all: on the test base, and on the base of the article of 2004 (every
    kind, ten times the records), where each edit costs more."""
    split_by_table(base, tmp_path / "base")
    edit_and_compare(tmp_path / "base", seed, edits, answers_every, monkeypatch)


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "base", "edits"), [(13, MINIMAL, 250), (14, ARTICLE, 150)])
def test_hundreds_of_random_edits_to_a_base_in_one_file_leave_the_store_a_full_build_gives(
    tmp_path: Path, seed: int, base: Path, edits: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_file(base, tmp_path / "base")
    edit_and_compare(tmp_path / "base", seed, edits, 50, monkeypatch, one_file=True)
