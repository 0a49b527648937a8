"""Writing an export's files whole or not at all: a temporary file beside each one, moved
into place once everything is written (through bilateral.store.writing), and removed on
any failure or interruption."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from bilateral.errors import BilateralError, FactBaseUnreadable, shown
from bilateral.schema.reading import base_files
from bilateral.store.writing import put_in_place, sweep_temporaries, temporary_beside

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
    """Refuse a path that cannot or should not be written, before any work is done: a
    file of the fact base is refused with --force too."""
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
    if fact_base and _of_the_base(path, fact_base):
        raise CannotWrite(f"{where} is a file of the fact base being exported; choose another file")
    if os.path.lexists(path) and not force:
        raise CannotWrite(f"{where} exists; give --force to replace it")


def _of_the_base(path: str, fact_base: str) -> bool:
    """Whether the path is one of the files of a directory base."""
    try:
        files = base_files(fact_base) if os.path.isdir(fact_base) else []
    except FactBaseUnreadable:
        files = []
    return any(_same_file(path, file) for file in files)


def _same_file(path: str, other: str) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


@contextlib.contextmanager
def replacing(paths: list[str], force: bool = False) -> Iterator[list[str]]:
    """Temporary files beside the paths, each moved to its path when the block ends well
    (over what is there only with `force`; otherwise linked, so a file that appeared
    meanwhile is never overwritten), all removed when it does not (an error, ^C, or
    SIGTERM, which the command line turns into an exception)."""
    with contextlib.ExitStack() as stack:
        try:
            temporaries = [_opened(stack, path) for path in paths]
            yield temporaries
            for temporary, path in zip(temporaries, paths, strict=True):
                put_in_place(temporary, path, replace=force)
        except FileExistsError as error:
            raise CannotWrite(
                f"{shown(error.filename2 or paths[0])} appeared while bilateral was writing; "
                "nothing was replaced; give --force to replace it"
            ) from None
        except OSError as error:
            reason = error.strerror or str(error)
            raise CannotWrite(
                f"cannot write {shown(paths[0])} ({reason}); free some space or choose another "
                "place",
                EXIT_WRITE,
            ) from None


def _opened(stack: contextlib.ExitStack, path: str) -> str:
    """A temporary beside the path, removed when the stack closes; the old ones a killed
    export left there swept first."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        sweep_temporaries(directory)
        return stack.enter_context(temporary_beside(path, 0o666 & ~_umask()))
    except OSError as error:
        raise CannotWrite(
            f"cannot write {shown(path)}: {shown(directory)} refuses new files "
            f"({error.strerror or error}); choose a directory you can write to"
        ) from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text(
    path: str, text: str, force: bool, fact_base: str | None = None, example: str = ""
) -> None:
    """Write a whole text export to `path`, or nothing."""
    check_target(path, force, fact_base, example or "bilateral.json")
    with replacing([path], force) as [temporary], open(temporary, "w", encoding="utf-8") as out:
        out.write(text)
