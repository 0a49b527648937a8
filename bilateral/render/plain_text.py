"""An answer for people written as rich would write it, without importing rich.console:
each part says what rich prints for it (screen.py decides width and colour), or None when
it needs what only rich does (wrapping, a character rich sanitises); then rich prints the
whole answer. The bytes are the same either way (tests/test_plain_text.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

from bilateral.render.cells import cell_len
from bilateral.render.screen import Screen, screen_for

if TYPE_CHECKING:
    from rich.console import RenderableType

SGR = {"bold": "1", "dim": "2", "yellow": "33"}
"""The select-graphic-rendition code rich writes for each style answers use, whatever the
colour system (yellow is one of the eight standard colours)."""


class Part(Protocol):
    def text(self, screen: Screen) -> str | None:
        """What rich prints for this part, or None where rich must print it."""

    def renderable(self) -> RenderableType:
        """The part for rich to print."""


def styled(text: str, style: str | None, color: bool) -> str:
    """Text in a style, as rich's Style.render writes it."""
    if not (color and style and text):
        return text
    return f"\x1b[{SGR[style]}m{text}\x1b[0m"


def rendered(pieces: Iterable[tuple[str, str | None]], color: bool) -> str:
    return "".join(styled(text, style, color) for text, style in pieces)


class Words:
    """Text in one style, as rich's Text(text, style=style) prints: each line in the style,
    then a line break."""

    def __init__(self, text: str, style: str | None = None) -> None:
        self.words, self.style = text, style

    def text(self, screen: Screen) -> str | None:
        lines = self.words.split("\n")
        width = screen.width
        if self.style and self.style not in SGR:
            return None
        if not all(
            line.isprintable() and len(line) <= width and cell_len(line) <= width for line in lines
        ):
            return None  # rich would wrap the line (or crop its trailing blanks)
        return "".join(styled(line, self.style, screen.color) + "\n" for line in lines)

    def renderable(self) -> RenderableType:
        from rich.text import Text  # only where rich prints the answer

        return Text(self.words, style=self.style or "")


def print_parts(parts: Sequence[Part], out: TextIO, terminal: bool) -> None:
    """Print an answer as screen_tables.print_once prints it: at a terminal as rich draws
    it; in a pipe without the blanks that pad each line to its table's width."""
    whole = _written(parts, out, terminal)
    if whole is None:
        from rich.console import Group  # rich prints what this module does not

        from bilateral.render.screen_tables import print_once  # as above

        print_once(Group(*(part.renderable() for part in parts)), out, terminal)
    elif terminal:
        out.write(whole)
    else:
        out.write("".join(line.rstrip() + "\n" for line in whole.splitlines()))


def print_direct(part: Words, out: TextIO, terminal: bool) -> None:
    """Print words as console_for(out, terminal).print(words) does (which crops what is
    wider than the screen: Words are written here only where they fit)."""
    whole = _written([part], out, terminal)
    if whole is not None:
        out.write(whole)
        return
    from bilateral.render.screen_tables import console_for  # rich prints it

    console_for(out, terminal).print(part.renderable())


def _written(parts: Sequence[Part], out: TextIO, terminal: bool) -> str | None:
    screen = screen_for(out, terminal)
    if screen is None:
        return None
    texts = []
    for part in parts:
        text = part.text(screen)
        if text is None:
            return None
        texts.append(text)
    return "".join(texts)
