"""The second process of a cold build: it parses each block of pieces it is sent and
answers in turn with the block's records, pickled (schema/parse_aside.py starts it).

It reads requests on its stdin and answers on its stdout until its stdin ends, and stops
at once if either pipe breaks: it never outlives the build that started it. A block it
cannot parse, or any failure, is answered DECLINED, and the build parses that block itself,
so whatever the error, it is met and worded as a build without this process meets it."""

from __future__ import annotations

import os
import pickle
import struct
import sys

from bilateral.schema.blocks import records_of

REQUEST = struct.Struct("<III")
"""The table's name's length in bytes, its records in the block, the deflated block's length."""
ANSWER = struct.Struct("<BI")
"""PARSED or DECLINED, and the length of the pickled records that follow."""
PARSED, DECLINED = 0, 1


def serve() -> None:
    requests = sys.stdin.buffer
    try:
        while request := requests.read(REQUEST.size):
            if len(request) < REQUEST.size:
                return
            name, count, length = REQUEST.unpack(request)
            table = requests.read(name).decode()
            packed = requests.read(length)
            if len(packed) < length:
                return
            _write(_answer(table, count, packed))
    except OSError:  # the build is gone: nobody reads an answer
        return


def _answer(table: str, count: int, packed: bytes) -> bytes:
    try:
        pickled = pickle.dumps(records_of(table, count, packed), pickle.HIGHEST_PROTOCOL)
    except Exception:  # the build parses the block itself and meets it there
        return ANSWER.pack(DECLINED, 0)
    return ANSWER.pack(PARSED, len(pickled)) + pickled


def _write(answer: bytes) -> None:
    view = memoryview(answer)
    while view:
        view = view[os.write(1, view) :]
