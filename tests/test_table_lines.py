"""Tables drawn without rich's Table (render/table_lines.py) print the bytes rich's Table
prints for them; footnotes wrap as measuring each line whole does."""

from __future__ import annotations

import io
import random

import pytest
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bilateral.render.footnotes import wrapped
from bilateral.render.layout import least_width, most_width, table_width
from bilateral.render.listing_table import table_text
from bilateral.render.plain_text import rendered
from bilateral.render.screen_tables import Fitted, fits_plainly
from bilateral.render.table_lines import table_pieces

WORDS = ["id", "Pervez", "Musharraf", "2001-06-20", "«Türkiye»", "北京", "é", "", "1,2,15", "a b"]


def _console(width: int, color: bool) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )


def _by_rich(
    headers: list[str], rows: list[list[Text]], widths: list[int], terminal: bool
) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD if terminal else box.ASCII,
        header_style="bold",
        show_edge=False,
        pad_edge=False,
    )
    for title, width in zip(headers, widths, strict=True):
        table.add_column(
            title, overflow="fold", width=width, style="dim" if title == "Src" else None
        )
    for cells in rows:
        table.add_row(*cells)
    return table


def _printed(renderable: object, width: int, color: bool) -> str:
    console = _console(width, color)
    console.print(renderable, crop=False)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


@pytest.mark.parametrize("seed", range(40))
def test_a_table_whose_values_fit_prints_what_richs_table_prints(seed: int) -> None:
    chance = random.Random(seed)
    columns = chance.randint(1, 5)
    headers = [
        chance.choice(["Id", "Name", "Title", "Src", "Last confirmed"]) for _ in range(columns)
    ]
    rows = [
        [Text(" ".join(chance.choices(WORDS, k=chance.randint(0, 3)))) for _ in range(columns)]
        for _ in range(chance.randint(0, 6))
    ]
    grid = [[cell.plain for cell in row] for row in rows]
    most = [most_width(title, (row[i] for row in grid)) for i, title in enumerate(headers)]
    widths = [width + chance.randint(0, 3) for width in most]
    room = table_width(widths) + chance.randint(0, 20)
    least = [least_width(title, (row[i] for row in grid), False) for i, title in enumerate(headers)]
    terminal, color = chance.random() < 0.5, chance.random() < 0.5
    fitted = Fitted(headers, rows, least, widths, terminal, Text("blocks"))
    assert fits_plainly(headers, rows, widths, _console(room, color).options)
    assert _printed(fitted, room, color) == _printed(
        _by_rich(headers, rows, widths, terminal), room, color
    )


def test_a_value_wider_than_its_column_is_left_to_richs_table() -> None:
    rows = [[Text("a value that wraps"), Text("1")]]
    widths = [8, 3]
    assert not fits_plainly(["Title", "Src"], rows, widths, _console(100, True).options)
    fitted = Fitted(["Title", "Src"], rows, [5, 3], widths, True, Text("blocks"))
    assert _printed(fitted, table_width(widths), True) == _printed(
        _by_rich(["Title", "Src"], rows, widths, True), table_width(widths), True
    )


def test_styled_or_unprintable_values_are_left_to_richs_table() -> None:
    options = _console(100, True).options
    assert not fits_plainly(["Id"], [[Text("x", style="bold")]], [5], options)
    assert not fits_plainly(["Id"], [[Text("a\u200db")]], [5], options)
    assert not fits_plainly(["Identifier"], [[Text("x")]], [5], options)


def _measured_whole(text: str, width: int, indent: str = "    ") -> list[str]:
    """The reference: each candidate line measured whole."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if not line:
            line = (indent if lines else "") + word
        elif cell_len(line) + 1 + cell_len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = indent + word
    return [*lines, line]


@pytest.mark.parametrize("seed", range(30))
def test_footnotes_wrap_as_measuring_each_line_whole(seed: int) -> None:
    chance = random.Random(seed)
    words = [*WORDS, "“quoted”", "x" * 30, *(["\u2764\ufe0f"] if seed % 3 == 0 else [])]
    text = " ".join(chance.choices(words, k=40))
    width = chance.randint(5, 80) if seed % 5 else chance.randint(80, 2000)
    assert wrapped(text, width) == _measured_whole(text, width)


@pytest.mark.parametrize("seed", range(40))
def test_a_table_written_a_line_at_a_time_is_its_pieces_rendered(seed: int) -> None:
    chance = random.Random(seed)
    columns = chance.randint(1, 5)
    headers = [chance.choice(["Id", "Name", "Src", "Last confirmed"]) for _ in range(columns)]
    rows = [
        [" ".join(chance.choices(WORDS, k=chance.randint(0, 3))) for _ in range(columns)]
        for _ in range(chance.randint(0, 6))
    ]
    lengths = [[cell_len(value) for value in row] for row in rows]
    widths = [most_width(title, (row[i] for row in rows)) for i, title in enumerate(headers)]
    widths = [width + chance.randint(0, 3) for width in widths]
    dim = [title == "Src" for title in headers]
    terminal, color = chance.random() < 0.5, chance.random() < 0.5
    expected = rendered(table_pieces(headers, rows, widths, dim, terminal), color)
    assert table_text(headers, rows, widths, dim, lengths, terminal, color) == expected
