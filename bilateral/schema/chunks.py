"""A base file cut at its top-level records, so an edit can be traced to the records it touched.

A file is cut before each line that opens a top-level record (`[[people]]`); the first
piece is its head (`schema_version`, `title`, ...). The cut is trusted only where it
cannot fall inside a value: the file holds no multi-line string, and the headers found
number exactly the records of each table its parse gives. A file's key is then the
digest of its headers' tables in order followed by a digest of every piece, eight bytes
each; comparing two keys names the pieces an edit changed.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

try:  # the builtin blake2 module: hashlib would load OpenSSL
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython builds without it
    from hashlib import blake2b

HEADER = re.compile(rb"\n\[\[[ \t]*([A-Za-z0-9_-]+)[ \t]*\]\][ \t]*(?:#[^\r\n]*)?\r?(?=\n|\Z)")
"""A line that opens a top-level record, with the line break before it; one indented is
not taken for one, and then the count of headers tells the file's cut from its parse."""
ANY_HEADER = re.compile(rb"\n[ \t]*\[\[?[ \t]*([A-Za-z0-9_-]*)")
"""Any line that starts with `[`, and the first name after it."""
MULTI_LINE_STRING_DOUBLE = b'"' * 3
MULTI_LINE_STRING_SINGLE = b"'" * 3
DIGEST = 8

Chunk = tuple[str, int, int]
"""A piece of a file: the table its header opens ("" for the head), where it starts and ends."""


def record_chunks(data: bytes) -> list[Chunk] | None:
    """The file's head and its top-level records, in order; None when a cut could fall
    inside a multi-line string, or a piece holds a header of another table's (such as a
    `[[people.roles]]` after an `[[events]]`, which TOML gives to the last person)."""
    if MULTI_LINE_STRING_DOUBLE in data or MULTI_LINE_STRING_SINGLE in data:
        return None
    prefixed = b"\n" + data
    starts = [(match.start(), match[1].decode()) for match in HEADER.finditer(prefixed)]
    if not _own_headers_only(prefixed, starts):
        return None
    ends = [start for start, _ in starts[1:]] + [len(data)] * bool(starts)
    head_end = starts[0][0] if starts else len(data)
    return [("", 0, head_end)] + [
        (table, start, end) for (start, table), end in zip(starts, ends, strict=True)
    ]


def _own_headers_only(prefixed: bytes, starts: list[tuple[int, str]]) -> bool:
    """Whether every header line inside a record's piece opens that record's table or one
    of its sub-tables; any other line that starts with `[` (a value of an array written
    over several lines, a quoted name) is doubted as well."""
    positions = [start for start, _ in starts]
    for match in ANY_HEADER.finditer(prefixed):
        piece = bisect.bisect_right(positions, match.start()) - 1
        if piece >= 0 and match[1].decode() != starts[piece][1]:
            return False
    return True


def chunk_key(
    data: bytes, chunks: list[Chunk] | None, parsed: dict[str, Any], tables: frozenset[str]
) -> bytes:
    """The file's key, or b"" when its cut cannot be trusted: a header of a table that is
    not a kind's, or a count of headers other than the parse's count of records."""
    if chunks is None:
        return b""
    counted: dict[str, int] = {}
    for table, _, _ in chunks[1:]:
        counted[table] = counted.get(table, 0) + 1
    given = {
        table: len(value)
        for table, value in parsed.items()
        if table in tables and isinstance(value, list) and value
    }
    if counted != given:
        return b""
    return pieces_key(data, chunks)


def pieces_key(data: bytes, chunks: list[Chunk]) -> bytes:
    """The digest of the tables in order, then one of every piece."""
    view = memoryview(data)
    sequence = "\n".join(table for table, _, _ in chunks).encode()
    digests = [blake2b(sequence, digest_size=DIGEST).digest()]
    digests += [blake2b(view[start:end], digest_size=DIGEST).digest() for _, start, end in chunks]
    return b"".join(digests)


def changed_pieces(old: bytes, new: bytes) -> list[int] | None:
    """The numbers of the pieces (1 for the first record) that differ between two keys of
    one file, or None when its head or its sequence of tables changed."""
    if not old or len(old) != len(new) or old[: 2 * DIGEST] != new[: 2 * DIGEST]:
        return None
    count = len(old) // DIGEST - 2
    return [
        number
        for number in range(1, count + 1)
        if old[(number + 1) * DIGEST : (number + 2) * DIGEST]
        != new[(number + 1) * DIGEST : (number + 2) * DIGEST]
    ]
