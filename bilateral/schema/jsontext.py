"""Compact JSON text for documents, safe to print on a terminal."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

UNSAFE_IN_JSON = re.compile("[\u0080-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def _compact_encoder() -> Callable[[Any], str]:
    """`json.dumps(value, ensure_ascii=False, separators=(",", ":"))`, its encoder made once:
    dumps makes one for each call, which costs as much as encoding a small document."""
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]

    if c_make_encoder is None:  # pragma: no cover - a Python built without _json
        return encoder.encode
    # what JSONEncoder.iterencode makes for each call; no markers, as documents hold no cycle
    chunks = c_make_encoder(None, encoder.default, encode_basestring, None, ":", ",",
                            False, False, True)  # fmt: skip

    def encode(value: Any) -> str:
        return "".join(chunks(value, 0))

    return encode


_encode = _compact_encoder()


def to_json(document: dict[str, Any]) -> str:
    """Compact JSON whose text holds no character that could move a terminal's cursor."""
    text = _encode(document)
    if text.isascii():
        return text
    return UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
