"""The graph as a tree at a terminal, drawn with rich. The whole graph: each node under its
kind, with the edges that leave it. Around a name: that node, its edges both ways, and each
neighbour's in turn, every edge shown once."""

from __future__ import annotations

from collections import deque
from typing import TextIO

from rich.text import Text
from rich.tree import Tree

from bilateral.handoff.graph import Edge, Graph, Node
from bilateral.render.escapes import visible
from bilateral.render.tables import console_for

GROUPS = {
    "country": "Countries",
    "person": "People",
    "organization": "Organizations",
    "place": "Places",
    "area": "Cooperation areas",
    "event": "Events",
    "record": "Other records",
}


def node_text(node: Node) -> Text:
    text = Text(visible(node.label), style="bold")
    text.append(f"  {node.kind}", style="dim")
    return text


def edge_text(edge: Edge, other: Node, outgoing: bool) -> Text:
    """'Minister of Defence, 1995-02-06 to 2013-10-28, held → Azerbaijan'; an edge to or from
    an event leaves its date to the event's label."""
    said = edge.label if edge.kind in ("participation", "venue") else edge.text
    return Text.assemble(
        (visible(said), "dim italic" if edge.ended else "italic"),
        " \u2192 " if outgoing else " \u2190 ",
        (visible(other.label), "bold"),
    )


def whole(graph: Graph) -> Tree:
    part = f" ({graph.note})" if graph.note else ""
    root = Tree(Text(f"Ties as of {graph.as_of}: {_counts(graph)}{part}", style="bold"))
    leaving: dict[str, list[Edge]] = {}
    for edge in graph.edges:
        leaving.setdefault(edge.source, []).append(edge)
    for kind, title in GROUPS.items():
        nodes = [node for node in graph.nodes.values() if node.kind == kind and node.id in leaving]
        if not nodes:
            continue
        group = root.add(Text(title, style="underline"))
        for node in nodes:
            branch = group.add(node_text(node))
            for edge in leaving[node.id]:
                branch.add(edge_text(edge, graph.nodes[edge.target], outgoing=True))
    return root


def focused(graph: Graph, starts: list[str], depth: int) -> Tree:
    names = ", ".join(graph.nodes[start].label for start in starts)
    edges = "edge" if depth == 1 else "edges"
    heading = f"Ties as of {graph.as_of} within {depth} {edges} of {names}: "
    root = Tree(Text(visible(heading + _counts(graph)), style="bold"))
    touching: dict[str, list[int]] = {}
    for index, edge in enumerate(graph.edges):
        touching.setdefault(edge.source, []).append(index)
        touching.setdefault(edge.target, []).append(index)
    shown: set[int] = set()
    placed = set(starts)
    queue = deque((start, root.add(node_text(graph.nodes[start]))) for start in starts)
    while queue:
        node, branch = queue.popleft()
        for index in touching.get(node, []):
            if index in shown:
                continue
            shown.add(index)
            edge = graph.edges[index]
            outgoing = edge.source == node
            other = edge.target if outgoing else edge.source
            label = edge_text(edge, graph.nodes[other], outgoing)
            if other in placed:
                label.append("  (shown elsewhere)", "dim")
                branch.add(label)
            else:
                placed.add(other)
                queue.append((other, branch.add(label)))
    return root


def _counts(graph: Graph) -> str:
    return f"{len(graph.nodes)} nodes, {len(graph.edges)} edges"


def laid_out(tree: Tree, out: TextIO, terminal: bool) -> str:
    console = console_for(out, terminal)
    with console.capture() as capture:
        console.print(tree)
    return capture.get()
