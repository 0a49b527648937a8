"""A stored document's JSON text read back: what json.loads gives, or a ValueError."""

from __future__ import annotations

import json

import pytest

from bilateral.answer.rows import Row, parsed
from bilateral.schema.jsontext import to_json

DOCUMENT: dict[str, object] = {
    "id": "az-pk-trade-1",
    "value": {"low": 1.5, "high": 30000, "currency": "USD"},
    "notes": [],
    "end": None,
    "flag": True,
    "name": "Bak\u0131 \u2028 \u00abx\u00bb",
}


def test_a_stored_document_parses_as_json_loads_gives_it() -> None:
    text = to_json(DOCUMENT)
    assert parsed(text) == json.loads(text) == DOCUMENT
    assert Row(text).document == DOCUMENT


@pytest.mark.parametrize("text", ["", "garbage", '{"a":', '{"a":1} x', "[1]", '"a"', " {}"])
def test_text_that_is_not_one_json_object_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="not one JSON object"):
        parsed(text)
