"""Notes beside a table's cells are lettered a, b, ... z, aa, ... zz, aaa: one mark each,
however many notes a table has (a large base's table has hundreds)."""

from __future__ import annotations

from itertools import product
from string import ascii_lowercase

from bilateral.render.annotations import NoteMarks


def _expected(count: int) -> list[str]:
    marks: list[str] = []
    length = 1
    while len(marks) < count:
        marks += ["".join(letters) for letters in product(ascii_lowercase, repeat=length)]
        length += 1
    return marks[:count]


def test_each_note_has_its_own_mark_in_order_past_zz() -> None:
    notes = NoteMarks()
    count = 26 + 26 * 26 + 100  # past "zz", where two letters run out
    marks = [notes.mark([{"text": f"note {n}", "sources": []}], cite=str) for n in range(count)]
    assert marks == [f"[{mark}]" for mark in _expected(count)]
    assert marks[701:703] == ["[zz]", "[aaa]"]


def test_a_note_met_again_keeps_its_mark() -> None:
    notes = NoteMarks()
    first = notes.mark([{"text": "once", "sources": []}, {"text": "twice", "sources": []}], str)
    again = notes.mark([{"text": "twice", "sources": []}], str)
    assert (first, again) == ("[a][b]", "[b]")
