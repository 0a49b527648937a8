"""The one place that makes untrusted text safe for a terminal."""

from __future__ import annotations

import re

TERMINAL_UNSAFE = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\u180e\ufeff]"
)


def visible(text: str) -> str:
    """Text safe for a terminal: control, bidi and zero-width characters shown as escapes."""
    return re.sub(TERMINAL_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", text)
