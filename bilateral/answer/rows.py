"""One answer: a record's JSON text as stored, and its fields, unpacked only when needed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar, cast

Document = dict[str, Any]


class Row:
    """The store keeps each document once, as compact JSON text: written out unparsed by
    the JSON formats, and parsed only when a table, CSV or TSV needs its fields."""

    __slots__ = ("_document", "raw")

    def __init__(self, raw: str, document: Document | None = None) -> None:
        self.raw = raw
        self._document = document

    def __repr__(self) -> str:
        return f"Row({self.raw[:60]!r}...)"

    @property
    def document(self) -> Document:
        if self._document is None:
            import json  # not on the path of the JSON formats, which print `raw` as it is

            self._document = json.loads(self.raw)
        return self._document

    @classmethod
    def stored(cls, raw: str, checksum: int) -> Row:
        """A row read from the store, once it matches the checksum written with it."""
        from bilateral.store.integrity import verified  # zlib only; every stored row

        return cls(verified(raw, checksum))

    @classmethod
    def of(cls, document: Document) -> Row:
        from bilateral.schema.jsontext import to_json  # json, only for rows made at answer time

        return cls(to_json(document), document)


T = TypeVar("T")


def read_whole(result: T) -> T:
    """An answer read to its end (an iterator's rows are read now, while they can be
    read again from a rebuilt store)."""
    return cast(T, iter(list(result))) if isinstance(result, Iterator) else result
