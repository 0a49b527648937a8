"""A briefing note before it has a format: headings, paragraphs and lists of spans, and
numbered citations. Markdown, HTML and the terminal each render this one note, so every
format says the same thing and each escapes the data its own way."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from bilateral.schema.wording import full_citation

Document = dict[str, Any]
WEB_ADDRESS = re.compile(r"https?://[^\s<>\"\\\x00-\x1f\x7f-\x9f]+")
"""An address safe to make a link of: http or https, nothing that could end the link early."""
Style = Literal["plain", "strong", "ref"]


@dataclass(frozen=True)
class Span:
    """A run of text; a `ref` span is the number of a footnote."""

    text: str
    style: Style = "plain"


Line = list[Span]


@dataclass
class Item:
    spans: Line
    children: list[Item] = field(default_factory=list)


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Paragraph:
    spans: Line


@dataclass
class Bullets:
    items: list[Item]


Block = Heading | Paragraph | Bullets


@dataclass(frozen=True)
class Citation:
    """One footnote: `text` is the full citation up to its address; then `url` and the
    source's id, so that a format can make the address a link."""

    number: int
    text: str
    url: str | None
    source: str | None

    def full(self) -> str:
        """The citation as `bilateral.schema.wording.full_citation` writes it."""
        parts = self.text + (f", {self.url}" if self.url else "")
        return parts + (f" ({self.source})" if self.source else "")


@dataclass
class Note:
    title: str
    as_of: str
    blocks: list[Block]
    citations: list[Citation]


class Citations:
    """Numbers each distinct citation once, in the order the note first cites it."""

    def __init__(self, sources: Mapping[str, Document]) -> None:
        self.sources = sources
        self.by_text: dict[str, Citation] = {}

    def refs(self, cited: list[Document]) -> Line:
        """Footnote marks for citations, each once, in number order."""
        numbers = sorted({self._citation(cite).number for cite in cited})
        return [Span(str(number), "ref") for number in numbers]

    def _citation(self, cite: Document) -> Citation:
        source = self.sources.get(cite["source"])
        full = full_citation(cite, source)
        if full not in self.by_text:
            self.by_text[full] = _split(cite, source, full, len(self.by_text) + 1)
        return self.by_text[full]

    def listed(self) -> list[Citation]:
        return sorted(self.by_text.values(), key=lambda citation: citation.number)


def _split(cite: Document, source: Document | None, full: str, number: int) -> Citation:
    """The citation cut into its text, its address and its source id."""
    if source is None:
        return Citation(number, full, None, None)
    url = source.get("url") or None
    head = full_citation(cite, {**source, "url": None}).removesuffix(f" ({cite['source']})")
    return Citation(number, head, url, str(cite["source"]))


def runs(numbers: list[str]) -> list[tuple[int, int]]:
    """(3, 5), (9, 9) for 3, 4, 5, 9: three or more numbers in a row as one range."""
    found: list[list[int]] = []
    for number in (int(text) for text in numbers):
        if found and number == found[-1][-1] + 1:
            found[-1].append(number)
        else:
            found.append([number])
    pairs: list[tuple[int, int]] = []
    for run in found:
        pairs += [(run[0], run[-1])] if len(run) > 2 else [(n, n) for n in run]
    return pairs


def plain(text: object) -> Span:
    return Span(str(text))


def strong(text: object) -> Span:
    return Span(str(text), "strong")
