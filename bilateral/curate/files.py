"""Files of a base: which TOML files a path means, and writing one so that a reader sees
either the old text or the new, never half of one."""

from __future__ import annotations

import os
import stat

from bilateral.schema import reading


def toml_files(path: str) -> list[str]:
    """The file itself, or every `*.toml` file under a directory, sorted by path, as a base
    kept in many files reads them (FactBaseUnreadable when there is none)."""
    return reading.toml_files(path) if os.path.isdir(path) else [path]


def write_atomically(path: str, text: str, expected: bytes | None = None) -> None:
    """Write the text through a temporary file in the same directory, renamed over the
    file, which keeps its mode. With `expected`, refuse (OSError) when the file no longer
    holds those bytes: someone changed it meanwhile."""
    import tempfile  # only commands that write a base

    directory = os.path.dirname(os.path.abspath(path))
    mode = stat.S_IMODE(os.stat(path).st_mode) if os.path.exists(path) else 0o644
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory
    )
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        if expected is not None and _read(path) != expected:
            raise OSError(0, "it changed while bilateral was working on it; run the command again")
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()
