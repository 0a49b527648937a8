"""A record's blob (store/packing.py): the text back whole, and the same bytes from the
primed compressor's copy as from one made anew for the record."""

from __future__ import annotations

import zlib

from bilateral.store.dictionary import DICTIONARY
from bilateral.store.packing import MEMORY, SEPARATOR, WINDOW, pack, unpacked

TEXTS = [
    ('{"id":"a","name":"Aliyev"}', ("aliyev", "", "president of azerbaijan")),
    ('{"id":"b"}', ("", "", "")),
    ('{"id":"c","text":"' + "Şəki " * 500 + '"}', ("şəki", "title", "body " * 300)),
]


def test_a_blob_gives_its_text_back_in_the_bytes_a_fresh_compressor_gives() -> None:
    for document, search in TEXTS * 2:
        blob = pack(document, search)
        assert unpacked(blob) == [document, *search]
        text = SEPARATOR.join((document, *search)).encode("utf-8", "surrogatepass")
        fresh = zlib.compressobj(
            9, zlib.DEFLATED, WINDOW, MEMORY, zlib.Z_DEFAULT_STRATEGY, DICTIONARY
        )
        assert blob[4:] == fresh.compress(text) + fresh.flush()
