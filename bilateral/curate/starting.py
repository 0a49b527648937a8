"""`init`: start a base, or a pair's file inside a directory base, that `check` accepts.

A new base is a directory with one file, `aa-bb.toml`: the base's keys (its title, its
pair, the date it is written about), the two countries, and the source that names them,
ISO 3166-1. In a directory base that exists, the file is the pair's own: it declares the
pair, gives its title and date in `[pairs.AA-BB]` (docs/schema.md, "Several pairs in one
base"), and holds the countries the base does not hold yet.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from typing import Any

from bilateral.curate.saving import base_files, write_atomically
from bilateral.curate.tomlwrite import value_text
from bilateral.errors import BilateralError, FactBaseInvalid, Problem
from bilateral.schema.codes import COUNTRY_CODES, COUNTRY_NAMES
from bilateral.schema.reading import read_toml

ISO_SOURCE = {
    "id": "iso-3166",
    "title": "ISO 3166-1: Codes for the representation of names of countries",
    "publisher": "International Organization for Standardization",
    "url": "https://www.iso.org/iso-3166-country-codes.html",
}


class CannotStart(BilateralError):
    """The pair or the directory cannot take a new base or file (exit 2)."""


class StartsInvalid(BilateralError):
    """The base would not be valid with the new file (exit 1); nothing is written."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class Start:
    file: str
    text: str
    new_base: bool


def pair_codes(pair: str) -> tuple[str, str]:
    codes = pair.upper().replace("_", "-").split("-")
    if len(codes) != 2 or codes[0] == codes[1] or not set(codes) <= COUNTRY_CODES:
        raise CannotStart(f"--pair {pair!r} is not two ISO 3166-1 country codes such as AZ-TR")
    first, second = sorted(codes)
    return first, second


def plan(directory: str, pair: str, title: str | None, as_of: str | None) -> Start:
    """The file to write, and its text, for the pair in the directory."""
    codes = pair_codes(pair)
    if os.path.exists(directory) and not os.path.isdir(directory):
        raise CannotStart(f"{directory}: is a file; init starts a directory base, give a directory")
    existing = _base_files(directory)
    file = os.path.join(directory, f"{codes[0].lower()}-{codes[1].lower()}.toml")
    if os.path.exists(file):
        raise CannotStart(f"{file}: exists already; add records to it with `bilateral new`")
    held = _held(existing)
    names = " and ".join(COUNTRY_NAMES.get(code, code) for code in codes)
    about = {
        "title": title or f"{names.replace(' and ', '-')} relations",
        "as_of": datetime.date.fromisoformat(as_of or datetime.date.today().isoformat()),
    }
    joined = "-".join(codes)
    if existing:  # the pair's title and date, in the base's `pairs` table
        lines = ["schema_version = 3", f'pair = "{joined}"', "", f"[pairs.{joined}]"]
        lines += _fields(about)
    else:
        lines = ["schema_version = 3", *_fields({"title": about["title"]})]
        lines += [f'pair = "{joined}"', *_fields({"as_of": about["as_of"]})]
    if "iso-3166" not in held:
        lines += ["", "[[sources]]", *_fields(ISO_SOURCE)]
    for code in codes:
        if code not in held:
            country = {"id": code, "name": COUNTRY_NAMES.get(code, code)}
            lines += ["", "[[countries]]", *_fields(country)]
            lines.append('sources = [{ source = "iso-3166" }]')
    return Start(file, "\n".join(lines) + "\n", not existing)


def _fields(values: dict[str, Any]) -> list[str]:
    return [f"{key} = {value_text(value)}" for key, value in values.items()]


def _base_files(directory: str) -> list[str]:
    if not os.path.isdir(directory):
        return []
    try:
        found: list[str] = base_files(directory)
        return found
    except BilateralError:
        return []  # a directory with no *.toml file: a new base


def _held(files: list[str]) -> set[str]:
    """The ids of the sources and countries the base holds already."""
    held: set[str] = set()
    for file in files:
        _text, data = read_toml(file)
        for table in ("sources", "countries"):
            items = data.get(table)
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    held.add(item["id"])
    return held


def start(directory: str, begun: Start) -> None:
    """Check the base with the new file, then write it; StartsInvalid when it would not
    be valid (nothing is written)."""
    from bilateral.kinds.parts import build_parts  # the checking stack, for init alone
    from bilateral.schema.reading import parse_toml

    parts = [(file, *read_toml(file)) for file in _base_files(directory)]
    parts.append((begun.file, begun.text, parse_toml(begun.file, begun.text)))
    try:
        build_parts([(file, _constant(text), data) for file, text, data in parts])
    except FactBaseInvalid as error:
        raise StartsInvalid(
            f"{directory}: the base would have {len(error.problems)} problem(s) with "
            f"{os.path.basename(begun.file)}, so nothing was written; run `bilateral check`",
            error.problems,
        ) from None
    os.makedirs(directory, exist_ok=True)
    write_atomically(begun.file, begun.text)


def _constant(text: str) -> Any:
    return lambda: text
