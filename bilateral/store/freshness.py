"""Whether a compiled store still answers for its fact base.

The store records the code that built it and the file it was built from: device, inode,
change time, modification time and size, and a digest of its bytes. Every one of those
must still hold. The digest is compared too whenever the file's status cannot settle
it: a file changed within RACY_NS of the build (an edit inside one timestamp tick), or
a file system that gives no inode numbers.
"""

from __future__ import annotations

import functools
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
        "part_status": json.dumps(
            {
                relative(path, file): [status_text(status), each, own]
                for file, status, each, own in seen
            }
        ),
        "built_ns": str(built_ns),
    }


def status_text(status: os.stat_result) -> str:
    """The fields of STATUS_FIELDS, in order (written out: asked for every file, each start)."""
    s = status
    return f"{s.st_dev} {s.st_ino} {s.st_ctime_ns} {s.st_mtime_ns} {s.st_size}"


def statuses(path: str, files: list[tuple[str, os.stat_result]]) -> str:
    return "\n".join(f"{relative(path, file)} {status_text(s)}" for file, s in files)


@functools.cache
def relative(path: str, file: str) -> str:
    """A file's path inside the base's, as hex: `os.path.relpath`, without its cost for
    the plain case of a path the base's walk joined (asked thousands of times a start)."""
    if file == path:
        return ""
    prefix = path if path.endswith(os.sep) else path + os.sep
    inside = file[len(prefix) :] if file.startswith(prefix) else ""
    if not inside or any(part in ("", ".", "..") for part in inside.split(os.sep)):
        inside = os.path.relpath(file, path)
    return os.fsencode(inside).hex()


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
    racy = [file for file, status in found if not (status.st_ino and status.st_ctime_ns < settled)]
    return not racy or _same_bytes(path, racy, meta.get("part_status"))


def _same_bytes(path: str, files: list[str], recorded: str | None) -> bool:
    """Whether the files changed near the build hold the bytes it read, by their digests."""
    import json  # only for a file changed near the build

    from bilateral.schema.reading import read_bytes  # as is json: a warm start reads neither

    if recorded is None:
        return False
    then = json.loads(recorded)
    try:
        return all(digest(read_bytes(file)) == then[relative(path, file)][1] for file in files)
    except (FactBaseUnreadable, KeyError, IndexError, TypeError):
        return False
