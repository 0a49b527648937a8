"""Open the compiled store for a fact base, reusing a cached copy while the TOML is unchanged.

A cache file is named after the fact base's absolute path and records that path,
the size, the modification time in nanoseconds and a SHA-256 of the bytes it was
built from. It is trusted on path, size and time alone unless the file was
modified within RACY_NS of the build, when the content hash decides (a same-size
edit inside one timestamp tick would otherwise go unseen). Files are built beside
their final name and renamed into place, so a reader never sees half a cache;
where the directory cannot be written, the store is built in memory instead.

This module is on every command's start-up path: it imports only what a warm
start needs, and the rest when it builds.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import zlib
from typing import TYPE_CHECKING

from bilateral.store.fingerprint import code_fingerprint

if TYPE_CHECKING:
    from bilateral.kinds.base import FactBase

CACHE_ENVIRONMENT_VARIABLE = "BILATERAL_CACHE_DIR"
RACY_NS = 2_000_000_000
STALE_TEMPORARY_SECONDS = 600


def cache_dir() -> str | None:
    chosen = os.environ.get(CACHE_ENVIRONMENT_VARIABLE)
    if chosen:
        return chosen
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return os.path.join(xdg, "bilateral")
    home = os.environ.get("HOME")
    return os.path.join(home, ".cache", "bilateral") if home else None


def cache_file(directory: str, facts: str) -> str:
    """A name for the fact base's cache; the path inside the file settles any collision."""
    key = os.fsencode(os.path.abspath(facts))
    return os.path.join(directory, f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}.sqlite3")


def open_store(facts: str, use_cache: bool = True) -> sqlite3.Connection:
    """A read-only connection to the compiled fact base, built if need be."""
    directory = cache_dir() if use_cache else None
    target = cache_file(directory, facts) if directory else None
    if target is not None:
        connection = _open_if_fresh(target, facts)
        if connection is not None:
            return connection
    return _build(facts, target)


def _build(facts: str, target: str | None) -> sqlite3.Connection:
    """Read, validate and compile the base; the collector is paused, as nothing is freed."""
    import gc  # this and the builders below stay off the warm start-up path

    gc.disable()
    try:
        return _read_and_compile(facts, target)
    finally:
        gc.enable()


def _read_and_compile(facts: str, target: str | None) -> sqlite3.Connection:
    import hashlib  # off the warm start-up path, like every import a build needs

    from bilateral.kinds.base import build  # the checking stack, for a build only
    from bilateral.schema.reading import decode, parse_toml, read_bytes
    from bilateral.store.compile import write

    before = _stat_or_none(facts)
    data = read_bytes(facts)
    after = _stat_or_none(facts)
    text = decode(facts, data)
    base = build(facts, text, parse_toml(facts, text))
    meta = {
        "code": code_fingerprint(),
        "source_path": os.path.abspath(facts),
        "source_size": str(len(data)),
        "source_mtime_ns": str(after.st_mtime_ns if after else 0),
        "source_sha256": hashlib.sha256(data).hexdigest(),
        "built_ns": str(time.time_ns()),
    }
    if target is not None and before is not None and _same_file(before, after):
        connection = _write_cache(target, base, meta)
        if connection is not None:
            return connection
    connection = sqlite3.connect(":memory:")
    write(connection, base, meta)
    return connection


def _stat_or_none(path: str) -> os.stat_result | None:
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


def _open_read_only(target: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{target}?mode=ro&immutable=1", uri=True)


def _open_if_fresh(target: str, facts: str) -> sqlite3.Connection | None:
    try:
        stat = os.stat(facts)
        expected_size = os.stat(target).st_size
        connection = _open_read_only(target)
    except (OSError, sqlite3.Error):
        return None
    try:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if pages * page_size == expected_size and _matches(meta, facts, stat):
            return connection
    except sqlite3.Error:
        pass
    connection.close()
    return None


def _matches(meta: dict[str, str], facts: str, stat: os.stat_result) -> bool:
    recorded = (
        meta.get("code"),
        meta.get("source_path"),
        meta.get("source_size"),
        meta.get("source_mtime_ns"),
    )
    current = (
        code_fingerprint(),
        os.path.abspath(facts),
        str(stat.st_size),
        str(stat.st_mtime_ns),
    )
    if recorded != current:
        return False
    if stat.st_mtime_ns < int(meta.get("built_ns", "0")) - RACY_NS:
        return True
    import hashlib  # only for a file changed close to the build

    try:
        with open(facts, "rb") as file:
            digest = hashlib.sha256(file.read()).hexdigest()
    except OSError:
        return False
    return digest == meta.get("source_sha256")


def _write_cache(target: str, base: FactBase, meta: dict[str, str]) -> sqlite3.Connection | None:
    """Build beside the target and rename into place; an interruption leaves no temporary."""
    import signal  # off the warm start-up path: only a build needs it

    from bilateral.store.compile import write  # the whole checking stack: builds only

    directory = os.path.dirname(target)
    stem = os.path.basename(target).removesuffix(".sqlite3")
    temporary = os.path.join(directory, f".{stem}.{os.getpid()}.{time.time_ns()}.tmp")
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        os.makedirs(directory, exist_ok=True)
        _remove_stale_temporaries(directory)
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            write(connection, base, meta)
        finally:
            connection.close()
        os.replace(temporary, target)
        return _open_read_only(target)
    except (OSError, sqlite3.Error):
        return None
    finally:
        _remove_uninterrupted(temporary, previous)


def _remove_uninterrupted(temporary: str, previous: object) -> None:
    """Remove the temporary with SIGINT and SIGTERM held back where the platform can."""
    import signal  # with the build that needs it

    mask = getattr(signal, "pthread_sigmask", None)
    held = mask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM}) if mask else None
    try:
        _remove_quietly(temporary)
        signal.signal(signal.SIGTERM, previous)  # type: ignore[arg-type]
    finally:
        if mask is not None and held is not None:
            mask(signal.SIG_SETMASK, held)


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _remove_stale_temporaries(directory: str) -> None:
    """Remove what builds killed outright (SIGKILL, power loss) left: a temporary whose
    process is gone, or that is older than any build takes."""
    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    for name in os.listdir(directory):
        if not (name.startswith(".") and name.endswith(".tmp")):
            continue
        leftover = os.path.join(directory, name)
        try:
            if not _builder_alive(name) or os.stat(leftover).st_mtime < cutoff:
                os.unlink(leftover)
        except OSError:
            pass


def _builder_alive(name: str) -> bool:
    """Whether the process named in `.KEY.PID.NS.tmp` still runs."""
    parts = name.split(".")
    if len(parts) != 5 or not parts[2].isdigit():
        return True
    try:
        os.kill(int(parts[2]), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
