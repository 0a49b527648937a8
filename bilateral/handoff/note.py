"""A briefing note before it has a format: headings, paragraphs and lists of spans, and
numbered citations. Markdown, HTML and the terminal each render this one note, so every
format says the same thing and each escapes the data its own way."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from bilateral.render.tradechart import Chart

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
    style: str = ""
    """'columns' for short items an HTML page may set in two columns."""


@dataclass
class Figure:
    """Trade by year as charts, with a line of words under them."""

    charts: list[Chart]
    caption: Line


Block = Heading | Paragraph | Bullets | Figure


@dataclass(frozen=True)
class Citation:
    """One note per source: `text` is who published what and when, `places` the
    paragraphs and sentences cited in it (¶1.1), `url` its address; `later` when the
    source is dated after the note's date."""

    number: int
    text: str
    url: str | None
    places: tuple[str, ...] = ()
    later: bool = False

    def full(self) -> str:
        """'CACI Analyst, 2004-07-28, ¶1.1, ¶3.2, URL'."""
        return ", ".join([self.head(), *([self.url] if self.url else [])])

    def head(self) -> str:
        """The citation up to its address, the places cited and a later source marked."""
        said = ", ".join([self.text, *self.places])
        return said + (" (later than the note's date)" if self.later else "")


@dataclass
class Note:
    title: str
    as_of: str
    blocks: list[Block]
    citations: list[Citation]


class Citations:
    """Numbers each source once, in the order the note first cites it, and gathers the
    places cited in it."""

    def __init__(self, sources: Mapping[str, Document], as_of: str = "9999-12-31") -> None:
        self.sources = sources
        self.as_of = as_of
        self.numbers: dict[str, int] = {}
        self.places: dict[str, dict[tuple[int, int], None]] = {}

    def refs(self, cited: list[Document]) -> Line:
        """Footnote marks for citations, each source once, in number order."""
        numbers = sorted({self._number(cite) for cite in cited})
        return [Span(str(number), "ref") for number in numbers]

    def _number(self, cite: Document) -> int:
        key = str(cite["source"])
        number = self.numbers.setdefault(key, len(self.numbers) + 1)
        places = self.places.setdefault(key, {})
        if cite.get("paragraph") is not None:
            places[(int(cite["paragraph"]), int(cite.get("sentence") or 0))] = None
        return number

    def later(self, cited: list[Document]) -> list[str]:
        """The dates of the sources among these citations dated after the note's date."""
        found = {self._date(cite["source"]) for cite in cited}
        return sorted(day for day in found if day and day > self.as_of)

    def _date(self, source: str) -> str:
        return str((self.sources.get(source) or {}).get("date") or "")

    def date_of(self, source: str) -> str:
        """The source's date ('' when it has none)."""
        return self._date(source)

    def listed(self) -> list[Citation]:
        return [self._citation(key, number) for key, number in self.numbers.items()]

    def _citation(self, key: str, number: int) -> Citation:
        source = self.sources.get(key)
        places = tuple(f"¶{p}.{s}" for p, s in sorted(self.places.get(key, {})))
        if source is None:
            return Citation(number, key, None, places)
        parts = [source.get("author"), source.get("publisher")]
        if source.get("title"):
            parts.append(f"“{source['title']}”")
        parts.append(source.get("date"))
        text = ", ".join(str(part) for part in parts if part) or key
        later = bool(source.get("date")) and str(source["date"]) > self.as_of
        return Citation(number, text, source.get("url") or None, places, later)


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
