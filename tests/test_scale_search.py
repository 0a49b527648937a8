"""Search and the benchmarks' bases at scale: the shipped base multiplied (ids renamed, every
reference kept) and the shipped base beside other pairs' records (benchmarks/multiply.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.multiply import mixed, multiply
from tests.conftest import SHIPPED, run


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
