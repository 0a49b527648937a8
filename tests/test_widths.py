"""Every command, read on a real pseudo-terminal at every width from 40 to 160 (issue 21).

At each width: no line is wider than the terminal, except an address standing alone on
its line (a terminal wraps it softly, and copies it whole); no id, date or figure is broken
across lines; every source's address stands whole on a line of its own. The sweep is slow
(`-m slow`): it reads all 121 widths; the everyday run checks the checker, the block
view and the README's screens.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import ROOT, SHIPPED, run_in_terminal

AS_OF = "2004-07-28"
WRITTEN = "2026-03-11"
"""The date the shipped base was written about: its latest records, the most sources."""
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
MARK = re.compile("\x1e(\\d+)\t(\\d+)\x1e")
ADDRESS = re.compile(r"^\s*<?(?:https?|ftp)://\S+$")
DATE = re.compile(r"\b(?:1[89]|20)\d{2}-(?:0[1-9]|1[0-2])(?:-[0-3]\d)?\b")
FIGURE = re.compile(r"\$\d{1,3}(?:,\d{3})+(?:-\d{1,3}(?:,\d{3})+)?")
BORDERS = "│|┃ "


def commands(old: Path) -> list[list[str]]:
    """Every command a person reads at a terminal, as of the base's own date."""
    shipped = ["--facts", str(SHIPPED), "--no-pager", "--as-of", AS_OF]
    listings = [
        ["areas"],
        ["areas", "--commitments"],
        ["officials"],
        ["trade"],
        ["events"],
        ["assessments"],
        ["relations"],
        ["sources"],
    ]
    shows = [
        ["show", "Musharraf"],
        ["show", "Guluzade"],
        ["show", "Azerbaijan"],
        ["show", "oil and gas"],
        ["show", "trade-2003-az-import"],
        ["show", "President"],
    ]
    others = [
        ["search", "which russian officials came to baku"],
        ["timeline"],
        ["timeline", "--from", "2004-06", "--to", "2004-08"],
        ["trade", "--chart"],
        ["brief"],
        ["graph", "--format", "tree"],
        ["check"],
        ["diff", str(old), str(SHIPPED)],
    ]
    written = ["--facts", str(SHIPPED), "--no-pager", "--as-of", WRITTEN]
    lately = [
        ["officials", "--current"],
        ["events", "--year", "2025"],
        ["show", "Shehbaz Sharif"],
        ["changes", "--from", "2025-12-01"],
    ]
    return [
        shipped,
        *([*shipped, *words] for words in [*listings, *shows, *others]),
        *([*written, *words] for words in lately),
    ]


def older_base(directory: Path) -> Path:
    """The shipped base with a record gone and a figure changed: something for `diff`."""
    text = SHIPPED.read_text(encoding="utf-8")
    text = text.replace("low = 25000", "low = 20000", 1)
    start = text.index("[[events]]")
    text = text[:start] + text[text.index("[[events]]", start + 1) :]
    path = directory / "older.toml"
    path.write_text(text, encoding="utf-8")
    return path


def screens(widths: list[int], directory: Path) -> dict[tuple[int, int], list[str]]:
    """Each command's screen at each width: its lines as the terminal shows them."""
    listed = commands(older_base(directory))
    plan = directory / "commands.json"
    plan.write_text(json.dumps(listed), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env |= {"TERM": "xterm-256color", "PYTHONPATH": str(ROOT), "BILATERAL_PAGER": "cat"}
    driver = str(ROOT / "tests" / "screens.py")
    halves = [widths[::2], widths[1::2]] if len(widths) > 2 else [widths]
    with ThreadPoolExecutor(len(halves)) as pool:  # two terminals at once: one per core
        shown = pool.map(
            lambda half: run_in_terminal_script([driver, str(plan), *map(str, half)], env),
            halves,
        )
    text = "".join(shown)
    parts = MARK.split(text.replace("\r\n", "\n"))
    found = {}
    for position in range(1, len(parts) - 2, 3):
        width, index, body = int(parts[position]), int(parts[position + 1]), parts[position + 2]
        lines = [ANSI.sub("", line) for line in body.removeprefix("\n").split("\n")]
        found[(width, index)] = lines
    assert len(found) == len(widths) * len(listed), text[-2000:]
    return found


def run_in_terminal_script(args: list[str], env: dict[str, str]) -> str:
    """`python ARGS` on a pseudo-terminal (the driver resizes it for each width)."""
    return run_in_terminal(args, env, module=False)


@cache
def known() -> tuple[frozenset[str], frozenset[str]]:
    """Every id in the shipped base, and every source's address."""
    result = subprocess.run(
        [sys.executable, "-m", "bilateral", "--facts", str(SHIPPED), "export", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    ids: set[str] = set()
    urls: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "id" and isinstance(item, str):
                    ids.add(item)
                elif key == "url" and isinstance(item, str):
                    urls.add(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(result.stdout))
    return frozenset(ids), frozenset(urls)


WORD = re.compile(f"[^{BORDERS}]+")


def words_at(line: str) -> dict[int, str]:
    """Each word of a line by the column it starts at (cell widths; borders end words)."""
    if line.isascii():
        return {found.start(): found.group() for found in WORD.finditer(line)}
    return {cell_len(line[: found.start()]): found.group() for found in WORD.finditer(line)}


def broken(lines: list[str], ids: frozenset[str]) -> list[str]:
    """Ids, dates and figures split across lines: a piece ends a word at one column and the
    rest starts at the same column on the next line, and together they make one whole."""
    found = []
    for upper, lower in itertools.pairwise([words_at(line) for line in lines]):
        below = lower
        for column, head in upper.items():
            tail = below.get(column)
            if not tail:
                continue
            whole = head + tail
            across = _word_across(whole, len(head))
            tokens = {*DATE.findall(whole), *FIGURE.findall(whole)} | ({across} & ids)
            found += [
                f"{token!r} as {head!r} / {tail!r}"
                for token in sorted(tokens)
                if _spans(whole, token, len(head))
            ]
    return found


def _word_across(whole: str, cut: int) -> str:
    """The run of letters, digits and hyphens that goes across the cut (an id's
    characters), or ''."""
    start, end = cut, cut
    while start > 0 and (whole[start - 1].isalnum() or whole[start - 1] in "_-"):
        start -= 1
    while end < len(whole) and (whole[end].isalnum() or whole[end] in "_-"):
        end += 1
    return whole[start:end] if start < cut < end else ""


def _spans(whole: str, token: str, cut: int) -> bool:
    """Whether `token` stands as a word of its own in `whole` across the cut between the
    two pieces ('A' over 'May' is not a broken 'AM': the word runs on)."""
    for found in re.finditer(re.escape(token), whole):
        before = whole[found.start() - 1] if found.start() else " "
        after = whole[found.end()] if found.end() < len(whole) else " "
        word = before.isalnum() or after.isalnum() or after in "_-" or before in "_-"
        if found.start() < cut < found.end() and not word:
            return True
    return False


def problems(lines: list[str], width: int) -> list[str]:
    ids, urls = known()
    joined = "".join(lines).replace(" ", "")
    addressed = "\n".join(line for line in lines if "://" in line)
    found = [
        f"{cell_len(line)} wide: {line!r}"
        for line in lines
        if (len(line) if line.isascii() else cell_len(line)) > width and not ADDRESS.match(line)
    ]
    found += broken(lines, ids)
    found += [f"address broken: {url}" for url in urls if url in joined and url not in addressed]
    return found


def sweep(widths: list[int], directory: Path) -> None:
    listed = commands(directory / "unused")
    faults = []
    for (width, index), lines in screens(widths, directory).items():
        for fault in problems(lines, width):
            faults.append(f"{width} cols, {' '.join(listed[index][5:])}: {fault}")
    assert faults == [], "\n".join(faults[:40]) + f"\n({len(faults)} in all)"


@pytest.mark.parametrize(
    ("upper", "lower", "expected"),
    [
        ("│ tribune-20 │", "│ 24-07-11   │", ["'tribune-2024-07-11' as 'tribune-20' / '24-07-11'"]),
        ("  2004-0", "  7-28 in Baku", ["'2004-07-28' as '2004-0' / '7-28'"]),
        ("  $25,0", "  00,000", ["'$25,000,000' as '$25,0' / '00,000'"]),
        ("  A", "  May", []),
        ("│ ci │", "│ sis │", []),
        ("  ¶27", "  19-20", []),
    ],
)
def test_a_broken_token_is_told_from_words_that_happen_to_line_up(
    upper: str, lower: str, expected: list[str]
) -> None:
    ids = frozenset({"tribune-2024-07-11", "AM", "cis"})
    assert broken([upper, lower], ids) == expected


@pytest.mark.slow
def test_every_command_reads_at_every_width_from_40_to_160(tmp_path: Path) -> None:
    sweep(list(range(40, 161)), tmp_path)


SCREEN = re.compile(r"<!-- screen (\d+): (.+?) -->\n```text\n(.*?)```", re.S)
README_SCREENS = SCREEN.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def screen_at(columns: int, args: list[str]) -> str:
    """What a terminal of `columns` shows for `bilateral ARGS`, colour off, lines trimmed."""
    env = {k: v for k, v in os.environ.items() if k not in ("LINES", "FORCE_COLOR")}
    env |= {"COLUMNS": str(columns), "NO_COLOR": "1", "TERM": "xterm", "PYTHONPATH": str(ROOT)}
    shown = run_in_terminal(["--no-pager", *args], env).replace("\r\n", "\n")
    return "\n".join(line.rstrip() for line in shown.splitlines()) + "\n"


def test_the_readme_shows_a_narrow_and_a_wide_screen() -> None:
    assert {int(columns) for columns, _, _ in README_SCREENS} >= {40, 120}


@pytest.mark.parametrize(("columns", "command", "expected"), README_SCREENS)
def test_a_readme_screen_is_what_the_terminal_shows(
    columns: str, command: str, expected: str
) -> None:
    assert screen_at(int(columns), shlex.split(command)) == expected


@pytest.mark.parametrize(
    "command",
    [
        ["officials"],
        pytest.param(["areas", "--commitments"], marks=pytest.mark.slow),
        pytest.param(["events"], marks=pytest.mark.slow),
    ],
)
def test_in_the_block_view_each_id_stands_on_its_own_line(command: list[str]) -> None:
    base = ["--facts", str(SHIPPED), "--as-of", AS_OF]
    shown = [line.strip() for line in screen_at(40, [*base, *command]).splitlines()]
    listed = subprocess.run(
        [sys.executable, "-m", "bilateral", *base, *command, "--format", "tsv"],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    ).stdout
    ids = {line.split("\t")[0] for line in listed.splitlines()}
    assert ids
    assert ids <= set(shown)
