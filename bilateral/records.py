"""Typed, immutable records of a fact base, as the validator builds them."""

from __future__ import annotations

from dataclasses import dataclass, field

from bilateral.vocabulary import STATUS_LADDER


@dataclass(frozen=True)
class Citation:
    source: str
    paragraph: int | None = None
    sentence: int | None = None


@dataclass(frozen=True)
class Note:
    text: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    date: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    sentences: tuple[int, ...] = ()
    """Sentences in each paragraph; empty when the source's text is not held."""
    note: str | None = None


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    sources: tuple[Citation, ...]
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Role:
    title: str
    organization: str
    start: str | None
    end: str | None
    current: bool
    sources: tuple[Citation, ...]
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    roles: tuple[Role, ...]
    sources: tuple[Citation, ...]
    born: str | None = None
    died: str | None = None
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class NamedEntity:
    """What organizations and places share: a name, a kind and perhaps a country."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    sources: tuple[Citation, ...]
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Organization(NamedEntity):
    pass


@dataclass(frozen=True)
class Place(NamedEntity):
    pass


@dataclass(frozen=True)
class Commitment:
    id: str
    summary: str
    status: str
    by: tuple[str, ...]
    sources: tuple[Citation, ...]
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    aliases: tuple[str, ...]
    pair: str
    summary: str
    commitments: tuple[Commitment, ...]
    sources: tuple[Citation, ...]
    notes: tuple[Note, ...] = ()

    @property
    def status(self) -> str | None:
        """The strongest status among the area's commitments."""
        ranks = [STATUS_LADDER.index(c.status) for c in self.commitments]
        return STATUS_LADDER[min(ranks)] if ranks else None


@dataclass(frozen=True)
class Money:
    low: float
    high: float
    currency: str


@dataclass(frozen=True)
class TradeFigure:
    id: str
    reporter: str
    partner: str
    flow: str
    year: int
    value: Money
    certainty: str
    sources: tuple[Citation, ...]
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Event:
    id: str
    kind: str
    pair: str
    date: str | None
    end: str | None
    place: str | None
    participants: tuple[str, ...]
    summary: str
    sources: tuple[Citation, ...]
    approximate: bool = False
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Assessment:
    id: str
    pair: str
    held_by: str | None
    held_by_group: str | None
    claim: str
    about: tuple[str, ...]
    sources: tuple[Citation, ...]
    quote: str | None = None
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Relation:
    id: str
    kind: str
    subject: str
    object: str
    summary: str
    since: str | None
    sources: tuple[Citation, ...]
    concerning: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Fact:
    id: str
    subject: str
    text: str
    sources: tuple[Citation, ...]
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class FactBase:
    schema_version: int
    title: str
    pair: str
    as_of: str
    sources: tuple[Source, ...] = ()
    countries: tuple[Country, ...] = ()
    people: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    places: tuple[Place, ...] = ()
    areas: tuple[Area, ...] = ()
    trade: tuple[TradeFigure, ...] = ()
    events: tuple[Event, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    relations: tuple[Relation, ...] = ()
    facts: tuple[Fact, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        return {
            "sources": len(self.sources),
            "countries": len(self.countries),
            "people": len(self.people),
            "organizations": len(self.organizations),
            "places": len(self.places),
            "areas": len(self.areas),
            "commitments": sum(len(a.commitments) for a in self.areas),
            "trade figures": len(self.trade),
            "events": len(self.events),
            "assessments": len(self.assessments),
            "relations": len(self.relations),
            "facts": len(self.facts),
        }
