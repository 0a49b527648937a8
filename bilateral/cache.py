"""Open the compiled store for a fact base, reusing a cached copy while the TOML is unchanged.

A cache file is keyed by the fact base's absolute path and records the size, the
modification time in nanoseconds and a SHA-256 of the bytes it was built from. It is
trusted on size and time alone unless the file was modified within RACY_NS of the
build, when the content hash decides (a same-size edit inside one timestamp tick
would otherwise go unseen). Files are built beside their final name and renamed into
place, so a reader never sees half a cache; where the directory cannot be written,
the store is built in memory instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bilateral import __version__

if TYPE_CHECKING:
    from bilateral.records import FactBase

STORE_VERSION = f"3/{__version__}"
"""Bump the first part whenever the store's tables or documents change shape."""
CACHE_ENVIRONMENT_VARIABLE = "BILATERAL_CACHE_DIR"
RACY_NS = 2_000_000_000
STALE_TEMPORARY_SECONDS = 600


def cache_dir() -> Path | None:
    chosen = os.environ.get(CACHE_ENVIRONMENT_VARIABLE)
    if chosen:
        return Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "bilateral"
    home = os.environ.get("HOME")
    return Path(home) / ".cache" / "bilateral" if home else None


def cache_file(directory: Path, facts: Path) -> Path:
    key = hashlib.sha256(os.fsencode(os.path.abspath(facts))).hexdigest()[:24]
    return directory / f"{key}.sqlite3"


def open_store(facts: Path, use_cache: bool = True) -> sqlite3.Connection:
    """A read-only connection to the compiled fact base, built if need be."""
    from bilateral.reading import read_bytes

    directory = cache_dir() if use_cache else None
    target = cache_file(directory, facts) if directory else None
    if target is not None:
        with contextlib.suppress(OSError):
            stat = os.stat(facts)
            connection = _open_if_fresh(target, facts, stat)
            if connection is not None:
                return connection
    before = _stat_or_none(facts)
    data = read_bytes(facts)
    after = _stat_or_none(facts)
    meta = _source_meta(facts, data, after)
    base = _build_base(facts, data)
    if target is not None and before is not None and _same_file(before, after):
        connection = _write_cache(target, base, meta)
        if connection is not None:
            return connection
    connection = sqlite3.connect(":memory:")
    _fill(connection, base, meta)
    return connection


def _build_base(facts: Path, data: bytes) -> FactBase:
    from bilateral.reading import decode, parse_toml
    from bilateral.validate import build

    text = decode(facts, data)
    return build(str(facts), text, parse_toml(facts, text))


def _fill(connection: sqlite3.Connection, base: FactBase, meta: dict[str, str]) -> None:
    from bilateral.store import write

    write(connection, base, meta)


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _same_file(before: os.stat_result, after: os.stat_result | None) -> bool:
    return after is not None and (before.st_size, before.st_mtime_ns, before.st_ino) == (
        after.st_size,
        after.st_mtime_ns,
        after.st_ino,
    )


def _source_meta(facts: Path, data: bytes, stat: os.stat_result | None) -> dict[str, str]:
    return {
        "source_path": os.path.abspath(facts),
        "source_size": str(len(data)),
        "source_mtime_ns": str(stat.st_mtime_ns if stat else 0),
        "source_sha256": hashlib.sha256(data).hexdigest(),
        "built_ns": str(time.time_ns()),
    }


def _open_if_fresh(target: Path, facts: Path, stat: os.stat_result) -> sqlite3.Connection | None:
    try:
        expected_size = os.stat(target).st_size
    except OSError:
        return None
    try:
        connection = sqlite3.connect(f"file:{target}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return None
    try:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        connection.close()
        return None
    if pages * page_size != expected_size or not _matches(meta, facts, stat):
        connection.close()
        return None
    return connection


def _matches(meta: dict[str, str], facts: Path, stat: os.stat_result) -> bool:
    if meta.get("store_version") != STORE_VERSION:
        return False
    if meta.get("source_size") != str(stat.st_size):
        return False
    if meta.get("source_mtime_ns") != str(stat.st_mtime_ns):
        return False
    if stat.st_mtime_ns < int(meta.get("built_ns", "0")) - RACY_NS:
        return True
    try:
        digest = hashlib.sha256(facts.read_bytes()).hexdigest()
    except OSError:
        return False
    return digest == meta.get("source_sha256")


def _write_cache(target: Path, base: FactBase, meta: dict[str, str]) -> sqlite3.Connection | None:
    temporary = target.with_name(f".{target.stem}.{os.getpid()}.{time.time_ns()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(target.parent)
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            _fill(connection, base, meta)
        finally:
            connection.close()
        os.replace(temporary, target)
        return sqlite3.connect(f"file:{target}?mode=ro&immutable=1", uri=True)
    except (OSError, sqlite3.Error):
        return None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _remove_stale_temporaries(directory: Path) -> None:
    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    for leftover in directory.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
