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

FLOWS: tuple[str, ...] = ("export", "import", "total", "re-export", "re-import")
MIRROR_FLOW: dict[str, str] = {
    "import": "export",
    "export": "import",
    "re-import": "re-export",
    "re-export": "re-import",
}
"""The flow a partner reports for the same goods: A's imports from B are B's exports to A."""
IMPORT_SIDE: tuple[str, ...] = ("import", "re-import")
"""The side whose row shows a mirrored pair when both records are in one answer."""
CERTAINTY_MEANINGS: dict[str, str] = {
    "reported": "official statistics, exact, as a country reported them (UN Comtrade)",
    "stated": "the source says it",
    "inferred": "a reading of what the source says; its note says how",
    "derived": "computed from figures the sources state",
    "uncertain": "doubtful; its note says why",
}
"""How sure a figure is, surest first, and what each word means."""
CERTAINTIES: tuple[str, ...] = tuple(CERTAINTY_MEANINGS)
EVENT_KINDS: tuple[str, ...] = (
    "visit",
    "meeting",
    "signing",
    "statement",
    "address",
    "recognition",
    "establishment",
    "decision",
    "vote",
    "ceasefire",
    "hostilities",
    "election",
    "flight",
    "deal",
    "opening",
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
