"""The cyclic garbage collector turned off or on for a stretch of work, and back as it was."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector(enabled: bool) -> Iterator[None]:
    """The collector on or off while the block runs, as it was found after. Off for a
    build, which makes no cycles to free while the collector would walk its millions of
    objects again and again (about 2 s of 25 at 100,000 records); on for `fmt`'s tomlkit
    parse, each of whose parsers holds its chunk's text in a cycle that only a collection
    frees, while the command line keeps the collector off (cli/__init__.py)."""
    was_on = gc.isenabled()
    if enabled:
        gc.enable()
    else:
        gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
        else:
            gc.disable()
