"""The briefing note on a pair of countries as of a date, composed only from records.

Every sentence is made of the base's own words (names, summaries, claims, dates, figures)
joined by fixed phrases, and ends with the footnotes of the records it rests on. Records
dated after the note's date (events that began later, trade figures for later years,
relations that began later) are left out, and the note says how many.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from bilateral.answer.dating import silence
from bilateral.api import Base
from bilateral.errors import BadQuery
from bilateral.handoff import sections
from bilateral.handoff.note import Block, Citations, Document, Heading, Line, Note, Paragraph
from bilateral.handoff.note import plain as words
from bilateral.schema import dates
from bilateral.schema.vocabulary import STATUS_LADDER
from bilateral.schema.wording import span


@dataclass
class Records:
    """What the note is made of: the pair's records that hold at the date."""

    relations: list[Document]
    areas: list[Document]
    people: list[Document]
    trade: list[Document]
    events: list[Document]
    assessments: list[Document]
    later: Counter[str] = field(default_factory=Counter)


def briefing(base: Base, pair: str | None) -> Note:
    """The note on one pair of countries (the base's only pair when `pair` is None)."""
    codes = pair_codes(base, pair)
    names = {country["id"]: str(country["name"]) for country in base.documents("country")}
    records = gather(base, codes)
    context = sections.Context(
        as_of=base.when.text,
        countries=(names.get(codes[0], codes[0]), names.get(codes[1], codes[1])),
        cite=Citations(base.sources_by_id()),
        names=names,
    )
    title = f"Briefing note: {context.countries[0]} and {context.countries[1]}"
    about = base.about("-".join(codes))
    blocks: list[Block] = [Heading(1, title), _preface(base, records, about)]
    blocks += [Heading(2, "The relationship"), relationship(context, records)]
    blocks += sections.areas_by_status(context, records.areas)
    blocks += sections.officials(context, records.people)
    blocks += sections.trade(context, records.trade)
    blocks += sections.events(context, records.events)
    blocks += sections.assessments(context, records.assessments)
    blocks += sections.disagreements(context)
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
    day = base.when.day
    pair = "-".join(codes)
    records = Records(
        relations=[
            relation
            for relation in base.documents("relation")
            if {relation["subject"], relation["object"]} == set(codes)
        ],
        areas=[row.document for row in base.areas(pair=pair)],
        people=[row.document for row in base.officials(pair=pair)],
        trade=[row.document for row in base.trade(pair=pair)],
        events=[row.document for row in base.events(pair=pair)],
        assessments=base.documents("assessment", pair=pair),
    )
    kept_relations = [r for r in records.relations if r["status"] != "not-yet"]
    kept_trade = [figure for figure in records.trade if figure["year"] <= day.year]
    kept_events = [event for event in records.events if _begun(event["date"], day)]
    records.later = Counter(
        {
            "relations": len(records.relations) - len(kept_relations),
            "trade figures": len(records.trade) - len(kept_trade),
            "events": len(records.events) - len(kept_events),
        }
    )
    records.relations, records.trade, records.events = kept_relations, kept_trade, kept_events
    return records


def _begun(date: str | None, day: datetime.date) -> bool:
    """Undated, or could have begun by the day (a partial date read at its earliest)."""
    return date is None or dates.earliest(date) <= day


def _preface(base: Base, records: Records, about: dict[str, str]) -> Paragraph:
    spans = [
        words(f"As of {base.when.text}. "),
        words(
            f"From the fact base \u201c{about['title']}\u201d, written about "
            f"{about['as_of']}. Each statement cites its sources in the numbered "
            "notes; assessments are the views of those named as holding them. Areas count "
            "only the commitments in force at that date."
        ),
    ]
    shown = [*records.relations, *records.areas, *records.people, *records.assessments]
    silent = silence(shown)
    if silent:
        spans.append(words(f" As of that date, {silent}."))
    later = [f"{count} {noun}" for noun, count in records.later.items() if count]
    if later:
        spans.append(words(f" Left out as later than {base.when.text}: {', '.join(later)}."))
    return Paragraph(spans)


def relationship(context: sections.Context, records: Records) -> Paragraph:
    """Two sentences: the relations and areas the base records, and the latest event."""
    return Paragraph([*_standing(context, records), words(" "), *_latest(context, records)])


def _standing(context: sections.Context, records: Records) -> Line:
    first, second = context.countries
    relations = records.relations
    if relations:
        kinds = "; ".join(
            relation["kind"] + (f", since {relation['start']}" if relation["start"] else "")
            for relation in relations
        )
        spans = [words(f"The base records {_count(len(relations), 'relation')} between ")]
        spans += [words(f"{first} and {second} ({kinds})")]
        for relation in relations:
            context.remember(relation, f"The {relation['kind']} relation")
        spans += context.cite.refs([cite for relation in relations for cite in relation["sources"]])
    else:
        spans = [words(f"The base records no relation between {first} and {second}")]
    spans.append(words(f" and {_count(len(records.areas), 'cooperation area')}"))
    if records.areas:
        spans.append(words(f" ({_strongest(records.areas)})"))
    spans.append(words("."))
    spans += context.cite.refs([cite for area in records.areas for cite in area["sources"]])
    return _merged(spans)


def _strongest(areas: list[Document]) -> str:
    """'by strongest commitment: 5 signed, 2 agreed and 1 with none' (none in force, where
    an area has commitments but none in force at the date)."""
    counts = Counter(area["status"] for area in areas)
    parts = [f"{counts[status]} {status}" for status in STATUS_LADDER if counts[status]]
    bare = sum(1 for area in areas if area["status"] is None and not area["commitments"])
    if counts[None] - bare:
        parts.append(f"{counts[None] - bare} with none in force")
    if bare:
        parts.append(f"{bare} with none")
    return f"by strongest commitment: {sections.listed(parts)}"


def _latest(context: sections.Context, records: Records) -> Line:
    dated = [event for event in records.events if event["date"]]
    if not dated:
        return [words(f"The base records no dated event of the pair by {context.as_of}.")]
    event = dated[-1]
    when = span(event["date"], event["end"], event["approximate"])
    place = f" at {event['place_name']}" if event["place_name"] else ""
    who = ", ".join(event["participant_names"])
    text = f"The latest event to begin by {context.as_of} is the {event['kind']}{place}, "
    text += when + (f" (participants: {who})" if who else "") + "."
    return [words(text), *context.cite.refs(event["sources"])]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _merged(spans: Line) -> Line:
    """Adjacent plain spans as one."""
    merged: Line = []
    for piece in spans:
        if merged and piece.style == "plain" == merged[-1].style:
            merged[-1] = words(merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return merged
