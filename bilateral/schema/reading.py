"""Read a fact base file into plain TOML data, refusing what is not a sound TOML file."""

from __future__ import annotations

import os
import stat
from typing import Any

from bilateral.errors import FactBaseUnreadable, shown

MAX_ENTRIES = 100_000
"""The most files and folders a directory base is searched through for *.toml files."""
MAX_BYTES = 128 * 1024 * 1024
"""The largest fact base read; far above any curated base (100,000 records is about 30 MiB)."""


def read_bytes(path: str) -> bytes:
    """The file's bytes: a regular file only, opened without blocking, read within the limit."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FactBaseUnreadable(f"{path}: no such file; check the path or --facts") from None
    except PermissionError:
        raise FactBaseUnreadable(f"{path}: permission denied; make the file readable") from None
    except OSError as error:
        raise FactBaseUnreadable(f"{path}: cannot be read ({error.strerror})") from None
    try:
        return _read_regular(path, descriptor)
    except OSError as error:
        raise FactBaseUnreadable(f"{path}: cannot be read ({error.strerror})") from None
    finally:
        os.close(descriptor)


def _read_regular(path: str, descriptor: int) -> bytes:
    status = os.fstat(descriptor)
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise FactBaseUnreadable(f"{path}: is a directory; give the path of a facts.toml file")
    if not stat.S_ISREG(mode):
        raise FactBaseUnreadable(
            f"{path}: is not a regular file (a pipe, device or socket); "
            "give the path of a facts.toml file"
        )
    if status.st_size > MAX_BYTES:
        raise FactBaseUnreadable(
            f"{path}: is {status.st_size:,} bytes, over the limit of {MAX_BYTES:,}; "
            "split the fact base or check that this is the right file"
        )
    chunks = []
    size = 0
    while size <= MAX_BYTES:
        chunk = os.read(descriptor, min(1 << 20, MAX_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > MAX_BYTES:
        raise FactBaseUnreadable(
            f"{path}: grew past the limit of {MAX_BYTES:,} bytes while it was read; "
            "try again once it is written"
        )
    return b"".join(chunks)


def decode(path: str, data: bytes) -> str:
    if not data.strip():
        raise FactBaseUnreadable(f"{path}: is empty; a fact base starts with schema_version = 3")
    if data.startswith(b"\xef\xbb\xbf"):
        raise FactBaseUnreadable(
            f"{path}:1: starts with a byte-order mark; save the file as UTF-8 without BOM"
        )
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise FactBaseUnreadable(
            f"{path}:{line}: contains a NUL byte, so it is not a text file; "
            "check that this is the right file"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FactBaseUnreadable(
            f"{path}:{line}: is not valid UTF-8 (byte {error.start}); save the file as UTF-8"
        ) from None


def parse_toml(path: str, text: str) -> dict[str, Any]:
    import tomli  # only a build parses TOML; a warm answer reads the compiled store

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        orphan = _orphan_above(text, error.lineno)
        if orphan is not None:
            raise FactBaseUnreadable(f"{path}:{orphan}") from None
        place = f"{path}:{error.lineno}:{error.colno}"
        raise FactBaseUnreadable(
            f"{place}: TOML syntax error: {error.msg}; fix the TOML at that place"
        ) from None
    except ValueError as error:  # an integer past Python's limit on digits
        raise FactBaseUnreadable(
            f"{_where_long_number(path, text)}: a number has more digits than can be read "
            f"({error}); shorten it"
        ) from None
    except RecursionError:
        raise FactBaseUnreadable(
            f"{path}: nested too deeply to read; a fact base needs at most three levels of tables"
        ) from None


def _orphan_above(text: str, line: int) -> str | None:
    """Where a sub-table's header (`[[people.roles]]`) comes before any header of its parent
    (`[[people]]`, the line TOML stops at): that header's line and what to do, else None."""
    import re  # only for this rare message

    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None
    header = re.match(r"^\s*\[\[\s*([A-Za-z_]+)\s*\]\]", lines[line - 1])
    if header is None:
        return None
    table = header[1]
    for number, earlier in enumerate(lines[: line - 1], 1):
        if re.match(rf"^\s*\[\[\s*{table}\s*\]\]", earlier):
            return None
        child = re.match(rf"^\s*\[\[\s*{table}\s*\.\s*([A-Za-z_]+)", earlier)
        if child:
            return (
                f"{number}: [[{table}.{child[1]}]] comes before any [[{table}]] in this file; "
                f"move it below the [[{table}]] record it belongs to"
            )
    return None


def read_toml(path: str) -> tuple[str, dict[str, Any]]:
    """The file's text and its parsed TOML data."""
    text = decode(path, read_bytes(path))
    return text, parse_toml(path, text)


def _where_long_number(path: str, text: str) -> str:
    import re  # only for this rare message

    match = re.search(r"^[^#\n\"']*=\s*[+-]?[\d_]{4000,}", text, re.MULTILINE)
    return f"{path}:{text.count(chr(10), 0, match.start()) + 1}" if match else path


def base_files(path: str) -> list[str]:
    """The files a base is read from, the one list every reader and writer uses: the file
    itself, or every `*.toml` file under a directory, hidden ones aside, sorted by path.

    A symlinked folder or file inside is followed and read like any other; a folder that
    cannot be listed, a link that leads nowhere or back into the base, and a directory
    without a *.toml file are refused (FactBaseUnreadable naming it), never skipped."""
    if not os.path.isdir(path):
        return [path]
    found: list[str] = []
    _walk(path, path, found, {_identity(path)}, [0])
    if not found:
        raise FactBaseUnreadable(
            f"{shown(path)}: holds no *.toml file; give a fact base file or a directory of them"
        )
    return sorted(found)


def _walk(base: str, folder: str, found: list[str], ancestors: set[tuple[int, int]],
          seen: list[int]) -> None:  # fmt: skip
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        raise FactBaseUnreadable(
            f"{shown(folder)}: a folder of the base {shown(base)} cannot be listed "
            f"({error.strerror}); make it readable, or move it out of the base"
        ) from None
    seen[0] += len(entries)
    if seen[0] > MAX_ENTRIES:
        raise FactBaseUnreadable(
            f"{shown(base)}: holds over {MAX_ENTRIES:,} files and folders, more than a "
            "fact base; give the directory of the base itself"
        )
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_folder(base, entry):
            identity = _identity(entry.path)
            if identity in ancestors:
                raise FactBaseUnreadable(
                    f"{shown(entry.path)}: a link back to a folder that holds it, so the base "
                    "would never end; remove the link"
                )
            _walk(base, entry.path, found, ancestors | {identity}, seen)
        elif entry.name.endswith(".toml"):
            found.append(entry.path)


def _is_folder(base: str, entry: os.DirEntry[str]) -> bool:
    """Whether an entry is a folder to descend into (a link to one included)."""
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError as error:
        raise FactBaseUnreadable(
            f"{shown(entry.path)}: in the base {shown(base)}, cannot be examined "
            f"({error.strerror}); make it readable, or move it out of the base"
        ) from None


def _identity(path: str) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_dev, status.st_ino
