"""The closed vocabularies of the schema, importable without the record classes."""

from __future__ import annotations

STATUS_LADDER: tuple[str, ...] = (
    "signed",
    "agreed",
    "pledged",
    "promised",
    "proposed",
    "requested",
    "under-discussion",
    "possible",
)
"""Commitment statuses, strongest first."""

FLOWS: tuple[str, ...] = ("export", "import", "total")
CERTAINTIES: tuple[str, ...] = ("stated", "inferred", "derived", "uncertain")
EVENT_KINDS: tuple[str, ...] = (
    "visit",
    "meeting",
    "signing",
    "statement",
    "address",
    "recognition",
    "establishment",
    "decision",
)
RELATION_KINDS: tuple[str, ...] = (
    "alliance",
    "ties",
    "conflict",
    "membership",
    "diplomatic",
    "support",
    "rivalry",
)
ORGANIZATION_KINDS: tuple[str, ...] = (
    "intergovernmental",
    "government-body",
    "central-bank",
    "bank",
    "initiative",
)
PLACE_KINDS: tuple[str, ...] = ("city", "region", "territory")
