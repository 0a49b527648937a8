"""Warnings `check` gives beside the problems: sub-tables away from their record, and
sources no record cites, each at its file and line."""

from __future__ import annotations

import functools

from bilateral.curate.files import base_files
from bilateral.curate.findings import Finding
from bilateral.curate.placing import record_ids, stray_subtables
from bilateral.schema.checker import named_key
from bilateral.schema.locate import LineIndex
from bilateral.schema.reading import decode, parse_toml, read_bytes, read_toml

UNCITED = "source {id!r} is cited by no record; cite it or remove it"


def layout_warnings(target: str) -> list[Finding]:
    """Sub-tables another table parts from the record they attach to, in every file."""
    found = []
    for file in base_files(target):
        text = decode(file, read_bytes(file))
        found += stray_subtables(file, text, functools.partial(parse_toml, file, text))
    return found


def uncited_warnings(target: str, uncited: list[str]) -> list[Finding]:
    """A warning at each source record no record cites."""
    wanted = set(uncited)
    found: list[Finding] = []
    if not wanted:
        return found
    for file in base_files(target):
        text, data = read_toml(file)
        sources = data.get("sources")
        if not isinstance(sources, list):
            continue
        index, ids = LineIndex(text), record_ids(data)
        for position, source in enumerate(sources):
            if isinstance(source, dict) and source.get("id") in wanted:
                key = f"sources[{position}]"
                message = UNCITED.format(id=source["id"])
                found.append(
                    Finding(file, index.line_of(key), named_key(key, ids), message, "warning")
                )
    return found
