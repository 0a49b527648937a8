"""Open the compiled store for a fact base, reusing a cached copy while it still answers.

This module is on every command's start-up path: it imports only what a warm start
needs; building (the whole checking stack) is imported when a build is due.
"""

from __future__ import annotations

import _sqlite3 as sqlite3  # as in store/integrity.py
import contextlib
import os
from collections.abc import Callable

from bilateral.errors import shown
from bilateral.store.directory import cache_name, chosen_directory, private_directory, trusted_file
from bilateral.store.freshness import still_fresh
from bilateral.store.integrity import has_every_table
from bilateral.store.writing import sweep_temporaries

Notify = Callable[[str], None]


def open_store(
    facts: str, use_cache: bool = True, notify: Notify | None = None
) -> sqlite3.Connection:
    """A read-only connection to the compiled fact base, built if need be.

    `notify` hears why a cache directory was not used (one line, for people).
    """
    directory = _usable_directory(notify) if use_cache else None
    if directory is None:
        return _build_in_memory(facts)
    sweep_temporaries(directory)
    try:
        target = cache_name(directory, facts)
    except OSError:
        return _build_in_memory(facts)
    connection = open_if_fresh(target, facts)
    if connection is not None:
        return connection
    from bilateral.store.building import build_cached  # the checking stack: builds only

    return build_cached(facts, directory, target, lambda: open_if_fresh(target, facts))


def discard(facts: str) -> None:
    """Remove the cached store of a fact base, after it failed a check while answering."""
    chosen = chosen_directory()
    directory = private_directory(chosen)[0] if chosen else None
    if directory is not None:
        with contextlib.suppress(OSError):
            os.unlink(cache_name(directory, facts))


def _usable_directory(notify: Notify | None) -> str | None:
    chosen = chosen_directory()
    if chosen is None:
        return None
    directory, why = private_directory(chosen)
    if why is not None and notify is not None:
        notify(
            f"the cache directory {shown(chosen)} {why}; answering without a cache "
            "(set BILATERAL_CACHE_DIR to a directory of your own)"
        )
    return directory


def _build_in_memory(facts: str) -> sqlite3.Connection:
    from bilateral.store.building import read_in_memory  # builds only

    return read_in_memory(facts)


def open_if_fresh(target: str, facts: str) -> sqlite3.Connection | None:
    """The cached store, when it is the user's own, whole, and built from this file now."""
    if not trusted_file(target):
        return None
    try:
        expected_size = os.stat(target).st_size
        connection = sqlite3.connect(_read_only_uri(target), uri=True)
    except (OSError, sqlite3.Error):
        return None
    try:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        if pages * page_size == expected_size and has_every_table(connection):
            meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
            if still_fresh(meta, facts):
                return connection
    except (sqlite3.Error, ValueError):
        pass
    connection.close()
    return None


def _read_only_uri(path: str) -> str:
    """An SQLite URI for the file, every byte that could be read as URI syntax escaped."""
    raw = os.fsencode(os.path.abspath(path))
    safe = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-"
    quoted = "".join(chr(byte) if byte in safe else f"%{byte:02X}" for byte in raw)
    return f"file:{quoted}?mode=ro&immutable=1"
