"""The sections of the briefing note after its first two sentences: areas by status,
officials, trade, events, assessments and where sources disagree."""

from __future__ import annotations

from dataclasses import dataclass, field

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
from bilateral.schema import dates
from bilateral.schema.vocabulary import CERTAINTY_MEANINGS, STATUS_LADDER
from bilateral.schema.wording import money, span

IN_POST = ("held", "unknown")


@dataclass
class Context:
    """What every section needs: the date, the pair's names, the footnotes so far, and the
    records shown whose statements the sources dispute (listed in the last section)."""

    as_of: str
    countries: tuple[str, str]
    cite: Citations
    names: dict[str, str] = field(default_factory=dict)
    disputed: list[tuple[str, Document]] = field(default_factory=list)

    def refs(self, document: Document, label: str) -> Line:
        """The record's footnotes; a record with disputes is remembered under `label`."""
        self.remember(document, label)
        return self.cite.refs(document["sources"])

    def remember(self, document: Document, label: str) -> None:
        if document.get("disputes"):
            self.disputed.append((f"{label} ({document['id']})", document))


def listed(parts: list[str]) -> str:
    """'a, b and c'."""
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def areas_by_status(context: Context, areas: list[Document]) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Cooperation areas by status")]
    if not areas:
        return [*blocks, Paragraph([words("The base records no cooperation area of the pair.")])]
    for status in (*STATUS_LADDER, "none in force", None):
        group = [area for area in areas if _strongest(area) == status]
        if group:
            heading = status.capitalize() if status else "No commitment"
            blocks += [Heading(3, heading), Bullets([_area(context, area) for area in group])]
    return blocks


def _strongest(area: Document) -> str | None:
    """The area's strongest status in force, 'none in force' where it has commitments but
    none in force at the date, else None."""
    if area["status"] is None and area["commitments"]:
        return "none in force"
    return area["status"]  # type: ignore[no-any-return]


def _area(context: Context, area: Document) -> Item:
    spans = [strong(area["name"]), words(f": {area['summary']}")]
    spans += context.refs(area, area["name"])
    children = []
    for commitment in area["commitments"]:
        by = f", by {', '.join(commitment['by_names'])}" if commitment["by_names"] else ""
        line = [words(f"{commitment['status']}{by}: {commitment['summary']}")]
        label = f"A {commitment['status']} commitment in {area['name']}"
        children.append(Item([*line, *context.refs(commitment, label)]))
    return Item(spans, children)


def officials(context: Context, people: list[Document]) -> list[Block]:
    blocks: list[Block] = [Heading(2, f"Officials at {context.as_of}")]
    if not people:
        return [*blocks, Paragraph([words("The base records no official of the pair.")])]
    in_post = [person for person in people if _roles(person, IN_POST)]
    others = [person for person in people if not _roles(person, IN_POST)]
    if in_post:
        blocks.append(Bullets([_person(context, person) for person in in_post]))
    else:
        blocks.append(Paragraph([words("No one in the base held a recorded post at the date.")]))
    if others:
        blocks.append(Paragraph([words(f"Not in a recorded post at {context.as_of}:")]))
        blocks.append(Bullets([_person(context, person) for person in others]))
    return blocks


def _roles(person: Document, statuses: tuple[str, ...]) -> list[Document]:
    return [role for role in person["roles"] if role["status"] in statuses]


def _person(context: Context, person: Document) -> Item:
    roles = _roles(person, IN_POST) or person["roles"]
    spans: Line = [strong(person["name"]), words(f" ({person['country_name']})")]
    spans += context.refs(person, person["name"])
    for position, role in enumerate(roles):
        spans.append(words(": " if position == 0 else "; "))
        spans += [words(_role(context, role)), *context.cite.refs(role["sources"])]
    if not roles:
        spans.append(words(": no role recorded"))
    return Item(spans)


def _role(context: Context, role: Document) -> str:
    """'Minister of Defence (Azerbaijan), 1995-02-06 to 2013-10-28', with its status when
    it was not held at the date."""
    organization = role["organization_name"]
    title = role["title"] if organization in role["title"] else f"{role['title']} ({organization})"
    start, end = role["start"], role["end"]
    when = span(start, end) if start and end else f"from {start}" if start else ""
    when = when or (f"until {end}" if end else "dates not recorded")
    return f"{title}, {when}{_status(context, role)}"


def _status(context: Context, role: Document) -> str:
    """Nothing for a role held at the date; else what the dates say of it."""
    if role["status"] == "unknown":
        confirmed = role["last_confirmed"]
        settled = (
            ""
            if dates.latest(confirmed).isoformat() < context.as_of
            else ": its dates do not settle it"
        )
        return f", status at {context.as_of} unknown{settled} (last confirmed {confirmed})"
    return {"held": "", "ended": ", ended", "not-started": ", not yet begun"}[role["status"]]


def trade(context: Context, figures: list[Document]) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Trade")]
    if not figures:
        return [*blocks, Paragraph([words("The base holds no trade figure of the pair.")])]
    items = []
    for figure in figures:
        value = figure["value"]
        reading = money(value["low"], value["high"], value["currency"])
        certainty = figure["certainty"]
        line = [
            strong(figure["year"]),
            words(f", {_flow(context, figure)}: {reading}, "),
            words(f"{certainty}: {CERTAINTY_MEANINGS.get(certainty, certainty)}"),
        ]
        line += context.refs(figure, f"The {figure['year']} {figure['flow']} figure")
        items.append(Item(line, _notes(context, figure)))
    return [*blocks, Bullets(items)]


def _notes(context: Context, document: Document) -> list[Item]:
    return [
        Item([words(note["text"]), *context.cite.refs(note["sources"])])
        for note in document["notes"]
    ]


def _flow(context: Context, figure: Document) -> str:
    reporter = context.names.get(figure["reporter"], figure["reporter"])
    partner = context.names.get(figure["partner"], figure["partner"])
    whose = f" ({reporter}\u2019s figure)"
    if figure["flow"] == "export":
        return f"exports from {reporter} to {partner}{whose}"
    if figure["flow"] == "import":
        return f"imports into {reporter} from {partner}{whose}"
    if figure["flow"] == "re-export":
        return f"re-exports from {reporter} to {partner}{whose}"
    if figure["flow"] == "re-import":
        return f"re-imports into {reporter} from {partner}{whose}"
    return f"total trade between {reporter} and {partner}{whose}"


def events(context: Context, found: list[Document]) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Events")]
    if not found:
        return [*blocks, Paragraph([words("The base records no event of the pair.")])]
    items = []
    for event in found:
        when = span(event["date"], event["end"], event["approximate"]) or "Undated"
        place = f", {event['place_name']}" if event["place_name"] else ""
        line = [strong(when), words(f", {event['kind']}{place}: {event['summary']}")]
        label = (
            f"The {event['kind']} of {when}" if event["date"] else f"The undated {event['kind']}"
        )
        items.append(Item([*line, *context.refs(event, label)]))
    return [*blocks, Bullets(items)]


def assessments(context: Context, found: list[Document]) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Assessments")]
    if not found:
        return [*blocks, Paragraph([words("The base records no assessment of the pair.")])]
    items = []
    for assessment in found:
        holder = assessment["holder_name"]
        line = [words("According to "), strong(holder), words(f": {assessment['claim']}")]
        if assessment.get("quote"):
            line.append(words(f" In their words: \u201c{assessment['quote']}\u201d"))
        items.append(Item([*line, *context.refs(assessment, f"The view of {holder}")]))
    intro = Paragraph([words("Views, each given with who holds it; none is stated as fact.")])
    return [*blocks, intro, Bullets(items)]


def _value(context: Context, entry: Document) -> Item:
    says = f" \u2014 {entry['says']}" if entry.get("says") else ""
    return Item([words(text(entry["value"]) + says), *context.cite.refs(entry["sources"])])


def disagreements(context: Context) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Where sources disagree")]
    items = []
    for label, document in context.disputed:
        for dispute in document["disputes"]:
            children = [_value(context, entry) for entry in dispute["values"]]
            line = [strong(label), words(f": its {dispute['field']} is given as")]
            items.append(Item(line, children))
    if not items:
        none = "No statement in this note is disputed in the base."
        return [*blocks, Paragraph([words(none)])]
    return [*blocks, Bullets(items)]
