"""A block's blob (store/packing.py): each record's text back whole, the same bytes from the
primed compressor's copy as from one made anew, and a block packed again with what it holds
of other records when an update writes some of them."""

from __future__ import annotations

import sqlite3
import zlib

import pytest

from bilateral.store.dictionary import DICTIONARY
from bilateral.store.integrity import StoreDamaged
from bilateral.store.packing import (
    MEMORY,
    SLOT,
    SLOTS,
    WINDOW,
    block_slots,
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
    text = SLOT.join(slots).encode("utf-8", "surrogatepass")
    fresh = zlib.compressobj(9, zlib.DEFLATED, WINDOW, MEMORY, zlib.Z_DEFAULT_STRATEGY, DICTIONARY)
    assert blob[4:] == fresh.compress(text) + fresh.flush()


def test_a_damaged_block_fails_its_checksum() -> None:
    blob = pack([joined(*TEXTS[0])] * SLOTS)
    for damaged in (blob[:4] + bytes([blob[4] ^ 1]) + blob[5:], blob[:-1], blob + b"\x00"):
        with pytest.raises(StoreDamaged):
            block_slots(damaged)


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
