"""A base file parsed record block by record block, so its parsed tables never all live at once.

The file is cut at its top-level records (schema/chunks.py). Its head is parsed at once;
each table's records are parsed later, a block of pieces at a time, as the check reads
them, and each block is let go once its documents are made. That gives what the whole
parse gives when every header opens a kind's table, the head's parse names none of them
and gives the schema version this code reads (else a build could stop before it parses
every piece), and every piece parses alone to exactly one record of its table. Anything
else is read by the whole parse, so a TOML error is worded as the whole parse words it:
a block that does not parse so raises BlockUnparsed, and its reader parses the file whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bilateral.schema.chunks import Chunk, record_chunks

BLOCK = 512
"""Records parsed at a time: a few hundred kilobytes of parsed tables."""


class BlockUnparsed(Exception):
    """A block of pieces did not parse alone to its records: parse the file whole."""


class RecordTables(list):  # type: ignore[type-arg]
    """The records of one table in a file, parsed block by block each time it is iterated.

    A list to whatever reads a file's data (its length is the count of records), holding
    only where each record's piece lies in the file's text."""

    def __init__(self, text: str, table: str, spans: list[tuple[int, int]]) -> None:
        super().__init__()
        self.text, self.table, self.spans = text, table, spans

    def __len__(self) -> int:
        return len(self.spans)

    def __bool__(self) -> bool:
        return bool(self.spans)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        import tomli  # only a build parses TOML; kinds.base, which imports this, is read by more

        for first in range(0, len(self.spans), BLOCK):
            block = self.spans[first : first + BLOCK]
            text = "".join(self.text[start:end] for start, end in block)
            try:
                parsed = tomli.loads(text)
            except (tomli.TOMLDecodeError, ValueError, RecursionError):
                raise BlockUnparsed(self.table) from None
            records = parsed.get(self.table)
            if len(parsed) != 1 or not isinstance(records, list) or len(records) != len(block):
                raise BlockUnparsed(self.table)
            yield from records


def parse_in_blocks(
    data: bytes, text: str, tables: frozenset[str], version: int
) -> tuple[dict[str, Any], list[Chunk]] | None:
    """The file's data with each table's records parsed as they are read, and its cut; None
    when it must be parsed whole. `text` is the file decoded; `data` its bytes."""
    import tomli  # only a build parses TOML

    chunks = record_chunks(data)
    if chunks is None or any(table not in tables for table, _, _ in chunks[1:]):
        return None
    pieces = chunks if len(text) == len(data) else _in_characters(data, chunks)
    try:
        head = tomli.loads(text[: pieces[0][2]])
    except (tomli.TOMLDecodeError, ValueError, RecursionError):
        return None
    given = head.get("schema_version")
    if type(given) is not int or given != version or any(key in tables for key in head):
        return None
    spans: dict[str, list[tuple[int, int]]] = {}
    for table, start, end in pieces[1:]:
        spans.setdefault(table, []).append((start, end))
    head.update({table: RecordTables(text, table, found) for table, found in spans.items()})
    return head, chunks


def _in_characters(data: bytes, chunks: list[Chunk]) -> list[Chunk]:
    """The cut's pieces at their places in the decoded text (each piece is whole lines,
    so whole characters)."""
    found: list[Chunk] = []
    position = 0
    for table, start, end in chunks:
        length = len(data[start:end].decode())
        found.append((table, position, position + length))
        position += length
    return found
