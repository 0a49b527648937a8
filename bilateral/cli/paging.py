"""Long answers at a terminal go through a pager, the way git and gh do; never in a pipe."""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from typing import TextIO

DEFAULT_PAGER = "less"
LESS_DEFAULT = "FRX"
"""$LESS where it is unset, as git sets it, for `less` chosen by default or by $PAGER:
F, quit if it fits a screen; R, show colours, not their codes; X, leave the text on the
screen."""


def pager_command() -> list[str] | None:
    """$BILATERAL_PAGER, else $PAGER, else less; None when set empty or to `cat`."""
    chosen = os.environ.get("BILATERAL_PAGER", os.environ.get("PAGER", DEFAULT_PAGER))
    try:
        words = shlex.split(chosen)
    except ValueError:
        return None
    if not words or words[0] == "cat":
        return None
    return words


def write_paged(render: Callable[[TextIO], None], out: TextIO) -> None:
    """Render the answer, and show it through the pager when it is taller than the screen."""
    buffer = io.StringIO()
    render(buffer)
    text = buffer.getvalue()
    command = pager_command()
    height = shutil.get_terminal_size((80, 24)).lines
    if command is None or text.count("\n") < height - 1 or not _run_pager(command, text):
        out.write(text)


def _run_pager(command: list[str], text: str) -> bool:
    """Whether the pager showed the text; False when it could not be started or failed
    (exited with a status other than 0), so that the answer is printed directly."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    environment = dict(os.environ)
    environment.setdefault("LESS", LESS_DEFAULT)
    environment.setdefault("LV", "-c")
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=environment)
    except OSError:
        return False
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # ^C belongs to the pager now
    try:
        assert process.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            process.stdin.write(text.encode(encoding, "replace"))
            process.stdin.close()
        status = process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    if status > 0:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(
                f"bilateral: the pager ({shlex.join(command)}) failed with exit status "
                f"{status}; the answer follows unpaged\n"
            )
        return False
    return True
