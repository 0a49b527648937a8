"""What narrows a listing after the store has answered: an area's commitments of one
status in force, a person's roles of one status or post, a record's pair."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from bilateral.answer.dated import IN_FORCE, Dating, roles_matching
from bilateral.answer.query import SOURCES_ASKED, FactQuery
from bilateral.answer.rows import Document, Row


def of_status(rows: Iterator[Row], status: str) -> Iterator[Row]:
    """Each area with only its commitments of the status in force; an area left with none
    is left out."""
    for row in rows:
        document = dict(row.document)
        document["commitments"] = [
            c
            for c in document["commitments"]
            if c["status"] == status and c["standing"] == IN_FORCE
        ]
        if document["commitments"]:
            yield Row.of(document)


PEOPLE_AT_ONCE = SOURCES_ASKED
"""People whose posts are looked up together: their roles' posts in one statement or two."""


def with_roles(
    dating: Dating, rows: Iterator[Row], status: str | None, posts: set[str] | None
) -> Iterator[Row]:
    """Each person as of the date, with only the roles of the status and posts asked (the
    terms of their posts read for PEOPLE_AT_ONCE people at a time)."""
    while chunk := list(itertools.islice(rows, PEOPLE_AT_ONCE)):
        dating.read_terms(role.get("post") for row in chunk for role in row.document["roles"])
        for row in chunk:
            person = dating.document(row.document, "person")
            if status is None and posts is None:
                yield Row.of(person)
                continue
            kept = roles_matching(person, status, posts)
            if kept["roles"]:
                yield Row.of(kept)


def belongs(query: FactQuery, record: Document, pair: str) -> bool:
    """Whether a record (by its `id` and `kind`) belongs to the pair: by its own pair
    where it has one; a country if it is one of the two; a person, place or organization
    by its country; every other record belongs to all."""
    found = query.record(record["id"])
    document = found[1].document if found else {}
    codes = pair.split("-")
    if document.get("pair"):
        return bool(document["pair"] == pair)
    if record["kind"] == "country":
        return record["id"] in codes
    if record["kind"] in ("person", "place", "organization") and document.get("country"):
        return document["country"] in codes
    return True


def ranked_within(
    query: FactQuery,
    dating: Dating,
    question: str,
    limit: int,
    pair: str | None,
    ranking: str | None = None,
) -> list[Row]:
    """The records ranked for a question by the statistics of the pair `ranking` (None:
    every record's), as a question asked of it (records tied to other pairs only rank
    below its own, answer/search.py); with `pair`, only that pair's records, ranked anew."""
    from bilateral.answer.asking import ask  # the ranking tables load only for search

    if pair is None:
        return ask(query, dating, question, limit, ranking, within=ranking is not None)
    hits = [
        row
        for row in ask(query, dating, question, 1000, pair, within=True)
        if belongs(query, row.document, pair)
    ]
    return [Row.of(row.document | {"rank": rank}) for rank, row in enumerate(hits[:limit], 1)]
