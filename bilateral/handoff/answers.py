"""What the `brief` and `graph` commands print, as one text each, made from a base.

Text written for other tools (Markdown, HTML, DOT, Mermaid) keeps the base's characters in a
pipe; at a terminal, control, bidirectional and zero-width characters are shown as escapes,
as in every answer."""

from __future__ import annotations

from typing import TextIO

from bilateral.api import Base
from bilateral.handoff import graph as graphs
from bilateral.handoff.brief import briefing
from bilateral.render.escapes import visible


def for_output(text: str, terminal: bool) -> str:
    return visible(text) if terminal else text


def brief_text(
    base: Base,
    pair: str | None,
    chosen: str | None,
    out: TextIO,
    terminal: bool,
    since: str | None = None,
) -> str:
    """The note in the format chosen; with none, laid out for a terminal or, in a pipe,
    Markdown. What changed is counted from `since` (default: a year before the date)."""
    note = briefing(base, pair, since)
    if chosen == "html":
        from bilateral.handoff.htmlpage import page  # the HTML page alone

        return for_output(page(note), terminal)
    if chosen == "markdown" or not terminal:
        from bilateral.handoff.markdown import markdown  # Markdown alone

        return for_output(markdown(note), terminal)
    from bilateral.handoff.terminal import laid_out  # rich, for a terminal alone

    return laid_out(note, out, terminal)


def graph_text(
    base: Base,
    pair: str | None,
    name: str | None,
    depth: int,
    chosen: str | None,
    out: TextIO,
    terminal: bool,
    everything: bool = False,
) -> str:
    """The graph in the format chosen (with none, a tree at a terminal and DOT in a pipe):
    around a name, when one is given; else everything, with `everything`; else the pair
    and its nearest ties, to fit a screen."""
    whole = graphs.build(base, pair)
    starts = graphs.centres(base, whole, name) if name is not None else []
    if starts:
        shown = graphs.around(whole, starts, depth)
    elif everything:
        shown = whole.linked()
    else:
        from bilateral.handoff.graphview import screen  # the default view alone

        chosen_pair = base.query.resolve_pair(pair)
        pairs = [chosen_pair] if chosen_pair else base.query.pairs
        shown = screen(whole, [code for each in pairs for code in each.split("-")])
    fmt = chosen or ("tree" if terminal else "dot")
    if fmt == "tree":
        from bilateral.handoff import graphtree  # rich, for the tree alone

        tree = graphtree.focused(shown, starts, depth) if starts else graphtree.whole(shown)
        return graphtree.laid_out(tree, out, terminal)
    from bilateral.handoff.graphtext import dot, mermaid  # the text formats alone

    return for_output(dot(shown) if fmt == "dot" else mermaid(shown), terminal)
