"""The note as Markdown: CommonMark with pandoc's footnotes (`[^1]` in the text, `[^1]: ...`
at the end), which pandoc, GitHub and markdown-it's footnote plugin all read.

Every piece of text is escaped: each ASCII character that can start markup in CommonMark
or pandoc's Markdown gets a backslash, a line never starts with what could open a block
(`1.`, `-`, `+`, `:`), and a run of white space (a line break included) becomes one space,
as a reader of the rendered note would see it anyway. Nothing in the base becomes markup.
"""

from __future__ import annotations

import re

from bilateral.handoff.note import (
    WEB_ADDRESS,
    Block,
    Citation,
    Figure,
    Heading,
    Item,
    Line,
    Note,
    Paragraph,
    runs,
)
from bilateral.render.tradechart import sparkline, summary

ESCAPED = re.compile(r"([\\`*_{}\[\]<>#|~^$@&])")
"""Characters that start inline markup (emphasis, code, links, HTML, entities, pandoc's
spans, attributes, citations, math, super- and subscripts, tables)."""
BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([-+:=])")
SPACES = re.compile(r"\s+")
INDENT = "    "


def escape(text: str) -> str:
    """Text that reads as itself in Markdown, on one line."""
    return ESCAPED.sub(r"\\\1", SPACES.sub(" ", text))


def guarded(line: str) -> str:
    """A line that cannot open a list, a heading underline or a definition."""
    line = line.lstrip()
    return BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line, count=1)


def markdown(note: Note, footnotes: bool = True) -> str:
    """The whole note. With `footnotes` False (for rich at a terminal, which reads no
    footnotes), references are written [1] or [3-5] and the citations left to the caller."""
    parts = [block_text(block, footnotes) for block in note.blocks]
    if footnotes:
        parts += [f"[^{c.number}]: {citation_text(c)}" for c in note.citations]
    return "\n\n".join(parts) + "\n"


def block_text(block: Block, footnotes: bool) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + guarded(escape(block.text))
    if isinstance(block, Paragraph):
        return guarded(line_text(block.spans, footnotes))
    if isinstance(block, Figure):
        return figure_text(block, footnotes)
    return "\n".join(_item_lines(item, 0, footnotes) for item in block.items)


def _item_lines(item: Item, depth: int, footnotes: bool) -> str:
    lines = [f"{INDENT * depth}- {guarded(line_text(item.spans, footnotes))}"]
    lines += [_item_lines(child, depth + 1, footnotes) for child in item.children]
    return "\n".join(lines)


def line_text(spans: Line, footnotes: bool) -> str:
    out: list[str] = []
    refs: list[str] = []
    for span in spans:
        if span.style == "ref":
            refs.append(span.text)
            continue
        if refs:
            out.append(_refs(refs, footnotes))
            refs = []
        out.append(_strong(span.text) if span.style == "strong" else escape(span.text))
    if refs:
        out.append(_refs(refs, footnotes))
    return "".join(out).rstrip()


def _refs(numbers: list[str], footnotes: bool) -> str:
    if footnotes:
        return "".join(f"[^{number}]" for number in numbers)
    ranges = (f"{first}-{last}" if last > first else str(first) for first, last in runs(numbers))
    return f" \\[{','.join(ranges)}\\]"


def _strong(text: str) -> str:
    """Bold text; emphasis marks need text that neither starts nor ends with a space."""
    inner = escape(text).strip()
    return f"**{inner}**" if inner else ""


def figure_text(figure: Figure, footnotes: bool) -> str:
    """Each reporter's line as a sparkline, one year a character, with its years and its
    latest figure; then the caption."""
    lines = []
    for chart in figure.charts:
        for side in chart.sides:
            said = f"{chart.title}, {side.tag}: "
            spark = sparkline(side, chart.years)
            lines.append(f"- {guarded(escape(said))}`{spark}` {escape(summary(chart, side))}")
    return "\n".join(lines) + "\n\n" + guarded(line_text(figure.caption, footnotes))


def citation_text(citation: Citation) -> str:
    """The source, the places cited in it, and its address, a link when it is a plain web
    address."""
    text = escape(citation.head())
    if citation.url:
        link = f"<{citation.url}>" if WEB_ADDRESS.fullmatch(citation.url) else escape(citation.url)
        text += f", {link}"
    return text
