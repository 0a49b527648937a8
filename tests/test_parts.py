"""A base kept in many files reads as one (issue 13): the same answers as the single file,
every problem in its own file and line, and an edit to one file seen on the next run."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from tests.conftest import SHIPPED, run

AS_OF = "2004-07-28"
SECTION = re.compile(r"\n(?=# -{10,} )")


def split(base: Path, into: Path) -> list[Path]:
    """The shipped base cut at its section comments: one file for the header, one a kind."""
    head, rest = base.read_text(encoding="utf-8").split("# ----", 1)
    into.mkdir(parents=True, exist_ok=True)
    (into / "base.toml").write_text(head, encoding="utf-8")
    files = [into / "base.toml"]
    for number, section in enumerate(SECTION.split("# ----" + rest)):
        path = into / "kinds" / f"{number:02d}.toml"
        path.parent.mkdir(exist_ok=True)
        path.write_text("schema_version = 3\n\n" + section, encoding="utf-8")
        files.append(path)
    return files


@pytest.fixture
def parts(tmp_path: Path) -> Path:
    split(SHIPPED, tmp_path / "base")
    return tmp_path / "base"


COMMANDS = [
    ["officials"],
    ["areas"],
    ["areas", "--commitments"],
    ["trade"],
    ["events"],
    ["sources"],
    ["assessments"],
    ["relations"],
    ["show", "Musharraf"],
    ["show", "President of Azerbaijan"],
    ["search", "which russian officials came to baku"],
    ["timeline"],
]


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
@pytest.mark.parametrize("fmt", ["json", "tsv"])
def test_a_split_base_gives_the_answers_of_the_single_file(
    parts: Path, command: list[str], fmt: str
) -> None:
    single = run("--facts", str(SHIPPED), "--as-of", AS_OF, *command, "--format", fmt)
    split_base = run("--facts", str(parts), "--as-of", AS_OF, *command, "--format", fmt)
    assert single.exit_code == split_base.exit_code == 0
    assert split_base.stdout == single.stdout


@pytest.mark.slow
def test_check_counts_a_split_base_like_the_file(parts: Path) -> None:
    single = run("check", str(SHIPPED)).stdout.split(": valid: ")[1]
    assert run("--facts", str(parts), "trade").exit_code == 0
    from bilateral.kinds.parts import load

    counts = ", ".join(f"{n} {kind}" for kind, n in load(str(parts)).counts().items())
    assert f"{counts}\n" == single


def test_a_problem_names_its_own_file_and_line(parts: Path) -> None:
    people = next(p for p in (parts / "kinds").iterdir() if "[[people]]" in p.read_text())
    text = people.read_text()
    people.write_text(text.replace('organization = "PK"', 'organization = "PKX"', 1))
    line = people.read_text().splitlines().index('organization = "PKX"') + 1
    result = run("--facts", str(parts), "trade")
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{people}:{line}: people[0]")
    assert "'PKX' is not an id in this base" in first


def test_ids_are_unique_across_files(parts: Path) -> None:
    extra = parts / "kinds" / "zz.toml"
    extra.write_text(
        'schema_version = 3\n\n[[places]]\nid = "baku"\nname = "Baku again"\nkind = "city"\n'
        'sources = [{ source = "caci-2004-07-28", paragraph = 1, sentence = 2 }]\n'
    )
    result = run("--facts", str(parts), "trade")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(f"{extra}:4: places[0].id: ")
    assert "duplicate id 'baku'" in result.stderr


def test_title_pair_and_date_are_given_once(parts: Path) -> None:
    extra = parts / "other.toml"
    extra.write_text('schema_version = 3\ntitle = "Another title"\n')
    result = run("--facts", str(parts), "trade")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(f"{extra}:2: title: is 'Another title', but ")


def test_every_file_says_its_schema_version(parts: Path) -> None:
    extra = parts / "kinds" / "zz.toml"
    extra.write_text("[[facts]]\n")
    result = run("--facts", str(parts), "trade")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{extra}: schema_version: missing; each file of a base starts with schema_version = 3"
    )


def test_an_edit_to_one_file_is_answered_on_the_next_run(parts: Path) -> None:
    before = run("--facts", str(parts), "--as-of", AS_OF, "trade", "--flow", "export")
    assert "\t25000\t30000\t" in before.stdout
    trade = next(p for p in (parts / "kinds").iterdir() if "[[trade]]" in p.read_text())
    trade.write_text(trade.read_text().replace("low = 25000", "low = 26000"))
    after = run("--facts", str(parts), "--as-of", AS_OF, "trade", "--flow", "export")
    assert "\t26000\t30000\t" in after.stdout


@pytest.mark.slow
def test_a_new_file_joins_the_base(parts: Path) -> None:
    assert run("--facts", str(parts), "show", "Karakol").exit_code == 1
    (parts / "kinds" / "zz.toml").write_text(
        'schema_version = 3\n\n[[places]]\nid = "karakol"\nname = "Karakol"\nkind = "city"\n'
        'sources = [{ source = "caci-2004-07-28", paragraph = 1, sentence = 2 }]\n'
    )
    assert run("--facts", str(parts), "show", "Karakol").exit_code == 0


def test_a_directory_without_toml_files_is_refused(tmp_path: Path) -> None:
    result = run("--facts", str(tmp_path), "trade")
    assert (result.exit_code, result.stderr) == (
        2,
        f"bilateral: {tmp_path}: holds no *.toml file; give a fact base file or a directory "
        "of them\n",
    )


def _rowid_of(cache: Path, base: Path, record_id: str) -> int:
    import sqlite3

    from bilateral.store.directory import cache_name

    store = cache_name(str(cache), str(base))
    with sqlite3.connect(store) as connection:
        (rowid,) = connection.execute(
            "SELECT rowid FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        (count,) = connection.execute("SELECT COUNT(*) FROM records").fetchone()
    return int(rowid) - int(count)


@pytest.mark.slow
def test_an_edit_to_one_file_updates_only_its_records(parts: Path, isolated_cache: Path) -> None:
    """The store is brought up to date with every record in the slot a full build gives it
    (the one-file update keeps rowids and order: tests/test_updates.py proves it is used),
    and every answer is the uncached one."""
    import time

    run("--facts", str(parts), "trade")
    before = {
        key: _rowid_of(isolated_cache, parts, key)
        for key in ("trade-2003-az-export", "musharraf-pervez")
    }
    time.sleep(2.1)  # past the tick in which a same-size edit could go unseen
    trade = next(p for p in (parts / "kinds").iterdir() if "[[trade]]" in p.read_text())
    trade.write_text(trade.read_text().replace("low = 25000", "low = 26000"))
    for command in (["trade"], ["search", "export"], ["show", "trade-2003-az-export"], []):
        cached = run("--facts", str(parts), "--as-of", AS_OF, *command)
        uncached = run("--no-cache", "--facts", str(parts), "--as-of", AS_OF, *command)
        assert cached.stdout == uncached.stdout, command
    assert "26,000" in run("--facts", str(parts), "--as-of", AS_OF, "trade").stdout
    after = {key: _rowid_of(isolated_cache, parts, key) for key in before}
    assert after == before


@pytest.mark.slow
def test_an_edit_that_changes_a_name_others_use_rebuilds(parts: Path) -> None:
    import time

    run("--facts", str(parts), "trade")
    time.sleep(2.1)
    places = next(p for p in (parts / "kinds").iterdir() if 'id = "baku"' in p.read_text())
    places.write_text(places.read_text().replace('name = "Baku"', 'name = "Baku City"', 1))
    cached = run("--facts", str(parts), "--as-of", AS_OF, "events", "--format", "tsv")
    uncached = run("--no-cache", "--facts", str(parts), "--as-of", AS_OF, "events")
    assert cached.stdout == uncached.stdout
    assert "\tBaku City\t" in cached.stdout


@pytest.mark.parametrize("many", [False, True], ids=["one file", "many files"])
def test_a_build_that_lets_its_tables_go_checks_as_one_that_keeps_them(
    tmp_path: Path, many: bool
) -> None:
    """read_and_check lets each parsed table go once read (release=True): the base is the
    one a build that keeps them makes, and only the kinds' arrays are emptied."""
    from bilateral.kinds.parts import build_parts
    from bilateral.schema.reading import base_files, read_toml

    path = split(SHIPPED, tmp_path / "base")[0].parent if many else SHIPPED

    def parts() -> list[tuple[str, object, dict[str, object]]]:
        read = [(file, *read_toml(file)) for file in base_files(str(path))]
        return [(file, lambda text=text: text, data) for file, text, data in read]

    kept, released = parts(), parts()
    one, other = build_parts(released, release=True), build_parts(kept)  # type: ignore[arg-type]
    assert vars(one.lookup) == vars(other.lookup)
    assert dataclasses.replace(one, lookup=other.lookup) == other
    for (_, _, before), (_, _, after) in zip(kept, released, strict=True):
        assert before.keys() == after.keys()
        assert {key: value for key, value in after.items() if value != []} == {
            key: value for key, value in before.items() if not isinstance(value, list)
        }
