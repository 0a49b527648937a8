"""One path for every answer: rows out in the chosen format, streamed where the format allows."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import TextIO

from bilateral.query import Row
from bilateral.views import View, cell_text

TERMINAL_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
"""Control, bidirectional and zero-width characters; compiled on first use, not at start-up."""
TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
TSV_SPECIAL = r"[\\\t\n\r]"


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


def _tsv_cell(cell: str) -> str:
    return cell.translate(TSV_ESCAPES) if re.search(TSV_SPECIAL, cell) else cell


def _delimited(
    rows: Iterable[Row], view: View, out: TextIO, terminal: bool, csv_format: bool
) -> int:
    import csv

    writer = csv.writer(out, lineterminator="\n") if csv_format else None
    if writer is not None:
        writer.writerow(view.columns)
    count = 0
    for row in rows:
        for flat in view.flatten(row.document):
            cells = [cell_text(flat, column) for column in view.columns]
            if terminal:
                cells = [visible(cell) for cell in cells]
            if writer is not None:
                writer.writerow(cells)
            else:
                out.write("\t".join(map(_tsv_cell, cells)) + "\n")
        count += 1
    return count
