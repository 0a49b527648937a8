"""Every command as a person sees it, at many widths, on a real pseudo-terminal.

Run by tests/test_widths.py as the child of a pseudo-terminal: for each width it resizes
the terminal (TIOCSWINSZ, as a terminal window does when dragged) and runs each command in
this one process, so a sweep over 121 widths costs seconds, not minutes. Each answer is
preceded by a marker line: RS WIDTH TAB INDEX RS.

    python tests/screens.py COMMANDS.json WIDTH...
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import struct
import sys
import termios

MARK = "\x1e"


def resize(columns: int) -> None:
    fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack("HHHH", 500, columns, 0, 0))


def main() -> None:
    from bilateral.cli import cli  # after the path is set by the test

    with open(sys.argv[1], encoding="utf-8") as file:
        commands: list[list[str]] = json.load(file)
    for width in (int(word) for word in sys.argv[2:]):
        resize(width)
        for index, args in enumerate(commands):
            sys.stdout.write(f"{MARK}{width}\t{index}{MARK}\n")
            sys.stdout.flush()
            with contextlib.suppress(SystemExit):
                cli.main(args=args, prog_name="bilateral", standalone_mode=False)
            sys.stdout.flush()
            sys.stderr.flush()


if __name__ == "__main__":
    main()
