"""Widths in terminal cells, as rich measures them; text whose every character is one cell
wide (printable ASCII, nearly every value, and most Latin, Greek and Cyrillic), without
importing rich's tables of wide characters."""

from __future__ import annotations

import re
from collections.abc import Callable

SINGLE_CELLS = "[ -~\xa0-\xac\xae-\u02ff\u0370-\u0482\u2500-\u25fc\u2800-\u28ff]*"
"""The characters rich itself counts one cell each before it looks at its tables
(`rich.cells._SINGLE_CELL_UNICODE_RANGES`)."""


LAST_SINGLE = "\u02ff"
"""Every printable character up to this one is in SINGLE_CELLS (U+00A0 and U+00AD, which
are not, are not printable)."""


def cell_len(text: str) -> int:
    if text.isprintable() and (text.isascii() or max(text) <= LAST_SINGLE):
        return len(text)
    if re.fullmatch(SINGLE_CELLS, text):
        return len(text)
    from rich.cells import cell_len as measured  # wide, combining or control characters

    return measured(text)


def measure_for(text: str) -> Callable[[str], int]:
    """What measures the pieces of `text` (its words, its values): `len` where every
    character of it is printable ASCII, one cell each, else cell_len."""
    return len if text.isascii() and text.isprintable() else cell_len
