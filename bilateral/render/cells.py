"""Widths in terminal cells, as rich measures them; printable ASCII, nearly every value,
without importing rich's tables of wide characters."""

from __future__ import annotations


def cell_len(text: str) -> int:
    if text.isascii() and text.isprintable():  # one cell a character
        return len(text)
    from rich.cells import cell_len as measured  # wide, combining or control characters

    return measured(text)
