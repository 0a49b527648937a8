"""How each listing flattens into rows for tables, CSV and TSV.

The column names here are part of the scripting contract (docs/json.md): TSV rows
carry exactly these columns in this order, CSV adds them as a header.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from bilateral.formatting import money, span

Document = dict[str, Any]
FlatRow = dict[str, Any]
"""Column name to text, except `sources`, which keeps its list of citations."""


class View:
    """A listing's columns: all of them for CSV and TSV, a few for a person's table."""

    __slots__ = ("columns", "flatten", "noun", "table_columns")

    def __init__(
        self,
        columns: tuple[str, ...],
        table_columns: tuple[str, ...],
        flatten: Callable[[Document], Iterator[FlatRow]],
        noun: str,
    ) -> None:
        self.columns = columns
        self.table_columns = table_columns
        self.flatten = flatten
        self.noun = noun


def cited(sources: list[Document]) -> str:
    """Citations for scripts: 'caci-2004-07-28:3.2; daily-times-2004-07-09'."""
    return "; ".join(_script_citation(cite) for cite in sources)


def _script_citation(cite: Document) -> str:
    if cite.get("paragraph") is None:
        return str(cite["source"])
    return f"{cite['source']}:{cite['paragraph']}.{cite['sentence']}"


def cell_text(flat: FlatRow, column: str) -> str:
    value = flat.get(column)
    if value.__class__ is str:
        return value
    return cited(value or []) if column == "sources" else text(value)


def row_cells(view: View, flat: FlatRow) -> list[str]:
    """A flattened row's cells, in the view's column order."""
    return [
        value if (value := flat.get(column)).__class__ is str else cell_text(flat, column)
        for column in view.columns
    ]


TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
TSV_SPECIAL = r"[\\\t\n\r]"


def tsv_line(cells: list[str]) -> str:
    """One TSV row; the escape pass runs only on rows that need it (one search per row)."""
    import re

    if re.search(TSV_SPECIAL, "".join(cells)):
        cells = [cell.translate(TSV_ESCAPES) for cell in cells]
    return "\t".join(cells) + "\n"


def tsv_text(view: View, document: Document) -> str:
    """Every TSV row of one record: what the store keeps ready for a pipe."""
    return "".join(tsv_line(row_cells(view, flat)) for flat in view.flatten(document))


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join([item if item.__class__ is str else text(item) for item in value])
    return str(value)


def _officials(person: Document) -> Iterator[FlatRow]:
    base = {"id": person["id"], "name": person["name"], "country": person["country"]}
    for role in person["roles"] or [{}]:
        yield base | {
            "title": text(role.get("title")),
            "organization": text(role.get("organization_name")),
            "start": text(role.get("start")),
            "end": text(role.get("end")),
            "current": text(role.get("current")),
            "sources": role.get("sources") or person["sources"],
        }


def _areas(area: Document) -> Iterator[FlatRow]:
    base = {"area": area["id"], "name": area["name"], "area_status": text(area["status"])}
    for commitment in area["commitments"] or [{}]:
        yield base | {
            "commitment": text(commitment.get("id")),
            "status": text(commitment.get("status")),
            "by": text(commitment.get("by_names")),
            "summary": text(commitment.get("summary") or area["summary"]),
            "sources": commitment.get("sources") or area["sources"],
        }


def _trade(figure: Document) -> Iterator[FlatRow]:
    value = figure["value"]
    yield {
        "id": figure["id"],
        "year": str(figure["year"]),
        "reporter": figure["reporter"],
        "partner": figure["partner"],
        "flow": figure["flow"],
        "low": _number(value["low"]),
        "high": _number(value["high"]),
        "currency": value["currency"],
        "value": money(value["low"], value["high"], value["currency"]),
        "certainty": figure["certainty"],
        "sources": figure["sources"],
    }


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _events(event: Document) -> Iterator[FlatRow]:
    yield {
        "id": event["id"],
        "date": text(event["date"]),
        "end": text(event["end"]),
        "when": span(event["date"], event["end"], event["approximate"]) or "undated",
        "kind": event["kind"],
        "place": text(event["place_name"]),
        "participants": text(event["participant_names"]),
        "summary": event["summary"],
        "sources": event["sources"],
    }


def _search(hit: Document) -> Iterator[FlatRow]:
    yield {
        "rank": str(hit["rank"]),
        "score": f"{hit['score']:.3f}",
        "kind": hit["kind"],
        "id": hit["id"],
        "text": hit["text"],
        "sources": hit["sources"],
    }


def _sources(source: Document) -> Iterator[FlatRow]:
    yield {
        "id": source["id"],
        "publisher": source["publisher"],
        "title": text(source["title"]),
        "date": text(source["date"]),
        "url": text(source["url"]),
        "supports": str(len(source["supports"])),
    }


def _show(match: Document) -> Iterator[FlatRow]:
    record = match["record"]
    yield {
        "kind": match["kind"],
        "id": record["id"],
        "name": text(record.get("name") or record.get("summary") or record.get("text")),
        "mentioned_in": str(len(match["mentioned_in"])),
        "sources": record.get("sources", []),
    }


OFFICIALS = View(
    ("id", "name", "country", "title", "organization", "start", "end", "current", "sources"),
    ("name", "country", "title", "start", "end", "current"),
    _officials,
    "officials",
)
AREAS = View(
    ("area", "name", "area_status", "commitment", "status", "by", "summary", "sources"),
    ("name", "status", "by", "summary"),
    _areas,
    "cooperation areas",
)
TRADE = View(
    (
        "id", "year", "reporter", "partner", "flow", "low", "high", "currency", "value",
        "certainty", "sources",
    ),
    ("year", "reporter", "partner", "flow", "value", "certainty"),
    _trade,
    "trade figures",
)  # fmt: skip
EVENTS = View(
    ("id", "date", "end", "kind", "place", "participants", "summary", "sources"),
    ("when", "kind", "place", "summary"),
    _events,
    "events",
)
SEARCH = View(
    ("rank", "score", "kind", "id", "text", "sources"),
    ("rank", "kind", "id", "text"),
    _search,
    "records",
)
SOURCES = View(
    ("id", "publisher", "title", "date", "url", "supports"),
    ("id", "publisher", "title", "date", "supports"),
    _sources,
    "sources",
)
LISTING_OF_TYPE = {"person": OFFICIALS, "area": AREAS, "trade": TRADE, "event": EVENTS}
"""The listing each kind of record appears in, whose TSV rows the store computes ahead."""

SHOW = View(
    ("kind", "id", "name", "mentioned_in", "sources"),
    ("kind", "id", "name", "mentioned_in"),
    _show,
    "records",
)
