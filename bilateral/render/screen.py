"""What rich's Console, as answers make it (screen_tables.console_for), decides about where
it prints, decided without importing rich.console (which costs more than click): whether
escape codes are written, and the width. None where rich would decide something this does
not reproduce (Windows, Jupyter, IDLE, a dumb terminal, an output that is not UTF-8): rich
then prints the answer itself."""

from __future__ import annotations

import builtins
import os
import sys
from typing import TextIO

from bilateral.schema.plain import Plain

PIPE_WIDTH = 100_000
"""A pipe is never wrapped."""
DUMB_TERMINALS = ("dumb", "unknown")


class Screen(Plain):
    """The width printed at, in cells, and whether escape codes are written."""

    __slots__ = ("color", "width")

    def __init__(self, width: int, color: bool) -> None:
        self.width = width
        self.color = color


def plain_wanted() -> bool:
    """NO_COLOR and CLICOLOR=0 turn off every escape code, bold and dim included."""
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("CLICOLOR") == "0"


def screen_for(out: TextIO, terminal: bool) -> Screen | None:
    """The width and colour rich's Console would print at (see console_for)."""
    if sys.platform == "win32" or hasattr(builtins, "get_ipython"):
        return None
    if str(getattr(sys.stdin, "__module__", "")).startswith("idlelib"):
        return None
    encoding = (getattr(out, "encoding", "utf-8") or "utf-8").lower()
    if not encoding.startswith("utf"):
        return None
    plain = plain_wanted()
    is_terminal = True if terminal and not plain else _detected_terminal(out)
    if is_terminal and os.environ.get("TERM", "").lower() in DUMB_TERMINALS:
        return None  # rich prints 80 cells wide, whatever the width it was given
    width = _terminal_columns() if terminal else PIPE_WIDTH
    if width is None:
        return None
    return Screen(width, is_terminal and not plain)


def _detected_terminal(out: TextIO) -> bool:
    """As rich's Console.is_terminal where no terminal is forced on it."""
    environ = os.environ
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force_color = environ.get("FORCE_COLOR")
    if force_color is not None:
        return force_color != ""
    isatty = getattr(out, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:
        return False


def terminal_width() -> int | None:
    """None to let rich measure the terminal, unless $COLUMNS says 0 (or nothing a width
    can be), which rich would take as a width: then the terminal's own, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return None
    if not columns:
        return None
    import shutil  # only for a $COLUMNS that is no width

    size = shutil.get_terminal_size((80, 24)).columns
    return size if size > 0 else 80


def _terminal_columns() -> int | None:
    """The width of a terminal's answer as rich takes it: terminal_width() where that gives
    one, else $COLUMNS, else the first standard stream's terminal, else 80."""
    given = terminal_width()
    if given is not None:
        return given
    columns = os.environ.get("COLUMNS", "")
    if not columns.isascii():
        return None  # digits of another script: left to rich
    if columns.isdigit():
        return int(columns)
    for stream, number in ((sys.__stdin__, 0), (sys.__stdout__, 1), (sys.__stderr__, 2)):
        try:
            return os.get_terminal_size(_fileno(stream, number)).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def _fileno(stream: TextIO | None, default: int) -> int:
    try:
        return stream.fileno()  # type: ignore[union-attr]
    except Exception:
        return default
