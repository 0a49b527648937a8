"""A base file parsed record block by record block, so its parsed tables never all live at once.

The file is cut at its top-level records (schema/chunks.py). Its head is parsed at once;
each table's records are kept as blocks of pieces, deflated (a tenth of their size), and
parsed a block at a time as the check reads them, the short strings in a block kept once;
a block is let go once its documents are made. That gives what the whole parse gives when
every header opens a kind's table, the head's parse names none of them and gives the
schema version this code reads (else a build could stop before it parses every piece),
and every piece parses alone to exactly one record of its table. Anything else is read by
the whole parse, so a TOML error is worded as the whole parse words it: a block that does
not parse so raises BlockUnparsed, and its reader parses the file whole. A file of many
records has its blocks parsed by a second process where it can (schema/parse_aside.py).
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Callable, Iterator
from typing import Any, Protocol

Chunk = tuple[str, int, int]
"""As schema/chunks.py has it, which only a build imports."""
Records = list[dict[str, Any]]

BLOCK = 512
"""Records parsed at a time: a few hundred kilobytes of parsed tables."""
SHORT = 24
"""Strings this short are kept once a block (codes, ids, kinds, pairs, sources cited): at
100,000 records 695,000 of the parse's 750,000 strings, 37 of its 43 MiB, 7 MiB once each."""
LEVEL = 1
"""zlib's fastest level: 26 MB of TOML in 0.08 s, to 3 MB."""


class Parser(Protocol):
    """Where a file's blocks are parsed in a second process (schema/parse_aside.py)."""

    def parsed(self, table: str, blocks: list[tuple[array[int], bytes]]) -> Iterator[Records]:
        """Each block's records in turn, as records_of gives them."""


class BlockUnparsed(Exception):
    """A block of pieces did not parse alone to its records: parse the file whole."""


class RecordTables(list):  # type: ignore[type-arg]
    """The records of one table in a file, parsed block by block each time it is iterated.

    A list to whatever reads a file's data (its length is the count of records), holding
    only its blocks of pieces, deflated, each with the length of each piece in bytes."""

    def __init__(
        self, table: str, blocks: list[tuple[array[int], bytes]], aside: Parser | None = None
    ) -> None:
        super().__init__()
        self.table, self.blocks, self.aside = table, blocks, aside
        self.records = sum(len(lengths) for lengths, _ in blocks)

    def __len__(self) -> int:
        return self.records

    def __bool__(self) -> bool:
        return self.records > 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        table = self.table
        if self.aside is not None:  # a second process parses most blocks
            for records in self.aside.parsed(table, self.blocks):
                yield from records
            return
        for lengths, packed in self.blocks:
            yield from records_of(table, len(lengths), packed)

    def pieces(self) -> Iterator[bytes]:
        """Each record's piece of the file, in order."""
        for lengths, packed in self.blocks:
            block, start = zlib.decompress(packed), 0
            for length in lengths:
                yield block[start : start + length]
                start += length


def records_of(table: str, count: int, packed: bytes) -> Records:
    """The records of a deflated block of `count` pieces of the table, short strings kept once."""
    import tomli  # only a build parses TOML; kinds.base, which imports this, is read by more

    try:
        parsed = tomli.loads(zlib.decompress(packed).decode())
    except (tomli.TOMLDecodeError, ValueError, RecursionError):
        raise BlockUnparsed(table) from None
    records = parsed.get(table)
    if len(parsed) != 1 or not isinstance(records, list) or len(records) != count:
        raise BlockUnparsed(table)
    shared: dict[str, str] = {}
    return [_sharing(record, shared) for record in records]


def _sharing(table: dict[str, Any], shared: dict[str, str]) -> dict[str, Any]:
    """The table with each short string in it kept once, the first met in its block."""
    for key, value in table.items():
        kind = type(value)
        if kind is str:
            if len(value) <= SHORT:
                table[key] = shared.setdefault(value, value)
        elif kind is list:
            table[key] = [
                shared.setdefault(item, item)
                if type(item) is str and len(item) <= SHORT
                else _sharing(item, shared)
                if type(item) is dict
                else item
                for item in value
            ]
        elif kind is dict:
            _sharing(value, shared)
    return table


def parse_in_blocks(
    data: bytes,
    tables: frozenset[str],
    version: int,
    aside: Callable[[int], Parser | None] | None = None,
) -> tuple[dict[str, Any], list[Chunk], Callable[[], str]] | None:
    """The file's data with each table's records parsed as they are read, its cut, and a way
    to get its text again; None when it must be parsed whole. `data` is the file's bytes,
    found to be UTF-8 text; `aside` gives, for a count of records, a second process to parse
    their blocks, or None where parsing them here is cheaper."""
    import tomli  # only a build parses TOML

    from bilateral.schema.chunks import record_chunks  # only a build cuts a file whole

    chunks = record_chunks(data)
    if chunks is None or any(table not in tables for table, _, _ in chunks[1:]):
        return None
    head_text = data[: chunks[0][2]].decode()
    try:
        head = tomli.loads(head_text)
    except (tomli.TOMLDecodeError, ValueError, RecursionError):
        return None
    given = head.get("schema_version")
    if type(given) is not int or given != version or any(key in tables for key in head):
        return None
    spans: dict[str, list[tuple[int, int]]] = {}
    for table, start, end in chunks[1:]:
        spans.setdefault(table, []).append((start, end))
    view = memoryview(data)
    packed = {
        table: [
            _packed(view, found[first : first + BLOCK]) for first in range(0, len(found), BLOCK)
        ]
        for table, found in spans.items()
    }
    helper = aside(len(chunks) - 1) if aside is not None else None
    records = {table: RecordTables(table, found, helper) for table, found in packed.items()}
    head.update(records)
    names = list(records)
    order = bytes(names.index(table) for table, _, _ in chunks[1:])  # a kind's table each
    return head, chunks, lambda: _text(head_text, records, names, order)


def _text(head: str, records: dict[str, RecordTables], names: list[str], order: bytes) -> str:
    """The file's text again, its pieces taken from their blocks in the file's order."""
    pieces = [records[name].pieces() for name in names]
    return head + b"".join([next(pieces[number]) for number in order]).decode()


def _packed(view: memoryview, spans: list[tuple[int, int]]) -> tuple[array[int], bytes]:
    """A block of pieces (whole lines, so whole characters), deflated, with their lengths."""
    deflate = zlib.compressobj(LEVEL)
    packed = b"".join([deflate.compress(view[start:end]) for start, end in spans])
    return array("I", [end - start for start, end in spans]), packed + deflate.flush()
