"""Edits the update traces to the records they changed (store/cuts.py) where TOML gives a
piece of a file to something outside it: each must leave the store a full build gives, or
step aside for one, never answer otherwise or fail (found by a review of the update)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.test_updates import differences, outcome

EVENT = """
[[events]]
id = "visit-baku-2004"
kind = "visit"
date = 2004-07-08
end = 2004-07-10
place = "baku"
participants = ["PK", "AZ"]
summary = "A visit to Baku."
sources = [{ source = "article", paragraph = 2, sentence = 1 }]
"""
TURKEY = """[[countries]]
id = "TR"
name = "Turkey"
sources = [{ source = "background" }]

[[people]]"""
OWN_PAIR = """schema_version = 3
pair = "AZ-TR"
""" + EVENT.replace('["PK", "AZ"]', '["TR", "AZ"]')


def edited_alike(facts: Path, file: Path, old: str, new: str) -> None:
    """Build, edit, and compare the updated store with a fresh build's, row for row."""
    outcome(facts, True)
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    cached, fresh = outcome(facts, True), outcome(facts, False)
    assert cached == fresh, differences(cached, fresh)


def test_a_role_written_after_another_record_stays_with_its_person(tmp_path: Path) -> None:
    """TOML gives a `[[people.roles]]` below an `[[organizations]]` to the last person."""
    stray = '[[people.roles]]\ntitle = "Chief of Staff"\norganization = "AZ"\n'
    stray += 'start = 1990-01-01\nend = 1994-01-01\nsources = [{ source = "background" }]\n\n'
    base = tmp_path / "facts.toml"
    base.write_text(MINIMAL.read_text(encoding="utf-8").replace("[[places]]", stray + "[[places]]"))
    edited_alike(base, base, 'title = "Minister of Defence"', 'title = "Defence Minister"')


def test_a_file_of_its_own_pair_gives_it_to_its_edited_records(tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.mkdir()
    head = MINIMAL.read_text(encoding="utf-8").replace(EVENT, "").replace("[[people]]", TURKEY, 1)
    (base / "a.toml").write_text(head, encoding="utf-8")
    (base / "b.toml").write_text(OWN_PAIR, encoding="utf-8")
    edited_alike(base, base / "b.toml", "date = 2004-07-08", "date = 2004-07-09")


def test_a_pairs_title_edited_beside_the_base_keys_is_not_lost(tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.mkdir()
    head = MINIMAL.read_text(encoding="utf-8").replace(EVENT, "").replace("[[people]]", TURKEY, 1)
    head = head.replace("\n\n", '\n\n[pairs.AZ-TR]\ntitle = "Azerbaijan and Turkey"\n\n', 1)
    (base / "a.toml").write_text(head, encoding="utf-8")
    (base / "b.toml").write_text(OWN_PAIR, encoding="utf-8")
    edited_alike(base, base / "a.toml", "Azerbaijan and Turkey", "Azerbaijan and Türkiye")


@pytest.mark.parametrize("depth", [1000])
def test_a_value_nested_too_deeply_in_an_edited_record_is_told_not_raised(
    tmp_path: Path, depth: int
) -> None:
    base = tmp_path / "facts.toml"
    base.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    edited_alike(base, base, 'kind = "visit"', 'kind = "visit"\nx = ' + "[" * depth + "]" * depth)
