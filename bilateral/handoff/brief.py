"""The briefing note on a pair of countries as of a date, composed only from records, kept to
a printed page (two at most for a base that covers decades).

Bottom line first (what happened last that counts, what it added, the latest trade), then
the key points by area, what changed since a date, who was in office, trade by year as a
chart, views and disputes, and one note per source. Every sentence is made of the base's
own words joined by fixed phrases and ends with the numbers of its sources. Nothing dated
after the note's date is said, save what a later source says of an earlier claim, which is
marked as later.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from bilateral.answer.dated import silence
from bilateral.api import Base
from bilateral.errors import BadQuery
from bilateral.handoff import bottomline, sections
from bilateral.handoff.changed import changed
from bilateral.handoff.note import Block, Citations, Document, Figure, Heading, Note, Paragraph
from bilateral.handoff.note import plain as words
from bilateral.handoff.other_kinds import note_sections
from bilateral.render.tradechart import Chart, charts
from bilateral.schema import dates

MOST_CHARTS = 2
"""Charts in the brief: the pair's directions of trade, or its reporters' flows, first."""


@dataclass
class Records:
    """What the note is made of: the pair's records that hold at the date."""

    codes: tuple[str, str]
    relations: list[Document]
    areas: list[Document]
    people: list[Document]
    trade: list[Document]
    events: list[Document]
    assessments: list[Document]


def briefing(base: Base, pair: str | None, since: str | None = None) -> Note:
    """The note on one pair of countries (the base's only pair when `pair` is None); what
    changed is counted from `since` (default: a year before the date)."""
    codes = pair_codes(base, pair)
    records = gather(base, codes)
    context = sections.Context(
        as_of=base.when.text,
        countries=_country_names(base, codes),
        cite=Citations(base.sources_by_id(), base.when.text),
        names=_names(base),
        people={person["id"] for person in base.documents("person")},
    )
    title = f"Briefing note: {context.countries[0]} and {context.countries[1]}"
    start = since or _a_year_before(base.when.day)
    about = base.about("-".join(codes))
    blocks: list[Block] = [Heading(1, title), _preface(base, start, records, about)]
    blocks += [Heading(2, "Bottom line"), bottomline.paragraph(context, records)]
    blocks += sections.key_points(context, records.areas)
    blocks += changed(context, base, records, start)
    blocks += sections.in_office(context, records.people, codes)
    blocks += _trade(context, records.trade)
    blocks += sections.views(context, records.assessments)
    blocks += note_sections(context, base, "-".join(codes))
    return Note(title, base.when.text, blocks, context.cite.listed())


def pair_codes(base: Base, pair: str | None) -> tuple[str, str]:
    """The two country codes of the pair asked, or of the base's only pair."""
    chosen = base.query.resolve_pair(pair)
    if chosen is None:
        pairs = base.query.pairs
        if len(pairs) != 1:
            raise BadQuery(
                f"a briefing note is on one pair of countries; choose one with --pair "
                f"(such as --pair {pairs[0]})"
            )
        chosen = pairs[0]
    first, second = chosen.split("-")
    return first, second


def gather(base: Base, codes: tuple[str, str]) -> Records:
    """The pair's records as of the date, without what began after it."""
    day = base.when.day
    pair = "-".join(codes)
    sources = base.sources_by_id()
    return Records(
        codes=codes,
        relations=[
            relation
            for relation in base.documents("relation")
            if {relation["subject"], relation["object"]} == set(codes)
            and relation["status"] != "not-yet"
        ],
        areas=[row.document for row in base.areas(pair=pair)],
        people=[row.document for row in base.officials(pair=pair)],
        trade=[row.document for row in base.trade(pair=pair) if row.document["year"] <= day.year],
        events=[
            row.document
            for row in base.events(pair=pair)
            if row.document["date"] and dates.earliest(row.document["date"]) <= day
        ],
        assessments=[
            assessment
            for assessment in base.documents("assessment", pair=pair)
            if _known_by(assessment, base.when.text, sources)
        ],
    )


def _known_by(assessment: Document, day: str, sources: dict[str, Document]) -> bool:
    """Stated by the day; or, with no date of its own, its earliest dated source of that
    day or before (or none of its sources dated)."""
    if assessment.get("stated"):
        return str(assessment["stated"]) <= day
    found = [sources.get(cite["source"], {}).get("date") for cite in assessment["sources"]]
    dated = [str(date) for date in found if date]
    return not dated or min(dated) <= day


def _country_names(base: Base, codes: tuple[str, str]) -> tuple[str, str]:
    names = {country["id"]: str(country["name"]) for country in base.documents("country")}
    return names.get(codes[0], codes[0]), names.get(codes[1], codes[1])


def _names(base: Base) -> dict[str, str]:
    """Every drawn record's name in force at the date, by id."""
    return {
        document["id"]: str(document["name"])
        for kind in ("country", "person", "organization", "place", "area")
        for document in base.documents(kind)
    }


def _a_year_before(day: datetime.date) -> str:
    try:
        return day.replace(year=day.year - 1).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28).isoformat()


def _preface(base: Base, since: str, records: Records, about: dict[str, str]) -> Paragraph:
    """The date, the base (by the pair's own title), and when the base falls silent."""
    said = (
        f"As of {base.when.text}, from the fact base \u201c{about['title']}\u201d. "
        "Bracketed numbers are the sources at the end; \u201clater\u201d marks a source "
        "dated after the note\u2019s date."
    )
    silent = silence([*records.relations, *records.areas, *records.people, *records.assessments])
    if silent:
        said += f" As of that date, {silent}."
    return Paragraph([words(said)])


def _trade(context: sections.Context, figures: list[Document]) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Trade by year")]
    if not figures:
        return [*blocks, Paragraph([words("The base holds no trade figure of the pair.")])]
    found = charts(figures, context.names)
    shown = found[:MOST_CHARTS]
    left = len(found) - len(shown)
    caption = [words("Each figure with its certainty; a range stays a range.")]
    if left:
        caption.append(words(f" {left} more series: bilateral trade --chart."))
    latest = [_latest_figure(figures, chart) for chart in shown]
    caption += context.refs([cite for figure in latest if figure for cite in figure["sources"]])
    return [*blocks, Figure(shown, caption)]


def _latest_figure(figures: list[Document], chart: Chart) -> Document | None:
    """The figure of the chart's latest year (its first side's), which its key gives."""
    point = chart.sides[0].points[-1]
    return next(
        (
            figure
            for figure in figures
            if figure["year"] == point.year
            and figure["value"]["low"] == point.low
            and figure["value"]["high"] == point.high
        ),
        None,
    )
