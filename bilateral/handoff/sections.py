"""The sections of the briefing note after its bottom line: the key points by area, what
changed since a date, who was in office, and views with their disputes. Each is kept short
enough for the note to print on a page at a date of a small base and on two for a base
that covers decades: what does not fit is counted and the command that lists it named."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bilateral.answer.titles import event_title
from bilateral.handoff.note import (
    Block,
    Bullets,
    Citations,
    Document,
    Heading,
    Item,
    Line,
    Paragraph,
    strong,
)
from bilateral.handoff.note import plain as words
from bilateral.render.views import text
from bilateral.schema.vocabulary import STATUS_LADDER

if TYPE_CHECKING:
    from bilateral.api import Base

MOST_AREAS = 10
MOST_CHANGES = 3
MOST_IN_OFFICE = 3
MOST_VIEWS = 2
MOST_SOURCES = 2
"""Sources cited for one statement: a brief cites enough to check it."""


@dataclass
class Context:
    """What every section needs: the date, the pair's names, every record's name, the
    people's ids (for events' titles) and the sources cited so far."""

    as_of: str
    countries: tuple[str, str]
    cite: Citations
    names: dict[str, str] = field(default_factory=dict)
    people: set[str] = field(default_factory=set)

    def refs(self, cited: list[Document], most: int = 0) -> Line:
        """Marks for at most `most` (MOST_SOURCES) of the sources, those dated by the
        note's date first, the latest of them first, then undated ones (`show` lists them
        all)."""
        early = [cite for cite in cited if not self.cite.later([cite])] or cited
        by_source = {str(cite["source"]): cite for cite in early}
        dates = {key: self.cite.date_of(key) for key in by_source}
        chosen = sorted(by_source, key=lambda key: dates[key] or "0000", reverse=True)
        kept = set(chosen[: most or MOST_SOURCES])
        return self.cite.refs([cite for cite in early if str(cite["source"]) in kept])

    def title(self, event: Document) -> str:
        return event_title(event, self.names, self.people)


def listed(parts: list[str]) -> str:
    """'a, b and c'."""
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def flagged(context: Context, document: Document, stated: str = "") -> Line:
    """Where sources disagree on a record, each value with who says it (a value the note
    has just stated as 'as stated'); a value only a source dated after the note gives is
    marked as later."""
    spans: Line = []
    for dispute in document.get("disputes") or []:
        spans.append(words(f" Disputed ({dispute['field']}): "))
        for index, entry in enumerate(dispute["values"]):
            later = context.cite.later(entry["sources"])
            who = str(entry.get("says") or "a source") + (f", later ({later[0]})" if later else "")
            value = text(entry["value"])
            said = "as stated" if value == stated else value
            if index == len(dispute["values"]) - 1 and not said.endswith("."):
                said += "."
            spans.append(words(("; " if index else "") + f"{who}: {said}"))
            spans += context.refs(entry["sources"])
    return spans


def key_points(context: Context, areas: list[Document]) -> list[Block]:
    """One line an area: its strongest status in force at the date and when it was
    reached, strongest first; the weakest beyond MOST_AREAS named on one line."""
    blocks: list[Block] = [Heading(2, "Key points by area")]
    if not areas:
        return [*blocks, Paragraph([words("The base records no cooperation area of the pair.")])]
    ranked = sorted(areas, key=_rank)
    items = [_area(context, area) for area in ranked[:MOST_AREAS]]
    rest = ranked[MOST_AREAS:]
    if rest:
        named = listed([str(area["name"]) for area in rest])
        items.append(Item([words(f"Also {len(rest)} with weaker or no commitments: {named}.")]))
    return [*blocks, Bullets(items, "columns")]


def _rank(area: Document) -> tuple[int, int, str]:
    """In force first, by status; then those whose commitments are none in force, by the
    strongest of them; then those with none; by name within each."""
    if area["status"] in STATUS_LADDER:
        return 0, STATUS_LADDER.index(area["status"]), str(area["name"])
    past = [_place(commitment["status"]) for commitment in area["commitments"]]
    return (1, min(past), str(area["name"])) if past else (2, 0, str(area["name"]))


def _place(status: str) -> int:
    return STATUS_LADDER.index(status) if status in STATUS_LADDER else len(STATUS_LADDER)


def _strongest(area: Document) -> Document | None:
    """The commitment that gives the area its status: in force, of that status, the
    latest dated first."""
    held = [
        commitment
        for commitment in area["commitments"]
        if commitment["status"] == area["status"] and commitment["standing"] == "in-force"
    ]
    held.sort(key=lambda commitment: str(commitment["date"] or ""), reverse=True)
    return held[0] if held else None


def _area(context: Context, area: Document) -> Item:
    commitment = _strongest(area)
    if commitment is None and area["commitments"]:
        return _lapsed(context, area)
    if commitment is None:
        spans: Line = [strong(area["name"]), words(": no commitment")]
        return Item([*spans, *context.refs(area["sources"]), *flagged(context, area)])
    status = str(area["status"])
    when = commitment["date"] or _reported(context, commitment)
    by = commitment["by_names"]
    who = f" by {listed(by)}" if by and set(by) != set(context.countries) else ""
    spans = [strong(area["name"]), words(f": {status}{who}, {when}")]
    spans += context.refs(commitment["sources"])
    return Item([*spans, *flagged(context, commitment)])


def _lapsed(context: Context, area: Document) -> Item:
    """'Trade: signed, 2004-07-08; not confirmed since 2004-07-28': no commitment in force
    at the date, the strongest of them and when it was last confirmed."""
    latest = sorted(area["commitments"], key=lambda c: str(c["date"] or ""), reverse=True)
    best = min(latest, key=lambda commitment: _place(commitment["status"]))
    when = best["date"] or _reported(context, best)
    confirmed = best.get("last_confirmed")
    said = f": {best['status']}, {when}; " + (
        f"not confirmed since {confirmed}" if confirmed else f"not in force at {context.as_of}"
    )
    spans: Line = [strong(area["name"]), words(said), *context.refs(best["sources"])]
    return Item([*spans, *flagged(context, best)])


def _reported(context: Context, commitment: Document) -> str:
    """'reported 2004-07-28': undated, the earliest date of its sources."""
    known = [
        str(context.cite.sources.get(cite["source"], {}).get("date") or "")
        for cite in commitment["sources"]
    ]
    dated = sorted(day for day in known if day)
    return f"reported {dated[0]}" if dated else "date not recorded"


def changed(context: Context, base: Base, records: object, since: str) -> list[Block]:
    """What changed for the pair from `since` to the note's date (the `changes` answer),
    the latest first, MOST_CHANGES of them, the rest counted."""
    from bilateral.handoff.changed import pair_changes  # the words of each change

    heading = Heading(2, f"Changed since {since}")
    if since > context.as_of:
        return [heading, Paragraph([words(f"{since} is after the note's date.")])]
    found = pair_changes(context, base, records, since)
    if not found:
        return [heading, Paragraph([words("Nothing the base records changed for the pair.")])]
    items = [Item([words(said), *context.refs(cited)]) for said, cited in found[:MOST_CHANGES]]
    left = len(found) - len(items)
    if left:
        command = f"bilateral changes --from {since} --to {context.as_of}"
        items.append(Item([words(f"And {left} more: {command}.")]))
    return [heading, Bullets(items)]


def in_office(context: Context, people: list[Document], codes: tuple[str, str]) -> list[Block]:
    """Each country's people with a post held (or not known to have ended) at the date,
    with the date they took it; never an end after the note's date."""
    blocks: list[Block] = [Heading(2, f"In office on {context.as_of}")]
    items = []
    for code, country in zip(codes, context.countries, strict=True):
        held = [
            (person, role)
            for person in people
            if person["country"] == code
            for role in person["roles"]
            if role["status"] in ("held", "unknown")
        ]
        held.sort(key=lambda holding: holding[1]["status"] != "held")
        if not held:
            continue
        spans: Line = [strong(country), words(": ")]
        for index, (person, role) in enumerate(held[:MOST_IN_OFFICE]):
            spans.append(words(("; " if index else "") + _holding(context, person, role)))
            spans += context.refs(role["sources"], most=1)
        if len(held) > MOST_IN_OFFICE:
            spans.append(words(f"; and {len(held) - MOST_IN_OFFICE} more (bilateral officials)"))
        items.append(Item(spans))
    if not items:
        return [*blocks, Paragraph([words("No one in the base held a recorded post then.")])]
    return [*blocks, Bullets(items)]


def _holding(context: Context, person: Document, role: Document) -> str:
    """'Ilham Aliyev, President of Azerbaijan, since 2003-10-31'."""
    since = f", since {role['start']}" if role["start"] else ""
    said = f"{person['name']}, {role['title']}{since}"
    if role["status"] == "unknown":
        said += f" (not confirmed since {role['last_confirmed']})"
    return said


def views(context: Context, found: list[Document]) -> list[Block]:
    """Assessments, each after its holder: those dated and disputed first, then the dated,
    the latest stated first, then the rest."""
    blocks: list[Block] = [Heading(2, "Views and disputes")]
    if not found:
        return [*blocks, Paragraph([words("The base records no assessment of the pair.")])]
    ranked = sorted(found, key=lambda a: str(a.get("stated") or ""), reverse=True)
    ranked.sort(key=lambda a: (not a.get("disputes") or not a.get("stated"), not a.get("stated")))
    items = []
    for assessment in ranked[:MOST_VIEWS]:
        line: Line = [words("According to "), strong(assessment["holder_name"])]
        line += [words(f": {assessment['claim']}"), *context.refs(assessment["sources"])]
        items.append(Item([*line, *flagged(context, assessment, str(assessment["claim"]))]))
    left = len(ranked) - len(items)
    if left:
        items.append(Item([words(f"And {left} more views: bilateral assessments.")]))
    return [*blocks, Bullets(items)]
