"""One path for every answer: rows out in the chosen format, streamed where the format allows."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import TextIO

from bilateral.query import Row
from bilateral.views import View, row_cells, tsv_line

TERMINAL_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
"""Control, bidirectional and zero-width characters; compiled on first use, not at start-up."""


class Format(enum.Enum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"


def visible(text: str) -> str:
    """Text safe for a terminal: control, bidi and zero-width characters shown as escapes."""
    return re.sub(TERMINAL_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", text)


def emit(rows: Iterable[Row], view: View, fmt: Format, out: TextIO, terminal: bool) -> int:
    """Write the rows; returns how many records were written."""
    if fmt is Format.TABLE:
        from bilateral.tables import print_table

        return print_table(list(rows), view, out, terminal)
    if fmt is Format.JSON:
        return _json_array(rows, out, terminal)
    if fmt is Format.JSONL:
        return _json_lines(rows, out, terminal)
    return _delimited(rows, view, out, terminal, csv_format=fmt is Format.CSV)


def _json_array(rows: Iterable[Row], out: TextIO, terminal: bool) -> int:
    count = 0
    for row in rows:
        out.write("[\n  " if count == 0 else ",\n  ")
        out.write(visible(row.raw) if terminal else row.raw)
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


def _json_lines(rows: Iterable[Row], out: TextIO, terminal: bool) -> int:
    count = 0
    for row in rows:
        out.write(visible(row.raw) if terminal else row.raw)
        out.write("\n")
        count += 1
    return count


def _delimited(
    rows: Iterable[Row], view: View, out: TextIO, terminal: bool, csv_format: bool
) -> int:
    import csv

    writer = csv.writer(out, lineterminator="\n") if csv_format else None
    if writer is not None:
        writer.writerow(view.columns)
    count = 0
    for row in rows:
        count += 1
        if writer is None and row.tsv is not None:
            out.write(visible(row.tsv) if terminal else row.tsv)
            continue
        for flat in view.flatten(row.document):
            cells = row_cells(view, flat)
            if writer is not None:
                writer.writerow([visible(cell) for cell in cells] if terminal else cells)
            else:
                line = tsv_line(cells)
                out.write(visible(line) if terminal else line)
    return count
