"""The note as one self-contained HTML page: its style inline (a print style included), no
script and nothing fetched from elsewhere. Every piece of text goes through `html.escape`,
characters HTML cannot hold become U+FFFD, and only http and https addresses become links."""

from __future__ import annotations

import html
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
from bilateral.render.tradechart import COLOURS, summary, svg

NOT_IN_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
STYLE = """\
body { font: 15px/1.45 Georgia, "Times New Roman", serif; color: #111; background: #fff;
  max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.45em; margin: 0 0 0.2em; }
h2 { font-size: 1.1em; margin: 0.6em 0 0.2em; border-bottom: 1px solid #bbb; }
p { margin: 0.3em 0; }
ul { margin: 0.2em 0; padding-left: 1.3em; }
li { margin: 0.1em 0; }
sup.refs { font-size: 0.7em; line-height: 0; }
sup.refs a { text-decoration: none; }
figure.trade { margin: 0.3em 0; }
figure.trade svg { margin-right: 1em; vertical-align: top; }
figcaption { font-size: 0.9em; }
ul.keys { list-style: none; padding-left: 0; }
.key { font-weight: bold; }
ul.columns { columns: 2; column-gap: 2em; }
.footnotes { font-size: 0.72em; line-height: 1.15; margin-top: 0.8em; }
.footnotes h2 { font-size: 1.2em; }
.footnotes ol { padding-left: 1.8em; margin: 0.2em 0; }
.footnotes li { overflow-wrap: anywhere; }
@page { size: A4; margin: 1cm 1.5cm; }
@media print {
  body { font-size: 9pt; line-height: 1.2; max-width: none; margin: 0; padding: 0;
    color: #000; }
  a { color: #000; text-decoration: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  li, figure { break-inside: avoid; page-break-inside: avoid; }
}"""


def escape(text: str) -> str:
    """Text as HTML shows it: markup characters as references, and nothing HTML forbids."""
    return html.escape(NOT_IN_HTML.sub("\ufffd", text), quote=True)


def page(note: Note) -> str:
    title = escape(f"{note.title}, as of {note.as_of}")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<article>",
        *(block_html(block) for block in note.blocks),
        *_footnotes(note.citations),
        "</article>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def block_html(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{line_html(block.spans)}</p>"
    if isinstance(block, Figure):
        return _figure(block)
    return _list(block.items, block.style)


def _figure(figure: Figure) -> str:
    """The charts as inline SVG, then a key: each reporter's colour, line and latest figure."""
    keys = []
    for chart in figure.charts:
        for index, side in enumerate(chart.sides):
            colour = COLOURS[index % len(COLOURS)]
            line = "- -" if index else "\u2014"
            swatch = f'<span class="key" style="color:{colour}">{line}</span>'
            said = f"{chart.title}, {side.tag}: {summary(chart, side)}"
            keys.append(f"<li>{swatch} {escape(said)}</li>")
    several = any(len(chart.years) > 1 for chart in figure.charts)
    drawn = svg(figure.charts, 240, 42) if several else ""  # one year each: the key says it
    return (
        f'<figure class="trade">{drawn}'
        f'<figcaption><ul class="keys">{"".join(keys)}</ul>'
        f"{line_html(figure.caption)}</figcaption></figure>"
    )


def _list(items: list[Item], style: str = "") -> str:
    inner = "".join(
        f"<li>{line_html(item.spans)}{_list(item.children) if item.children else ''}</li>"
        for item in items
    )
    return f'<ul class="{style}">{inner}</ul>' if style else f"<ul>{inner}</ul>"


def line_html(spans: Line) -> str:
    out: list[str] = []
    refs: list[str] = []
    for span in spans:
        if span.style == "ref":
            refs.append(span.text)
            continue
        if refs:
            out.append(_refs(refs))
            refs = []
        text = escape(span.text)
        out.append(f"<strong>{text}</strong>" if span.style == "strong" else text)
    if refs:
        out.append(_refs(refs))
    return "".join(out)


def _refs(numbers: list[str]) -> str:
    """Links to the footnotes; three or more in a row as the first and the last."""
    links = ",".join(
        _link(first) + (f"\u2013{_link(last)}" if last > first else "")
        for first, last in runs(numbers)
    )
    return f'<sup class="refs">{links}</sup>'


def _link(number: int) -> str:
    return f'<a href="#fn{number}">{number}</a>'


def _footnotes(citations: list[Citation]) -> list[str]:
    if not citations:
        return []
    items = "\n".join(
        f'<li id="fn{citation.number}" value="{citation.number}">{citation_html(citation)}</li>'
        for citation in citations
    )
    return [
        '<section class="footnotes">',
        "<h2>Sources</h2>",
        f"<ol>\n{items}\n</ol>",
        "</section>",
    ]


def citation_html(citation: Citation) -> str:
    text = escape(citation.head())
    if citation.url:
        address = escape(citation.url)
        link = WEB_ADDRESS.fullmatch(citation.url)
        text += f', <a href="{address}">{address}</a>' if link else f", {address}"
    return text
