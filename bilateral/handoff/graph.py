"""Who is tied to whom, as of a date: countries, people, organizations, places, cooperation
areas and events as nodes; roles, relations, participation in events, where events took
place, and commitments as edges, each labelled with what it is and dated where the record
has a date.

| edge | from | to | label | date |
|---|---|---|---|---|
| role | person | organization or country | title | start to end, and its status at the date |
| relation | subject | object | kind | start to end, and its status at the date unless in force |
| participation | participant | event | took part | the event's date |
| venue | event | place | at | the event's date |
| commitment | each of `by` | area | status (and how many, when several) | none |

Roles and relations that had not begun, events that began after the date and commitments
not yet made are left out; an ended role or relation is kept and marked ended.
"""

from __future__ import annotations

import datetime
from collections import deque
from dataclasses import dataclass, field

from bilateral.answer.titles import event_title
from bilateral.api import Base
from bilateral.errors import NothingMatched
from bilateral.handoff.note import Document
from bilateral.handoff.other_kinds import DRAWN_OR_LEFT_OUT, untold
from bilateral.schema import dates
from bilateral.schema.vocabulary import STATUS_LADDER
from bilateral.schema.wording import span

NODE_KINDS = ("country", "person", "organization", "place", "area", "event")


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    label: str
    detail: str = ""
    """Longer text for a tooltip: an event's or an area's summary."""
    when: str = ""
    """An event's date, for choosing the latest."""
    country: str = ""
    """The country it belongs to, for clusters: a country itself, a person's country, a
    place's or an organization's, an event's place's; none for areas and bodies of
    several countries."""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str
    label: str
    dated: str
    records: tuple[str, ...]
    """The ids of the records the edge comes from (the person, for a role)."""
    status: str = ""
    """A role's or relation's status at the date: held (in-force), ended or unknown."""

    @property
    def text(self) -> str:
        """'Minister of Defence, 1995-02-06 to 2013-10-28, held'; an edge to or from an
        event leaves its date to the event's title."""
        if self.kind in ("participation", "venue"):
            return self.label
        return ", ".join(part for part in (self.label, self.dated, self.status) if part)

    @property
    def ended(self) -> bool:
        return self.status == "ended"


@dataclass
class Graph:
    as_of: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    note: str = ""
    """What part of the whole graph this is, when it is a part ('12 of 46 nodes')."""

    def linked(self) -> Graph:
        """The graph without nodes that no edge touches."""
        touched = {end for edge in self.edges for end in (edge.source, edge.target)}
        nodes = {key: node for key, node in self.nodes.items() if key in touched}
        return Graph(self.as_of, nodes, list(self.edges))


def build(base: Base, pair: str | None) -> Graph:
    """The whole graph as of the base's date; `pair` limits events and commitments."""
    chosen = pair or "all"
    graph = Graph(base.when.text)
    codes = (base.chosen_pair(chosen) or "").split("-")
    people = [p for p in base.documents("person") if codes == [""] or p["country"] in codes]
    for kind in NODE_KINDS[:4]:
        for document in people if kind == "person" else base.documents(kind):
            country = document["id"] if kind == "country" else document.get("country") or ""
            name = str(document["name"])
            graph.nodes[document["id"]] = Node(document["id"], kind, name, country=country)
    for area in base.documents("area", chosen):
        graph.nodes[area["id"]] = Node(area["id"], "area", area["name"], area["summary"])
    day = base.when.day
    _roles(graph, people)
    _relations(graph, _relations_of(base, base.chosen_pair(chosen)))
    names = {key: node.label for key, node in graph.nodes.items()}
    titles = Titles(names, {person["id"] for person in base.documents("person")})
    _events(graph, base.documents("event", chosen), day, titles)
    _commitments(graph, base.documents("commitment", chosen))
    for other, document in untold(base, chosen, DRAWN_OR_LEFT_OUT):
        graph.nodes[document["id"]] = Node(document["id"], other.name, other.label(document))
        for named in filter(None, other.mentions(document)):
            edge = Edge(named, document["id"], other.name, other.noun, "", (document["id"],))
            graph.edges.append(edge)
    for edge in graph.edges:
        for end in (edge.source, edge.target):
            graph.nodes.setdefault(end, Node(end, "record", end))
    return graph


def _relations_of(base: Base, pair: str | None) -> list[Document]:
    """The ties that touch the pair's countries, save those between another pair's."""
    if pair is None:
        return base.documents("relation")
    others = set(base.pairs) - {pair}
    return [
        row.document
        for row in base.relations(pair=pair)
        if "-".join(sorted((row.document["subject"], row.document["object"]))) not in others
    ]


def _roles(graph: Graph, people: list[Document]) -> None:
    for person in people:
        for role in person["roles"]:
            if role["status"] == "not-started":
                continue
            edge = Edge(
                person["id"],
                role["organization"],
                "role",
                role["title"],
                _span(role["start"], role["end"]),
                (person["id"],),
                role["status"],
            )
            graph.edges.append(edge)


def _relations(graph: Graph, relations: list[Document]) -> None:
    for relation in relations:
        if relation["status"] == "not-yet":
            continue
        graph.edges.append(
            Edge(
                relation["subject"],
                relation["object"],
                "relation",
                relation["kind"],
                _since(relation["start"], relation["end"]),
                (relation["id"],),
                "" if relation["status"] == "in-force" else relation["status"],
            )
        )


@dataclass(frozen=True)
class Titles:
    """What an event's short title is made from: every node's name, and who are people."""

    names: dict[str, str]
    people: set[str]

    def of(self, event: Document) -> str:
        return event_title(event, self.names, self.people)


def _events(graph: Graph, events: list[Document], day: datetime.date, titles: Titles) -> None:
    for event in events:
        if event["date"] and dates.earliest(event["date"]) > day:
            continue
        when = span(event["date"], event["end"], event["approximate"])
        place = graph.nodes.get(event["place"] or "")
        country = place.country if place else ""
        graph.nodes[event["id"]] = Node(
            event["id"], "event", titles.of(event), event["summary"], event["date"] or "", country
        )
        for participant in event["participants"]:
            graph.edges.append(
                Edge(participant, event["id"], "participation", "took part", when, (event["id"],))
            )
        if event["place"]:
            graph.edges.append(
                Edge(event["id"], event["place"], "venue", "at", when, (event["id"],))
            )


def _commitments(graph: Graph, commitments: list[Document]) -> None:
    """One edge from each party to the area, its statuses strongest first; several
    commitments of one status are counted ('signed, 2 commitments; possible')."""
    grouped: dict[tuple[str, str], dict[str, list[str]]] = {}
    for commitment in commitments:
        if commitment["standing"] == "not-yet":
            continue
        for committed in commitment["by"]:
            statuses = grouped.setdefault((committed, commitment["area"]), {})
            statuses.setdefault(commitment["status"], []).append(commitment["id"])
    for (committed, area), statuses in grouped.items():
        ranked = sorted(statuses, key=_rank)
        label = "; ".join(
            status
            if len(statuses[status]) == 1
            else f"{status}, {len(statuses[status])} commitments"
            for status in ranked
        )
        ids = tuple(i for status in ranked for i in statuses[status])
        graph.edges.append(Edge(committed, area, "commitment", label, "", ids))


def _rank(status: str) -> int:
    return STATUS_LADDER.index(status) if status in STATUS_LADDER else len(STATUS_LADDER)


def _since(start: str | None, end: str | None) -> str:
    """'since 1992-06-09' for a relation that has begun and not ended, else its span."""
    return f"since {start}" if start and not end else _span(start, end)


def _span(start: str | None, end: str | None) -> str:
    if start and end:
        return span(start, end)
    if start:
        return f"from {start}"
    return f"until {end}" if end else ""


def centres(base: Base, graph: Graph, name: str) -> list[str]:
    """The nodes a name denotes, found as `show` finds records (a post: its holders)."""
    try:
        matches = base.show(name)
    except NothingMatched as error:
        if error.suggestions:
            hint = " or ".join(error.suggestions)
            raise NothingMatched(f"{error}; did you mean {hint}?") from None
        raise
    found: list[str] = []
    for row in matches:
        match = row.document
        if match["kind"] == "post":
            found += [holder["person"] for holder in match.get("holders", [])]
        else:
            found.append(match["record"]["id"])
    kept = [node for node in dict.fromkeys(found) if node in graph.nodes]
    if not kept:
        kinds = sorted({row.document["kind"] for row in matches})
        if set(kinds) <= set(NODE_KINDS) | {"post"}:
            raise NothingMatched(f"{name!r} is not in the graph as of {graph.as_of}")
        named = " or ".join(f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}" for kind in kinds)
        raise NothingMatched(
            f"{name!r} names {named}, which the graph does not draw; name a country, "
            "person, organization, place, cooperation area or event"
        )
    return kept


def around(graph: Graph, starts: list[str], depth: int) -> Graph:
    """The nodes within `depth` edges of the starting nodes (edges read both ways), and
    the edges between them."""
    distance = dict.fromkeys(starts, 0)
    neighbours: dict[str, list[str]] = {}
    for edge in graph.edges:
        neighbours.setdefault(edge.source, []).append(edge.target)
        neighbours.setdefault(edge.target, []).append(edge.source)
    queue = deque(starts)
    while queue:
        node = queue.popleft()
        if distance[node] == depth:
            continue
        for neighbour in neighbours.get(node, []):
            if neighbour not in distance:
                distance[neighbour] = distance[node] + 1
                queue.append(neighbour)
    nodes = {key: node for key, node in graph.nodes.items() if key in distance}
    edges = [edge for edge in graph.edges if edge.source in nodes and edge.target in nodes]
    return Graph(graph.as_of, nodes, edges)
