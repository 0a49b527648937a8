"""Build a store: read and check the fact base, compile it, and keep it in the cache.

One process builds a given base at a time (an advisory lock on a file beside the cache,
which the system releases when its holder dies, however it dies); the others wait for it
and then answer from what it built. A cache is written beside its final name, 0600, and
renamed into place, so a reader never sees half of one. No signal handler is set here
(library code runs in any thread): an exception unwinds and removes the temporary, the
command line turns SIGTERM into one, and what a SIGKILL leaves is swept by the next run.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from typing import NamedTuple

from bilateral.collector import collector
from bilateral.kinds.base import SCHEMA_VERSION, FactBase
from bilateral.kinds.parts import ONCE, Part, build_parts
from bilateral.schema.blocks import BlockUnparsed, parse_in_blocks
from bilateral.schema.chunks import pieces_key
from bilateral.schema.parse_aside import Aside
from bilateral.schema.reading import base_files, decode, parse_toml, read_bytes
from bilateral.store.compile import write
from bilateral.store.cuts import TABLES, file_key, keep_cuts
from bilateral.store.freshness import digest, relative, source_key, status_text
from bilateral.store.incremental import updated
from bilateral.store.writing import put_in_place, temporary_beside

try:
    import fcntl
except ImportError:  # pragma: no cover - platforms without flock build side by side
    fcntl = None  # type: ignore[assignment]

Opener = Callable[[], "sqlite3.Connection | None"]


class Read(NamedTuple):
    base: FactBase
    source: dict[str, str]
    """What the store records of the files it was built from."""
    steady: bool
    """Whether every file held still while it was read: only then may the result be cached."""
    cuts: dict[str, bytes]
    """Each file's key of its cut at top-level records, where it can be trusted."""


def read_and_check(facts: str) -> Read:
    """The checked base and what the store records of its files. The one checking path: a
    full build and the incremental update's fallback both come here.

    Each file's bytes are let go once decoded (and cut), and its parsed tables once checked:
    a build holds the text (to place a problem) and the documents, not three copies."""
    read: list[tuple[str, os.stat_result, str]] = []
    blobs: list[bytes] = []
    steady = True
    for file in base_files(facts):
        before = _status_or_none(file)
        data = read_bytes(file)
        after = _status_or_none(file)
        if before is None or after is None or status_text(before) != status_text(after):
            steady = False
        read.append((file, before or os.stat(file), digest(data)))
        blobs.append(data)
    data = b""  # the list holds the last file's bytes now, and lets them go
    cuts: dict[str, bytes] = {}
    with Aside() as aside:
        alone = aside if len(read) == 1 else None
        parts = [
            _part(file, blobs, number, cuts, alone) for number, (file, _, _) in enumerate(read)
        ]
        own = {file for file, _text, parsed in parts if any(key in parsed for key in ONCE)}
        try:
            base = build_parts(parts, release=True)
        except BlockUnparsed:
            aside.stop()
            base = build_parts([_parsed_whole(file, text(), cuts) for file, text, _ in parts], True)
    seen = [(file, status, each, file in own) for file, status, each in read]
    keys = {relative(facts, file): cuts[file] for file, _, _ in read}
    return Read(base, source_key(facts, seen, time.time_ns()), steady, keys)


def _part(
    file: str, blobs: list[bytes], number: int, cuts: dict[str, bytes], alone: Aside | None
) -> Part:
    """The file's part and its cut (in `cuts`); its bytes let go, from `blobs` too, once
    its text is parsed (or its head, for a base in one file, `alone`: schema/blocks.py,
    its blocks parsed aside where they are many) and cut."""
    data = blobs[number]
    text = decode(file, data)
    blocks = parse_in_blocks(data, TABLES, SCHEMA_VERSION, alone) if alone else None
    blobs[number] = b""
    if blocks is None:
        parsed = parse_toml(file, text)
        cuts[file] = file_key(data, parsed)
        return (file, lambda: text, parsed)
    parsed, chunks, text_again = blocks  # the text only places a problem: not held meanwhile
    cuts[file] = pieces_key(data, chunks)
    return (file, text_again, parsed)


def _parsed_whole(file: str, text: str, cuts: dict[str, bytes]) -> Part:
    """The file's part from its whole parse, where a block of it did not parse alone: the
    TOML error as the whole parse words it, else the same data."""
    parsed = parse_toml(file, text)
    cuts[file] = file_key(text.encode(), parsed)
    return (file, lambda: text, parsed)


def in_memory(read: Read) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    write(connection, read.base, read.source)
    keep_cuts(connection, read.cuts)
    return connection


def read_in_memory(facts: str) -> sqlite3.Connection:
    """A store in memory, the base read from its files, with the collector off from the
    read to the write (as build_cached has it)."""
    with collector(enabled=False):
        return in_memory(read_and_check(facts))


def build_cached(facts: str, directory: str, target: str, reopen: Opener) -> sqlite3.Connection:
    """Build into the cache, unless another process built it while this one waited."""
    with _build_lock(target):
        connection = reopen()
        if connection is not None:
            return connection
        if updated(facts, target) is not None:
            connection = reopen()
            if connection is not None:
                return connection
        with collector(enabled=False):
            read = read_and_check(facts)
            if not read.steady:
                return in_memory(read)
            with contextlib.suppress(OSError, sqlite3.Error):
                _write_file(directory, target, read)
                connection = reopen()
        # the write let the base's documents go: a store in memory reads the files again
        return connection if connection is not None else read_in_memory(facts)


@contextlib.contextmanager
def _build_lock(target: str) -> Iterator[None]:
    if fcntl is None:
        yield
        return
    path = f"{os.path.dirname(target)}/.{os.path.basename(target)}.lock"
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK, 0o600)
    except OSError:
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _write_file(directory: str, target: str, read: Read) -> None:
    """Write beside the target and rename into place; an interruption leaves no temporary."""
    stem = os.path.basename(target).removesuffix(".sqlite3")
    with temporary_beside(target, stem=stem) as temporary:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            write(connection, read.base, read.source, release=True)
            keep_cuts(connection, read.cuts)
            # rows inserted in key order leave a sixth of each page of a WITHOUT ROWID
            # table free; copied anew, the pages are filled whole (2.4 MB at 100,000 records)
            connection.execute("VACUUM")
        finally:
            connection.close()
        put_in_place(temporary, target, replace=True)


def _status_or_none(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None
