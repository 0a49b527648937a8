"""`bilateral graph`: who is tied to whom as of a date, as DOT that Graphviz accepts, Mermaid
in the grammar docs/brief.md gives, and a tree at a terminal."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

import bilateral.api
from bilateral.errors import NothingMatched
from bilateral.handoff import graphtree
from bilateral.handoff.graph import Edge, Graph, around, build, centres
from bilateral.handoff.graphtext import dot, dot_string, mermaid, mermaid_string
from bilateral.store.directory import cache_name
from tests.conftest import MINIMAL, ROOT, SHIPPED, run, run_in_terminal, write_base

AS_OF = "2004-07-28"
DOT = shutil.which("dot")
needs_graphviz = pytest.mark.skipif(
    DOT is None, reason="Graphviz's `dot` is not installed (apt-get install graphviz)"
)
HOSTILE = 'Arms "quoted" \\N \\l back\\ {x} [y] <b>&amp;</b> | `c` #35; %% end\nnext -->'


def base_at(as_of: str, path: Path = SHIPPED) -> bilateral.api.Base:
    return bilateral.api.open_base(str(path), use_cache=False, as_of=as_of)


def graph_at(as_of: str = AS_OF, path: Path = SHIPPED) -> Graph:
    return build(base_at(as_of, path), None).linked()


def edges(graph: Graph, source: str, target: str) -> list[Edge]:
    return [edge for edge in graph.edges if (edge.source, edge.target) == (source, target)]


# ---------------------------------------------------------------- the graph


def test_roles_are_labelled_and_dated_with_their_status() -> None:
    graph = graph_at()
    [role] = edges(graph, "abiyev-safar", "AZ")
    assert (role.kind, role.text) == ("role", "Minister of Defence, 1995-02-06 to 2013-10-22, held")
    [ended] = edges(graph, "guluzade-vafa", "AZ")
    assert ended.text.endswith("1990 to 1999, ended")
    assert ended.ended
    assert (
        edges(graph, "aliyev-ilham", "AZ")[0].text
        == "President of Azerbaijan, from 2003-10-31, held"
    )


def test_relations_participation_venues_and_commitments() -> None:
    graph = graph_at()
    assert [edge.text for edge in edges(graph, "PK", "AZ")] == [
        "ties",
        "diplomatic, since 1992-06-09",
        "support",
        "support, unknown",  # a second support relation, its status not known then
    ]
    [took_part] = edges(graph, "musharraf-pervez", "musharraf-visit-baku-2004")
    assert took_part.text == "took part"  # the date is in the event's title
    visit = graph.nodes["musharraf-visit-baku-2004"]
    assert visit.label == "Pervez Musharraf's visit to Baku, July 2004"
    [venue] = edges(graph, "musharraf-visit-baku-2004", "baku")
    assert venue.text == "at"
    [signed] = edges(graph, "AZ", "military")
    assert signed.text == "signed, 2 commitments"
    assert signed.records == ("military-equipment-agreements", "military-training-agreements")
    [customs] = edges(graph, "AZ", "customs")  # one edge a party and area, strongest first
    assert customs.text == "signed; possible"


def test_what_began_after_the_date_is_left_out() -> None:
    graph = graph_at("1991-12-01")
    assert not edges(graph, "musharraf-pervez", "PK")  # not yet begun
    # ties first confirmed in 2004: not known in 1991, and marked so
    assert [edge.text for edge in edges(graph, "PK", "AZ")] == [
        "ties, unknown",
        "support, unknown",
        "support, unknown",
    ]
    assert "turkey-recognizes-azerbaijan-1991" in graph.nodes
    assert "pakistan-recognizes-azerbaijan-1991" not in graph.nodes
    assert "musharraf-visit-baku-2004" not in graph.nodes
    assert "abiyev-visit-islamabad" in graph.nodes  # undated: kept
    assert "SE" not in graph.nodes  # no edge touches Sweden


@pytest.mark.slow
def test_the_whole_shipped_graph() -> None:
    graph = graph_at()
    kinds = {node.kind for node in graph.nodes.values()}
    assert kinds == {"country", "person", "organization", "place", "area", "event"}
    assert len(graph.nodes) > 40
    assert len(graph.edges) > 70
    ends = {end for edge in graph.edges for end in (edge.source, edge.target)}
    assert ends == set(graph.nodes)


def test_around_a_name_keeps_what_lies_within_the_depth() -> None:
    base = base_at(AS_OF)
    whole = build(base, None)
    starts = centres(base, whole, "Musharraf")
    assert starts == ["musharraf-pervez"]
    near = around(whole, starts, 1)
    assert {
        "musharraf-pervez",
        "PK",
        "energy",
        "musharraf-terrorism-statement-2004",
        "musharraf-visit-baku-2004",
        "musharraf-address-parliament-2004",
    } <= set(near.nodes)
    touching = {e.source for e in whole.edges if e.target in starts} | {
        e.target for e in whole.edges if e.source in starts
    }
    assert set(near.nodes) == touching | set(starts)  # one edge away, every one
    inside = [e for e in whole.edges if e.source in near.nodes and e.target in near.nodes]
    assert near.edges == inside
    assert set(around(whole, starts, 0).nodes) == {"musharraf-pervez"}
    assert len(around(whole, starts, 2).nodes) > len(near.nodes)


@pytest.mark.slow
def test_a_post_stands_for_its_holders_and_a_record_not_drawn_is_refused() -> None:
    base = base_at(AS_OF)
    whole = build(base, None)
    assert centres(base, whole, "President of Azerbaijan") == ["aliyev-heydar", "aliyev-ilham"]
    with pytest.raises(NothingMatched, match="names a source, which the graph does not draw"):
        centres(base, whole, "caci-2004-07-28")
    with pytest.raises(NothingMatched, match="names an assessment, which the graph"):
        centres(base, whole, "guluzade-americans-informed")
    early = build(base_at("1995"), None)
    with pytest.raises(NothingMatched, match=r"^'musharraf-visit-baku-2004' is not in the gra"):
        centres(base_at("1995"), early, "musharraf-visit-baku-2004")  # it began later
    with pytest.raises(NothingMatched, match="did you mean Pervez Musharraf"):
        centres(base, whole, "Musharaff Pervaz")


# ---------------------------------------------------------------- DOT


def hostile_base(tmp_path: Path) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    old = 'name = "Military cooperation"'
    assert old in text
    return write_base(tmp_path, text.replace(old, f"name = {json.dumps(HOSTILE)}", 1))


def test_dot_strings_escape_quotes_and_backslashes() -> None:
    assert dot_string('a "b" c\\d\nnext') == '"a \\"b\\" c\\\\d next"'
    assert dot_string("ends with \\") == '"ends with \\\\"'
    assert dot_string("bell\x07") == '"bell\ufffd"'
    assert dot_string("&amp; &") == '"&amp;amp; &amp;"'  # Graphviz reads entities


def test_dot_of_the_minimal_base() -> None:
    assert dot(graph_at(path=MINIMAL)) == MINIMAL_DOT


MINIMAL_DOT = """\
digraph bilateral {
  graph [rankdir=LR, labelloc=t, fontname="Helvetica", label="Ties as of 2004-07-28"];
  node [fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9];
  subgraph cluster_1 {
    graph [label="Azerbaijan", style="rounded", color="#999999"];
    "AZ" [label="Azerbaijan", shape=box, peripheries=2];
    "abiyev-safar" [label="Safar Abiyev", shape=ellipse];
    "baku" [label="Baku", shape=house];
    "visit-baku-2004" [label="Pakistan's visit to Baku, July 2004", shape=note, \
tooltip="A visit to Baku."];
    "edge 1" [label="Minister of Defence, 1995-02-06 to 2013-10-28, held", \
shape=plaintext, fontsize=9, height=0.1, margin=0.02];
    "edge 4" [label="took part", \
shape=plaintext, fontsize=9, height=0.1, margin=0.02];
    "edge 5" [label="at", \
shape=plaintext, fontsize=9, height=0.1, margin=0.02];
  }
  "military" [label="Military cooperation", shape=hexagon, tooltip="Defence ties."];
  "PK" [label="Pakistan", shape=box, peripheries=2];
  "edge 7" [label="signed", \
shape=plaintext, fontsize=9, height=0.1, margin=0.02];
  "edge 2" [label="ties", \
shape=plaintext, fontsize=9, height=0.1, margin=0.02];
  "edge 3" [label="took part", \
shape=plaintext, fontsize=9, height=0.1, margin=0.02];
  "edge 6" [label="signed", \
shape=plaintext, fontsize=9, height=0.1, margin=0.02];
  "abiyev-safar" -> "edge 1" [arrowhead=none];
  "edge 1" -> "AZ";
  "PK" -> "edge 2" [arrowhead=none];
  "edge 2" -> "AZ";
  "PK" -> "edge 3" [arrowhead=none];
  "edge 3" -> "visit-baku-2004";
  "AZ" -> "edge 4" [arrowhead=none];
  "edge 4" -> "visit-baku-2004";
  "visit-baku-2004" -> "edge 5" [arrowhead=none];
  "edge 5" -> "baku";
  "AZ" -> "edge 6" [arrowhead=none];
  "edge 6" -> "military";
  "PK" -> "edge 7" [arrowhead=none];
  "edge 7" -> "military";
}
"""


def svg_texts(source: str) -> list[str]:
    """The text Graphviz draws for a DOT graph."""
    assert DOT is not None
    done = subprocess.run(
        [DOT, "-Tsvg"], input=source, capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    tree = ElementTree.fromstring(done.stdout)
    return [node.text or "" for node in tree.iter("{http://www.w3.org/2000/svg}text")]


@pytest.mark.slow
@needs_graphviz
def test_graphviz_accepts_the_whole_graph() -> None:
    texts = svg_texts(dot(graph_at()))
    assert "Minister of Defence, 1995-02-06 to 2013-10-22, held" in texts
    assert "Organization of the Islamic Conference" in texts


@needs_graphviz
def test_graphviz_draws_a_hostile_label_as_written(tmp_path: Path) -> None:
    texts = svg_texts(dot(graph_at(path=hostile_base(tmp_path))))
    assert HOSTILE.replace("\n", " ") in texts


@needs_graphviz
def test_graphviz_accepts_the_command_output() -> None:
    result = run("--facts", str(SHIPPED), "--as-of", AS_OF, "graph", "--around", "Baku")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("digraph bilateral {\n")  # DOT in a pipe
    assert "Baku" in svg_texts(result.stdout)


# ---------------------------------------------------------------- Mermaid

LABEL = r'"(?:[^"#&<>|`%\x00-\x1f\x7f-\x9f]|#[0-9]+;)*"'
ID = r"n[1-9][0-9]*"
GRAMMAR = {
    "header": re.compile(r"flowchart LR"),
    "comment": re.compile(r"    %% Ties as of \d{4}-\d{2}-\d{2}(?: \([^\n]*\))?"),
    "subgraph": re.compile(rf"    subgraph c[1-9][0-9]* \[{LABEL}\]"),
    "end": re.compile(r"    end"),
    "node": re.compile(
        rf"(?:    |        )(?P<id>{ID})(?:\[\[{LABEL}\]\]|\(\[{LABEL}\]\)|\[{LABEL}\]|>{LABEL}\]"
        rf"|\{{\{{{LABEL}\}}\}}|\({LABEL}\))"
    ),
    "edge": re.compile(rf"    (?P<source>{ID}) (?:-->|-\.->)\|{LABEL}\| (?P<target>{ID})"),
}
"""The subset of Mermaid's flowchart grammar that docs/brief.md documents, line by line."""


def check_mermaid(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Every line in the grammar, in its order; the node ids and the edges."""
    lines = text.splitlines()
    assert GRAMMAR["header"].fullmatch(lines[0])
    assert GRAMMAR["comment"].fullmatch(lines[1])
    nodes: list[str] = []
    links: list[tuple[str, str]] = []
    inside = False
    for line in lines[2:]:
        kind = next((name for name, form in GRAMMAR.items() if form.fullmatch(line)), None)
        assert kind in ("node", "edge", "subgraph", "end"), line
        if kind == "subgraph":
            assert not inside, "subgraphs do not nest"
            assert not links, "a subgraph holds nodes, before any edge"
            inside = True
        elif kind == "end":
            assert inside
            inside = False
        elif kind == "node":
            assert not links, "nodes come before edges"
            assert line.startswith("        ") == inside, "a node inside a subgraph is indented"
            nodes.append(GRAMMAR["node"].fullmatch(line)["id"])  # type: ignore[index]
        else:
            edge = GRAMMAR["edge"].fullmatch(line)
            assert edge is not None
            links.append((edge["source"], edge["target"]))
    assert not inside
    assert nodes == [f"n{number}" for number in range(1, len(nodes) + 1)]
    assert {end for link in links for end in link} <= set(nodes)
    return nodes, links


def decoded(label: str) -> str:
    """A Mermaid label read back: its entity codes as the characters they stand for."""
    return re.sub(r"#([0-9]+);", lambda m: chr(int(m[1])), label[1:-1])


@pytest.mark.slow
def test_mermaid_follows_the_documented_grammar() -> None:
    graph = graph_at()
    nodes, links = check_mermaid(mermaid(graph))
    assert (len(nodes), len(links)) == (len(graph.nodes), len(graph.edges))
    dashed = [line for line in mermaid(graph).splitlines() if " -.->|" in line]
    assert len(dashed) == sum(edge.ended for edge in graph.edges) > 0


def test_the_grammar_is_the_one_documented() -> None:
    docs = (ROOT / "docs" / "brief.md").read_text(encoding="utf-8")
    for form in ('[["', '(["', '>"', '{{"', '("', " --> ", " -.-> ", "#34;", "flowchart LR"):
        assert form in docs, form


def test_mermaid_labels_escape_what_mermaid_reads(tmp_path: Path) -> None:
    text = mermaid(graph_at(path=hostile_base(tmp_path)))
    check_mermaid(text)
    [line] = [line for line in text.splitlines() if line.startswith("    n5")]
    assert decoded(line[len("    n5{{") : -len("}}")]) == HOSTILE.replace("\n", " ")
    assert mermaid_string('a"b') == '"a#34;b"'
    assert mermaid_string("<i>") == '"#60;i#62;"'


def test_mermaid_of_the_minimal_base() -> None:
    assert mermaid(graph_at(path=MINIMAL)) == MINIMAL_MERMAID


MINIMAL_MERMAID = """\
flowchart LR
    %% Ties as of 2004-07-28
    subgraph c1 ["Azerbaijan"]
        n1[["Azerbaijan"]]
        n2(["Safar Abiyev"])
        n3>"Baku"]
        n4("Pakistan's visit to Baku, July 2004")
    end
    n5{{"Military cooperation"}}
    n6[["Pakistan"]]
    n2 -->|"Minister of Defence, 1995-02-06 to 2013-10-28, held"| n1
    n6 -->|"ties"| n1
    n6 -->|"took part"| n4
    n1 -->|"took part"| n4
    n4 -->|"at"| n3
    n1 -->|"signed"| n5
    n6 -->|"signed"| n5
"""


# ---------------------------------------------------------------- the tree


def tree_text(graph: Graph, starts: list[str] | None = None, depth: int = 1) -> str:
    tree = graphtree.focused(graph, starts, depth) if starts else graphtree.whole(graph)
    return graphtree.laid_out(tree, io.StringIO(), False)


def test_the_tree_shows_every_edge_once() -> None:
    base = base_at(AS_OF)
    whole = build(base, None)
    near = around(whole, ["musharraf-pervez"], 1)
    text = tree_text(near, ["musharraf-pervez"])
    assert text.splitlines()[0] == (
        f"Ties as of 2004-07-28 within 1 edge of Pervez Musharraf: {len(near.nodes)} nodes, "
        f"{len(near.edges)} edges"
    )
    assert len(text.splitlines()[2:]) == len(near.edges)  # one line per edge
    assert "President of Pakistan, 2001-06-20 to 2008-08-18, held \u2192 Pakistan" in text
    assert "agreed \u2192 Oil and gas  (shown elsewhere)" in text
    assert "proposed; requested \u2192 Oil and gas" in text


def test_the_whole_tree_groups_nodes_by_kind() -> None:
    text = tree_text(graph_at(path=MINIMAL))
    assert text == MINIMAL_TREE


MINIMAL_TREE = """\
Ties as of 2004-07-28: 6 nodes, 7 edges
├── Countries
│   ├── Azerbaijan  country
│   │   ├── took part → Pakistan's visit to Baku, July 2004
│   │   └── signed → Military cooperation
│   └── Pakistan  country
│       ├── ties → Azerbaijan
│       ├── took part → Pakistan's visit to Baku, July 2004
│       └── signed → Military cooperation
├── People
│   └── Safar Abiyev  person
│       └── Minister of Defence, 1995-02-06 to 2013-10-28, held → Azerbaijan
└── Events
    └── Pakistan's visit to Baku, July 2004  event
        └── at → Baku
"""


# ---------------------------------------------------------------- the command


def test_formats_from_the_command() -> None:
    common = ("--facts", str(MINIMAL), "--as-of", AS_OF, "graph")
    assert run(*common).stdout == MINIMAL_DOT
    assert run(*common, "--format", "mermaid").stdout == MINIMAL_MERMAID
    assert run(*common, "--format", "tree").stdout == MINIMAL_TREE


def test_depth_needs_a_name() -> None:
    result = run("--facts", str(MINIMAL), "graph", "--depth", "2")
    assert result.exit_code == 2
    assert "--depth counts edges from --around NAME; give --around too" in result.stderr


def test_a_name_that_matches_nothing_exits_1_with_suggestions() -> None:
    result = run("--facts", str(SHIPPED), "graph", "--around", "Musharaff Pervaz")
    assert result.exit_code == 1
    assert result.stderr == (
        "bilateral: nothing is named 'Musharaff Pervaz'; did you mean Pervez Musharraf?\n"
    )
    assert result.stdout == ""


@pytest.mark.slow
def test_at_a_terminal_a_tree() -> None:
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "xterm"}
    shown = run_in_terminal(
        ["--no-cache", "--as-of", AS_OF, "graph", "--around", "Abiyev", "--depth", "1"], env
    ).replace("\r\n", "\n")
    lines = shown.splitlines()
    assert lines[0].startswith("Ties as of 2004-07-28 within 1 edge of Safar Abiyev: ")
    assert lines[1] == "\u2514\u2500\u2500 Safar Abiyev  person"
    assert "\x1b[" not in shown


def test_at_a_terminal_text_formats_show_control_characters_as_escapes(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace(
        'name = "Baku"', 'name = "Baku\\u202e\\u001b[2J"', 1
    )
    path = write_base(tmp_path, text)
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}
    shown = run_in_terminal(
        ["--no-cache", "--facts", str(path), "graph", "--format", "mermaid"], env
    )
    assert '>"Baku\\u202e\ufffd[2J"]' in shown  # DOT and Mermaid: U+FFFD for a control
    piped = run("--facts", str(path), "graph", "--format", "mermaid").stdout
    assert '>"Baku\u202e\ufffd[2J"]' in piped


def test_a_damaged_store_is_rebuilt(tmp_path: Path, isolated_cache: Path) -> None:
    base = write_base(tmp_path, MINIMAL.read_text(encoding="utf-8"))
    expected = run("--facts", str(base), "--as-of", AS_OF, "graph").stdout
    with contextlib.closing(sqlite3.connect(cache_name(str(isolated_cache), str(base)))) as db:
        db.execute(
            "UPDATE packs SET data = randomblob(length(data)) "
            "WHERE block IN (SELECT rowid >> 4 FROM records WHERE type = 'country')"
        )
        db.commit()
    result = run("--facts", str(base), "--as-of", AS_OF, "graph")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


@pytest.mark.slow
def test_the_screen_graph_is_the_same_whatever_the_hash_seed() -> None:
    """Events of one date were once kept in the order of a set of strings, which Python's
    hash seed shuffles: the same command drew different graphs from one run to the next."""
    drawn = set()
    for seed in ("1", "2", "3", "4"):
        environment = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run(
            [sys.executable, "-m", "bilateral", "graph", "--as-of", "2026-03-11"],
            capture_output=True, text=True, env=environment, cwd=ROOT, check=True,
        )  # fmt: skip
        drawn.add(done.stdout)
    assert len(drawn) == 1
