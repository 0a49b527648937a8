"""Blocks moved between the files of a directory base (issue 25): every result is a valid
base or a list of problems, each in a file of the base at a line inside it, at least one of
them in a file the move touched; never a traceback, never only an innocent file blamed.

The default suite moves a few hundred blocks; more run under the `slow` marker:

    python3 -m pytest tests/test_parts_fuzz.py -q -m slow
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from bilateral.errors import FactBaseInvalid, FactBaseUnreadable
from bilateral.kinds.parts import load
from tests.conftest import MINIMAL, run

HEADER = re.compile(r"^\[\[", re.MULTILINE)
PLACE = re.compile(r"^(?P<file>[^:\n]+?):(?P<line>\d+)(?::\d+)?: ")
FILES = ("a.toml", "b.toml", "c.toml")


def blocks(text: str) -> tuple[str, list[str]]:
    """A file's head (its keys) and its `[[...]]` blocks, each with its header."""
    starts = [match.start() for match in HEADER.finditer(text)]
    head = text[: starts[0]] if starts else text
    ends = [*starts[1:], len(text)]
    return head, [
        text[start:end].rstrip("\n") + "\n\n" for start, end in zip(starts, ends, strict=True)
    ]


def split_minimal() -> dict[str, tuple[str, list[str]]]:
    """The minimal base as three files: its keys and sources; countries to places; the rest."""
    head, every = blocks(MINIMAL.read_text(encoding="utf-8"))
    cut_one = next(i for i, b in enumerate(every) if b.startswith("[[countries]]"))
    cut_two = next(i for i, b in enumerate(every) if b.startswith("[[areas]]"))
    part = "schema_version = 3\n\n"
    return {
        "a.toml": (head, every[:cut_one]),
        "b.toml": (part, every[cut_one:cut_two]),
        "c.toml": (part, every[cut_two:]),
    }


def moved(rng: random.Random) -> tuple[dict[str, str], set[str]]:
    """The base with one to three blocks moved (within a file or to another); the files
    the moves touched."""
    files = {name: (head, list(items)) for name, (head, items) in split_minimal().items()}
    touched: set[str] = set()
    for _ in range(rng.randint(1, 3)):
        source = rng.choice([name for name in FILES if files[name][1]])
        target = rng.choice(FILES)
        items = files[source][1]
        block = items.pop(rng.randrange(len(items)))
        into = files[target][1]
        into.insert(rng.randint(0, len(into)), block)
        touched |= {source, target}
    return {name: head + "".join(items) for name, (head, items) in files.items()}, touched


def outcome(directory: Path) -> FactBaseInvalid | FactBaseUnreadable | None:
    """What loading the base raised, if anything."""
    try:
        load(str(directory))
    except (FactBaseInvalid, FactBaseUnreadable) as error:
        return error
    return None


def assert_clean(directory: Path, texts: dict[str, str], touched: set[str]) -> None:
    error = outcome(directory)
    if isinstance(error, FactBaseInvalid):
        assert error.problems
        for problem in error.problems:
            name = Path(problem.file).name
            assert name in texts, problem
            assert problem.line is None or 0 < problem.line <= texts[name].count("\n") + 1
        assert {Path(p.file).name for p in error.problems} & touched, error.problems
    elif isinstance(error, FactBaseUnreadable):
        place = PLACE.match(str(error))
        assert place, str(error)
        name = Path(place["file"]).name
        assert name in touched, str(error)
        assert 0 < int(place["line"]) <= texts[name].count("\n") + 1


def fuzz(tmp_path: Path, seed: int, count: int) -> None:
    rng = random.Random(seed)
    for number in range(count):
        directory = tmp_path / f"base{number}"
        directory.mkdir()
        texts, touched = moved(rng)
        for name, text in texts.items():
            (directory / name).write_text(text, encoding="utf-8")
        assert_clean(directory, texts, touched)


@pytest.mark.slow
def test_moved_blocks_give_a_valid_base_or_placed_problems(tmp_path: Path) -> None:
    fuzz(tmp_path, seed=25, count=300)


@pytest.mark.slow
def test_many_moved_blocks_give_a_valid_base_or_placed_problems(tmp_path: Path) -> None:
    fuzz(tmp_path, seed=2025, count=5000)


def write(directory: Path, texts: dict[str, str]) -> Path:
    directory.mkdir()
    for name, text in texts.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def role_moved_out(tmp_path: Path, into: str) -> Path:
    """The base with its one `[[people.roles]]` moved to a file with no person."""
    files = {name: (head, list(items)) for name, (head, items) in split_minimal().items()}
    role = next(b for b in files["b.toml"][1] if b.startswith("[[people.roles]]"))
    files["b.toml"][1].remove(role)
    files[into][1].append(role)
    return write(tmp_path / into, {n: h + "".join(i) for n, (h, i) in files.items()})


@pytest.mark.parametrize("into", ["a.toml", "c.toml"])
def test_a_role_out_of_its_persons_file_is_one_problem_at_its_line(
    tmp_path: Path, into: str
) -> None:
    """Before or after the file of its person, the one problem names the file at fault."""
    base = role_moved_out(tmp_path, into)
    result = run("check", str(base))
    assert result.exit_code == 1
    *problems, last = result.stderr.splitlines()
    line = (base / into).read_text().splitlines().index("[[people.roles]]") + 1
    assert problems == [
        f"{base / into}:{line}: people.roles: [[people.roles]] has no [[people]] above it in "
        "this file; a role goes in the file of its person (people are in b.toml), under that "
        "person's [[people]]: move it there, or add it with `bilateral new role --person ID`"
    ]
    assert last == f"bilateral: {base}: 1 problem(s) found"


def test_a_role_above_its_person_is_named_at_its_own_line(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    role = text[text.index("[[people.roles]]") : text.index("[[organizations]]")]
    text = text.replace(role, "").replace("[[people]]", role + "[[people]]")
    path = tmp_path / "facts.toml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("[[people.roles]]") + 1
    result = run("check", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"bilateral: {path}:{line}: [[people.roles]] comes before any [[people]] in this file; "
        "move it below the [[people]] record it belongs to\n"
    )


def test_a_duplicate_id_across_files_names_both_places(tmp_path: Path) -> None:
    files = {name: head + "".join(items) for name, (head, items) in split_minimal().items()}
    place = files["b.toml"][files["b.toml"].index("[[places]]") :]
    place = place[: place.index("\n\n") + 1]
    base = write(tmp_path / "base", {**files, "d.toml": "schema_version = 3\n\n" + place})
    first = files["b.toml"].splitlines().index("[[places]]") + 2
    result = run("check", str(base))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{base / 'd.toml'}:4: places[0].id: duplicate id 'baku' (first used by a place, "
        f"{base / 'b.toml'}:{first - 1}); rename one"
    )


def test_a_role_copied_to_confirm_it_names_its_person_and_file(tmp_path: Path) -> None:
    """The curator's mistake of issue 25: a role confirmed from a new source, written in
    the file where the source is, away from its person."""
    files = {name: (head, list(items)) for name, (head, items) in split_minimal().items()}
    role = next(b for b in files["b.toml"][1] if b.startswith("[[people.roles]]"))
    files["c.toml"][1].append(role.replace('source = "background"', 'source = "article"'))
    base = write(tmp_path / "base", {n: h + "".join(i) for n, (h, i) in files.items()})
    result = run("check", str(base))
    line = (base / "c.toml").read_text().splitlines().index("[[people.roles]]") + 1
    assert result.stderr.splitlines() == [
        f"{base / 'c.toml'}:{line}: people.roles: [[people.roles]] has no [[people]] above it "
        "in this file; a role goes in the file of its person, b.toml, under abiyev-safar's "
        "[[people]]: move it there, or add it with `bilateral new role --person abiyev-safar`",
        f"bilateral: {base}: 1 problem(s) found",
    ]
