"""Which file of a directory base a new record goes in, by its pair.

A file may declare its pair (`pair = "AZ-TR"`); a record goes in the last file of its own
pair that holds records of its kind, else the first file of its pair, else (a record of
the base's own pair, or of no pair) the last file holding its kind that declares no
other pair. A record's pair is its `pair`, else its two countries' (a trade figure's
`reporter` and `partner`), else the pair of its `country` (people, places) where exactly
one of the base's pairs holds that country.
"""

from __future__ import annotations

from typing import Any

Parsed = list[tuple[str, dict[str, Any]]]
NEW_FILE = "schema_version = 3\n"


def normal(pair: str) -> str:
    return "-".join(sorted(pair.upper().replace("_", "-").split("-")))


def declared(data: dict[str, Any]) -> str | None:
    value = data.get("pair")
    return normal(value) if isinstance(value, str) and value else None


def file_for(parsed: Parsed, table: str, values: dict[str, Any]) -> str | None:
    """The file for a new record of `table` with `values`, or None when none fits."""
    heads = [declared(data) for _file, data in parsed if "title" in data and "pair" in data]
    default = heads[0] if heads else None
    own = _pair_of(parsed, values, default)
    mine = [
        (file, data)
        for file, data in parsed
        if declared(data) == own or (declared(data) in (None, default) and own in (None, default))
    ]
    for file, data in reversed(mine):
        if isinstance(data.get(table), list) and data[table]:
            return file
    if own is not None and own != default and mine:
        return mine[0][0]
    holding = [file for file, data in parsed if isinstance(data.get(table), list)]
    return holding[-1] if holding and own in (None, default) else None


def _pair_of(parsed: Parsed, values: dict[str, Any], default: str | None) -> str | None:
    if isinstance(values.get("pair"), str):
        return normal(values["pair"])
    ends = [values.get(key) for key in ("reporter", "partner")]
    if all(isinstance(end, str) for end in ends):
        return normal("-".join(str(end) for end in ends))
    country = values.get("country")
    if isinstance(country, str):
        pairs = {declared(data) for _file, data in parsed} | {default}
        holding = [pair for pair in pairs if pair and country.upper() in pair.split("-")]
        if len(holding) == 1:
            return holding[0]
    return default


def new_file_text(values: dict[str, Any]) -> str:
    """A new file's first lines: its schema version, and its pair where the record has one."""
    pair = values.get("pair")
    return NEW_FILE + (f'pair = "{normal(pair)}"\n' if isinstance(pair, str) else "")
