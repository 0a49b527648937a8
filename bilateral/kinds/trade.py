"""Trade figures: a flow between two countries in a year, as a range where the source gives one.

A figure a country reported to UN Comtrade (certainty `reported`) is exact, and its
listing row carries its mirror: the partner's report of the same flow seen from the other
side (A's imports from B beside B's exports to A), which the answer layer attaches as
`mirror` (bilateral/answer/mirrors.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bilateral.kinds.common import DISPUTES, ID, NOTES, SOURCES, note_texts
from bilateral.kinds.kind import Cells, Kind, Listing
from bilateral.schema.fields import Field, Shape
from bilateral.schema.lookup import Lookup
from bilateral.schema.vocabulary import CERTAINTIES, FLOWS, IMPORT_SIDE
from bilateral.schema.wording import money, number

if TYPE_CHECKING:  # types alone: the checker is for building, not answering
    from bilateral.schema.checker import Checker, Document

FLOW_WORDS = {
    "export": "exports exported sold sales shipments to",
    "import": "imports imported bought purchases from",
    "total": "total bilateral trade turnover volume two-way between",
    "re-export": "re-exports re-exported exports sold on to",
    "re-import": "re-imports re-imported imports returned from",
}


def _check(check: Checker, figure: Document, key: str) -> None:
    if figure["reporter"] and figure["reporter"] == figure["partner"]:
        check.problem(f"{key}.partner", "is the same as the reporter; name the other country")
    value = figure["value"]
    if figure["certainty"] == "reported" and value and value["low"] != value["high"]:
        check.problem(
            f"{key}.value",
            "is a range, but a reported statistic is exact; give low = high, or choose "
            "another certainty",
        )


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
    mirror = figure.get("mirror")
    if mirror and mirror["listed"] and figure["flow"] not in IMPORT_SIDE:
        return  # its partner's record is in the answer too, and its row shows both
    value = figure["value"]
    cells = {
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
    yield cells | (_mirror_cells(figure, mirror) if mirror else {})


def _mirror_cells(figure: Document, mirror: Document) -> Cells:
    value = mirror["value"]
    cited = [*figure["sources"], *(c for c in mirror["sources"] if c not in figure["sources"])]
    return {
        "mirror_id": mirror["id"],
        "mirror_low": number(value["low"]),
        "mirror_high": number(value["high"]),
        "mirror_value": money(value["low"], value["high"], value["currency"]),
        "gap": shown_gap(mirror["gap"]),
        "sources": cited,
    }


def shown_gap(gap: Document) -> str:
    """'+$12,345', '-$1,200', '$0', or '-$500 to +$1,000' when either figure is a range."""

    def signed(figure: float) -> str:
        shown = money(abs(figure), abs(figure), gap["currency"])
        return shown if figure == 0 else ("+" if figure > 0 else "-") + shown

    low, high = gap["low"], gap["high"]
    return signed(low) if low == high else f"{signed(low)} to {signed(high)}"


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
            "mirror_id",
            "mirror_low",
            "mirror_high",
            "mirror_value",
            "gap",
            "as_of",
        ),
        (
            "id",
            "year",
            "reporter",
            "partner",
            "flow",
            "value",
            "mirror_value",
            "gap",
            "certainty",
        ),
        _rows,
        noted="value",
    ),
)
