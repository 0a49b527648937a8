"""The note for reading at a terminal: its body laid out by rich from its Markdown
(references as [1] or [3-5]), then the sources wrapped between words, each address whole on
a line of its own to be copied; nothing in it can move the cursor."""

from __future__ import annotations

from typing import TextIO

from rich.markdown import Markdown
from rich.text import Text

from bilateral.handoff.markdown import markdown
from bilateral.handoff.note import Note
from bilateral.render.escapes import visible
from bilateral.render.footnotes import FootnoteLines
from bilateral.render.tables import console_for


def laid_out(note: Note, out: TextIO, terminal: bool) -> str:
    """The note as the console for `out` would print it (colour, width), as text."""
    console = console_for(out, terminal)
    sources = FootnoteLines((f"[{c.number}]", c.head(), c.url) for c in note.citations)
    with console.capture() as capture:
        console.print(Markdown(visible(markdown(note, footnotes=False)), hyperlinks=False))
        if note.citations:
            console.print()
            console.print(Text("Sources", style="bold"))
            console.print(sources, crop=False)
    return capture.get()
