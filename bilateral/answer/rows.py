"""One answer: a record's JSON text as stored, and its fields, unpacked only when needed."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator
from typing import Any, TypeVar, cast

Document = dict[str, Any]


class Row:
    """The store keeps each document once, as compact JSON text (compressed): written out
    unparsed by the JSON formats, and parsed only when a table, CSV or TSV needs its fields.
    A row made at answer time (`Row.of`) is written as JSON only when its text is asked
    for; like every answer's document, its document is never changed after."""

    __slots__ = ("_document", "_raw")

    def __init__(self, raw: str, document: Document | None = None) -> None:
        self._raw: str | None = raw
        self._document = document

    @property
    def raw(self) -> str:
        if self._raw is None:
            from bilateral.schema.jsontext import to_json  # only rows made at answer time

            self._raw = to_json(self.document)
        return self._raw

    def __repr__(self) -> str:
        return f"Row({self.raw[:60]!r}...)"

    @property
    def document(self) -> Document:
        if self._document is None:
            self._document = parsed(self.raw)
        return self._document

    @classmethod
    def stored(cls, blob: bytes, rowid: int) -> Row:
        """The row at `rowid`, read from the blob of its block in the store, once the blob
        matches the checksum written with it."""
        from bilateral.store.packing import document_text  # zlib only; every stored row

        return cls(document_text(blob, rowid))

    @classmethod
    def of(cls, document: Document) -> Row:
        row = cls.__new__(cls)
        row._raw, row._document = None, document
        return row


def parsed(text: str) -> Document:
    """A document's fields from its JSON text, read by JSON's own scanner without the layers
    `json.loads` puts around it (a listing parses thousands); ValueError unless the text is
    one JSON object and nothing more."""
    try:
        document, end = _scanner()(text, 0)
    except StopIteration:
        document, end = None, -1
    if end != len(text) or type(document) is not dict:
        raise ValueError("a stored document is not one JSON object")
    return document


class _Defaults:
    """What JSON's C scanner reads of a decoder: `json.loads`'s defaults."""

    strict = True
    object_hook = object_pairs_hook = array_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"-Infinity": -math.inf, "Infinity": math.inf, "NaN": math.nan}.__getitem__


@functools.cache
def _scanner() -> Callable[[str, int], tuple[Any, int]]:
    """What `json.loads` calls in the end. The json package around it (its decoder, encoder
    and their patterns) costs a start three times what the C scanner alone does."""
    try:
        from _json import make_scanner  # not on the path of the JSON formats (`raw` as is)

        # typeshed types the scanner's context as a scanner
        return make_scanner(_Defaults())  # type: ignore[arg-type]
    except (ImportError, AttributeError):  # no C scanner, or one that reads more settings
        import json.scanner  # as above

        return json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]


T = TypeVar("T")


def read_whole(result: T) -> T:
    """An answer read to its end (an iterator's rows are read now, while they can be
    read again from a rebuilt store)."""
    return cast(T, iter(list(result))) if isinstance(result, Iterator) else result
