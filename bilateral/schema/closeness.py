"""How close two words are, and the id a mistyped reference most likely meant.

One measure of closeness serves the whole tool: the edit distance counts insertions,
deletions, substitutions and adjacent swaps, and a likeness of LIKENESS or more (at most
two letters in five changed) is worth a "did you mean". The checker suggests ids with it;
the name matcher (bilateral/answer/names.py) finds names with it.
"""

from __future__ import annotations

import functools
from collections import Counter

from bilateral.schema.textnorm import name_key

LIKENESS = 0.6
"""Least share of letters two words keep in common to be suggested for each other."""


def edit_distance(first: str, second: str) -> int:
    """Optimal string alignment distance: edits, counting an adjacent swap as one."""
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, start=1):
            cost = 0 if a == b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def likeness(first: str, second: str) -> float:
    """1.0 for the same word, falling by the share of letters that must change."""
    longest = max(len(first), len(second)) or 1
    return 1.0 - edit_distance(first, second) / longest


def _near(first: str, second: str, least: float) -> float:
    """The likeness of two words when it may reach `least`, else 0.0: their lengths and
    the letters they share bound the edit distance from below, cheaply."""
    longest = max(len(first), len(second)) or 1
    most = (1.0 - least) * longest
    if abs(len(first) - len(second)) > most:
        return 0.0
    shared = sum((_letters(first) & _letters(second)).values())
    if longest - shared > most:
        return 0.0
    return likeness(first, second)


@functools.lru_cache(maxsize=1 << 16)
def _letters(word: str) -> Counter[str]:
    return Counter(word)


@functools.lru_cache(maxsize=1 << 16)
def _folded(name: str) -> str:
    return name_key(name)


def closest_id(written: str, candidates: dict[str, list[str]]) -> str | None:
    """The id `written` most likely meant, among `candidates` (each id with its names).

    The same id but for case (`Baku` for `baku`); else the record one of whose names it is
    (`Azerbaijan` for `AZ`); else the id or name nearest in spelling (`musharaf-pervez`,
    `AZE`), the first in the file on a tie; None when nothing is near.
    """
    lowered = written.casefold()
    folded = name_key(written)
    for record_id in candidates:
        if record_id.casefold() == lowered:
            return record_id
    for record_id, names in candidates.items():
        if folded and any(_folded(name) == folded for name in names):
            return record_id
    best: str | None = None
    best_likeness = LIKENESS
    for record_id, names in candidates.items():
        least = best_likeness if best is None else best_likeness + 1e-9
        near = max(
            [
                _near(lowered, record_id.casefold(), least),
                *(_near(folded, _folded(name), least) for name in names),
            ]
        )
        if near > best_likeness or (best is None and near >= best_likeness):
            best, best_likeness = record_id, near
    return best
