"""`fmt` on one file: read it, lay it out, and say or write what changed."""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass

from bilateral.curate.files import locked, write_atomically
from bilateral.curate.formatting import formatted
from bilateral.errors import FactBaseUnreadable
from bilateral.schema.reading import decode, read_bytes

EXIT_WOULD_CHANGE = 1
EXIT_UNREADABLE = 2
EXIT_UNWRITABLE = 3


@dataclass(frozen=True)
class Outcome:
    code: int
    """0, or 1 when a file would change (--check), 2 unreadable, 3 not written."""
    output: str = ""
    """For stdout: the diff, the laid-out text of stdin, or `FILE: laid out`."""
    message: str = ""
    """For stderr."""


def lay_out(file: str, check_only: bool, show_diff: bool) -> Outcome:
    """Lay out the file (`-`: stdin, written to stdout), or with `check_only` only say
    whether it would change."""
    if file == "-" or check_only:
        return _laid_out(file, check_only, show_diff)
    try:
        with locked(file):  # another writer waits; the bytes are read again under the lock
            return _laid_out(file, check_only, show_diff)
    except OSError as error:
        return Outcome(EXIT_UNWRITABLE, message=f"{file}: cannot be written ({error.strerror})")


def _laid_out(file: str, check_only: bool, show_diff: bool) -> Outcome:
    import difflib  # only `fmt --diff`

    try:
        original = sys.stdin.buffer.read() if file == "-" else read_bytes(file)
        text = decode(file, original)
        result = formatted(file, text)
    except FactBaseUnreadable as error:
        return Outcome(EXIT_UNREADABLE, message=str(error))
    if file == "-" and not check_only:
        return Outcome(0, output=result)
    if result == text:
        return Outcome(0)
    shown = ""
    if show_diff:
        lines = text.splitlines(keepends=True), result.splitlines(keepends=True)
        shown = "".join(difflib.unified_diff(*lines, file, file))
    if check_only:
        rerun = f"run `bilateral fmt {shlex.quote(file)}`" if file != "-" else "run bilateral fmt"
        return Outcome(EXIT_WOULD_CHANGE, shown, f"{file}: would be laid out anew; {rerun}")
    try:
        write_atomically(file, result, expected=original)
    except OSError as error:
        return Outcome(EXIT_UNWRITABLE, message=f"{file}: cannot be written ({error.strerror})")
    return Outcome(0, f"{shown}{file}: laid out\n")
