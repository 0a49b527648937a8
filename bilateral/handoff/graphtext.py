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

from bilateral.handoff.graph import Graph

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


def dot(graph: Graph) -> str:
    title = dot_string(f"Ties as of {graph.as_of}")
    lines = [
        "digraph bilateral {",
        f'  graph [rankdir=LR, labelloc=t, fontname="Helvetica", label={title}];',
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for node in graph.nodes.values():
        tooltip = f", tooltip={dot_string(node.detail)}" if node.detail else ""
        lines.append(
            f"  {dot_string(node.id)} [label={dot_string(node.label)}, "
            f"{DOT_SHAPES.get(node.kind, DOT_SHAPES['record'])}{tooltip}];"
        )
    for edge in graph.edges:
        style = ", style=dashed" if edge.ended else ""
        lines.append(
            f"  {dot_string(edge.source)} -> {dot_string(edge.target)} "
            f"[label={dot_string(edge.text)}{style}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def mermaid_string(text: str) -> str:
    """A Mermaid quoted label that reads as the text itself."""
    return '"' + one_line(text).translate(MERMAID_ENTITIES) + '"'


def mermaid(graph: Graph) -> str:
    names = {key: f"n{number}" for number, key in enumerate(graph.nodes, start=1)}
    lines = ["flowchart LR", f"    %% ties as of {graph.as_of}"]
    for key, node in graph.nodes.items():
        opening, closing = MERMAID_SHAPES.get(node.kind, MERMAID_SHAPES["record"])
        lines.append(f"    {names[key]}{opening}{mermaid_string(node.label)}{closing}")
    for edge in graph.edges:
        arrow = "-.->" if edge.ended else "-->"
        label = mermaid_string(edge.text)
        lines.append(f"    {names[edge.source]} {arrow}|{label}| {names[edge.target]}")
    return "\n".join(lines) + "\n"
