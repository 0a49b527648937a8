"""A block's blob (store/packing.py): each record's text back whole, the same bytes from the
primed compressor's copy as from one made anew, a record's document inflated without the
search texts packed after the block's documents, and a block packed again with what it holds
of other records when an update writes some of them."""

from __future__ import annotations

import sqlite3
import zlib
from collections import OrderedDict

import pytest

from bilateral.store import packing
from bilateral.store.dictionary import DICTIONARY
from bilateral.store.integrity import StoreDamaged
from bilateral.store.packing import (
    BLOCKS_KEPT,
    MEMORY,
    SEPARATOR,
    SLOT,
    SLOTS,
    WINDOW,
    block_documents,
    block_slots,
    document_text,
    joined,
    pack,
    store_texts,
    unpacked,
)

TEXTS = [
    ('{"id":"a","name":"Aliyev"}', ("aliyev", "", "president of azerbaijan")),
    ('{"id":"b"}', ("", "", "")),
    ('{"id":"c","text":"' + "Şəki " * 500 + '"}', ("şəki", "title", "body " * 300)),
]


def test_a_block_gives_each_text_back_in_the_bytes_a_fresh_compressor_gives() -> None:
    slots = [""] * SLOTS
    for slot, (document, search) in enumerate(TEXTS * 2, start=3):
        slots[slot] = joined(document, search)
    blob = pack(slots)
    for slot, (document, search) in enumerate(TEXTS * 2, start=3):
        assert unpacked(blob, 2 * SLOTS + slot) == [document, *search]
    with pytest.raises(StoreDamaged):
        unpacked(blob, 2 * SLOTS + 1)  # no record in that slot
    documents = SLOT.join(slot.partition(SEPARATOR)[0] for slot in slots)
    searches = SLOT.join(
        slot.partition(SEPARATOR)[1] + slot.partition(SEPARATOR)[2] for slot in slots
    )
    text = (documents + searches).encode("utf-8", "surrogatepass")
    fresh = zlib.compressobj(9, zlib.DEFLATED, WINDOW, MEMORY, zlib.Z_DEFAULT_STRATEGY, DICTIONARY)
    assert blob[8:] == fresh.compress(text) + fresh.flush()
    assert blob[4:8] == len(documents.encode()).to_bytes(4, "big")


@pytest.fixture
def inflated(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The bytes each inflating call gives, from an empty keep of blocks."""
    counts: list[int] = []
    make = zlib.decompressobj

    class Counting:
        def __init__(self, *settings: object) -> None:
            self.inflater = make(*settings)  # type: ignore[arg-type]

        def decompress(self, data: bytes, limit: int = 0) -> bytes:
            out = self.inflater.decompress(data, limit)
            counts.append(len(out))
            return out

        def flush(self) -> bytes:
            return self.inflater.flush()

        def __getattr__(self, name: str) -> object:
            return getattr(self.inflater, name)

    monkeypatch.setattr(zlib, "decompressobj", Counting)
    monkeypatch.setattr(packing, "_KEPT", OrderedDict())
    return counts


SLOTS_TEXTS = [joined(*TEXTS[slot % 3]) for slot in range(SLOTS)]
DOCUMENTS = [text.split(SEPARATOR)[0] for text in SLOTS_TEXTS]


def test_a_document_is_inflated_without_the_search_texts(inflated: list[int]) -> None:
    """Reading documents inflates the block's documents and stops: what an answer reads."""
    blob = pack(SLOTS_TEXTS)
    assert [document_text(blob, slot) for slot in range(SLOTS)] == DOCUMENTS
    assert inflated == [len(SLOT.join(DOCUMENTS).encode())]
    assert block_slots(blob) == SLOTS_TEXTS  # the whole block, inflated anew
    pairs = zip(SLOTS_TEXTS, DOCUMENTS, strict=True)
    searches = [text[len(document) :] for text, document in pairs]
    whole = SLOT.join(DOCUMENTS) + SLOT.join(searches)
    assert sum(inflated[1:]) == len(whole.encode())


def test_a_block_read_whole_gives_its_documents_without_inflating_again(
    inflated: list[int],
) -> None:
    blob = pack(SLOTS_TEXTS)
    assert block_slots(blob) == SLOTS_TEXTS
    count = len(inflated)
    assert [document_text(blob, slot) for slot in range(SLOTS)] == DOCUMENTS
    assert block_slots(blob) == SLOTS_TEXTS
    assert len(inflated) == count


def test_a_document_is_decoded_alone_when_read(inflated: list[int]) -> None:
    """A listing reads a few documents of a block: the others stay inflated bytes until read
    (names outside ASCII make decoding a block cost as much as inflating it)."""
    texts = [*SLOTS_TEXTS[:-1], joined('{"id":"d","name":"\ud800 Şəki"}', ("", "", ""))]
    blob = pack(texts)
    last = texts[-1].split(SEPARATOR)[0]
    assert document_text(blob, SLOTS - 1) == last
    kept = packing._KEPT[blob][0]
    assert kept[SLOTS - 1] == last
    assert all(isinstance(document, bytes) for document in kept[:-1])
    assert block_documents(blob) == [*DOCUMENTS[:-1], last]
    assert len(inflated) == 1


def test_the_blocks_read_last_are_kept(inflated: list[int]) -> None:
    blobs = [pack([str(number), *[""] * (SLOTS - 1)]) for number in range(BLOCKS_KEPT + 1)]
    for blob in blobs:
        block_documents(blob)
    block_documents(blobs[-1])
    block_documents(blobs[1])
    assert len(inflated) == BLOCKS_KEPT + 1
    block_documents(blobs[0])  # the first read, let go
    assert len(inflated) == BLOCKS_KEPT + 2


def test_a_damaged_block_fails_its_checksum() -> None:
    blob = pack([joined(*TEXTS[0])] * SLOTS)
    for at in (0, 4, 7, 8, len(blob) - 1):
        flipped = blob[:at] + bytes([blob[at] ^ 1]) + blob[at + 1 :]
        for damaged in (flipped, blob[:-1], blob + b"\x00"):
            for read in (block_slots, block_documents):
                with pytest.raises(StoreDamaged):
                    read(damaged)
    for other in (blob.hex(), 42, None):  # a column of another type
        for read in (block_slots, block_documents):
            with pytest.raises(StoreDamaged):
                read(other)  # type: ignore[arg-type]


def test_records_written_into_stored_blocks_give_the_blocks_packed_whole() -> None:
    """Texts put in a few at a time, or taken out, leave the blocks one write of all gives."""
    texts = {rowid: joined(*TEXTS[rowid % 3]) + str(rowid) for rowid in range(1, 40)}
    whole, bit_by_bit = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    for connection in (whole, bit_by_bit):
        connection.execute("CREATE TABLE packs (block INTEGER PRIMARY KEY, data BLOB NOT NULL)")
    store_texts(whole, texts)
    store_texts(bit_by_bit, dict.fromkeys(range(1, 60), "x"))
    store_texts(bit_by_bit, dict.fromkeys(range(40, 60), ""))
    for rowid in (7, 1, 39, 16, 17):
        store_texts(bit_by_bit, {rowid: texts[rowid]})
    store_texts(bit_by_bit, {rowid: texts[rowid] for rowid in range(1, 40)})
    query = "SELECT * FROM packs ORDER BY block"
    assert whole.execute(query).fetchall() == bit_by_bit.execute(query).fetchall()
    assert len(whole.execute(query).fetchall()) == 3
