"""A record as the store keeps it: its document's JSON text and its search text, compressed
together into one blob behind the checksum of what they were.

Each record is compressed on its own (raw deflate, level 9), so any one is read alone, and
with a preset dictionary of what documents share (DICTIONARY): the fields of every kind in
their order and the words the kinds add to the search text. A record's bytes depend on
nothing but its own text, so the one-file update writes the bytes a full build does.
"""

from __future__ import annotations

import functools
import zlib

from bilateral.store.dictionary import DICTIONARY
from bilateral.store.integrity import StoreDamaged

SEPARATOR = "\x00"
"""Between the document and its search columns: JSON text escapes it, search terms hold
none."""
COLUMNS = 3
"""The search columns: names, titles, body."""
WINDOW = -13
"""Raw deflate with an 8 KiB window: it holds the dictionary, and costs a quarter of the
time of the largest to set up for each record, for the same bytes."""
MEMORY = 6


def pack(document_json: str, search: tuple[str, str, str]) -> bytes:
    """The blob of a record: the CRC-32 of its text, then the text deflated."""
    text = SEPARATOR.join((document_json, *search)).encode("utf-8", "surrogatepass")
    packer = _primed().copy()
    return zlib.crc32(text).to_bytes(4, "big") + packer.compress(text) + packer.flush()


@functools.cache
def _primed() -> zlib._Compress:
    """A compressor with the dictionary loaded, copied for each record: the same state, and
    so the same bytes, as one made anew, without hashing the dictionary again each time."""
    return zlib.compressobj(9, zlib.DEFLATED, WINDOW, MEMORY, zlib.Z_DEFAULT_STRATEGY, DICTIONARY)


def unpacked(blob: bytes) -> list[str]:
    """The document's JSON text and its three search columns, once the blob inflates whole
    to text matching its checksum; StoreDamaged otherwise."""
    try:
        unpacker = zlib.decompressobj(WINDOW, DICTIONARY)
        data = unpacker.decompress(blob[4:]) + unpacker.flush()
        whole = unpacker.eof and not unpacker.unused_data
        if not whole or zlib.crc32(data) != int.from_bytes(blob[:4], "big"):
            raise StoreDamaged("a stored record fails its checksum")
        parts = data.decode("utf-8", "surrogatepass").split(SEPARATOR)
    except (zlib.error, TypeError, UnicodeError) as error:
        raise StoreDamaged("a stored record fails its checksum") from error
    if len(parts) != COLUMNS + 1 or type(blob) is not bytes:
        raise StoreDamaged("a stored record fails its checksum")
    return parts


def document_text(blob: bytes) -> str:
    """The document's JSON text of a stored record."""
    return unpacked(blob)[0]
