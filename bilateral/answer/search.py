"""Rank records for a question in the user's own words."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from bilateral.answer.rows import Row
from bilateral.schema.textnorm import stem, terms, words

MAX_QUERY_TERMS = 32
CANDIDATES = 60
BM25_SHARE = 0.5
"""How much FTS5's bm25 counts beside coverage: enough to order, not to let a short record win
on its length alone."""
WEIGHTS = "4.0, 3.0, 1.0"
"""bm25 weights of the names, titles and body columns."""

_SYNONYM_GROUPS = (
    "visit come go travel trip stay",
    "agreement deal treaty accord pact",
    "export sell sale",
    "import buy purchase",
    "help assist assistance aid",
    "border frontier",
    "terrorism terrorist terror",
    "nuclear atomic bomb",
    "oil petroleum",
    "bank banking",
    "opinion view think believe assessment",
    "recognize recognition",
    "promise pledge",
    "suggest propose proposal",
    "ask request",
    "meet meeting talk",
    "say statement speak condemn",
    "trade commerce trading",
    "ally alliance",
    "farm farming agriculture agricultural",
    "worker personnel staff",
)
"""Words that stand for each other, in both directions."""
_NARROWER = {
    "official": "minister president mayor chairman secretary head adviser",
    "leader": "president head chairman",
    "head": "chairman secretary president mayor chief",
    "defense": "military",
    "army": "military",
    "energy": "oil gas petroleum fuel",
    "fuel": "oil gas petroleum energy",
    "drilling": "exploration",
    "bomb": "weapon",
    "arms": "weapon military",
    "central": "national",
    "control": "influence",
    "long": "day length",
}
"""Words that a question may use for narrower terms in the facts, in one direction."""
_TYPE_HINTS = {
    "who": "person",
    "whom": "person",
    "official": "person",
    "much": "trade",
    "many": "trade",
    "worth": "trade",
    "value": "trade",
    "figure": "trade",
    "when": "event",
    "visit": "event",
    "think": "assessment",
    "opinion": "assessment",
    "view": "assessment",
    "believe": "assessment",
    "say": "assessment",
    "said": "event",
    "commit": "commitment",
    "promise": "commitment",
    "pledge": "commitment",
}


def _synonyms() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}

    def add(word: str, alternatives: tuple[str, ...]) -> None:
        table[word] = tuple(dict.fromkeys((*table.get(word, (word,)), *alternatives)))

    for group in _SYNONYM_GROUPS:
        stems = tuple(dict.fromkeys(stem(word) for word in group.split()))
        for member in stems:
            add(member, stems)
    for word, narrower in _NARROWER.items():
        add(stem(word), tuple(stem(n) for n in narrower.split()))
    return table


SYNONYMS = _synonyms()


class Hit(NamedTuple):
    id: str
    kind: str
    score: float
    row: Row


def concepts(
    question: str, stands_for: dict[str, tuple[str, ...]] | None = None
) -> list[tuple[str, ...]]:
    """Each term of the question with the terms that may stand for it."""
    found = []
    for term in dict.fromkeys(terms(question)):
        group = SYNONYMS.get(term, (term,))
        found.append((*group, *(stands_for or {}).get(term, ())))
    return found[:MAX_QUERY_TERMS]


def _coverage(wanted: list[tuple[str, ...]], present: set[str]) -> float:
    """Share of the question's terms the record holds; a synonym counts half."""
    total = 0.0
    for group in wanted:
        if group[0] in present:
            total += 1.0
        elif present.intersection(group[1:]):
            total += 0.5
    return total / len(wanted)


def search(
    connection: sqlite3.Connection,
    question: str,
    stands_for: dict[str, tuple[str, ...]] | None = None,
) -> list[Hit]:
    """Every candidate for the question, best first (the caller takes as many as it needs)."""
    wanted = concepts(question, stands_for)
    if not wanted:
        return []
    alternatives = sorted({term for group in wanted for term in group})
    expression = " OR ".join('"' + term.replace('"', '""') + '"' for term in alternatives)
    rows = connection.execute(
        "SELECT r.id, r.type, r.doc, r.data, r.checksum, "
        "s.names || ' ' || s.titles || ' ' || s.body, "
        f"bm25(search, {WEIGHTS}) AS rank FROM search s JOIN records r ON r.rowid = s.rowid "
        "WHERE search MATCH ? ORDER BY rank LIMIT ?",
        (expression, CANDIDATES),
    ).fetchall()
    said = set(words(question))
    hinted = {_TYPE_HINTS[w] for w in (*said, *terms(question)) if w in _TYPE_HINTS}
    hits = []
    for record_id, kind, raw, data, checksum, text, bm25 in rows:
        present = set(text.split())
        score = 10.0 * _coverage(wanted, present) - BM25_SHARE * bm25
        score += 3.0 if kind in hinted else 0.0
        hits.append(Hit(record_id, kind, round(score, 3), Row.stored(raw, data, checksum)))
    hits.sort(key=lambda hit: (-hit.score, hit.id))
    return hits
