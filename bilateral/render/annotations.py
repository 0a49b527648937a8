"""What a table says beside its cells: notes as lettered marks, a legend for the certainty
words it uses, and every statement the sources dispute, side by side."""

from __future__ import annotations

from typing import Any

from bilateral.render.escapes import visible
from bilateral.render.footnotes import FootnoteLines
from bilateral.render.plain_text import Words
from bilateral.render.views import text
from bilateral.schema.vocabulary import CERTAINTY_MEANINGS

Document = dict[str, Any]


class NoteMarks:
    """Letters each note once, in order of first use: [a], [b], ..."""

    def __init__(self) -> None:
        self.letters: dict[str, str] = {}

    def mark(self, notes: list[Document], cite: Any) -> str:
        marks = []
        for note in notes:
            body = f"{note['text']} [{cite(note['sources'])}]" if note["sources"] else note["text"]
            marks.append(self.letters.setdefault(body, _letter(len(self.letters))))
        return "".join(f"[{mark}]" for mark in dict.fromkeys(marks))

    def render(self) -> FootnoteLines:
        """Each note wrapped between words under a hanging indent."""
        return FootnoteLines(
            ((f"[{letter}]", body, None) for body, letter in self.letters.items()), style=""
        )


def _letter(position: int) -> str:
    """The mark of the note at `position` (from 0): a to z, then aa to zz, then aaa..."""
    mark = ""
    position += 1
    while position:
        position, last = divmod(position - 1, 26)
        mark = "abcdefghijklmnopqrstuvwxyz"[last] + mark
    return mark


def certainty_legend(rows: list[Document]) -> Words | None:
    """One line for each certainty word the table shows, in the ladder's order."""
    used = {row.get("certainty") for row in rows}
    lines = [f"{word}: {meaning}" for word, meaning in CERTAINTY_MEANINGS.items() if word in used]
    return Words("\n".join(lines), style="dim") if lines else None


def dispute_lines(documents: list[Document], cite: Any) -> Words | None:
    """'Disputed: ID FIELD: VALUE (who says) [n] | VALUE (who says) [m]', one line each."""
    lines = []
    for document in documents:
        disputes = [(document["id"], d) for d in document.get("disputes") or []]
        for role in document.get("roles") or []:  # a person's roles: '(Title)' after the id
            disputes += [(f"{document['id']} ({role['title']})", d) for d in role["disputes"]]
        for label, dispute in disputes:
            values = " | ".join(
                f"{text(entry['value'])}"
                + (f" ({entry['says']})" if entry.get("says") else "")
                + f" [{cite(entry['sources'])}]"
                for entry in dispute["values"]
            )
            lines.append(f"Disputed: {label} {dispute['field']}: {values}")
    return Words(visible("\n".join(lines)), style="yellow") if lines else None
