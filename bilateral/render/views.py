"""Listing rows as text: the cells of CSV, TSV and tables, and the listings of search and show.

The column names are part of the scripting contract (docs/json.md): TSV rows carry
exactly a listing's columns in its order, CSV adds them as a header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bilateral.kinds.kind import Cells, Listing
from bilateral.kinds.listed import listed_kind
from bilateral.schema.wording import money

Document = dict[str, Any]
TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
TSV_SPECIAL = r"[\\\t\n\r]"


PAIR_COLUMN = "+pair"
"""A listing's name with this suffix: its rows begin with the pair they belong to."""


def listing_named(name: str) -> Listing:
    """The listing of a kind of record, or of `search` or `show`; with PAIR_COLUMN, the
    same with a first column `pair`."""
    if name.endswith(PAIR_COLUMN):
        plain = listing_named(name.removesuffix(PAIR_COLUMN))
        columns, table_columns = ("pair", *plain.columns), ("pair", *plain.table_columns)
        return plain.replace(columns=columns, table_columns=table_columns)
    if name in SPECIAL:
        return SPECIAL[name]
    if name == "commitments":
        from bilateral.kinds.areas import COMMITMENTS  # an area's kind, for its commitments

        return COMMITMENTS
    if name == "changes":
        from bilateral.answer.changes import CHANGES  # the changes command's listing alone

        return CHANGES
    found = listed_kind(name).listing
    assert found is not None, f"{name} has no listing"
    return found


def cited(sources: list[Document]) -> str:
    """Citations for scripts: 'caci-2004-07-28:3.2; daily-times-2004-07-09'."""
    return "; ".join(_script_citation(cite) for cite in sources)


def _script_citation(cite: Document) -> str:
    if cite.get("paragraph") is None:
        return str(cite["source"])
    return f"{cite['source']}:{cite['paragraph']}.{cite['sentence']}"


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join([item if item.__class__ is str else text(item) for item in value])
    if isinstance(value, dict) and {"low", "high", "currency"} <= value.keys():
        return money(value["low"], value["high"], value["currency"])  # a disputed sum
    return str(value)


def cell_text(cells: Cells, column: str) -> str:
    value = cells.get(column)
    if value.__class__ is str:
        return value
    return cited(value or []) if column == "sources" else text(value)


def listing_rows(listing: Listing, document: Document) -> Iterator[Cells]:
    """The listing's rows of one answer, each carrying the date the answer is true as of."""
    common = {
        "disputed": disputed_text(document),
        "as_of": document.get("as_of"),
        "pair": document.get("pair"),
    }
    for cells in listing.rows(document):
        own = cells.pop("disputes", None)  # a row's own disputes (a role's), after the record's
        if own:
            both = "; ".join(filter(None, (common["disputed"], disputed_text({"disputes": own}))))
            yield cells | common | {"disputed": both}
        else:
            yield cells | common


def disputed_text(document: Document) -> str:
    """'end: 2004-07-10 | 2004-07-09': every value of each statement the sources dispute."""
    return "; ".join(
        f"{dispute['field']}: " + " | ".join(text(entry["value"]) for entry in dispute["values"])
        for dispute in document.get("disputes") or []
    )


def row_cells(listing: Listing, cells: Cells) -> list[str]:
    """A listing row's cells, in the listing's column order."""
    return [cell_text(cells, column) for column in listing.columns]


def tsv_line(cells: list[str]) -> str:
    """One TSV row; the escape pass runs only on rows that need it (one search per row)."""
    if re.search(TSV_SPECIAL, "".join(cells)):
        cells = [cell.translate(TSV_ESCAPES) for cell in cells]
    return "\t".join(cells) + "\n"


def _search(hit: Document) -> Iterator[Cells]:
    yield {
        "rank": str(hit["rank"]),
        "score": f"{hit['score']:.3f}",
        "kind": hit["kind"],
        "id": hit["id"],
        "text": hit["text"],
        "sources": hit["sources"],
    }


def _show(match: Document) -> Iterator[Cells]:
    record = match["record"]
    yield {
        "kind": match["kind"],
        "id": record["id"],
        "name": record.get("name") or record.get("summary") or record.get("text"),
        "mentioned_in": str(len(match["mentioned_in"])),
        "sources": record.get("sources", []),
    }


SEARCH = Listing(
    "records",
    ("rank", "score", "kind", "id", "text", "sources", "as_of"),
    ("rank", "kind", "id", "text"),
    _search,
)
SHOW = Listing(
    "records",
    ("kind", "id", "name", "mentioned_in", "sources", "as_of"),
    ("kind", "id", "name", "mentioned_in"),
    _show,
)


def _timeline(entry: Document) -> Iterator[Cells]:
    yield {
        "kind": entry["kind"],
        "id": entry["id"],
        "label": entry["label"],
        "start": entry["start"],
        "end": entry["end"],
        "status": entry["status"],
        "sources": entry["sources"],
    }


TIMELINE = Listing(
    "timeline",
    ("kind", "id", "label", "start", "end", "status", "sources", "as_of"),
    ("kind", "id", "label", "start", "end", "status"),
    _timeline,
)
SPECIAL = {
    "search": SEARCH,
    "show": SHOW,
    "timeline": TIMELINE,
}
