"""Compact JSON text for documents, safe to print on a terminal."""

from __future__ import annotations

import json
import re
from typing import Any

UNSAFE_IN_JSON = re.compile("[\u0080-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def to_json(document: dict[str, Any]) -> str:
    """Compact JSON whose text holds no character that could move a terminal's cursor."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
