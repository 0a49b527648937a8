"""`search`: rank records for a question, as of a date, preferring people in office when the
question asks who holds an office now, and former holders when it asks who did."""

from __future__ import annotations

from bilateral.answer.dated import ENDED, HELD, UNKNOWN, Dating
from bilateral.answer.query import FactQuery
from bilateral.answer.rows import Document, Row
from bilateral.answer.search import Hit, search
from bilateral.answer.showing import label
from bilateral.answer.timewords import read_time
from bilateral.answer.understanding import Reading, understand
from bilateral.errors import NothingMatched
from bilateral.schema.textnorm import words

PRESENT = frozenset("now current currently today present incumbent is are".split())
PAST = frozenset("was were former formerly previous previously earlier past then".split())
TENSE_BONUS = {HELD: 1.0, UNKNOWN: 0.5}


def ask(
    query: FactQuery,
    dating: Dating,
    question: str,
    limit: int,
    pair: str | None = None,
    within: bool = False,
) -> list[Row]:
    """The hits for a question, answered at the date its time words give (`date_words`),
    else at the date asked, ranked by the statistics of `pair`'s records (None: all);
    `within`: asked of that pair (answer/search.py)."""
    timed = read_time(query, question, dating.when, pair)
    if timed.when is not None and timed.when.day != dating.when.day:
        dating = Dating(query, timed.when)
    question = timed.question
    reading = understand(query, question)
    found = [
        hit._replace(score=hit.score + _tense_bonus(dating, hit, question, timed.then))
        for hit in search(
            query.db,
            reading.question,
            reading.stands_for,
            dating.when.text,
            timed.during,
            pair,
            within,
        )
    ]
    if not found:
        for record_id, _ in query.find_names(question)[:limit]:
            match = query.record(record_id)
            if match is not None:
                found.append(Hit(record_id, match[0], 0.0, match[1]))
    if not found:
        raise NothingMatched(_nothing(question, reading), query.suggest(question))
    found.sort(key=lambda hit: (hit.elsewhere, -hit.score, hit.id))
    understood = {
        "corrected": reading.corrected,
        "unknown": reading.unknown,
        "date_words": timed.words,
    }
    return [
        Row.of(_hit(dating, rank, hit) | understood)
        for rank, hit in enumerate(found[:limit], start=1)
    ]


def _nothing(question: str, reading: Reading) -> str:
    message = f"nothing found for {question!r}"
    if reading.unknown and len(reading.unknown) < len(question.split()):
        message += f"; not in this fact base: {', '.join(reading.unknown)}"
    return message


def _hit(dating: Dating, rank: int, hit: Hit) -> Document:
    document = hit.row.document
    return {
        "rank": rank,
        "id": hit.id,
        "kind": hit.kind,
        "pair": document.get("pair"),
        "text": label(dating, hit.kind, document),
        "score": round(hit.score, 3),
        "sources": document.get("sources", []),
        "as_of": dating.when.text,
    }


def _tense_bonus(dating: Dating, hit: Hit, question: str, at_a_date: bool) -> float:
    """A bonus for a person in office when the question asks about the present or a
    date of its own ('was' then means at that date), or out of office when it asks who
    was."""
    if hit.kind != "person":
        return 0.0
    said = set(words(question))
    statuses = {role["status"] for role in dating.document(hit.row.document, "person")["roles"]}
    if said & PAST and not at_a_date:
        return 1.0 if ENDED in statuses else 0.0
    if said & PRESENT or at_a_date:
        return max((TENSE_BONUS.get(status, 0.0) for status in statuses), default=0.0)
    return 0.0
