"""A base in one file parsed record block by record block (schema/blocks.py): the same data
as the whole parse, never the whole file parsed at once, and any TOML error worded as the
whole parse words it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli

from benchmarks.generate import generate
from bilateral.errors import FactBaseInvalid, FactBaseUnreadable
from bilateral.kinds.base import SCHEMA_VERSION
from bilateral.kinds.parts import load
from bilateral.schema import blocks
from bilateral.schema.blocks import parse_in_blocks
from bilateral.schema.reading import parse_toml
from bilateral.store.building import read_and_check
from bilateral.store.cuts import TABLES, file_key
from tests.conftest import SHIPPED

LATE = '\n[[events]]\nid = "bad" extra\n'


def whole(parsed: dict[str, Any]) -> dict[str, Any]:
    """The data with every table's records parsed (iterating each block by block)."""
    return {key: list(value) if isinstance(value, list) else value for key, value in parsed.items()}


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_the_blocks_give_what_the_whole_parse_gives(newline: str) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace("\n", newline)
    data = text.encode()
    found = parse_in_blocks(data, TABLES, SCHEMA_VERSION)
    assert found is not None, "the shipped base (not all ASCII) is read block by block"
    parsed, chunks, text_again = found
    assert text_again() == text
    assert whole(parsed) == tomli.loads(text)
    assert list(parsed) == list(tomli.loads(text)), "the keys in the whole parse's order"
    assert chunks[-1][2] == len(data)


@pytest.mark.parametrize(
    "head",
    [
        "schema_version = 3\nevents = []\n",  # a kind's table in the head
        "schema_version = 2\n",  # a build stops before the records: parse them all
        "schema_version = 3\n[[widgets]]\nid = 'w'\n",  # not a kind's table
        "schema_version = 3\nnote = '''\n[[events]]\n'''\n",  # a cut inside a string
    ],
)
def test_a_file_the_blocks_cannot_stand_for_is_parsed_whole(head: str) -> None:
    text = f"{head}\n[[events]]\nid = 'e'\n"
    assert parse_in_blocks(text.encode(), TABLES, SCHEMA_VERSION) is None


def test_no_parse_is_given_the_whole_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    base = tmp_path / "base.toml"
    base.write_text(generate(3000), encoding="utf-8")
    longest = [0]
    loads = tomli.loads

    def measured(text: str) -> dict[str, Any]:
        longest[0] = max(longest[0], len(text))
        return loads(text)

    monkeypatch.setattr(tomli, "loads", measured)
    read = read_and_check(str(base))
    assert sum(map(len, read.base.records.values())) > 2000
    assert 0 < longest[0] < base.stat().st_size // 4
    assert read.cuts[""] == file_key(base.read_bytes(), loads(base.read_text()))


@pytest.mark.parametrize(
    "record",
    [
        LATE,  # a syntax error
        "\n[[events]]\nid = 'a'\nid = 'b'\n",  # a key given twice
        "\n[[events]]\nid = 'a'\n[events]\nx = 1\n",  # the table declared twice
        "\n[[events]]\nn = " + "1" * 5000 + "\n",  # a number too long to read
    ],
)
def test_a_toml_error_in_a_record_reads_as_the_whole_parse_words_it(
    tmp_path: Path, record: str
) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    position = text.index("\n[[events]]", len(text) // 2)
    base = tmp_path / "base.toml"
    base.write_text(text[:position] + record + text[position:], encoding="utf-8")
    with pytest.raises(FactBaseUnreadable) as whole_parse:
        parse_toml(str(base), base.read_text(encoding="utf-8"))
    with pytest.raises(FactBaseUnreadable) as built:
        read_and_check(str(base))
    assert str(built.value) == str(whole_parse.value)


def test_a_piece_holding_two_records_is_read_as_the_whole_parse_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An indented header is no cut: its piece parses to two records, and the file whole."""
    text = SHIPPED.read_text(encoding="utf-8")
    position = text.index("\n[[events]]", text.index("\n[[events]]", len(text) // 2) + 1)
    assert text.rindex("\n[[", 0, position) == text.rindex("\n[[events]]", 0, position)
    base = tmp_path / "base.toml"
    base.write_text(text[:position] + "\n  [[events]]" + text[position + 11 :], encoding="utf-8")
    monkeypatch.setattr(blocks, "BLOCK", 8)
    read = read_and_check(str(base))
    events = tomli.loads(base.read_text(encoding="utf-8"))["events"]
    assert [document["id"] for document in read.base.records["event"]] == [
        event["id"] for event in events
    ]
    assert read.cuts[""] == b"", "its cut is not trusted, as before"


def test_a_problem_is_placed_as_the_whole_parse_places_it(tmp_path: Path) -> None:
    """The check reads the text only to place a problem, from its deflated copy."""
    text = SHIPPED.read_text(encoding="utf-8")
    position = text.index("\n[[events]]", len(text) // 2)
    base = tmp_path / "base.toml"
    base.write_text(text[:position] + "\n[[events]]\nid = 'no-kind'\n" + text[position:])
    with pytest.raises(FactBaseInvalid) as whole_parse:
        load(str(base))
    with pytest.raises(FactBaseInvalid) as built:
        read_and_check(str(base))
    placed = [(p.file, p.key, p.line, p.message) for p in built.value.problems]
    assert placed == [(p.file, p.key, p.line, p.message) for p in whole_parse.value.problems]
    assert all(line for _file, _key, line, _message in placed)


def test_short_strings_are_kept_once_a_block() -> None:
    text = "schema_version = 3\n" + "".join(
        f"\n[[events]]\nid = 'e-{number}'\npair = 'AZ-PK'\nparticipants = ['AZ', 'PK']\n"
        for number in range(3)
    )
    found = parse_in_blocks(text.encode(), TABLES, SCHEMA_VERSION)
    assert found is not None
    events = list(found[0]["events"])
    assert len({id(event["pair"]) for event in events}) == 1
    assert len({id(event["participants"][1]) for event in events}) == 1
    assert events == tomli.loads(text)["events"]
