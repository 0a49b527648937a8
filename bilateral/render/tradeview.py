"""The trade table: each reported figure beside its mirror (the partner's report of the
same goods) and the gap between them; without mirrors, the plain listing; the pair first
where the figures are of several pairs."""

from __future__ import annotations

from typing import Any, TextIO

from bilateral.answer.rows import Row
from bilateral.kinds.registry import kind
from bilateral.render.listing_table import print_table
from bilateral.render.plain_text import Words, print_direct
from bilateral.render.views import listing_named

MIRROR_COLUMNS = ("mirror_value", "gap")
LEGEND = (
    "Mirror value: the partner's report of the same goods (its exports for an import, its "
    "imports for an export); gap: value less mirror value. Imports are valued with freight "
    "and insurance, exports without, so the two seldom agree."
)


def trade_table(
    rows: list[Row], out: TextIO, terminal: bool, cited: dict[str, dict[str, Any]] | None
) -> None:
    several = len({row.document.get("pair") for row in rows}) > 1
    listing = listing_named("trade+pair") if several else kind("trade").listing
    assert listing is not None
    mirrored = any(row.document.get("mirror") for row in rows)
    if not mirrored:
        columns = tuple(c for c in listing.table_columns if c not in MIRROR_COLUMNS)
        listing = listing.replace(table_columns=columns)
    print_table(rows, listing, out, terminal, cited)
    if mirrored:
        print_direct(Words(LEGEND, style="dim"), out, terminal)
