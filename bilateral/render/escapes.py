"""The one place that makes untrusted text safe: for a terminal, for an output encoding
that cannot hold every character, and for a spreadsheet."""

from __future__ import annotations

import re

TERMINAL_UNSAFE = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\u180e\ufeff]"
)


def visible(text: str) -> str:
    """Text safe for a terminal: control, bidi and zero-width characters shown as escapes."""
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        return text  # nearly every value: no character above is printable
    if re.search(TERMINAL_UNSAFE, text) is None:
        return text
    return re.sub(TERMINAL_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", text)


def json_for(text: str, encoding: str) -> str:
    """JSON text that `encoding` can hold: every character it cannot is written as a `\\u`
    escape (two, a surrogate pair, above U+FFFF). JSON keeps every character that is not
    ASCII inside its strings, where such an escape means the same character."""

    def escaped(character: str) -> str:
        try:
            character.encode(encoding)
        except UnicodeEncodeError:
            code = ord(character)
            if code <= 0xFFFF:
                return f"\\u{code:04x}"
            code -= 0x10000
            return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
        return character

    return re.sub(r"[^\x00-\x7f]", lambda match: escaped(match.group()), text)


FORMULA = r"[=+\-@\t\r]"
NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
"""Patterns, compiled (and cached by `re`) when a CSV is written, not on every start."""


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet will not run: one that starts like a formula (=, +, -, @,
    a tab or a carriage return) and is not a plain number gets a leading apostrophe."""
    if cell and re.match(FORMULA, cell) and not re.fullmatch(NUMBER, cell):
        return "'" + cell
    return cell
