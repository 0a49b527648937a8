"""The command line: parses options, asks the API, prints once, maps errors to exit codes."""

from __future__ import annotations

import gc

# The collector is off while the command line's modules load, click's among them: they
# live as long as the process, so its passes over them find nothing (19 passes, about
# 4 ms of CPU, while click alone loads). Loaded, they are frozen, out of every later
# pass, and the collector is on again if it was.
_COLLECTING = gc.isenabled()
gc.disable()

import sys  # noqa: E402

import click  # noqa: E402

from bilateral.cli.answering import (  # noqa: E402
    EXIT_ANSWERED,
    EXIT_INTERRUPTED,
    EXIT_IO,
    cannot_write,
    reader_gone,
)
from bilateral.cli.group import cli  # noqa: E402
from bilateral.render.escapes import visible  # noqa: E402

__all__ = ["cli", "exit_on_sigterm", "main"]
gc.freeze()
if _COLLECTING:
    gc.enable()


def main(argv: list[str] | None = None) -> None:
    """Entry point for the console script and `python -m bilateral`.

    Click's own handling is kept for usage errors; an interruption exits 130, as a
    shell would report it, rather than click's 1, which here means nothing matched.
    """
    exit_on_sigterm()
    # Off while answering, too: the command's own modules load on the way, and what the
    # answer reads lives until the process ends; it makes next to no reference cycles (a
    # collection after the officials table, or after 20,000 events of the 100,000-record
    # base, finds the same 500 objects the imports left, and the peaks of that base's
    # largest answers, exports and check are the same), so the passes its allocations set
    # off (nine for the officials table) free nothing: about 2 ms of a warm answer.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _run(argv)
    finally:
        # The process ends here. Frozen, what it made is not walked again by the
        # interpreter's collections on the way out (a tenth of a warm answer's CPU); it is
        # still freed as modules are cleared, and stdout flushed. Only what a reference
        # cycle holds keeps its finalizer unrun: every file and store written is closed
        # before (`with`, `closing`).
        gc.freeze()
        if collecting:
            gc.enable()


def _run(argv: list[str] | None) -> None:
    if sys.stdout is None:  # started with stdout closed (`bilateral trade >&-`)
        if sys.stderr is not None:
            sys.stderr.write("bilateral: stdout is closed; there is nowhere to write the answer\n")
        sys.exit(EXIT_IO)
    try:
        code = cli.main(args=argv, prog_name="bilateral", standalone_mode=False)
    except click.Abort:
        import signal  # only on the way out after an interruption

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second ^C must not cut the exit short
        click.echo("bilateral: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as error:
        # A value typed may hold escapes too; click declares `message` final, not frozen.
        setattr(error, "message", visible(error.message))  # noqa: B010
        error.show()
        sys.exit(error.exit_code)
    except BrokenPipeError:
        reader_gone()
    except OSError as error:
        cannot_write(error)
    sys.exit(code if isinstance(code, int) else EXIT_ANSWERED)


def exit_on_sigterm() -> None:
    """SIGTERM unwinds like an exception, exit 143, so every `finally` below runs and
    removes what a write left half done. The command line sets this; library code sets
    no handler (it may run in any thread)."""
    # the command line's own process, never the library's; `_signal` is what `signal`
    # wraps in enums, which cost a start more than the whole handler
    try:
        import _signal  # type: ignore[import-not-found]
    except ImportError:  # a Python without CPython's module under `signal`
        import signal as _signal

    def exit_143(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    _signal.signal(_signal.SIGTERM, exit_143)
