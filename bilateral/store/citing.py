"""A source's fields that a citation names, kept apart from its document (in `citations`),
so a table's footnotes read them without inflating and parsing whole documents: the
officials table cites 234 sources, whose documents (mostly their notes) cost about 1.7 ms
to read for five short fields each."""

from __future__ import annotations

import zlib
from typing import Any

from bilateral.schema.wording import CITATION_FIELDS
from bilateral.store.integrity import StoreDamaged, sealed

Document = dict[str, Any]


def citation_blob(source: Document) -> bytes:
    """A source's fields that a citation names, as its row in `citations` holds them: a
    CRC-32 of the source's id and the rest, then the fields' compact JSON (so a row moved
    to another source fails its checksum too)."""
    from bilateral.schema.jsontext import to_json  # builds only

    fields = {key: source[key] for key in CITATION_FIELDS if key in source}
    data = to_json(fields).encode("utf-8", "surrogatepass")
    return zlib.crc32(data, _bound(source["id"])).to_bytes(4, "big") + data


def citation_text(source_id: str, blob: object) -> str:
    """The JSON text of the source's row of `citations`, once it matches its checksum;
    StoreDamaged otherwise (a row missing, of another type, too short, or changed)."""
    if not sealed(blob, _bound(source_id)) or len(blob) <= 4:
        raise StoreDamaged("a stored citation fails its checksum")
    try:
        return blob[4:].decode("utf-8", "surrogatepass")
    except UnicodeError as error:
        raise StoreDamaged("a stored citation fails its checksum") from error


def _bound(source_id: str) -> int:
    """Where a citation's checksum starts: the CRC-32 of its source's id."""
    return zlib.crc32(source_id.encode("utf-8", "surrogatepass"))
