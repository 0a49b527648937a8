"""Rank records for a question in the user's own words."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from bilateral.textnorm import stem, terms, words

MAX_QUERY_TERMS = 32
CANDIDATES = 60

_SYNONYM_GROUPS = (
    "official minister president mayor chairman secretary head adviser advisor leader",
    "visit come go travel trip delegation",
    "defense military army armed",
    "agreement deal treaty accord pact",
    "export sell sale",
    "import buy purchase",
    "help assist assistance support aid",
    "border frontier",
    "terrorism terrorist terror extremism fundamentalism",
    "nuclear atomic",
    "oil gas energy petroleum fuel",
    "bank banking finance financial",
    "opinion view think believe assessment analyst",
    "recognize recognition",
    "promise pledge commit",
    "suggest propose",
    "ask request",
    "meet meeting talk",
    "trade commerce trading",
    "ally alliance partner partnership",
)
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
    "commit": "commitment",
    "promise": "commitment",
    "pledge": "commitment",
}


def _synonyms() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for group in _SYNONYM_GROUPS:
        stems = tuple(dict.fromkeys(stem(word) for word in group.split()))
        for member in stems:
            table[member] = tuple(dict.fromkeys((*table.get(member, ()), *stems)))
    return table


SYNONYMS = _synonyms()


class Hit(NamedTuple):
    id: str
    kind: str
    text: str
    score: float
    document_json: str


def concepts(question: str) -> list[tuple[str, ...]]:
    """Each term of the question with the terms that may stand for it."""
    found = []
    for term in dict.fromkeys(terms(question)):
        found.append(SYNONYMS.get(term, (term,)))
    return found[:MAX_QUERY_TERMS]


def search(connection: sqlite3.Connection, question: str, limit: int = 10) -> list[Hit]:
    wanted = concepts(question)
    if not wanted:
        return []
    alternatives = sorted({term for group in wanted for term in group})
    expression = " OR ".join('"' + term.replace('"', '""') + '"' for term in alternatives)
    rows = connection.execute(
        "SELECT r.id, r.type, r.label, r.doc, s.names, s.body, bm25(search, 4.0, 1.0) "
        "FROM search s JOIN records r ON r.rowid = s.rowid "
        "WHERE search MATCH ? ORDER BY bm25(search, 4.0, 1.0) LIMIT ?",
        (expression, CANDIDATES),
    ).fetchall()
    hinted = {_TYPE_HINTS[w] for w in (*words(question), *terms(question)) if w in _TYPE_HINTS}
    hits = []
    for record_id, kind, label, raw, names, body, bm25 in rows:
        present = set(names.split()) | set(body.split())
        covered = sum(1 for group in wanted if present.intersection(group))
        score = 10.0 * covered / len(wanted) - bm25 + (2.0 if kind in hinted else 0.0)
        hits.append(Hit(record_id, kind, label, round(score, 3), raw))
    hits.sort(key=lambda hit: (-hit.score, hit.id))
    return hits[:limit]
