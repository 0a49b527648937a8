"""The cache directory: where it is, whether it is the user's own, and names inside it.

A cache is trusted only in a directory owned by the user and writable by no one else,
and only as a regular file owned by the user and writable by no one else: anything
another local user could have written is ignored. Cache files are named by a keyed hash
of the fact base's path, keyed by a secret kept in the directory, so a name tells
nothing about the path.
"""

from __future__ import annotations

import contextlib
import os
import stat

from bilateral.store.writing import put_in_place, temporary_beside

try:  # the builtin blake2 module: hashlib would load OpenSSL on every start
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython builds without it
    from hashlib import blake2b

__all__ = ["blake2b", "cache_name", "chosen_directory", "private_directory", "trusted_file"]
CACHE_ENVIRONMENT_VARIABLE = "BILATERAL_CACHE_DIR"
SECRET_FILE = ".secret"
SECRET_BYTES = 32


def chosen_directory() -> str | None:
    """$BILATERAL_CACHE_DIR, else $XDG_CACHE_HOME/bilateral, else ~/.cache/bilateral."""
    chosen = os.environ.get(CACHE_ENVIRONMENT_VARIABLE)
    if chosen:
        return chosen
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return os.path.join(xdg, "bilateral")
    home = os.environ.get("HOME")
    return os.path.join(home, ".cache", "bilateral") if home else None


def unsafe_reason(status: os.stat_result, what: str) -> str | None:
    """Why a file or directory with this status cannot be trusted, or None."""
    if hasattr(os, "geteuid") and status.st_uid != os.geteuid():
        return f"{what}belongs to another user"
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"{what}is writable by other users"
    return None


def private_directory(path: str) -> tuple[str | None, str | None]:
    """(the directory, None) when it is safe to use, creating it 0700 if it is missing;
    (None, why not) when someone else could write in it; (None, None) when it cannot be
    made or read, as on a read-only disk, which needs no warning."""
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        status = os.stat(path)
    except OSError:
        return None, None
    if not stat.S_ISDIR(status.st_mode):
        return None, None
    reason = unsafe_reason(status, "")
    if reason:
        return None, reason
    if status.st_mode & 0o077:  # made readable by an earlier bilateral: the user's own, so close it
        with contextlib.suppress(OSError):
            os.chmod(path, 0o700)
    return path, None


def trusted_file(path: str) -> bool:
    """A regular file of the user's own, writable by no one else; never a FIFO or a device."""
    try:
        status = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(status.st_mode) and unsafe_reason(status, "") is None


def cache_name(directory: str, facts: str) -> str:
    """The cache file of a fact base: a keyed hash of its absolute path."""
    key = blake2b(os.fsencode(os.path.abspath(facts)), key=_secret(directory), digest_size=16)
    return os.path.join(directory, f"{key.hexdigest()}.sqlite3")


def _secret(directory: str) -> bytes:
    path = os.path.join(directory, SECRET_FILE)
    for _attempt in range(3):
        secret = _read_secret(path)
        if secret is not None:
            return secret
        _write_secret(directory, path)
    raise OSError(f"{path}: the cache secret cannot be kept")


def _read_secret(path: str) -> bytes | None:
    if not trusted_file(path):
        if os.path.lexists(path):
            with contextlib.suppress(OSError):
                os.unlink(path)
        return None
    with open(path, "rb") as file:
        secret = file.read(SECRET_BYTES + 1)
    return secret if len(secret) == SECRET_BYTES else None


def _write_secret(directory: str, path: str) -> None:
    """Write a new secret beside its name and link it into place: the first writer wins."""
    with temporary_beside(path, stem="secret") as temporary:
        with open(temporary, "wb") as file:
            file.write(os.urandom(SECRET_BYTES))
        with contextlib.suppress(FileExistsError):
            put_in_place(temporary, path, replace=False)
