"""One path for every answer: rows out in the chosen format, streamed where the format allows."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any, TextIO

from bilateral.answer.rows import Row
from bilateral.render.escapes import spreadsheet_safe, visible


class Format(enum.Enum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"


def emit(
    rows: Iterable[Row],
    listing: str,
    fmt: Format,
    out: TextIO,
    terminal: bool,
    cited: dict[str, dict[str, Any]] | None = None,
) -> int:
    """Write the rows of a listing (a kind's, or `search` or `show`); returns how many
    records were written."""
    if fmt is Format.TABLE:
        from bilateral.render.listing_table import print_table  # only when a table is drawn
        from bilateral.render.views import listing_named

        return print_table(list(rows), listing_named(listing), out, terminal, cited)
    if fmt is Format.JSON:
        return _json_array(rows, out, terminal)
    if fmt is Format.JSONL:
        return _json_lines(rows, out, terminal)
    return _delimited(rows, listing, out, terminal, csv_format=fmt is Format.CSV)


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
    rows: Iterable[Row], name: str, out: TextIO, terminal: bool, csv_format: bool
) -> int:
    import csv  # CSV and TSV need the kinds' listings, which JSON answers never load

    from bilateral.render.views import listing_named, listing_rows, row_cells, tsv_line  # same

    listing = listing_named(name)
    writer = csv.writer(out, lineterminator="\n") if csv_format else None
    if writer is not None:
        writer.writerow(listing.columns)
    count = 0
    for row in rows:
        count += 1
        for flat in listing_rows(listing, row.document):
            cells = row_cells(listing, flat)
            if writer is not None:
                safe = [spreadsheet_safe(cell) for cell in cells]
                writer.writerow([visible(cell) for cell in safe] if terminal else safe)
            else:
                line = tsv_line(cells)
                out.write(visible(line) if terminal else line)
    return count
