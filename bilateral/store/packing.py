"""Records as the store keeps them: each one's document JSON text and search text, sixteen
records to a blob (a block of rowids), compressed together behind a checksum of the
compressed bytes.

Records of one block are neighbours in the base (rowids follow the files' order), so they
share most of their words: a block deflates to a third of what its records do one by one.
A block is deflated with a preset dictionary of what documents share (DICTIONARY), its
sixteen documents first and their search texts after, so an answer, which reads documents
only, inflates the documents and stops (about a third of the text). Its bytes depend on
nothing but its records' text, so the one-file update, which packs again the blocks it
touched, writes the bytes a full build does. A reader inflates a block once and keeps it
(`block_documents`, or whole for `block_slots`; the BLOCKS_KEPT read last): `show` reads one
block; a listing in its sort order comes back to a block once for each year or date its
records span.
"""

from __future__ import annotations

import contextlib
import functools
import zlib
from collections import OrderedDict
from collections.abc import Mapping
from typing import TYPE_CHECKING

from bilateral.store.dictionary import DICTIONARY
from bilateral.store.integrity import StoreDamaged, sealed

if TYPE_CHECKING:
    import sqlite3

SEPARATOR = "\x00"
"""Between the document and its search columns: JSON text escapes it, search terms hold
none."""
SLOT = "\x01"
"""Between the records of a block, the same."""
COLUMNS = 3
"""The search columns: names, titles, body."""
BLOCK_BITS = 4
SLOTS = 1 << BLOCK_BITS
"""Records to a block: rowid >> BLOCK_BITS is the block, rowid % SLOTS the slot in it."""
WINDOW = -15
"""Raw deflate with a 32 KiB window: a block's text and the dictionary fit in it."""
MEMORY = 8
PACK = f"(SELECT data FROM packs WHERE block = {{}}.rowid >> {BLOCK_BITS})"
"""The block a record is in, as SQL over the records table's name or alias (`format`)."""


def block_of(rowid: int) -> int:
    return rowid >> BLOCK_BITS


def joined(document_json: str, search: tuple[str, str, str]) -> str:
    """A record's text as its block holds it."""
    return SEPARATOR.join((document_json, *search))


def pack(slots: list[str]) -> bytes:
    """The blob of a block, from its slots' texts ("" for a rowid no record has): the CRC-32
    of what follows it, the length of the documents' text, then the deflate of the slots'
    documents followed by the rest of their texts (the search columns, each after its
    SEPARATOR)."""
    documents = [slot.partition(SEPARATOR)[0] for slot in slots]
    rests = [slot[len(document) :] for slot, document in zip(slots, documents, strict=True)]
    head = SLOT.join(documents).encode("utf-8", "surrogatepass")
    text = head + SLOT.join(rests).encode("utf-8", "surrogatepass")
    packer = _primed().copy()
    deflated = packer.compress(text) + packer.flush()
    checked = len(head).to_bytes(4, "big") + deflated
    return zlib.crc32(checked).to_bytes(4, "big") + checked


@functools.cache
def _primed() -> zlib._Compress:
    """A compressor with the dictionary loaded, copied for each block: the same state, and
    so the same bytes, as one made anew, without hashing the dictionary again each time."""
    return zlib.compressobj(9, zlib.DEFLATED, WINDOW, MEMORY, zlib.Z_DEFAULT_STRATEGY, DICTIONARY)


def unpacked(blob: bytes, rowid: int) -> list[str]:
    """The document's JSON text and three search columns of the record at `rowid`, from the
    blob of its block, once the blob matches its checksum and inflates whole and the record
    is there; StoreDamaged otherwise."""
    if type(blob) is not bytes:
        raise StoreDamaged("a stored record fails its checksum")
    parts = block_slots(blob)[rowid & (SLOTS - 1)].split(SEPARATOR)
    if len(parts) != COLUMNS + 1:
        raise StoreDamaged("a stored record fails its checksum")
    return parts


BLOCKS_KEPT = 8192
"""A listing of all 30,000 trade figures of 100,000 records, by year, visits 1,900 blocks
again for each year; kept fewer than it visits, every row inflated its block again (1.5
times the time of a listing). At most about 80 MB of text, only as many blocks as an
answer reads."""


HEADER = 8
"""A blob's CRC-32 of the rest of it, and the length of its documents' text."""


def block_slots(blob: bytes) -> list[str]:
    """The texts of a block's slots ("" where no record is), once its blob matches its
    checksum and inflates whole; StoreDamaged otherwise."""
    return _inflated(blob, whole=True)[1]


def block_documents(blob: bytes) -> list[str]:
    """The documents' JSON texts of a block's slots ("" where no record is), inflated up to
    their end alone (or taken from the slots, where a reader asked for those), once its blob
    matches its checksum; StoreDamaged otherwise."""
    documents = _inflated(blob, whole=False)[0]
    return [_decoded(documents, slot) for slot in range(SLOTS)]


Inflated = tuple[list[bytes | str], list[str]]
"""A block's documents, each decoded when first read (a listing reads a few of a block's
sixteen, and names outside ASCII make decoding cost as much as inflating), and its slots'
whole texts ([] until a reader asks for them)."""
_KEPT: OrderedDict[bytes, Inflated] = OrderedDict()
"""The blocks read last, by blob, the latest at the end; each step is one call on it, which
the interpreter's lock keeps whole where threads share it."""


def _inflated(blob: bytes, whole: bool) -> Inflated:
    kept = _KEPT.pop(blob, None)
    if kept is None or (whole and not kept[1]):
        kept = _inflate_whole(blob) if whole else (_inflate_documents(blob), [])
    _KEPT[blob] = kept
    if len(_KEPT) > BLOCKS_KEPT:
        with contextlib.suppress(KeyError):  # another thread let it go first
            _KEPT.popitem(last=False)
    return kept


def _inflate_whole(blob: bytes) -> Inflated:
    try:
        unpacker = _unpacker(blob)
        data = unpacker.decompress(blob[HEADER:]) + unpacker.flush()
        if not unpacker.eof or unpacker.unused_data:
            raise StoreDamaged("a stored record fails its checksum")
        head = _documents_length(blob)
        documents = data[:head].decode("utf-8", "surrogatepass").split(SLOT)
        rests = data[head:].decode("utf-8", "surrogatepass").split(SLOT)
    except (zlib.error, UnicodeError) as error:
        raise StoreDamaged("a stored record fails its checksum") from error
    if len(documents) != SLOTS or len(rests) != SLOTS:
        raise StoreDamaged("a stored record fails its checksum")
    slots = [document + rest for document, rest in zip(documents, rests, strict=True)]
    return [*documents], slots


def _inflate_documents(blob: bytes) -> list[bytes | str]:
    """The documents' UTF-8 of a block's slots, split where the text has SLOT: no byte of
    another character's UTF-8 is that byte."""
    try:
        unpacker = _unpacker(blob)
        head = _documents_length(blob)
        data = unpacker.decompress(blob[HEADER:], head)
    except zlib.error as error:
        raise StoreDamaged("a stored record fails its checksum") from error
    documents: list[bytes | str] = list(data.split(_SLOT_BYTE))
    if len(data) != head or len(documents) != SLOTS:
        raise StoreDamaged("a stored record fails its checksum")
    return documents


_SLOT_BYTE = SLOT.encode()


def _decoded(documents: list[bytes | str], slot: int) -> str:
    """A slot's document as text, decoded once (kept decoded in the block's list)."""
    document = documents[slot]
    if isinstance(document, str):
        return document
    try:
        text = document.decode("utf-8", "surrogatepass")
    except UnicodeError as error:
        raise StoreDamaged("a stored record fails its checksum") from error
    documents[slot] = text
    return text


def _unpacker(blob: bytes) -> zlib._Decompress:
    """An inflater for the blob's deflated bytes, once the blob matches its checksum."""
    if not sealed(blob):
        raise StoreDamaged("a stored record fails its checksum")
    return zlib.decompressobj(WINDOW, DICTIONARY)


def _documents_length(blob: bytes) -> int:
    return int.from_bytes(blob[4:HEADER], "big")


def document_text(blob: bytes, rowid: int) -> str:
    """The document's JSON text of a stored record, from its block's blob."""
    document = _decoded(_inflated(blob, whole=False)[0], rowid & (SLOTS - 1))
    if not document:
        raise StoreDamaged("a stored record fails its checksum")  # no record in the slot
    return document


def store_texts(connection: sqlite3.Connection, texts: Mapping[int, str]) -> None:
    """Put records' texts ("" to take a record out) into their blocks, packed again with
    what they hold of other records; a block left with no record is deleted."""
    blocks: dict[int, list[str]] = {}
    for rowid in sorted(texts):
        block = block_of(rowid)
        if block not in blocks:
            found = connection.execute("SELECT data FROM packs WHERE block = ?", (block,))
            stored = found.fetchone()
            blocks[block] = list(block_slots(stored[0])) if stored else [""] * SLOTS
        blocks[block][rowid & (SLOTS - 1)] = texts[rowid]
    connection.executemany("DELETE FROM packs WHERE block = ?", [(b,) for b in blocks])
    connection.executemany(
        "INSERT INTO packs VALUES (?, ?)",
        [(block, pack(slots)) for block, slots in blocks.items() if any(slots)],
    )
