"""A fingerprint of the code that shapes what the store keeps, so a change to it rebuilds."""

from __future__ import annotations

import functools
import os
import zlib

from bilateral import __version__

STORE_FORMAT = 9
"""The layout of the store's tables: raised with any change to them, so a cache of an older
layout rebuilds even where the modules' times say nothing (2: each document once, as JSON;
the rows that find records kept in their indexes alone; 3: each document compressed with
its search text, which the search index no longer keeps; 4: the lookup read from the
records, not stored whole; 5: each record's scopes a column of the search index; 6:
records compressed sixteen to a block, in `packs`; days kept as Julian day numbers,
mentions as the rowid of the record named; 7: the scopes an index of their own, out of
the search index's lengths; 8: a block's documents packed ahead of its search texts, so
they inflate alone, behind a checksum of the deflated bytes; 9: sources' fields that a
citation names, and which records have dated names, in tables of their own)."""
SHAPING_PACKAGES = ("schema", "kinds", "store")
"""Everything below the answering layer: reading, checking, documents, compiling."""


@functools.cache
def code_fingerprint() -> str:
    """The package version, the store's format and a checksum of the name, size and
    modification time of every module that shapes stored rows: an installed release changes
    its version, and an edit to the code in a checkout changes at least its file's time
    (status, not bytes, keeps this cheap on every start)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    checksum = 0
    for folder in SHAPING_PACKAGES:
        directory = os.path.join(package, folder)
        for entry in sorted(os.scandir(directory), key=lambda entry: entry.name):
            if entry.name.endswith(".py"):
                status = entry.stat()
                mark = f"{entry.name} {status.st_size} {status.st_mtime_ns}"
                checksum = zlib.crc32(mark.encode(), checksum)
    return f"{__version__}/{STORE_FORMAT}/{checksum:08x}"
