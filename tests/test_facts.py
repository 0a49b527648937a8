"""The shipped fact base: valid, and every sentence of the article cited."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bilateral.kinds.parts import load
from tests.conftest import ROOT, SHARED_SOURCES, SHIPPED, run

ARTICLE = SHARED_SOURCES / "caci-analyst-2004-07-28.txt"
ARTICLE_ID = "caci-2004-07-28"
SENTENCE_END = re.compile(r"(?<=[.!?])[”\"]?\s+(?=[“\"A-Z])")


def article_sentences(path: Path) -> list[list[str]]:
    paragraphs = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [SENTENCE_END.split(paragraph.strip()) for paragraph in paragraphs]


def test_shipped_base_is_valid() -> None:
    result = run("check", str(SHIPPED))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{SHIPPED}: valid: 441 sources, 25 countries, 83 people, 27 posts, 23 organizations, "
        "40 places, 13 areas, 23 commitments, 23 trade figures, 155 events, 22 relations, "
        "2 facts, 50 assessments\n"
    )


def test_check_without_path_reads_the_shipped_base() -> None:
    result = run("check")
    assert result.exit_code == 0
    assert ": valid: 441 sources" in result.stdout


def _cited_locators() -> set[tuple[int, int]]:
    base = load(str(SHIPPED))
    found: set[tuple[int, int]] = set()

    def visit(value: object) -> None:
        if isinstance(value, dict):
            if value.get("source") == ARTICLE_ID and value.get("paragraph"):
                found.add((value["paragraph"], value["sentence"]))
            for item in value.values():
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit(base.records)
    return found


@pytest.mark.skipif(not ARTICLE.exists(), reason="../shared/sources is not beside this checkout")
def test_every_sentence_of_the_article_is_cited() -> None:
    sentences = article_sentences(ARTICLE)
    every = {
        (p, s) for p, paragraph in enumerate(sentences, 1) for s in range(1, len(paragraph) + 1)
    }
    missing = sorted(every - _cited_locators())
    assert len(every) == 23
    assert missing == []


@pytest.mark.skipif(not ARTICLE.exists(), reason="../shared/sources is not beside this checkout")
def test_declared_sentence_counts_match_the_article() -> None:
    base = load(str(SHIPPED))
    article = next(source for source in base.records["source"] if source["id"] == ARTICLE_ID)
    assert article["sentences"] == [len(p) for p in article_sentences(ARTICLE)]


def test_article_text_is_not_copied_into_the_base() -> None:
    if not ARTICLE.exists():
        pytest.skip("../shared/sources is not beside this checkout")
    facts = SHIPPED.read_text(encoding="utf-8")
    for paragraph in article_sentences(ARTICLE):
        for sentence in paragraph:
            words = sentence.split()
            for start in range(0, max(1, len(words) - 11)):
                run_of_words = " ".join(words[start : start + 12])
                assert run_of_words not in facts, run_of_words


def test_opinions_are_held_by_someone() -> None:
    base = load(str(SHIPPED))
    assert base.records["assessment"]
    for assessment in base.records["assessment"]:
        assert (assessment["held_by"] is None) != (assessment["held_by_group"] is None)


def test_the_only_fact_base_at_the_top_is_facts_toml() -> None:
    """A benchmark's JSON copy beside the base was taken for the base by curators."""
    assert sorted(p.name for p in ROOT.glob("facts.*")) == ["facts.toml"]
