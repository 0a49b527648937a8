"""The one way bilateral writes a file: whole or not at all, never over what it must not.

A temporary beside the file (`.NAME.PID.NS.tmp`, its writer in its name, so the next
writer there can sweep what a killed one left) is written, then renamed over the file
or, where nothing may be replaced, linked into place, which fails if a file appeared
meanwhile. A fact file is edited through a symlink (the link stays a link), keeps its
owner and mode, and is refused when read-only. Writers of one directory take a lock and
re-check the file's bytes under it before the rename, so no update is lost.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import stat
import time
from collections.abc import Iterator

STALE_TEMPORARY_SECONDS = 600


class WriteRefused(OSError):
    """A file bilateral will not write, with why and what to do."""


@contextlib.contextmanager
def locked(path: str) -> Iterator[None]:
    """Hold the lock of the directory a file is in (its link followed) while editing it:
    another bilateral editing a file there waits, and then reads what this one wrote."""
    directory = os.path.dirname(os.path.realpath(path)) or "."
    try:
        import fcntl  # an edit alone takes the lock: a warm start sweeps, and locks nothing
    except ImportError:  # pragma: no cover - platforms without flock write unlocked
        yield
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        sweep_temporaries(directory)
        yield
    finally:
        os.close(descriptor)


def replace_file(path: str, data: bytes, expected: bytes | None = None) -> None:
    """Write a file of a base anew: through a symlink to the file it names, keeping its
    owner and mode; refused when it is read-only, or (with `expected`) when it no longer
    holds those bytes. Call it holding `locked(path)`."""
    real = os.path.realpath(path)
    status = os.stat(real) if os.path.exists(real) else None
    if status is not None and not (status.st_mode & stat.S_IWUSR and os.access(real, os.W_OK)):
        raise WriteRefused(0, "is read-only; make it writable (chmod u+w) to change it")
    with temporary_beside(real) as temporary:
        with open(temporary, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
            if status is not None:
                os.fchmod(out.fileno(), stat.S_IMODE(status.st_mode))
                _keep_owner(out.fileno(), status)
        if expected is not None and _bytes(real) != expected:
            raise WriteRefused(0, "it changed while bilateral was working on it; run it again")
        os.replace(temporary, real)


def _keep_owner(descriptor: int, status: os.stat_result) -> None:
    if hasattr(os, "fchown") and (os.fstat(descriptor).st_uid, os.fstat(descriptor).st_gid) != (
        status.st_uid,
        status.st_gid,
    ):
        try:
            os.fchown(descriptor, status.st_uid, status.st_gid)
        except PermissionError:
            raise WriteRefused(
                0, "belongs to another user, and writing it anew would make it yours"
            ) from None


@contextlib.contextmanager
def temporary_beside(path: str, mode: int = 0o600, stem: str | None = None) -> Iterator[str]:
    """A new, empty temporary file in the path's directory (named for `stem`, else the
    file's name), removed when the block ends unless it was moved into place."""
    directory = os.path.dirname(os.path.abspath(path))
    temporary = temporary_path(directory, stem or os.path.basename(path))
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
    try:
        yield temporary
    finally:
        for leftover in (temporary, f"{temporary}-journal"):
            with contextlib.suppress(OSError):
                os.unlink(leftover)


def put_in_place(temporary: str, path: str, replace: bool) -> None:
    """Move a written temporary to its path: over what is there only when `replace`,
    otherwise linked, which fails (FileExistsError) if anything appeared at the path."""
    if replace:
        os.replace(temporary, path)
    else:
        os.link(temporary, path)


def _bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def temporary_path(directory: str, stem: str) -> str:
    """`.STEM.PID.NS.tmp`: the process that writes it is in its name."""
    return os.path.join(directory, f".{stem}.{os.getpid()}.{time.time_ns()}.tmp")


TEMPORARY = r"^\..+\.(?P<pid>\d+)\.\d{15,}\.tmp(-journal|-wal|-shm)?$"
"""`.STEM.PID.NS.tmp`, as temporary_path names them, and the journal SQLite keeps beside
one while it writes it (an update killed mid-write leaves both): nothing else is swept."""


@functools.cache
def _temporary() -> re.Pattern[str]:
    """TEMPORARY compiled, once a process meets a name it may match (a warm start, whose
    directory holds none, compiles nothing)."""
    return re.compile(TEMPORARY)


def sweep_temporaries(directory: str) -> None:
    """Remove what writes killed outright (SIGKILL, power loss) left: a temporary of
    bilateral's naming whose process is gone, or that is older than any write takes."""
    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        # every name TEMPORARY matches starts with '.' and holds '.tmp'
        match = _temporary().match(name) if name[:1] == "." and ".tmp" in name else None
        if match is None:
            continue
        leftover = os.path.join(directory, name)
        with contextlib.suppress(OSError):
            if not _alive(int(match["pid"])) or os.lstat(leftover).st_mtime < cutoff:
                os.unlink(leftover)


def _alive(pid: int) -> bool:
    """Whether the process that wrote a temporary still runs."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
