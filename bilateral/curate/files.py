"""Files of a base as the curators' tools write them: which files a path means, and
writing one whole, through the one writer (`bilateral.store.writing`)."""

from __future__ import annotations

import os

from bilateral.errors import BilateralError, shown
from bilateral.schema.reading import base_files
from bilateral.store.paths import installed_facts
from bilateral.store.writing import locked, replace_file

__all__ = ["InstalledCopy", "base_files", "locked", "refuse_installed", "write_atomically"]


class InstalledCopy(BilateralError):
    """The base named is the copy installed with the package (exit 2)."""


def refuse_installed(path: str) -> None:
    """Refuse to edit the base installed with bilateral, which the next install replaces."""
    installed = installed_facts()
    if installed is not None and os.path.realpath(path) == os.path.realpath(installed):
        raise InstalledCopy(
            f"{shown(path)} is the copy of the base installed with bilateral, which the next "
            f"install replaces; start a base of your own (cp {shown(path)} facts.toml) and "
            "edit that with --facts facts.toml"
        )


def write_atomically(path: str, text: str, expected: bytes | None = None) -> None:
    """Write a file of a base whole (see replace_file); hold `locked(path)` around the
    read that `expected` comes from and this write."""
    replace_file(path, text.encode("utf-8"), expected)
