"""Numbered source footnotes, wrapped between words to the width they are printed at, with
each address whole on a line of its own so that it can be copied (or, where it is longer
than the screen, wrapped softly by the terminal and still copied whole)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from bilateral.render.cells import cell_len, measure_for
from bilateral.render.escapes import visible
from bilateral.render.plain_text import SGR, styled
from bilateral.render.screen import Screen
from bilateral.schema.wording import full_citations

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

Sources = dict[str, dict[str, Any]]
"""Source records by id, for footnotes a reader can follow."""
INDENT = "    "


NESTED = (dict, list)


def cited_ids(documents: Iterable[object]) -> set[str]:
    """The ids of the sources cited anywhere in these documents, however deep: every
    source the footnotes of their table can name."""
    found: set[str] = set()
    waiting = [value for value in documents if value.__class__ in NESTED]
    while waiting:
        value = waiting.pop()
        inside: Iterable[Any] = value
        if value.__class__ is dict:
            source = value.get("source")
            if source.__class__ is str:
                found.add(source)
            inside = value.values()
        for inner in inside:  # a loop, not a list a container: a third of the time
            if inner.__class__ is dict or inner.__class__ is list:
                waiting.append(inner)
    return found


class Footnotes:
    """Numbers each distinct citation once, in order of first use."""

    def __init__(self, sources: Sources | None = None) -> None:
        self.numbers: dict[str, int] = {}
        self.parts: dict[int, tuple[str, str | None]] = {}
        self.sources = sources or {}
        self.known: dict[tuple[str, object, object], int] = {}

    def mark(self, cited: list[dict[str, Any]]) -> str:
        """The numbers of these citations, smallest first: '1,6,15'."""
        numbers = {self.number(cite) for cite in cited}
        return ",".join(str(number) for number in sorted(numbers))

    def number(self, cite: dict[str, Any]) -> int:
        key = (cite["source"], cite.get("paragraph"), cite.get("sentence"))
        if key not in self.known:  # a source cited again: the same citation, numbered once
            self.known[key] = self._numbered(cite)
        return self.known[key]

    def _numbered(self, cite: dict[str, Any]) -> int:
        source = self.sources.get(cite["source"])
        label, without = full_citations(cite, source)
        if label not in self.numbers:
            self.numbers[label] = len(self.numbers) + 1
            address = (source or {}).get("url")
            self.parts[self.numbers[label]] = (without, address)
        return self.numbers[label]

    def render(self) -> FootnoteLines:
        return FootnoteLines(
            (f"[{number}]", text, address) for number, (text, address) in self.parts.items()
        )


class FootnoteLines:
    """Footnotes laid out at the width they are printed at: `[n] text` wrapped between
    words under a hanging indent, then the address alone on the next line, indented
    where it fits so, else from the line's start (a terminal wraps it softly)."""

    def __init__(self, notes: Iterable[tuple[str, str, str | None]], style: str = "dim") -> None:
        self.notes = list(notes)
        self.style = style

    def text(self, screen: Screen) -> str | None:
        """The lines as __rich_console__ draws them, where each is printable."""
        if self.style and self.style not in SGR:
            return None
        written = []
        for line in self.lines(screen.width):
            if not line.isprintable():
                return None
            written.append(styled(line, self.style, screen.color) + "\n")
        return "".join(written)

    def renderable(self) -> RenderableType:
        return self

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment  # where rich prints the answer
        from rich.text import Text

        style = console.get_style(self.style)
        for line in self.lines(options.max_width):
            if line.isprintable():  # as rich draws an unwrapped Text, without building one
                yield Segment(line, style)
                yield Segment.line()
            else:
                yield Text(line, style=self.style, no_wrap=True, overflow="ignore", end="\n")

    def lines(self, width: int) -> Iterator[str]:
        for mark, text, address in self.notes:
            yield from wrapped(f"{mark} {visible(text)}", width)
            if address:
                shown = visible(address)
                fits = 2 * len(INDENT + shown) <= width or cell_len(INDENT + shown) <= width
                yield INDENT + shown if fits else shown


def wrapped(text: str, width: int, indent: str = INDENT) -> list[str]:
    """Text broken between words only, measured in terminal cells; lines after the first
    start with `indent`; a word longer than the width stands whole on its line."""
    if 2 * len(text) <= width:  # no character is wider than two cells: one line, unmeasured
        return [" ".join(text.split())]
    lines: list[str] = []
    line = ""
    cells = 0  # cell_len(line), kept as the line grows: measuring it anew is quadratic
    joined = "\ufe0f" in text  # a selector that widens what comes before it: measure whole
    measure = measure_for(text)
    for word in text.split():
        size = measure(word)
        if joined:
            cells = cell_len(line)
        if not line:
            line = (indent if lines else "") + word
            cells = (cell_len(indent) if lines else 0) + size
        elif cells + 1 + size <= width:
            line += " " + word
            cells += 1 + size
        else:
            lines.append(line)
            line = indent + word
            cells = cell_len(indent) + size
    return [*lines, line]
