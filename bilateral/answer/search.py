"""Rank records for a question in the user's own words."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from bilateral.answer.matches import any_of, best_matches
from bilateral.answer.rows import Row
from bilateral.answer.scoped import elsewhere, scoped_candidates
from bilateral.kinds.base import first_day
from bilateral.schema.textnorm import stem, terms, words
from bilateral.store.packing import PACK, unpacked

MAX_QUERY_TERMS = 32
CANDIDATES = 60
BM25_SHARE = 0.5
"""How much FTS5's bm25 counts beside coverage: enough to order, not to let a short record win
on its length alone."""
DURING = 3.0
"""What a record gains when its own dates fall in the period the question names ('in 2004')."""
HAPPENINGS = frozenset(("event", "trade", "commitment"))
"""Kinds whose dates say when they happened, not when a span began: a person's roles may run
on past their last date, and their status at the date (asking.py) speaks for them."""
UNDATED_BELOW = 1.0
"""What an event with no date of its own loses beside one that matches as well and says
when it happened (an undated report of a deal below the dated deal)."""
SOURCE_BELOW = 2.0
"""What a source loses beside the records, unless the question asks for sources: a record
that matches as well states the fact, where a source's title only reports it."""
OTHER_PAIRS_BELOW = 10.0
"""What a record tied to other pairs only (answer/scoped.py `elsewhere`) loses in a question
asked of a pair, as if it missed a whole term; it also ranks after every record of the pair's
own, however well it matches (another pair's 2003 trade figure after this pair's 2018 one),
so a person of one of its countries whom only another pair's records name comes last."""
NOT_YET = 5.0
"""What a record loses when its earliest date is after the date asked: an answer as of 2004
prefers what had happened by then to a visit of 2025 on the same words."""

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
    "post": "post",
    "trade": "trade",
    "source": "source",
    "article": "source",
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
    elsewhere: bool = False
    """Tied to other pairs only, in a question asked of a pair: ranked after the pair's own."""


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
    as_of: str | None = None,
    during: tuple[str, str] | None = None,
    pair: str | None = None,
    within: bool = False,
) -> list[Hit]:
    """Every candidate for the question, best first (the caller takes as many as it needs);
    with `as_of` (an ISO day), what began after it ranks below what had begun; with `during`
    (a first and last ISO day), what the record's own dates put in that period ranks above;
    `pair` (default: every record) gives the statistics that rank (answer/scoped.py), and
    `within` says the question is asked of that pair (OTHER_PAIRS_BELOW)."""
    wanted = concepts(question, stands_for)
    if not wanted:
        return []
    alternatives = sorted({term for group in wanted for term in group})
    expression = any_of(alternatives)
    ranked = scoped_candidates(connection, expression, alternatives, pair, CANDIDATES)
    if ranked is None:
        rows = _by_fts5(connection, expression, alternatives)
    else:
        rows = _details(connection, [(bm25, rowid) for bm25, rowid, _ in ranked])
    said = set(words(question))
    hinted = {_TYPE_HINTS[w] for w in (*said, *terms(question)) if w in _TYPE_HINTS}
    hits = []
    for record_id, kind, raw, text, first, last, bm25 in rows:
        present = set(text.split())
        score = 10.0 * _coverage(wanted, present) - BM25_SHARE * bm25
        score += 3.0 if kind in hinted else 0.0
        score -= SOURCE_BELOW if kind == "source" and kind not in hinted else 0.0
        score -= UNDATED_BELOW if kind in HAPPENINGS and not first else 0.0
        if during and kind in HAPPENINGS and first and first <= during[1] and last >= during[0]:
            score += DURING
        hits.append(Hit(record_id, kind, score, Row(raw)))
    if as_of:
        hits = _not_yet_below(connection, hits, as_of, [row[4] for row in rows])
    if within and pair is not None:
        below = elsewhere(connection, pair, {hit.id: _cited(hit) for hit in hits})
        hits = [
            h._replace(score=h.score - OTHER_PAIRS_BELOW, elsewhere=True) if h.id in below else h
            for h in hits
        ]
    hits = [hit._replace(score=round(hit.score, 3)) for hit in hits]
    hits.sort(key=lambda hit: (hit.elsewhere, -hit.score, hit.id))
    return hits


Candidate = tuple[Any, ...]
"""id, kind, document's JSON text (its checksum matched), search text, first and last day,
bm25."""


def _by_fts5(
    connection: sqlite3.Connection, expression: str, terms: Sequence[str] = ()
) -> list[Candidate]:
    """The best candidates by FTS5's bm25 (more than MANY of the pair's records match), of
    the expression made of these terms (answer/matches.py)."""
    best = best_matches(connection, expression, CANDIDATES, terms)
    return _details(connection, [(bm25, rowid) for rowid, bm25 in best])


def _details(connection: sqlite3.Connection, ranked: list[tuple[float, int]]) -> list[Candidate]:
    """The candidates' records (bm25, rowid), in the order ranked."""
    found = {
        rowid: rest
        for rowid, *rest in connection.execute(
            f"SELECT r.rowid, r.id, r.type, {PACK.format('r')}, date(d.first), date(d.last) "
            "FROM records r LEFT JOIN record_dates d ON d.record = r.rowid "
            f"WHERE r.rowid IN ({', '.join('?' * len(ranked))})",
            [rowid for _, rowid in ranked],
        )
    }
    candidates = []
    for bm25, rowid in ranked:
        record_id, kind, blob, first, last = found[rowid]
        document, *columns = unpacked(blob, rowid)
        candidates.append((record_id, kind, document, " ".join(columns), first, last, bm25))
    return candidates


def _not_yet_below(
    connection: sqlite3.Connection, hits: list[Hit], as_of: str, firsts: list[str | None]
) -> list[Hit]:
    """The hits, each whose first day is after `as_of` losing NOT_YET: its own first date, else
    (a source, or a record with no date of its own) the earliest date of what it cites."""
    undated = {
        cited: None
        for hit, first in zip(hits, firsts, strict=True)
        if first is None
        for cited in _cited(hit)
    }
    days = {
        source_id: Row.stored(blob, rowid).document.get("date")
        for source_id, rowid, blob in connection.execute(
            f"SELECT id, rowid, {PACK.format('records')} FROM records "
            "WHERE type = 'source' AND id IN "
            f"({', '.join('?' * len(undated))})",
            tuple(undated),
        )
    }
    moved = []
    for hit, first in zip(hits, firsts, strict=True):
        known = [str(day) for cited in _cited(hit) if (day := days.get(cited))]
        begins = first or (min(first_day(day) for day in known) if known else None)
        moved.append(hit._replace(score=hit.score - NOT_YET) if begins and begins > as_of else hit)
    return moved


def _cited(hit: Hit) -> list[str]:
    if hit.kind == "source":
        return [hit.id]
    return [cited["source"] for cited in hit.row.document.get("sources") or []]
