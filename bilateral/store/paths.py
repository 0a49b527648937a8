"""Where the fact base is: the user's choice or the shipped one. No pathlib: this is start-up."""

from __future__ import annotations

import os

ENVIRONMENT_VARIABLE = "BILATERAL_FACTS"


def shipped_facts() -> str:
    """The fact base inside the installed package, or the checkout's top-level copy."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    packaged = os.path.join(package, "facts.toml")
    checkout = os.path.join(os.path.dirname(package), "facts.toml")
    return packaged if os.path.isfile(packaged) else checkout


def installed_facts() -> str | None:
    """The base installed inside the package, if this is an installed package."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    packaged = os.path.join(package, "facts.toml")
    return packaged if os.path.isfile(packaged) else None


def facts_path(option: str | None) -> str:
    """--facts, then $BILATERAL_FACTS, then the shipped base."""
    return option or os.environ.get(ENVIRONMENT_VARIABLE) or shipped_facts()
