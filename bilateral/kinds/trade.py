"""Trade figures: a flow between two countries in a year, as a range where the source gives one."""

from __future__ import annotations

from collections.abc import Iterator

from bilateral.kinds.common import DISPUTES, ID, NOTES, SOURCES, note_texts
from bilateral.kinds.kind import Cells, Kind, Listing
from bilateral.schema.checker import Checker, Document
from bilateral.schema.fields import Field, Shape
from bilateral.schema.lookup import Lookup
from bilateral.schema.vocabulary import CERTAINTIES, FLOWS
from bilateral.schema.wording import money, number

FLOW_WORDS = {
    "export": "exports exported sold sales shipments to",
    "import": "imports imported bought purchases from",
    "total": "total bilateral trade turnover volume two-way between",
}


def _check(check: Checker, figure: Document, key: str) -> None:
    if figure["reporter"] and figure["reporter"] == figure["partner"]:
        check.problem(f"{key}.partner", "is the same as the reporter; name the other country")


def _pair(figure: Document, _lookup: Lookup) -> str | None:
    if not (figure["reporter"] and figure["partner"]):
        return None
    return "-".join(sorted((figure["reporter"], figure["partner"])))


def shown_value(figure: Document) -> str:
    value = figure["value"]
    return money(value["low"], value["high"], value["currency"])


def _label(figure: Document) -> str:
    return (
        f"{figure['reporter']} {figure['flow']} with {figure['partner']}, {figure['year']}: "
        f"{shown_value(figure)}"
    )


def _text(figure: Document, lookup: Lookup) -> str:
    return " ".join(
        (
            lookup.words_for([figure["reporter"]]),
            figure["flow"],
            FLOW_WORDS[figure["flow"]],
            lookup.words_for([figure["partner"]]),
            str(figure["year"]),
            "trade figure value worth amount dollars money",
            figure["value"]["currency"],
            *note_texts(figure),
        )
    )


def _rows(figure: Document) -> Iterator[Cells]:
    value = figure["value"]
    yield {
        "id": figure["id"],
        "year": str(figure["year"]),
        "reporter": figure["reporter"],
        "partner": figure["partner"],
        "flow": figure["flow"],
        "low": number(value["low"]),
        "high": number(value["high"]),
        "currency": value["currency"],
        "value": shown_value(figure),
        "certainty": figure["certainty"],
        "sources": figure["sources"],
    }


TRADE = Kind(
    name="trade",
    table="trade",
    noun="trade figure",
    plural="trade figures",
    shape=Shape(
        (
            ID,
            Field("reporter", "ref", required=True, targets=("country",)),
            Field("partner", "ref", required=True, targets=("country",)),
            Field("pair", "derived", derive=_pair),
            Field("flow", "choice", required=True, choices=FLOWS),
            Field("year", "year", required=True),
            Field("value", "money", required=True),
            Field("certainty", "choice", required=True, choices=CERTAINTIES),
            NOTES,
            DISPUTES,
            SOURCES,
        ),
        check=_check,
    ),
    label=_label,
    text=_text,
    facets=lambda doc, _lookup: (
        ("year", str(doc["year"])),
        ("flow", doc["flow"]),
        ("reporter", doc["reporter"]),
        ("partner", doc["partner"]),
    ),
    mentions=lambda doc: (doc["reporter"], doc["partner"]),
    sort=lambda doc, position: f"{doc['year']:06d}{position:08d}",
    listing=Listing(
        "trade figures",
        (
            "id",
            "year",
            "reporter",
            "partner",
            "flow",
            "low",
            "high",
            "currency",
            "value",
            "certainty",
            "sources",
            "disputed",
            "as_of",
        ),
        ("id", "year", "reporter", "partner", "flow", "value", "certainty"),
        _rows,
        noted="value",
    ),
)
