"""Where each kind with a listing is declared, so that a table or a TSV imports the kind it
lists and not every kind (registry.py, the list of kinds, imports all of them: nine more
modules for a listing of people). A test holds this map to the registry."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bilateral.kinds.kind import Kind

DECLARED_IN = {
    "source": ("sources", "SOURCE"),
    "person": ("people", "PERSON"),
    "area": ("areas", "AREA"),
    "trade": ("trade", "TRADE"),
    "event": ("events", "EVENT"),
    "relation": ("opinions", "RELATION"),
    "assessment": ("opinions", "ASSESSMENT"),
}
"""Each kind with a listing: its module in bilateral.kinds and the name it has there."""


def listed_kind(name: str) -> Kind:
    """The kind of this name, importing only its module where this map has it."""
    if name not in DECLARED_IN:
        from bilateral.kinds.registry import kind  # a kind without a listing of its own

        return kind(name)
    module, attribute = DECLARED_IN[name]
    # the kind's own module alone, not the registry's every kind
    declaring = __import__(f"bilateral.kinds.{module}", fromlist=[attribute])
    found: Kind = getattr(declaring, attribute)
    return found
