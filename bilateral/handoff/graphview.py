"""The graph that fits a screen, drawn by default: the pair's two countries and their
nearest ties at the date. The people in office in either country, the strongest areas of
cooperation, the latest events and where they took place, and the countries and bodies
the pair has relations with, each kind kept to a few; `--all` draws everything."""

from __future__ import annotations

from bilateral.handoff.graph import Edge, Graph, Node
from bilateral.schema.vocabulary import STATUS_LADDER

MOST = {"person": 5, "area": 5, "event": 5, "related": 4}
"""How many of each kind the screen keeps: people per country, the rest in all."""


def screen(graph: Graph, codes: list[str]) -> Graph:
    """The pair's countries and their nearest ties, as the module says."""
    kept = dict.fromkeys(code for code in codes if code in graph.nodes)
    for code in codes:
        kept |= dict.fromkeys(_in_office(graph, code)[: MOST["person"]])
    kept |= dict.fromkeys(_related(graph, list(kept))[: MOST["related"]])
    kept |= dict.fromkeys(_areas(graph, list(kept))[: MOST["area"]])
    events = _events(graph, list(kept))[: MOST["event"]]
    kept |= dict.fromkeys(events)
    kept |= dict.fromkeys(e.target for e in graph.edges if e.kind == "venue" and e.source in events)
    nodes = {key: graph.nodes[key] for key in graph.nodes if key in kept}
    edges = [edge for edge in graph.edges if edge.source in nodes and edge.target in nodes]
    edges = [edge for edge in edges if not _said_by_its_people(edge, edges, graph)]
    whole = len(graph.linked().nodes)
    note = f"{len(nodes)} of {whole} nodes: the pair and its nearest ties; --all draws them all"
    return Graph(graph.as_of, nodes, edges, note if len(nodes) < whole else "")


def _said_by_its_people(edge: Edge, edges: list[Edge], graph: Graph) -> bool:
    """A country's part in an event that one of its people drawn took part in too."""
    if edge.kind != "participation" or graph.nodes[edge.source].kind != "country":
        return False
    return any(
        other.kind == "participation"
        and other.target == edge.target
        and graph.nodes[other.source].kind == "person"
        and graph.nodes[other.source].country == edge.source
        for other in edges
    )


def _in_office(graph: Graph, code: str) -> list[str]:
    """People with a role, held or not known to have ended, in the country or one of its
    bodies; those known to hold it first."""
    bodies = {key for key, node in graph.nodes.items() if node.country == code}
    roles = [
        edge
        for edge in graph.edges
        if edge.kind == "role" and edge.target in bodies and not edge.ended
    ]
    roles.sort(key=lambda edge: edge.status != "held")
    return list(dict.fromkeys(edge.source for edge in roles))


def _related(graph: Graph, kept: list[str]) -> list[str]:
    """Countries, bodies and people the pair has a relation with."""
    found = []
    for edge in graph.edges:
        if edge.kind == "relation" and not edge.ended:
            found += [edge.target] if edge.source in kept else []
            found += [edge.source] if edge.target in kept else []
    return [key for key in dict.fromkeys(found) if key not in kept]


def _areas(graph: Graph, kept: list[str]) -> list[str]:
    """Areas the kept nodes are committed to, the strongest commitment first."""
    best: dict[str, int] = {}
    for edge in graph.edges:
        if edge.kind == "commitment" and edge.source in kept:
            status = edge.label.split(",")[0]
            rank = STATUS_LADDER.index(status) if status in STATUS_LADDER else len(STATUS_LADDER)
            best[edge.target] = min(best.get(edge.target, rank), rank)
    return sorted(best, key=lambda area: best[area])


def _events(graph: Graph, kept: list[str]) -> list[str]:
    """Events the kept nodes took part in, the latest first (undated last)."""
    found = dict.fromkeys(
        edge.target for edge in graph.edges if edge.kind == "participation" and edge.source in kept
    )
    return sorted(found, key=lambda key: (_date(graph.nodes[key]), key), reverse=True)


def _date(node: Node) -> str:
    return node.when or "0"
