"""`export --format ftm`: the base as FollowTheMoney entities, one JSON object a line.

People become Person entities, organizations Organization (PublicBody for government
bodies and central banks), posts Position, each role an Occupancy of a Position (the
role's post, else a Position made from its title and organization), and events Event.
Countries are not entities in FollowTheMoney: they are `country` and `nationality`
values. Every entity carries its sources as `sourceUrl` and `publisher`, and a line
of full citations in `notes` (`description` on an Occupancy, which has no notes).
Ids are the base's ids after `bilateral-`; made-up ones hold a dot, which the base's
ids cannot, so they never meet one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from bilateral.answer.dated import ENDED, HELD
from bilateral.answer.titles import event_title, short_names
from bilateral.schema.jsontext import to_json

if TYPE_CHECKING:
    from bilateral.api import Base

Document = dict[str, Any]
Entity = dict[str, Any]
PREFIX = "bilateral-"
PUBLIC_BODIES = ("government-body", "central-bank")
OCCUPANCY_STATUS = {HELD: "current", ENDED: "ended"}
"""A role's status at the date in OpenSanctions' words; `unknown` and `not-started` stay."""
"""FollowTheMoney names hold up to 384 characters; an event's name is its summary, cut."""


def entity_id(record_id: str) -> str:
    return PREFIX + record_id.lower()


def entity(
    key: str, schema: str, properties: dict[str, Iterable[str | None] | str | None]
) -> Entity:
    """An entity with each property a list of distinct non-empty texts, empty ones left out."""
    kept: dict[str, list[str]] = {}
    for name, values in properties.items():
        items = [values] if values is None or isinstance(values, str) else list(values)
        distinct = list(dict.fromkeys(value for value in items if value))
        if distinct:
            kept[name] = distinct
    return {"id": key, "schema": schema, "properties": kept}


class _Sources:
    def __init__(self, sources: dict[str, Document]) -> None:
        self.sources = sources

    def of(self, record: Document) -> tuple[list[Document], list[str]]:
        """The sources a record and its notes cite, and each citation in full."""
        citations = [
            *record["sources"],
            *(c for n in record.get("notes", []) for c in n["sources"]),
        ]
        cited = [self.sources[c["source"]] for c in citations if c["source"] in self.sources]
        lines = [self.full(c) for c in citations if c["source"] in self.sources]
        return list({s["id"]: s for s in cited}.values()), list(dict.fromkeys(lines))

    def full(self, citation: Document) -> str:
        source = self.sources[citation["source"]]
        where = (
            f"¶{citation['paragraph']}.{citation['sentence']}" if citation.get("paragraph") else ""
        )
        parts = (source["publisher"], source["title"], source["date"], where, source["url"])
        return f"{', '.join(part for part in parts if part)} ({source['id']})"

    def properties(self, record: Document, notes: str = "notes") -> dict[str, list[str]]:
        cited, lines = self.of(record)
        texts = [note["text"] for note in record.get("notes", [])]
        return {
            "sourceUrl": [s["url"] for s in cited if s["url"]],
            "publisher": [s["publisher"] for s in cited],
            notes: [*texts, *(["Sources: " + "; ".join(lines)] if lines else [])],
        }


def entities(base: Base, pair: str | None) -> Iterator[Entity]:
    """Every entity: states, organizations, posts, people with their occupancies, events,
    then relations (memberships, and other links)."""
    sources = _Sources(base.sources_by_id())
    countries = {d["id"]: d for d in base.documents("country")}
    organizations = {d["id"]: d for d in base.documents("organization")}
    places = {d["id"]: d for d in base.documents("place")}
    for country in countries.values():
        yield _state(country, sources)
    for organization in organizations.values():
        yield _organization(organization, sources)
    for post in base.documents("post"):
        yield _post(post, sources)
    people = base.documents("person")
    made: set[str] = set()
    for person in people:
        yield _person(person, sources)
        for number, role in enumerate(person["roles"], start=1):
            holding = entity_id(role["post"]) if role["post"] else None
            if holding is None:
                position = _role_position(role, countries, sources)
                holding = str(position["id"])
                if holding not in made:
                    made.add(holding)
                    yield position
            yield _occupancy(person, number, role, holding, sources)
    involved = set(organizations) | set(countries) | {person["id"] for person in people}
    names = {d["id"]: str(d["name"]) for d in (*countries.values(), *places.values(), *people)}
    names |= {key: str(d["name"]) for key, d in organizations.items()}
    titled = _Titles(
        names, {person["id"] for person in people}, short_names(organizations.values())
    )
    for event in base.documents("event", pair):
        yield _event(event, involved, countries, places, sources, titled)
    yield from _relations(base.documents("relation"), set(involved), sources)


class _Titles:
    """Short event titles from the names in force at the export's date."""

    def __init__(self, names: dict[str, str], people: set[str], short: dict[str, str]) -> None:
        self.names = names
        self.people = people
        self.short = short

    def of(self, event: Document) -> str:
        return event_title(event, self.names, self.people, day=True, short=self.short)


RELATION_SCHEMAS = {"membership": "Membership"}
"""FtM's schema for a kind of relation; the others are UnknownLink, with the kind as role."""


def _relations(
    relations: Iterable[Document], known: set[str], sources: _Sources
) -> Iterator[Entity]:
    """Each relation between entities of the export as the FtM link that fits it."""
    for relation in relations:
        if relation["subject"] not in known or relation["object"] not in known:
            continue
        schema = RELATION_SCHEMAS.get(relation["kind"], "UnknownLink")
        subject, target = (
            ("member", "organization")
            if schema == "Membership"
            else (
                "subject",
                "object",
            )
        )
        yield entity(
            entity_id(relation["id"]),
            schema,
            {
                subject: entity_id(relation["subject"]),
                target: entity_id(relation["object"]),
                "role": relation["kind"],
                "startDate": relation.get("start") or relation.get("since"),
                "endDate": relation.get("end"),
                "summary": relation["summary"],
                **sources.properties(relation, "description"),
            },
        )


def _state(country: Document, sources: _Sources) -> Entity:
    code = str(country["id"]).lower()
    return entity(
        entity_id(country["id"]),
        "PublicBody",
        {
            "name": country["name"],
            "alias": country.get("aliases") or [],
            "country": code,
            "jurisdiction": code,
            "classification": "state",
            **sources.properties(country),
        },
    )


def lines(base: Base, pair: str | None) -> tuple[str, int]:
    """The entities as JSON lines, and how many."""
    found = [to_json(item) for item in entities(base, pair)]
    return "".join(f"{line}\n" for line in found), len(found)


def _organization(organization: Document, sources: _Sources) -> Entity:
    schema = "PublicBody" if organization["type"] in PUBLIC_BODIES else "Organization"
    return entity(
        entity_id(organization["id"]),
        schema,
        {
            "name": organization["name"],
            "alias": [*organization["aliases"], *organization.get("other_names", [])],
            "country": (organization["country"] or "").lower(),
            "classification": organization["type"],
            **sources.properties(organization),
        },
    )


def _post(post: Document, sources: _Sources) -> Entity:
    return entity(
        entity_id(post["id"]),
        "Position",
        {
            "name": post["name"],
            "alias": post["aliases"],
            "country": (post["country"] or "").lower(),
            "organization": entity_id(post["organization"]) if post["organization"] else None,
            **sources.properties(post),
        },
    )


def _role_position(role: Document, countries: dict[str, Document], sources: _Sources) -> Entity:
    """The Position a role without a post holds: its title in its organization or country."""
    holder = role["organization"]
    title = role["title"]
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    slug = slug or hashlib.sha1(title.encode("utf-8")).hexdigest()[:12]
    in_country = holder in countries
    cited = sources.properties({"sources": role["sources"]})
    return entity(
        f"{entity_id(holder)}.{slug}",
        "Position",
        {
            "name": title,
            "country": holder.lower() if in_country else None,
            "organization": None if in_country else entity_id(holder),
            "sourceUrl": cited["sourceUrl"],
            "publisher": cited["publisher"],
        },
    )


def _person(person: Document, sources: _Sources) -> Entity:
    country = person["country"].lower()
    return entity(
        entity_id(person["id"]),
        "Person",
        {
            "name": person["name"],
            "alias": person["aliases"],
            "birthDate": person["born"],
            "deathDate": person["died"],
            "nationality": country,
            "country": country,
            "position": [role["title"] for role in person["roles"]],
            **sources.properties(person),
        },
    )


def _occupancy(
    person: Document, number: int, role: Document, post: str, sources: _Sources
) -> Entity:
    described = sources.properties(role, notes="description")
    return entity(
        f"{entity_id(person['id'])}.role-{number}",
        "Occupancy",
        {
            "holder": entity_id(person["id"]),
            "post": post,
            "startDate": role["start"],
            "endDate": role["end"],
            "status": OCCUPANCY_STATUS.get(role["status"], role["status"]),
            **described,
            "description": [role["title"], *described["description"]],
        },
    )


def _event(
    event: Document,
    involved: set[str],
    countries: dict[str, Document],
    places: dict[str, Document],
    sources: _Sources,
    titled: _Titles,
) -> Entity:
    participants = event["participants"]
    place = places.get(event["place"] or "")
    in_countries = [p for p in (*participants, event["place"]) if p in countries]
    where = [place["country"]] if place and place["country"] else []
    properties = sources.properties(event)
    if event["approximate"]:
        properties["notes"].insert(0, "The date is approximate.")
    return entity(
        entity_id(event["id"]),
        "Event",
        {
            "name": titled.of(event),
            "summary": event["summary"],
            "date": event["date"],
            "endDate": event["end"],
            "location": _location(place) or _country_name(event["place"], countries),
            "country": [code.lower() for code in (*in_countries, *where)],
            "involved": [entity_id(p) for p in participants if p in involved],
            "keywords": event["kind"],
            **properties,
        },
    )


def _location(place: Document | None) -> str | None:
    if place is None:
        return None
    return ", ".join(part for part in (place["name"], place["country_name"]) if part)


def _country_name(record_id: str | None, countries: dict[str, Document]) -> str | None:
    country = countries.get(record_id or "")
    return str(country["name"]) if country else None
