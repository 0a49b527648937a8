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
from bilateral.schema.reading import base_files
from bilateral.store.directory import blake2b
from bilateral.store.fingerprint import code_fingerprint

RACY_NS = 2_000_000_000
STATUS_FIELDS = ("st_dev", "st_ino", "st_ctime_ns", "st_mtime_ns", "st_size")


Seen = tuple[str, os.stat_result, str, bool]
"""A file as a build saw it: its path, status, digest, and whether it gives the base's
own keys (title, pair, as_of)."""


def source_key(path: str, seen: list[Seen], built_ns: int) -> dict[str, str]:
    """What the store records of the code and the files it was built from: the one place
    that says so, for the full build and the one-file update."""
    import json  # builds only; a warm start reads none of this

    return {
        "code": code_fingerprint(),
        "source_path": os.fsencode(os.path.abspath(path)).hex(),
        "source_status": statuses(path, [(file, status) for file, status, _, _ in seen]),
        "source_digest": digests(path, [(file, each) for file, _, each, _ in seen]),
        "part_status": json.dumps(
            {
                relative(path, file): [status_text(status), each, own]
                for file, status, each, own in seen
            }
        ),
        "built_ns": str(built_ns),
    }


def status_text(status: os.stat_result) -> str:
    return " ".join(str(getattr(status, field)) for field in STATUS_FIELDS)


def statuses(path: str, files: list[tuple[str, os.stat_result]]) -> str:
    return "\n".join(f"{relative(path, file)} {status_text(s)}" for file, s in files)


def digests(path: str, files: list[tuple[str, str]]) -> str:
    """One digest for every file's (path, digest)."""
    combined = blake2b(digest_size=32)
    for file, each in files:
        combined.update(f"{relative(path, file)}\n{each}\n".encode("utf-8", "replace"))
    return combined.hexdigest()


def relative(path: str, file: str) -> str:
    return os.fsencode(os.path.relpath(file, path) if file != path else "").hex()


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=32).hexdigest()


def still_fresh(meta: dict[str, str], path: str) -> bool:
    """Whether the store whose meta this is was built from the files now at `path`."""
    try:
        files = base_files(path)
        found = [(file, os.stat(file)) for file in files]
    except (OSError, FactBaseUnreadable):
        return False
    if not all(stat.S_ISREG(status.st_mode) for _, status in found):
        return False
    recorded = (meta.get("code"), meta.get("source_path"), meta.get("source_status"))
    current = (code_fingerprint(), os.fsencode(os.path.abspath(path)).hex(), statuses(path, found))
    if recorded != current:
        return False
    settled = int(meta.get("built_ns", "0")) - RACY_NS
    if all(status.st_ino and status.st_ctime_ns < settled for _, status in found):
        return True
    return _same_bytes(path, files, meta.get("source_digest"))


def _same_bytes(path: str, files: list[str], recorded: str | None) -> bool:
    from bilateral.schema.reading import read_bytes  # only for a file changed near the build

    try:
        return digests(path, [(file, digest(read_bytes(file))) for file in files]) == recorded
    except FactBaseUnreadable:
        return False
