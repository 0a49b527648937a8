"""Answers written without rich's Console (render/plain_text.py, render/screen.py) are the
bytes rich prints for them: the width and colour rich would choose, words and footnotes,
and whole listing tables at every width, in colour and without, at a terminal and in a
pipe."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator, Sequence
from typing import TextIO

import pytest
from rich.console import Console, Group

from bilateral.answer.rows import Row
from bilateral.api import Base, open_base
from bilateral.render import plain_text
from bilateral.render.cells import cell_len
from bilateral.render.footnotes import FootnoteLines, Sources
from bilateral.render.listing_table import print_table
from bilateral.render.plain_text import Part, Words
from bilateral.render.screen import Screen, screen_for
from bilateral.render.screen_tables import console_for
from bilateral.render.tradeview import trade_table
from bilateral.render.views import listing_named
from tests.conftest import SHIPPED

WORDS = ["Pervez", "Musharraf", "2001-06-20", "«Türkiye»", "北京", "e\u0301", "", " ", "1,2,15"]
ODD = ["\u2764\ufe0f", "a\u200db", "tab\there", "x" * 40]
STYLES = [None, "bold", "dim", "yellow"]


def _rich(parts: Sequence[Part], screen: Screen) -> str:
    console = Console(
        file=io.StringIO(),
        width=screen.width,
        force_terminal=screen.color,
        color_system="auto" if screen.color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(Group(*(part.renderable() for part in parts)), crop=False)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def _random_text(chance: random.Random) -> str:
    words = WORDS + ODD if chance.random() < 0.3 else WORDS
    return "\n".join(
        " ".join(chance.choices(words, k=chance.randint(0, 8))) for _ in range(chance.randint(1, 3))
    )


def _fits(text: str, width: int) -> bool:
    return all(
        line.isprintable() and len(line) <= width and cell_len(line) <= width
        for line in text.split("\n")
    )


@pytest.mark.parametrize("seed", range(80))
def test_words_are_written_as_rich_prints_them_or_left_to_rich(seed: int) -> None:
    chance = random.Random(seed)
    screen = Screen(chance.choice([chance.randint(5, 60), 100_000]), chance.random() < 0.5)
    words = Words(_random_text(chance), chance.choice(STYLES))
    written = words.text(screen)
    assert (written is not None) == _fits(words.words, screen.width)
    if written is not None:
        assert written == _rich([words], screen)


@pytest.mark.parametrize("seed", range(40))
def test_footnotes_are_written_as_rich_prints_them_or_left_to_rich(seed: int) -> None:
    chance = random.Random(seed)
    screen = Screen(chance.choice([chance.randint(5, 60), 100_000]), chance.random() < 0.5)
    notes = [
        (f"[{n}]", _random_text(chance), chance.choice([None, "https://x.org/" + "p" * n * 9]))
        for n in range(1, chance.randint(2, 6))
    ]
    footnotes = FootnoteLines(notes, style=chance.choice(["dim", ""]))
    written = footnotes.text(screen)
    assert (written is not None) == all(
        line.isprintable() for line in footnotes.lines(screen.width)
    )
    if written is not None:
        assert written == _rich([footnotes], screen)


ENVIRONMENTS = [
    {},
    {"FORCE_COLOR": "1"},
    {"FORCE_COLOR": ""},
    {"NO_COLOR": "1", "FORCE_COLOR": "1"},
    {"CLICOLOR": "0"},
    {"TTY_COMPATIBLE": "1"},
    {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
    {"TERM": "dumb", "FORCE_COLOR": "1"},
    {"TERM": "dumb"},
    {"TERM": "xterm-256color", "FORCE_COLOR": "1"},
    {"COLORTERM": "truecolor", "FORCE_COLOR": "1"},
    {"COLUMNS": "0"},
    {"COLUMNS": "57"},
    {"COLUMNS": "abc"},
    {"COLUMNS": ""},
]
SCREEN_VARIABLES = ("FORCE_COLOR", "NO_COLOR", "CLICOLOR", "TTY_COMPATIBLE", "TERM", "COLORTERM")


@pytest.mark.parametrize("environment", ENVIRONMENTS)
@pytest.mark.parametrize("terminal", [True, False])
def test_the_screen_is_what_richs_console_decides(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], terminal: bool
) -> None:
    for name in (*SCREEN_VARIABLES, "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    out = io.StringIO()
    screen = screen_for(out, terminal)
    console = console_for(out, terminal)
    if environment.get("TERM") == "dumb" and console.is_terminal:
        assert screen is None  # rich prints 80 cells wide: left to rich
        return
    assert screen == Screen(console.width, console.color_system is not None)


def _listings(base: Base) -> Iterator[tuple[str, list[Row]]]:
    yield "person", list(base.officials())
    yield "event", list(base.events())
    yield "area", list(base.areas())
    yield "search", list(base.search("which russian officials came to baku"))
    yield "assessment", list(base.assessments())
    yield "trade", list(base.trade())


def _printed(name: str, rows: list[Row], terminal: bool, cited: Sources) -> str:
    out = io.StringIO()
    if name == "trade":
        trade_table(rows, out, terminal, cited)
    else:
        print_table(rows, listing_named(name), out, terminal, cited)
    return out.getvalue()


def _compared(
    monkeypatch: pytest.MonkeyPatch, color: bool, widths: list[int | None]
) -> dict[tuple[str, int | None, bool], bool]:
    """Each listing, and the trade table with its legend, at a terminal of each width (None:
    the terminal's own) and in a pipe, printed here and by rich alone: the same bytes.
    Whether each was written without rich."""
    for name in SCREEN_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FORCE_COLOR" if color else "NO_COLOR", "1")
    written: list[bool] = []
    whole = plain_text._written

    def counted(parts: Sequence[Part], out: TextIO, terminal: bool) -> str | None:
        text = whole(parts, out, terminal)
        written.append(text is not None)
        return text

    monkeypatch.setattr(plain_text, "_written", counted)
    with open_base(str(SHIPPED), as_of="2026-03-11") as base:
        cited = base.sources_by_id()
        listings = list(_listings(base))
    plain = {}
    for width in widths:
        monkeypatch.setenv("COLUMNS", str(width or ""))
        for terminal in [True, False] if width is None else [True]:
            for name, rows in listings:
                written.clear()
                ours = _printed(name, rows, terminal, cited)
                plain[name, width, terminal] = all(written)
                with monkeypatch.context() as rich_only:
                    rich_only.setattr(plain_text, "screen_for", lambda *_: None)
                    assert ours == _printed(name, rows, terminal, cited), (name, width)
    return plain


@pytest.mark.parametrize("color", [True, False])
def test_listing_tables_are_the_bytes_rich_prints(
    monkeypatch: pytest.MonkeyPatch, color: bool
) -> None:
    plain = _compared(monkeypatch, color, [40, 100, 160, None])
    assert all(plain[name, None, False] for name, _, _ in plain), plain  # every pipe
    assert not all(plain.values())  # and rich for what wraps


@pytest.mark.slow
@pytest.mark.parametrize("color", [True, False])
def test_listing_tables_are_the_bytes_rich_prints_at_every_width(
    monkeypatch: pytest.MonkeyPatch, color: bool
) -> None:
    _compared(monkeypatch, color, list(range(30, 171)))


def test_a_width_measured_without_rich_is_richs() -> None:
    """render/cells.py counts one cell for each character rich counts so without its
    tables; every other character is measured by rich, alone and among others."""
    from rich.cells import cell_len as richs

    for code in range(0x3000):
        for text in (chr(code), f"Ab{chr(code)}é", f"{chr(code)}Ωж─"):
            assert cell_len(text) == richs(text), hex(code)
