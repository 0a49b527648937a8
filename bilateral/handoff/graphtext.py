"""The graph as text for other tools: DOT for Graphviz and Mermaid's flowchart.

Both quote every label. DOT: each id and label is a double-quoted string with `\\` and `"`
escaped and `&` written `&amp;`, so a label is only ever text (`\\N`, `\\l` and `&amp;` in
the data stay as written). Mermaid:
nodes are named n1, n2, ... and every label is a quoted string in which the characters that
Mermaid or HTML read specially are written as Mermaid's entity codes (`#34;` for `"`). In
both, a run of white space becomes one space and control characters become U+FFFD, so a
label is one line.
"""

from __future__ import annotations

import re

from bilateral.handoff.graph import Edge, Graph, Node

SPACES = re.compile(r"\s+")
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
DOT_SHAPES = {
    "country": "shape=box, peripheries=2",
    "person": "shape=ellipse",
    "organization": "shape=box",
    "place": "shape=house",
    "area": "shape=hexagon",
    "event": "shape=note",
    "record": "shape=plaintext",
}
MERMAID_SHAPES = {
    "country": ("[[", "]]"),
    "person": ("([", "])"),
    "organization": ("[", "]"),
    "place": (">", "]"),
    "area": ("{{", "}}"),
    "event": ("(", ")"),
    "record": ("[", "]"),
}
MERMAID_ENTITIES = str.maketrans(
    {char: f"#{ord(char)};" for char in '"#&<>|`%'},
)
"""Characters Mermaid reads as syntax (quotes, pipes, entity codes, comments, markdown
strings) or hands to the browser as HTML, written as its entity codes."""


def one_line(text: str) -> str:
    return CONTROL.sub("\ufffd", SPACES.sub(" ", text).strip())


def dot_string(text: str) -> str:
    """A DOT double-quoted string that reads as the text itself in a label (Graphviz reads
    HTML entities in labels, so `&` is written `&amp;`)."""
    escaped = one_line(text).replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return f'"{escaped}"'


def clusters(graph: Graph) -> dict[str, list[Node]]:
    """The nodes by country ('' for those of none), countries in the order they come."""
    found: dict[str, list[Node]] = {}
    for node in graph.nodes.values():
        country = node.country if node.country in graph.nodes else ""
        found.setdefault(country, []).append(node)
    alone = [country for country, nodes in found.items() if country and len(nodes) == 1]
    for country in alone:
        found.setdefault("", []).extend(found.pop(country))
    return found


def title(graph: Graph) -> str:
    return f"Ties as of {graph.as_of}" + (f" ({graph.note})" if graph.note else "")


def dot(graph: Graph) -> str:
    lines = [
        "digraph bilateral {",
        f'  graph [rankdir=LR, labelloc=t, fontname="Helvetica", '
        f"label={dot_string(title(graph))}];",
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    grouped = clusters(graph)
    home = {node.id: country for country, nodes in grouped.items() for node in nodes}
    for number, (country, nodes) in enumerate(grouped.items(), start=1):
        indent = "    " if country else "  "
        if country:
            name = dot_string(graph.nodes[country].label)
            lines.append(f"  subgraph cluster_{number} {{")
            lines.append(f'    graph [label={name}, style="rounded", color="#999999"];')
        lines += [indent + _dot_node(node) for node in nodes]
        lines += [  # the labels of edges within the country, drawn within it
            indent + _dot_label(index, edge)
            for index, edge in enumerate(graph.edges, start=1)
            if home[edge.source] == home[edge.target] == country
        ]
        if country:
            lines.append("  }")
    lines += [
        "  " + _dot_label(number, edge)
        for number, edge in enumerate(graph.edges, start=1)
        if home[edge.source] != home[edge.target]
    ]
    for number, edge in enumerate(graph.edges, start=1):
        lines += _dot_edge(number, edge)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_label(number: int, edge: Edge) -> str:
    """The label of an edge as a node of its own ("edge 3", an id no record can have)."""
    return (
        f'"edge {number}" [label={dot_string(edge.text)}, shape=plaintext, fontsize=9, '
        "height=0.1, margin=0.02];"
    )


def _dot_edge(number: int, edge: Edge) -> list[str]:
    """An edge drawn through its label, a node on the edge's path, so that no label can be
    read as another's: from the source to the label, and on to the target."""
    style = ", style=dashed" if edge.ended else ""
    label = f'"edge {number}"'
    return [
        f"  {dot_string(edge.source)} -> {label} [arrowhead=none{style}];",
        f"  {label} -> {dot_string(edge.target)}" + (" [style=dashed];" if edge.ended else ";"),
    ]


def _dot_node(node: Node) -> str:
    tooltip = f", tooltip={dot_string(node.detail)}" if node.detail else ""
    return (
        f"{dot_string(node.id)} [label={dot_string(node.label)}, {DOT_SHAPES[node.kind]}{tooltip}];"
    )


def mermaid_string(text: str) -> str:
    """A Mermaid quoted label that reads as the text itself."""
    return '"' + one_line(text).translate(MERMAID_ENTITIES) + '"'


def mermaid(graph: Graph) -> str:
    grouped = clusters(graph)
    order = [node.id for nodes in grouped.values() for node in nodes]
    names = {key: f"n{number}" for number, key in enumerate(order, start=1)}
    lines = ["flowchart LR", f"    %% {title(graph)}"]
    for number, (country, nodes) in enumerate(grouped.items(), start=1):
        indent = "        " if country else "    "
        if country:
            lines.append(f"    subgraph c{number} [{mermaid_string(graph.nodes[country].label)}]")
        for node in nodes:
            opening, closing = MERMAID_SHAPES[node.kind]
            lines.append(f"{indent}{names[node.id]}{opening}{mermaid_string(node.label)}{closing}")
        if country:
            lines.append("    end")
    for edge in graph.edges:
        arrow = "-.->" if edge.ended else "-->"
        label = mermaid_string(edge.text)
        lines.append(f"    {names[edge.source]} {arrow}|{label}| {names[edge.target]}")
    return "\n".join(lines) + "\n"
