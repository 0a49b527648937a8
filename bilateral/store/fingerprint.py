"""A fingerprint of the code that shapes what the store keeps, so a change to it rebuilds."""

from __future__ import annotations

import os
import zlib

from bilateral import __version__

SHAPING_PACKAGES = ("schema", "kinds", "store")
"""Everything below the answering layer: reading, checking, documents, compiling."""


def code_fingerprint() -> str:
    """The package version and a checksum of every module that shapes stored rows."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    checksum = 0
    for folder in SHAPING_PACKAGES:
        directory = os.path.join(package, folder)
        for name in sorted(os.listdir(directory)):
            if name.endswith(".py"):
                with open(os.path.join(directory, name), "rb") as module:
                    checksum = zlib.crc32(name.encode() + module.read(), checksum)
    return f"{__version__}/{checksum:08x}"
