"""The graph at a glance: clusters by country, events by their short titles, every label on
its own edge (checked where Graphviz draws it and where a Mermaid parser reads it), and a
default that fits a screen, with `--all` for everything."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import bilateral.api
from bilateral.handoff.graph import Graph, build
from bilateral.handoff.graphtext import dot, mermaid
from bilateral.handoff.graphview import screen
from tests.conftest import SHIPPED, run
from tests.decades import decades_base

AS_OF = "2004-07-28"
DOT = shutil.which("dot")
needs_graphviz = pytest.mark.skipif(
    DOT is None, reason="Graphviz's `dot` is not installed (apt-get install graphviz)"
)


def whole(as_of: str = AS_OF, path: Path = SHIPPED) -> Graph:
    return build(bilateral.api.open_base(str(path), use_cache=False, as_of=as_of), None)


def default(as_of: str = AS_OF, path: Path = SHIPPED) -> Graph:
    return screen(whole(as_of, path), ["AZ", "PK"])


# ---------------------------------------------------------------- what is drawn


def test_events_are_named_by_short_titles() -> None:
    graph = whole()
    assert graph.nodes["musharraf-visit-baku-2004"].label == (
        "Pervez Musharraf's visit to Baku, July 2004"
    )
    events = [node for node in graph.nodes.values() if node.kind == "event"]
    assert all("undated" in e.label or re.search(r"\d{4}$", e.label) for e in events)
    lengths = sorted(len(node.label) for node in events)
    assert lengths[len(lengths) // 2] < 60  # most are short
    assert all(length < 120 for length in lengths)


@pytest.mark.slow
def test_the_default_is_the_pair_and_its_nearest_ties() -> None:
    graph, every = default(), whole().linked()
    assert {"AZ", "PK", "musharraf-pervez", "aliyev-ilham", "musharraf-visit-baku-2004"} <= set(
        graph.nodes
    )
    assert "guluzade-vafa" not in graph.nodes  # out of office by 2004
    assert len(graph.nodes) < len(every.nodes)
    assert len(graph.edges) < len(every.edges)
    assert graph.note.endswith("--all draws them all")
    assert all(edge.source in graph.nodes and edge.target in graph.nodes for edge in graph.edges)


@pytest.mark.slow
def test_the_default_fits_a_screen_at_the_size_of_decades(tmp_path: Path) -> None:
    big = decades_base(tmp_path)
    graph, every = default("today", big), whole("today", big).linked()
    assert len(every.nodes) > 150
    assert len(graph.nodes) <= 30
    kept = [node for node in graph.nodes.values() if node.kind == "event"]
    dates = sorted(node.when for node in every.nodes.values() if node.kind == "event")
    assert sorted(node.when for node in kept) == dates[-len(kept) :]  # the latest


def test_all_and_the_default_from_the_command() -> None:
    common = ("--facts", str(SHIPPED), "--as-of", AS_OF, "graph", "--format", "mermaid")
    shown, every = run(*common).stdout, run(*common, "--all").stdout
    assert shown.count(" -->|") + shown.count(" -.->|") < every.count(" -->|") + every.count(
        " -.->|"
    )
    assert "--all draws them all" in shown.splitlines()[1]
    clash = run(*common, "--all", "--around", "Baku")
    assert clash.exit_code == 2
    assert "give one of them" in clash.stderr


# ---------------------------------------------------------------- Mermaid, parsed

LABEL = r'"((?:[^"#&<>|`%\x00-\x1f\x7f-\x9f]|#[0-9]+;)*)"'
SHAPE = re.compile(
    rf"(n\d+)(?:\[\[{LABEL}\]\]|\(\[{LABEL}\]\)|\[{LABEL}\]|>{LABEL}\]|\{{\{{{LABEL}\}}\}}"
    rf"|\({LABEL}\))"
)
LINK = re.compile(rf"(n\d+) (?:-->|-\.->)\|{LABEL}\| (n\d+)")
SUBGRAPH = re.compile(rf"subgraph (c\d+) \[{LABEL}\]")


def parse_mermaid(
    text: str,
) -> tuple[dict[str, str], dict[str, str], list[tuple[str, str, str]]]:
    """A small parser of the flowchart the command writes: each node's label, the title
    of the subgraph each node is in ('' for none), and each edge as (source label, edge
    label, target label), entity codes decoded."""
    labels: dict[str, str] = {}
    group: dict[str, str] = {}
    links: list[tuple[str, str, str]] = []
    current = ""
    for written in text.splitlines()[2:]:
        line = written.strip()
        if found := SUBGRAPH.fullmatch(line):
            current = decode(found[2])
        elif line == "end":
            current = ""
        elif found := SHAPE.fullmatch(line):
            labels[found[1]] = decode(next(g for g in found.groups()[1:] if g is not None))
            group[found[1]] = current
        elif found := LINK.fullmatch(line):
            links.append((found[1], decode(found[2]), found[3]))
        else:
            raise AssertionError(f"not in the grammar: {line!r}")
    named = [(labels[source], label, labels[target]) for source, label, target in links]
    return labels, {labels[key]: title for key, title in group.items()}, named


def decode(text: str) -> str:
    return re.sub(r"#([0-9]+);", lambda m: chr(int(m[1])), text)


@pytest.mark.slow
@pytest.mark.parametrize("everything", [False, True])
def test_mermaid_labels_stand_on_their_own_edges_and_nodes_in_their_countries(
    everything: bool,
) -> None:
    graph = whole().linked() if everything else default()
    _, groups, links = parse_mermaid(mermaid(graph))
    expected = [
        (graph.nodes[e.source].label, e.text, graph.nodes[e.target].label) for e in graph.edges
    ]
    assert links == expected
    assert groups["Safar Abiyev"] == groups["Baku"] == "Azerbaijan"
    assert groups["Pervez Musharraf"] == "Pakistan"
    assert groups["Military cooperation"] == ""  # an area of both


# ---------------------------------------------------------------- Graphviz, drawn


def laid_out(source: str) -> Any:
    assert DOT is not None
    done = subprocess.run(
        [DOT, "-Tjson"], input=source, capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


def _box(drawn: Any) -> tuple[float, float, float, float]:
    x, y = map(float, drawn["pos"].split(","))
    half_w, half_h = float(drawn["width"]) * 36, float(drawn["height"]) * 36
    return x - half_w, y - half_h, x + half_w, y + half_h


def _touches(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    slack = 3.0
    return (
        box[0] - slack <= point[0] <= box[2] + slack
        and box[1] - slack <= point[1] <= box[3] + slack
    )


def _ends(pos: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """Where a drawn edge's curve starts and where it ends (its arrow's tip, if any)."""
    points = list(pos.split())
    tip = next((p[2:] for p in points if p.startswith("e,")), None)
    curve = [p for p in points if not p.startswith(("e,", "s,"))]
    first_x, first_y = map(float, curve[0].split(",")[:2])
    last_x, last_y = map(float, (tip or curve[-1]).split(",")[:2])
    return (first_x, first_y), (last_x, last_y)


@pytest.mark.slow
@needs_graphviz
@pytest.mark.parametrize("everything", [False, True])
def test_graphviz_draws_every_label_on_its_own_edge(everything: bool) -> None:
    graph = whole().linked() if everything else default()
    drawn = laid_out(dot(graph))
    objects = {int(o["_gvid"]): o for o in drawn["objects"]}
    by_name = {o["name"]: o for o in objects.values()}
    into: dict[str, list[Any]] = {}
    out_of: dict[str, list[Any]] = {}
    for edge in drawn["edges"]:
        into.setdefault(objects[edge["head"]]["name"], []).append(edge)
        out_of.setdefault(objects[edge["tail"]]["name"], []).append(edge)
    for number, edge in enumerate(graph.edges, start=1):
        label = by_name[f"edge {number}"]
        assert label["label"] == edge.text.replace("&", "&amp;")
        [coming], [going] = into[label["name"]], out_of[label["name"]]
        assert objects[coming["tail"]]["name"] == edge.source
        assert objects[going["head"]]["name"] == edge.target
        box = _box(label)
        assert _touches(_ends(coming["pos"])[1], box), edge  # the line reaches the label
        assert _touches(_ends(going["pos"])[0], box), edge  # and leaves it for its target


@pytest.mark.slow
@needs_graphviz
def test_graphviz_draws_clusters_by_country() -> None:
    drawn = laid_out(dot(default()))
    clusters = {o["label"]: o for o in drawn["objects"] if str(o["name"]).startswith("cluster")}
    assert {"Azerbaijan", "Pakistan"} <= set(clusters)
    names = {int(o["_gvid"]): o["name"] for o in drawn["objects"]}
    inside = {names[n] for n in clusters["Azerbaijan"]["nodes"]}
    assert {"AZ", "aliyev-ilham", "baku", "musharraf-visit-baku-2004"} <= inside
    assert "PK" not in inside
