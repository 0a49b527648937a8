"""The note's bottom line, two or three sentences made from records: the event that counts
most among the latest (a visit, signing or meeting outranks a statement; one that brought
commitments outranks one that did not), what it added, and the relations, areas and latest
trade figure that put it in its place at the date."""

from __future__ import annotations

from typing import Any

from bilateral.handoff.note import Document, Line, Paragraph
from bilateral.handoff.note import plain as words
from bilateral.handoff.sections import Context, flagged, listed
from bilateral.render.tradechart import FLOWS
from bilateral.schema import dates
from bilateral.schema.wording import money

WEIGHTS = {
    "visit": 4,
    "signing": 3,
    "meeting": 3,
    "establishment": 3,
    "recognition": 3,
    "deal": 3,
}
RECENT_DAYS = 730
"""An event this close to the note's date counts as news; an older one only when none is."""


def paragraph(context: Context, records: Any) -> Paragraph:
    spans: Line = []
    event = headline(context, records.events)
    added = _added(records.areas, event) if event else []
    if event is not None:
        spans += _happened(context, event, added)
    spans += _standing(context, records, added)
    spans += _trade(context, records.trade)
    return Paragraph(spans)


def headline(context: Context, events: list[Document]) -> Document | None:
    """The dated event of the pair that counts most among those of the last two years (or,
    when none is that recent, among all), by its kind and the commitments made during it,
    the latest of equals."""
    dated = [event for event in events if event["date"]]
    if not dated:
        return None
    day = dates.latest(context.as_of)
    recent = [e for e in dated if (day - dates.earliest(e["date"])).days <= RECENT_DAYS]
    return max(
        recent or dated,
        key=lambda event: (WEIGHTS.get(event["kind"], 1), dates.earliest(event["date"])),
    )


def _added(areas: list[Document], event: Document) -> list[tuple[Document, Document]]:
    """The commitments in force dated within the event, with their areas."""
    first = dates.earliest(event["date"])
    last = dates.latest(event["end"] or event["date"])
    return [
        (area, commitment)
        for area in areas
        for commitment in area["commitments"]
        if commitment["date"]
        and commitment["standing"] == "in-force"
        and first <= dates.earliest(commitment["date"]) <= last
    ]


def _happened(context: Context, event: Document, added: list[tuple[Document, Document]]) -> Line:
    """'Pervez Musharraf's visit to Baku, July 2004: President Pervez Musharraf paid ...'."""
    summary = str(event["summary"])
    first = summary.split(". ", maxsplit=1)[0].rstrip(".") + "."
    spans: Line = [words(f"{context.title(event)}: {first}"), *context.refs(event["sources"])]
    spans += flagged(context, event)
    if added:
        statuses = listed(sorted({str(commitment["status"]) for _, commitment in added}))
        areas = listed(list(dict.fromkeys(str(area["name"]).lower() for area, _ in added)))
        spans.append(words(f" During it, commitments were {statuses} on {areas}."))
        spans += context.refs([cite for _, commitment in added for cite in commitment["sources"]])
    return spans


def _standing(context: Context, records: Any, added: list[tuple[Document, Document]]) -> Line:
    """'By 2004-07-28 they had diplomatic relations since 1992-06-09 and signed commitments
    in 5 of 13 areas of cooperation.'"""
    first, second = context.countries
    relations = [
        f"{relation['kind']} relations since {relation['start']}"
        for relation in records.relations
        if relation["start"] and relation["status"] == "in-force"
    ]
    areas = records.areas
    signed = [area for area in areas if area["status"] == "signed"]
    parts = relations[:1]
    if signed and len(areas) == 1:
        parts.append("signed commitments in their one area of cooperation")
    elif signed:
        parts.append(f"signed commitments in {len(signed)} of {len(areas)} areas of cooperation")
    elif areas:
        parts.append(f"no signed commitment in force in their {len(areas)} areas of cooperation")
    if not parts:
        return []
    text = f" By {context.as_of}, {first} and {second} had {listed(parts)}."
    cited = [cite for relation in records.relations[:1] for cite in relation["sources"]]
    return [words(text), *context.refs(cited)]


def _trade(context: Context, figures: list[Document]) -> Line:
    """The latest year's largest figure, with whose figure it is and how sure."""
    if not figures:
        return []
    year = max(figure["year"] for figure in figures)
    figure = max(
        (f for f in figures if f["year"] == year),
        key=lambda f: (f["flow"] == "total", f["value"]["high"]),
    )
    value = figure["value"]
    reporter = context.names.get(figure["reporter"], figure["reporter"])
    partner = context.names.get(figure["partner"], figure["partner"])
    flow = FLOWS.get(figure["flow"], "total trade of {r} with {p}").format(r=reporter, p=partner)
    # only reported statistics say whose figure it is; a news page seldom names a body
    whose = f" ({reporter}\u2019s reported statistics)" if figure["certainty"] == "reported" else ""
    text = (
        f" The latest trade figure, {flow[0].lower()}{flow[1:]} in {year}{whose}, was "
        f"{money(value['low'], value['high'], value['currency'])}, {figure['certainty']}."
    )
    return [words(text), *context.refs(figure["sources"])]
