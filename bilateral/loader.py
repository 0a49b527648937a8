"""Load and validate a fact base into typed records."""

from __future__ import annotations

from pathlib import Path

from bilateral.reading import read_toml
from bilateral.records import FactBase


def load(path: Path) -> FactBase:
    from bilateral.validate import build

    text, data = read_toml(path)
    return build(str(path), text, data)
