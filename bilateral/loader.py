"""Find and load a fact base: the file the user named, or the one shipped with the package."""

from __future__ import annotations

import os
from pathlib import Path

from bilateral.reading import read_toml
from bilateral.records import FactBase

ENVIRONMENT_VARIABLE = "BILATERAL_FACTS"


def shipped_facts() -> Path:
    """The fact base inside the installed package, or the checkout's top-level copy."""
    here = Path(__file__).resolve().parent
    packaged = here / "facts.toml"
    return packaged if packaged.is_file() else here.parent / "facts.toml"


def facts_path(option: str | None) -> Path:
    """--facts, then $BILATERAL_FACTS, then the shipped base."""
    chosen = option or os.environ.get(ENVIRONMENT_VARIABLE)
    return Path(chosen) if chosen else shipped_facts()


def load(path: Path) -> FactBase:
    from bilateral.validate import build

    text, data = read_toml(path)
    return build(str(path), text, data)
