"""Turn a FactBase into indexed documents: the JSON contract of each record plus what finds it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bilateral import dates
from bilateral.formatting import money, span
from bilateral.records import (
    Area,
    Assessment,
    Citation,
    Commitment,
    Country,
    Event,
    Fact,
    FactBase,
    Note,
    Organization,
    Person,
    Place,
    Relation,
    Source,
    TradeFigure,
)
from bilateral.vocabulary import STATUS_LADDER

Document = dict[str, Any]


@dataclass(frozen=True)
class IndexedRecord:
    id: str
    type: str
    pair: str | None
    sort: str
    label: str
    document: Document
    facets: tuple[tuple[str, str], ...]
    names: tuple[str, ...]
    text: str
    mentions: tuple[str, ...]


FLOW_WORDS = {
    "export": "exports exported sold sales shipments to",
    "import": "imports imported bought purchases from",
    "total": "total bilateral trade turnover volume two-way between",
}
EVENT_WORDS = {
    "visit": "visited trip",
    "meeting": "met meeting talks",
    "signing": "signed agreements",
    "statement": "said stated statement",
    "address": "speech addressed",
    "recognition": "recognized recognition",
    "establishment": "established",
    "decision": "decided decision",
}
STATUS_WORDS = {
    "signed": "signed",
    "agreed": "agreed",
    "pledged": "pledged",
    "promised": "promised",
    "proposed": "proposed",
    "requested": "requested",
    "under-discussion": "under discussion",
    "possible": "possible potential",
}


def cites(citations: tuple[Citation, ...]) -> list[Document]:
    return [
        {"source": c.source, "paragraph": c.paragraph, "sentence": c.sentence} for c in citations
    ]


def notes(items: tuple[Note, ...]) -> list[Document]:
    return [{"text": n.text, "sources": cites(n.sources)} for n in items]


def _order(position: int) -> str:
    return f"{position:08d}"


def _date_sort(date: str | None, position: int) -> str:
    return f"{dates.earliest(date).isoformat() if date else '9999-99-99'}{_order(position)}"


def _sorted_pair(first: str, second: str) -> str:
    return "-".join(sorted((first, second)))


class Indexer:
    """Knows every entity's name, so documents can carry names beside ids."""

    def __init__(self, base: FactBase) -> None:
        self.base = base
        self.names: dict[str, str] = {}
        self.demonyms: dict[str, tuple[str, ...]] = {}
        self.country_of: dict[str, str] = {}
        for country in base.countries:
            self.names[country.id] = country.name
            self.demonyms[country.id] = country.demonyms
            self.country_of[country.id] = country.id
        entities: list[Person | Organization | Place] = [
            *base.people,
            *base.organizations,
            *base.places,
        ]
        for entity in entities:
            self.names[entity.id] = entity.name
            if entity.country:
                self.country_of[entity.id] = entity.country
        for area in base.areas:
            self.names[area.id] = area.name
        for event in base.events:
            self.names[event.id] = event.summary

    def name(self, record_id: str | None) -> str | None:
        return self.names.get(record_id, record_id) if record_id else None

    def words_for(self, ids: tuple[str, ...] | list[str]) -> str:
        parts: list[str] = []
        for record_id in ids:
            parts.append(self.names.get(record_id, record_id))
            parts.extend(self.demonyms.get(record_id, ()))
        return " ".join(parts)

    def countries_of(self, ids: tuple[str, ...] | list[str]) -> set[str]:
        return {self.country_of[i] for i in ids if i in self.country_of}

    def records(self) -> Iterator[IndexedRecord]:
        base = self.base
        for position, source in enumerate(base.sources):
            yield self.source(source, position)
        for position, country in enumerate(base.countries):
            yield self.country(country, position)
        for position, person in enumerate(base.people):
            yield self.person(person, position)
        others: list[Organization | Place] = [*base.organizations, *base.places]
        for position, entity in enumerate(others):
            yield self.entity(entity, position)
        for position, area in enumerate(base.areas):
            yield self.area(area, position)
            for commitment in area.commitments:
                yield self.commitment(commitment, area, position)
        for position, figure in enumerate(base.trade):
            yield self.trade(figure, position)
        for position, event in enumerate(base.events):
            yield self.event(event, position)
        for position, assessment in enumerate(base.assessments):
            yield self.assessment(assessment, position)
        for position, relation in enumerate(base.relations):
            yield self.relation(relation, position)
        for position, fact in enumerate(base.facts):
            yield self.fact(fact, position)

    def source(self, source: Source, position: int) -> IndexedRecord:
        document: Document = {
            "id": source.id,
            "title": source.title,
            "author": source.author,
            "publisher": source.publisher,
            "date": source.date,
            "url": source.url,
            "paragraphs": len(source.sentences) or None,
            "sentences": list(source.sentences) or None,
            "note": source.note,
        }
        label = source.title or source.publisher
        text = " ".join(filter(None, (source.title, source.author, source.publisher, source.note)))
        return IndexedRecord(
            source.id, "source", None, _order(position), label, document, (), (), text, ()
        )

    def country(self, country: Country, position: int) -> IndexedRecord:
        document: Document = {
            "id": country.id,
            "name": country.name,
            "aliases": list(country.aliases),
            "demonyms": list(country.demonyms),
            "notes": notes(country.notes),
            "sources": cites(country.sources),
        }
        names = (country.name, *country.aliases, *country.demonyms)
        return IndexedRecord(
            country.id,
            "country",
            None,
            _order(position),
            country.name,
            document,
            (("country", country.id),),
            names,
            " ".join((*names, "country", *(n.text for n in country.notes))),
            (),
        )

    def person(self, person: Person, position: int) -> IndexedRecord:
        roles = [
            {
                "title": role.title,
                "organization": role.organization,
                "organization_name": self.name(role.organization),
                "start": role.start,
                "end": role.end,
                "current": role.current,
                "notes": notes(role.notes),
                "sources": cites(role.sources),
            }
            for role in person.roles
        ]
        document: Document = {
            "id": person.id,
            "name": person.name,
            "country": person.country,
            "country_name": self.name(person.country),
            "aliases": list(person.aliases),
            "born": person.born,
            "died": person.died,
            "roles": roles,
            "notes": notes(person.notes),
            "sources": cites(person.sources),
        }
        current = any(role.current for role in person.roles)
        role_words = " ".join(
            f"{'current' if role.current else 'former'} {role.title} "
            f"{self.words_for([role.organization])}"
            for role in person.roles
        )
        text = " ".join(
            (
                person.name,
                *person.aliases,
                self.words_for([person.country]),
                role_words,
                "official",
                *(n.text for n in person.notes),
                *(n.text for role in person.roles for n in role.notes),
            )
        )
        title = person.roles[0].title if person.roles else ""
        return IndexedRecord(
            person.id,
            "person",
            None,
            _order(position),
            f"{person.name}, {title} ({person.country})" if title else person.name,
            document,
            (
                ("country", person.country),
                ("current", "1" if current else "0"),
                ("former", "1" if any(not r.current for r in person.roles) else "0"),
            ),
            (person.name, *person.aliases),
            text,
            (person.country, *(role.organization for role in person.roles)),
        )

    def entity(self, entity: Organization | Place, position: int) -> IndexedRecord:
        kind = "organization" if isinstance(entity, Organization) else "place"
        document: Document = {
            "id": entity.id,
            "name": entity.name,
            "aliases": list(entity.aliases),
            "type": entity.kind,
            "country": entity.country,
            "notes": notes(entity.notes),
            "sources": cites(entity.sources),
        }
        names = (entity.name, *entity.aliases)
        country_words = self.words_for([entity.country]) if entity.country else ""
        return IndexedRecord(
            entity.id,
            kind,
            None,
            _order(position),
            entity.name,
            document,
            (("country", entity.country),) if entity.country else (),
            names,
            " ".join((*names, entity.kind, country_words, *(n.text for n in entity.notes))),
            (entity.country,) if entity.country else (),
        )

    def commitment_document(self, commitment: Commitment) -> Document:
        return {
            "id": commitment.id,
            "summary": commitment.summary,
            "status": commitment.status,
            "by": list(commitment.by),
            "by_names": [self.name(i) for i in commitment.by],
            "notes": notes(commitment.notes),
            "sources": cites(commitment.sources),
        }

    def area(self, area: Area, position: int) -> IndexedRecord:
        document: Document = {
            "id": area.id,
            "name": area.name,
            "pair": area.pair,
            "status": area.status,
            "summary": area.summary,
            "aliases": list(area.aliases),
            "commitments": [self.commitment_document(c) for c in area.commitments],
            "notes": notes(area.notes),
            "sources": cites(area.sources),
        }
        by = [i for c in area.commitments for i in c.by]
        facets = [("status", c.status) for c in area.commitments]
        facets += [("country", c) for c in sorted(self.countries_of(by))]
        text = " ".join(
            (area.name, *area.aliases, area.summary, "cooperation area", self.words_for(by))
        )
        return IndexedRecord(
            area.id,
            "area",
            area.pair,
            _order(position),
            area.name,
            document,
            tuple(dict.fromkeys(facets)),
            (area.name, *area.aliases),
            text,
            tuple(dict.fromkeys(by)),
        )

    def commitment(self, commitment: Commitment, area: Area, position: int) -> IndexedRecord:
        document = self.commitment_document(commitment) | {"area": area.id, "pair": area.pair}
        text = " ".join(
            (
                commitment.summary,
                STATUS_WORDS[commitment.status],
                area.name,
                *area.aliases,
                self.words_for(commitment.by),
            )
        )
        rank = STATUS_LADDER.index(commitment.status)
        return IndexedRecord(
            commitment.id,
            "commitment",
            area.pair,
            f"{_order(position)}{rank}",
            f"{commitment.status}: {commitment.summary}",
            document,
            (("status", commitment.status), ("area", area.id)),
            (),
            text,
            (area.id, *commitment.by),
        )

    def trade(self, figure: TradeFigure, position: int) -> IndexedRecord:
        value = figure.value
        document: Document = {
            "id": figure.id,
            "reporter": figure.reporter,
            "partner": figure.partner,
            "pair": _sorted_pair(figure.reporter, figure.partner),
            "flow": figure.flow,
            "year": figure.year,
            "value": {"low": value.low, "high": value.high, "currency": value.currency},
            "certainty": figure.certainty,
            "notes": notes(figure.notes),
            "sources": cites(figure.sources),
        }
        shown = money(value.low, value.high, value.currency)
        label = f"{figure.reporter} {figure.flow} with {figure.partner}, {figure.year}: {shown}"
        text = " ".join(
            (
                self.words_for([figure.reporter]),
                figure.flow,
                FLOW_WORDS[figure.flow],
                self.words_for([figure.partner]),
                str(figure.year),
                "trade figure value worth amount dollars money",
                value.currency,
                *(n.text for n in figure.notes),
            )
        )
        return IndexedRecord(
            figure.id,
            "trade",
            document["pair"],
            f"{figure.year:06d}{_order(position)}",
            label,
            document,
            (
                ("year", str(figure.year)),
                ("flow", figure.flow),
                ("reporter", figure.reporter),
                ("partner", figure.partner),
            ),
            (),
            text,
            (figure.reporter, figure.partner),
        )

    def event(self, event: Event, position: int) -> IndexedRecord:
        document: Document = {
            "id": event.id,
            "kind": event.kind,
            "pair": event.pair,
            "date": event.date,
            "end": event.end,
            "approximate": event.approximate,
            "place": event.place,
            "place_name": self.name(event.place),
            "participants": list(event.participants),
            "participant_names": [self.name(i) for i in event.participants],
            "summary": event.summary,
            "notes": notes(event.notes),
            "sources": cites(event.sources),
        }
        facets: list[tuple[str, str]] = []
        if event.date:
            last = dates.year_of(event.end or event.date)
            facets += [("year", str(y)) for y in range(dates.year_of(event.date), last + 1)]
        if event.place:
            facets.append(("place", event.place))
        facets += [("country", c) for c in sorted(self.countries_of(event.participants))]
        text = " ".join(
            (
                EVENT_WORDS[event.kind],
                event.summary,
                self.words_for([event.place]) if event.place else "",
                self.words_for(event.participants),
                span(event.date, event.end),
                *(n.text for n in event.notes),
            )
        )
        when = span(event.date, event.end, event.approximate) or "undated"
        return IndexedRecord(
            event.id,
            "event",
            event.pair,
            _date_sort(event.date, position),
            f"{when}: {event.summary}",
            document,
            tuple(facets),
            (),
            text,
            tuple(dict.fromkeys(filter(None, (event.place, *event.participants)))),
        )

    def assessment(self, assessment: Assessment, position: int) -> IndexedRecord:
        holder = self.name(assessment.held_by) if assessment.held_by else assessment.held_by_group
        document: Document = {
            "id": assessment.id,
            "pair": assessment.pair,
            "held_by": assessment.held_by,
            "held_by_group": assessment.held_by_group,
            "holder_name": holder,
            "claim": assessment.claim,
            "quote": assessment.quote,
            "about": list(assessment.about),
            "notes": notes(assessment.notes),
            "sources": cites(assessment.sources),
        }
        text = " ".join(
            filter(
                None,
                (
                    assessment.claim,
                    assessment.quote,
                    holder,
                    "opinion view assessment think say",
                    self.words_for(assessment.about),
                ),
            )
        )
        return IndexedRecord(
            assessment.id,
            "assessment",
            assessment.pair,
            _order(position),
            f"{holder}: {assessment.claim}",
            document,
            (),
            (),
            text,
            tuple(filter(None, (assessment.held_by, *assessment.about))),
        )

    def relation(self, relation: Relation, position: int) -> IndexedRecord:
        document: Document = {
            "id": relation.id,
            "kind": relation.kind,
            "subject": relation.subject,
            "object": relation.object,
            "since": relation.since,
            "concerning": list(relation.concerning),
            "summary": relation.summary,
            "notes": notes(relation.notes),
            "sources": cites(relation.sources),
        }
        ids = (relation.subject, relation.object, *relation.concerning)
        return IndexedRecord(
            relation.id,
            "relation",
            None,
            _order(position),
            relation.summary,
            document,
            tuple(("country", c) for c in sorted(self.countries_of(ids))),
            (),
            " ".join((relation.kind, relation.summary, self.words_for(ids))),
            ids,
        )

    def fact(self, fact: Fact, position: int) -> IndexedRecord:
        document: Document = {
            "id": fact.id,
            "subject": fact.subject,
            "text": fact.text,
            "notes": notes(fact.notes),
            "sources": cites(fact.sources),
        }
        return IndexedRecord(
            fact.id,
            "fact",
            None,
            _order(position),
            fact.text,
            document,
            (),
            (),
            " ".join((fact.text, self.words_for([fact.subject]))),
            (fact.subject,),
        )
