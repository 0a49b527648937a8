"""Whether a compiled store still answers for its fact base.

The store records the code that built it and the file it was built from: device, inode,
change time, modification time and size, and a digest of its bytes. Every one of those
must still hold. The digest is compared too whenever the file's status cannot settle
it: a file changed within RACY_NS of the build (an edit inside one timestamp tick), or
a file system that gives no inode numbers.
"""

from __future__ import annotations

import os
import stat

from bilateral.errors import FactBaseUnreadable
from bilateral.store.directory import blake2b
from bilateral.store.fingerprint import code_fingerprint

RACY_NS = 2_000_000_000
STATUS_FIELDS = ("st_dev", "st_ino", "st_ctime_ns", "st_mtime_ns", "st_size")


def source_key(path: str, status: os.stat_result, data: bytes, built_ns: int) -> dict[str, str]:
    """What the store records of the code and the file it was built from."""
    return {
        "code": code_fingerprint(),
        "source_path": os.fsencode(os.path.abspath(path)).hex(),
        "source_status": status_text(status),
        "source_digest": digest(data),
        "built_ns": str(built_ns),
    }


def status_text(status: os.stat_result) -> str:
    return " ".join(str(getattr(status, field)) for field in STATUS_FIELDS)


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=32).hexdigest()


def still_fresh(meta: dict[str, str], path: str) -> bool:
    """Whether the store whose meta this is was built from the file now at `path`."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    if not stat.S_ISREG(status.st_mode):
        return False
    recorded = (meta.get("code"), meta.get("source_path"), meta.get("source_status"))
    current = (code_fingerprint(), os.fsencode(os.path.abspath(path)).hex(), status_text(status))
    if recorded != current:
        return False
    if status.st_ino and status.st_ctime_ns < int(meta.get("built_ns", "0")) - RACY_NS:
        return True
    return _same_bytes(path, meta.get("source_digest"))


def _same_bytes(path: str, recorded: str | None) -> bool:
    from bilateral.schema.reading import read_bytes  # only for a file changed near the build

    try:
        return digest(read_bytes(path)) == recorded
    except FactBaseUnreadable:
        return False
