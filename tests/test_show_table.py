# ruff: noqa: E501 - the expected pages are as wide as the tables
"""`show --format table` on the minimal base, with the whole expected page inline.

A forced table in a pipe is drawn PIPE_WIDTH wide, so the page does not depend on the
terminal. In a pipe no line ends in blanks.

The pages are answered as of 2004-07-28, so they do not change with the day they run.
In a pipe every rule is plain ASCII, and footnotes are numbered in reading order.
"""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL, run

ABIYEV = [
    "As of 2004-07-28",
    "Safar Abiyev  person abiyev-safar",
    "Name     Safar Abiyev",
    "Country  Azerbaijan (AZ)",
    "Aliases  Səfər Əbiyev",
    "Sources  [1]",
    "Roles",
    "Title               | Organization | Post | Start      | End        | Last confirmed | Status | Src",
    "--------------------+--------------+------+------------+------------+----------------+--------+----",
    "Minister of Defence | Azerbaijan   |      | 1995-02-06 | 2013-10-28 | 2004-07-28     | held   | 2",
    "",
    "[1] Test Publisher, 2004-07-28, ¶1.1 (article)",
    "[2] Background Reference (background)",
]

BAKU = [
    "As of 2004-07-28",
    "Baku  place baku",
    "Name     Baku",
    "Type     city",
    "Country  Azerbaijan (AZ)",
    "Sources  [1]",
    "Mentioned in",
    "Kind  | Id              | Text",
    "------+-----------------+-------------------------------------------",
    "event | visit-baku-2004 | 2004-07-08 to 2004-07-10: A visit to Baku.",
    "",
    "[1] Test Publisher, 2004-07-28, ¶1.2 (article)",
]


def show_table(name: str) -> tuple[int, str, str]:
    result = run(
        "--facts", str(MINIMAL), "--as-of", "2004-07-28", "show", name, "--format", "table"
    )
    return result.exit_code, result.stdout, result.stderr


def page(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "name",
    [
        "Safar Abiyev",
        "abiyev-safar",  # the id
        "Səfər Əbiyev",  # the alias, accents and all
        "SAFAR ABIYEV",
        "Safar Abiyv",  # one typo away
    ],
)
def test_show_a_person_as_a_table(name: str) -> None:
    assert show_table(name) == (0, page(ABIYEV), "")


@pytest.mark.parametrize("name", ["Baku", "baku", "bakuu"])
def test_show_a_place_as_a_table(name: str) -> None:
    assert show_table(name) == (0, page(BAKU), "")


def test_show_an_unknown_name_as_a_table_prints_nothing() -> None:
    assert show_table("Nobody Atall") == (1, "", "bilateral: nothing is named 'Nobody Atall'\n")


@pytest.mark.parametrize("name", ["Safar Abiyev", "Baku"])
def test_a_piped_show_table_has_no_box_drawing(name: str) -> None:
    _, out, _ = show_table(name)
    assert [ch for ch in out if "\u2500" <= ch <= "\u257f"] == []


def test_footnotes_are_numbered_in_reading_order() -> None:
    _, out, _ = show_table("Safar Abiyev")
    lines = [line.rstrip() for line in out.splitlines()]
    assert "Sources  [1]" in lines
    assert lines[-2:] == [
        "[1] Test Publisher, 2004-07-28, ¶1.1 (article)",
        "[2] Background Reference (background)",
    ]
