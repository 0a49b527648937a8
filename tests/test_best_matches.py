"""FTS5's best matches found among fewer records (answer/matches.py) are the best of every
match, in the same order with the same bm25: on the shipped base beside about 1,000 other
pairs' records, with MANY lowered so that a third or more of the questions of
tests/test_search.py take the shorter way."""

from __future__ import annotations

import sqlite3

import pytest

from benchmarks.multiply import mixed
from bilateral.answer import matches
from bilateral.answer.search import CANDIDATES, concepts
from bilateral.store.building import in_memory, read_and_check
from tests.conftest import SHIPPED
from tests.test_search import QUESTIONS

ASKED = [
    *dict.fromkeys(question for question, _ in QUESTIONS),
    "which russian officials came to baku",
]


@pytest.fixture(scope="module")
def connection(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    path = tmp_path_factory.mktemp("mixed") / "facts.toml"
    path.write_text(mixed(SHIPPED.read_text(encoding="utf-8"), 1000), encoding="utf-8")
    return in_memory(read_and_check(str(path)))


def _terms(question: str) -> list[str]:
    return sorted({term for concept in concepts(question) for term in concept})


def test_the_best_among_fewer_are_the_best_of_every_match(
    connection: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matches, "MANY", 200)
    shorter = 0
    for question in ASKED:
        terms = _terms(question)
        expression = matches.any_of(terms)
        every = connection.execute(matches.BEST, (expression, CANDIDATES)).fetchall()
        found = matches._best_among_fewer(connection, expression, terms, CANDIDATES)
        if found is not None:
            shorter += 1
            assert found == every, question
        assert matches.best_matches(connection, expression, CANDIDATES, terms) == every
    assert shorter >= len(ASKED) // 3
