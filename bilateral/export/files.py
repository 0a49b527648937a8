"""Writing an export's files whole or not at all: a temporary file beside each one, renamed
over it once everything is written, and removed on any failure or interruption."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator

from bilateral.errors import BilateralError, shown

EXIT_PATH = 2
"""The path cannot be used: no such directory, a directory, a file that exists."""
EXIT_WRITE = 3
"""Writing failed part way (a full disk): nothing is left behind."""


class CannotWrite(BilateralError):
    """An export that could not be written, with the exit code that says why."""

    def __init__(self, message: str, code: int = EXIT_PATH) -> None:
        super().__init__(message)
        self.code = code


def check_target(
    path: str, force: bool, fact_base: str | None = None, example: str = "bilateral.db"
) -> None:
    """Refuse a path that cannot or should not be written, before any work is done."""
    where = shown(path)
    if os.path.isdir(path):
        inside = shown(os.path.join(path, example))
        raise CannotWrite(f"{where} is a directory; give a file name in it, such as {inside}")
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        there = shown(os.path.dirname(path) or directory)
        problem = "is not a directory" if os.path.exists(directory) else "does not exist"
        raise CannotWrite(f"cannot write {where}: {there} {problem}; create the directory first")
    if fact_base and _same_file(path, fact_base):
        raise CannotWrite(f"{where} is the fact base being exported; choose another file")
    if os.path.lexists(path) and not force:
        raise CannotWrite(f"{where} exists; give --force to replace it")


def _same_file(path: str, other: str) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


@contextlib.contextmanager
def replacing(paths: list[str]) -> Iterator[list[str]]:
    """Temporary files beside the paths, each renamed over its path when the block ends
    well, all removed when it does not (an error, ^C, or SIGTERM, which the command line
    turns into an exception)."""
    temporaries: list[str] = []
    try:
        temporaries += [_temporary(path) for path in paths]
        yield temporaries
        for temporary, path in zip(temporaries, paths, strict=True):
            os.replace(temporary, path)
    except OSError as error:
        reason = error.strerror or str(error)
        raise CannotWrite(
            f"cannot write {shown(paths[0])} ({reason}); free some space or choose another place",
            EXIT_WRITE,
        ) from None
    finally:
        for temporary in temporaries:
            for leftover in (temporary, f"{temporary}-journal"):
                with contextlib.suppress(OSError):
                    os.unlink(leftover)


def _temporary(path: str) -> str:
    directory, name = os.path.split(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=directory)
    except OSError as error:
        raise CannotWrite(
            f"cannot write {shown(path)}: {shown(directory)} refuses new files "
            f"({error.strerror or error}); choose a directory you can write to"
        ) from None
    os.close(handle)
    os.chmod(temporary, 0o666 & ~_umask())
    return temporary


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text(
    path: str, text: str, force: bool, fact_base: str | None = None, example: str = ""
) -> None:
    """Write a whole text export to `path`, or nothing."""
    check_target(path, force, fact_base, example or "bilateral.json")
    with replacing([path]) as [temporary], open(temporary, "w", encoding="utf-8") as out:
        out.write(text)
