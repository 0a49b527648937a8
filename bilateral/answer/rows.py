"""One answer: a record's JSON text as stored, and its fields, unpacked only when needed."""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from typing import Any, TypeVar, cast

Document = dict[str, Any]


class Row:
    """The store keeps each document twice: as JSON text, written out unparsed by the
    JSON formats, and marshalled, which unpacks faster than JSON parses (and needs no
    import) for tables, CSV and TSV."""

    __slots__ = ("_data", "_document", "raw")

    def __init__(
        self, raw: str, document: Document | None = None, data: bytes | None = None
    ) -> None:
        self.raw = raw
        self._document = document
        self._data = data

    def __repr__(self) -> str:
        return f"Row({self.raw[:60]!r}...)"

    @property
    def document(self) -> Document:
        if self._document is None:
            if self._data is not None:
                self._document = marshal.loads(self._data)
            else:
                import json  # only for rows built without their marshalled form

                self._document = json.loads(self.raw)
        return self._document

    @classmethod
    def stored(cls, raw: str, data: bytes, checksum: int) -> Row:
        """A row read from the store, once it matches the checksum written with it."""
        from bilateral.store.integrity import verified  # zlib only; every stored row

        raw, data = verified(raw, data, checksum)
        return cls(raw, data=data)

    @classmethod
    def of(cls, document: Document) -> Row:
        from bilateral.schema.jsontext import to_json  # json, only for rows made at answer time

        return cls(to_json(document), document)


T = TypeVar("T")


def read_whole(result: T) -> T:
    """An answer read to its end (an iterator's rows are read now, while they can be
    read again from a rebuilt store)."""
    return cast(T, iter(list(result))) if isinstance(result, Iterator) else result
