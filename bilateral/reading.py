"""Read a fact base file into plain TOML data, refusing what is not a sound TOML file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from bilateral.errors import FactBaseUnreadable

MAX_BYTES = 128 * 1024 * 1024
"""The largest fact base read; far above any curated base (100,000 records is about 30 MiB)."""


def read_bytes(path: Path) -> bytes:
    try:
        size = os.stat(path).st_size
        if path.is_dir():
            raise FactBaseUnreadable(f"{path}: is a directory; give the path of a facts.toml file")
        if size > MAX_BYTES:
            raise FactBaseUnreadable(
                f"{path}: is {size:,} bytes, over the limit of {MAX_BYTES:,}; "
                "split the fact base or check that this is the right file"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise FactBaseUnreadable(f"{path}: no such file; check the path or --facts") from None
    except PermissionError:
        raise FactBaseUnreadable(f"{path}: permission denied; make the file readable") from None
    except OSError as error:
        raise FactBaseUnreadable(f"{path}: cannot be read ({error.strerror})") from None


def decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise FactBaseUnreadable(f"{path}: is empty; a fact base starts with schema_version = 1")
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


def parse_toml(path: Path, text: str) -> dict[str, Any]:
    import tomli

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        place = f"{path}:{error.lineno}:{error.colno}"
        raise FactBaseUnreadable(
            f"{place}: TOML syntax error: {error.msg}; fix the TOML at that place"
        ) from None
    except RecursionError:
        raise FactBaseUnreadable(
            f"{path}: nested too deeply to read; a fact base needs at most three levels of tables"
        ) from None


def read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and its parsed TOML data."""
    text = decode(path, read_bytes(path))
    return text, parse_toml(path, text)
