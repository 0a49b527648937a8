"""What the command line checks before it asks: the allowed values of an option, a date as
--as-of takes it, where the base is, and a base loaded whole for `check`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilateral.schema import vocabulary
from bilateral.store import paths

if TYPE_CHECKING:
    from bilateral.kinds.base import FactBase

CHOICES: dict[str, tuple[str, ...]] = {
    "status": vocabulary.STATUS_LADDER,
    "flow": vocabulary.FLOWS,
    "event kind": vocabulary.EVENT_KINDS,
    "relation kind": vocabulary.RELATION_KINDS,
}
"""The closed vocabularies an option may offer, by what they choose."""


def choices(what: str) -> tuple[str, ...]:
    """The values an option choosing `what` allows ('status', 'flow', 'event kind' or
    'relation kind'), in the schema's order."""
    return CHOICES[what]


def checked_date(text: str) -> str:
    """`text` when it is a date --as-of takes (YYYY-MM-DD, YYYY-MM, YYYY or 'today');
    BadParameter saying how to write one when it is not."""
    from bilateral.answer.dated import as_of  # parsing dates: only when a date is given

    as_of(text)
    return text


def facts_path(option: str | None = None) -> str:
    """The base to read: `option` (--facts), then $BILATERAL_FACTS, then the shipped base."""
    return paths.facts_path(option)


def load_checked(path: str) -> FactBase:
    """The fact base at `path` (a file, or a directory of them) read and checked whole, as
    `check` reports it; FactBaseInvalid with every problem, or FactBaseUnreadable."""
    from bilateral.kinds.parts import load  # the checking stack, only when asked to check

    return load(path)


def kind_has_pair(kind: str) -> bool:
    """Whether records of a kind belong to a pair of countries (and `--pair` selects them)."""
    from bilateral.kinds.registry import PAIRED  # the declarations, only when asked

    return kind in PAIRED
