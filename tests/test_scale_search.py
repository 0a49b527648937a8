"""Search and the benchmarks' bases at scale: the shipped base multiplied (ids renamed, every
reference kept) and the shipped base beside other pairs' records (benchmarks/multiply.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomli

from benchmarks.multiply import mixed, multiply
from bilateral.api import open_base
from tests.conftest import SHIPPED, run
from tests.test_search import QUESTIONS


def _top(base: Path, question: str, *pair: str) -> list[str]:
    result = run("--facts", str(base), "search", "--format", "json", *pair, *question.split())
    assert result.exit_code == 0, result.stderr
    return [hit["id"] for hit in json.loads(result.stdout)[:5]]


@pytest.mark.slow
def test_the_multiplied_base_renames_every_copy_and_passes_check(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    path = tmp_path / "facts.toml"
    path.write_text(multiply(text, 2500), encoding="utf-8")  # two copies
    result = run("--facts", str(path), "check")
    assert result.exit_code == 0, result.stderr
    shown = run("--facts", str(path), "show", "musharraf-pervez-x2", "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    record = json.loads(shown.stdout)[0]["record"]
    assert record["id"] == "musharraf-pervez-x2"
    cited = {source["source"] for source in record["sources"]}
    assert cited
    assert all(source.endswith("-x2") for source in cited)


@pytest.fixture(scope="module")
def mixed_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped base with about 20,000 records of other pairs added."""
    path = tmp_path_factory.mktemp("mixed") / "facts.toml"
    path.write_text(mixed(SHIPPED.read_text(encoding="utf-8"), 20000), encoding="utf-8")
    return path


@pytest.mark.slow
def test_other_pairs_leave_the_top_answers_of_a_question_about_the_pair_alone(
    mixed_base: Path,
) -> None:
    question = "which russian officials came to baku"
    assert _top(mixed_base, question) == _top(SHIPPED, question)


ANOTHER_PAIRS_MINISTER = """
[[people]]
id = "defence-minister-only-other-pairs-name"
name = "Tariq Khan"
country = "AZ"
sources = [{ source = "report", paragraph = 16, sentence = 2 }]
[[people.roles]]
title = "Minister of Defence"
organization = "AZ"
start = "1998"
end = "2018"
sources = [{ source = "report", paragraph = 9, sentence = 1 }]
"""
"""A person of one of the shipped pair's countries whom only the other pairs' report cites
(as the noise generator writes them), a shorter and closer match to a question about the
pair's defence minister than the pair's own answers."""
ANOTHER_PAIRS_TRADE = """
[[trade]]
id = "it-my-trade-2003"
reporter = "MY"
partner = "IT"
flow = "total"
year = 2003
value = { low = 42000, high = 42000, currency = "USD" }
certainty = "stated"
sources = [{ source = "report", paragraph = 18, sentence = 3 }]
"""
"""Another pair's two-way trade in 2003, as the noise generator writes it: a shorter and
closer match to a question about the pair's trade that year than the pair's third answer
(on the 100,000-record mixed base, it came third by 0.6 after losing OTHER_PAIRS_BELOW)."""
ASKED = list(dict.fromkeys(question for question, _ in QUESTIONS))
TRADE_2003 = "how big was the two-way trade between the countries in 2003"
Ranked = dict[tuple[str, str], list[tuple[str, float]]]


@pytest.fixture(scope="module")
def small_mixed_answers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Ranked, Ranked]:
    """The ten best (id, score) of every question of tests/test_search.py, with --pair AZ-PK
    and without, and every hit without (up to 1,000), on the shipped base and on it with
    about 1,000 other pairs' records added."""
    path = tmp_path_factory.mktemp("small-mixed") / "facts.toml"
    shipped = SHIPPED.read_text(encoding="utf-8")
    text = mixed(shipped, 1000) + ANOTHER_PAIRS_MINISTER + ANOTHER_PAIRS_TRADE
    path.write_text(text, encoding="utf-8")
    answers = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BILATERAL_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        for base in (SHIPPED, path):
            opened = open_base(str(base))
            answers.append(
                {
                    (question, pair): [
                        (row.document["id"], row.document["score"])
                        for row in opened.search(question, 10, pair or None)
                    ]
                    for question in ASKED
                    for pair in ("AZ-PK", "")
                }
                | {
                    (question, "every hit"): [
                        (row.document["id"], row.document["score"])
                        for row in opened.search(question, 1000)
                    ]
                    for question in ASKED
                }
            )
    return answers[0], answers[1]


@pytest.mark.parametrize("pair", ["AZ-PK", ""])
def test_other_pairs_records_leave_the_top_three_of_a_question_asked_of_the_pair(
    small_mixed_answers: tuple[Ranked, Ranked], pair: str
) -> None:
    """Asked of the pair, or of the base, whose pair it is (no --pair): records tied to
    other pairs only rank below the pair's own (answer/search.py OTHER_PAIRS_BELOW)."""
    shipped, mixed_base = small_mixed_answers
    moved = [
        question
        for question in ASKED
        if [hit for hit, _ in shipped[question, pair][:3]]
        != [hit for hit, _ in mixed_base[question, pair][:3]]
    ]
    assert moved == []


@pytest.mark.parametrize("pair", ["AZ-PK", ""])
def test_other_pairs_records_neither_rescore_nor_reorder_the_pairs_own(
    small_mixed_answers: tuple[Ranked, Ranked], pair: str
) -> None:
    """The shipped base's hits keep their scores and their order (other pairs' records may
    come between them only without --pair, where the answer covers every pair)."""
    shipped, mixed_base = small_mixed_answers
    for question in ASKED:
        own = {hit for hit, _ in shipped[question, pair]}
        kept = [hit for hit in mixed_base[question, pair] if hit[0] in own]
        assert kept == shipped[question, pair][: len(kept)], question
        assert kept or not own, question


def test_other_pairs_records_come_after_the_pairs_own_however_well_they_match(
    small_mixed_answers: tuple[Ranked, Ranked],
) -> None:
    """Asked of the base's own pair (no --pair), a record tied to other pairs only ranks
    after every record of the pair's own, where it lost only OTHER_PAIRS_BELOW before."""
    shipped, mixed_base = small_mixed_answers
    every_hit = mixed_base[TRADE_2003, "every hit"]
    own = {hit for hit, _ in shipped[TRADE_2003, "every hit"]}
    other = [score for hit, score in every_hit if hit == "it-my-trade-2003"]
    assert other
    assert other[0] > min(score for hit, score in every_hit if hit in own)
    shipped_ids = _ids(SHIPPED)
    both = 0
    for question in ASKED:
        tiers = [hit not in shipped_ids for hit, _ in mixed_base[question, "every hit"]]
        assert tiers == sorted(tiers), question
        both += 0 < sum(tiers) < len(tiers)
    assert both >= len(ASKED) // 2  # most questions are answered from both groups


def _ids(base: Path) -> set[str]:
    """Every record's id in a base, nested records' (an area's commitments) too: the
    generated records of other pairs are none of them."""
    found: set[str] = set()
    waiting: list[object] = [tomli.loads(base.read_text(encoding="utf-8"))]
    while waiting:
        value = waiting.pop()
        if isinstance(value, dict):
            if isinstance(value.get("id"), str):
                found.add(value["id"])
            waiting += value.values()
        elif isinstance(value, list):
            waiting += value
    return found
