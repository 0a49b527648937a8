"""A corpus of broken fact bases, one per rule: each gives its exact message and exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL, run, write_base

VALID = MINIMAL.read_text(encoding="utf-8")

# (rule, text replaced, replacement, an exact line on stderr, with {path} for the file)
BROKEN = [
    (
        "unknown field",
        'name = "Baku"\n',
        'name = "Baku"\ncolour = "blue"\n',
        "{path}:52: places[0] (baku).colour: unknown field; the fields here are: "
        "aliases, country, id, kind, name, names, notes, sources",
    ),
    (
        "missing required field",
        'publisher = "Test Publisher"\n',
        "",
        "{path}:6: sources[0] (article).publisher: missing; add it as a string",
    ),
    (
        "wrong type",
        'name = "Safar Abiyev"',
        "name = 42",
        "{path}:30: people[0] (abiyev-safar).name: expected a string, got an integer (42)",
    ),
    (
        "empty string",
        'summary = "Defence ties."',
        'summary = " "',
        "{path}:59: areas[0] (military).summary: is empty; write a value or remove the field",
    ),
    (
        "unknown enumeration value",
        'status = "signed"',
        'status = "maybe"',
        "{path}:65: areas[0] (military).commitments[0] (military-agreements).status: "
        "unknown value 'maybe'; use one of: "
        "signed, agreed, pledged, promised, proposed, requested, under-discussion, possible",
    ),
    (
        "duplicate id",
        'id = "pk-fact"',
        'id = "baku"',
        "{path}:105: facts[0].id: duplicate id 'baku' "
        "(first used by a place, places[0] at line 49); rename one",
    ),
    (
        "invalid id",
        'id = "pk-fact"',
        'id = "PK Fact"',
        "{path}:105: facts[0].id: 'PK Fact' is not a valid id; "
        "use lower-case letters, digits and single hyphens",
    ),
    (
        "dangling reference",
        'place = "baku"',
        'place = "lahore"',
        "{path}:84: events[0] (visit-baku-2004).place: 'lahore' is not an id in this base; "
        "correct the id or add it under [[places]] or [[countries]]",
    ),
    (
        "reference to the wrong kind",
        'organization = "AZ"',
        'organization = "baku"',
        "{path}:37: people[0] (abiyev-safar).roles[0].organization: 'baku' is a place, "
        "but this field takes: organization or country",
    ),
    (
        "unknown country code",
        'id = "PK"',
        'id = "XX"',
        "{path}:23: countries[1].id: 'XX' is not an ISO 3166-1 alpha-2 code (such as AZ, PK)",
    ),
    (
        "unknown currency",
        'currency = "USD"',
        'currency = "DOL"',
        "{path}:75: trade[0] (trade-2003-az-export).value.currency: "
        "'DOL' is not an ISO 4217 currency code; use one such as USD",
    ),
    (
        "low above high",
        "low = 25000, high = 30000",
        "low = 35000, high = 30000",
        "{path}:75: trade[0] (trade-2003-az-export).value: "
        "low (35000) is above high (30000); swap them",
    ),
    (
        "negative value",
        "low = 25000",
        "low = -5",
        "{path}:75: trade[0] (trade-2003-az-export).value.low: is -5; a value cannot be negative",
    ),
    (
        "impossible date",
        "date = 2004-07-08",
        'date = "2004-02-30"',
        "{path}:82: events[0] (visit-baku-2004).date: a string ('2004-02-30') is not a "
        "calendar date; write YYYY-MM-DD, or 'YYYY' / 'YYYY-MM' when only that is known",
    ),
    (
        "start after end",
        "end = 2013-10-28",
        "end = 1990-01-01",
        "{path}:35: people[0] (abiyev-safar).roles[0]: "
        "start is after end: 1995-02-06 is after 1990-01-01; swap them or correct one",
    ),
    (
        "paragraph outside the source",
        "paragraph = 2, sentence = 1 }]\n\n[[relations]]",
        "paragraph = 3, sentence = 1 }]\n\n[[relations]]",
        "{path}:94: assessments[0] (pk-good-ally).sources[0].paragraph: "
        "paragraph 3 is outside 'article', which has 2 paragraphs",
    ),
    (
        "sentence outside the paragraph",
        "paragraph = 1, sentence = 2 }]\n\n[[events]]",
        "paragraph = 1, sentence = 7 }]\n\n[[events]]",
        "{path}:77: trade[0] (trade-2003-az-export).sources[0].sentence: "
        "sentence 7 is outside paragraph 1 of 'article', which has 2 sentences",
    ),
    (
        "locator missing for a source with text",
        'sources = [{ source = "article", paragraph = 1, sentence = 2 }]\n\n[[people]]',
        'sources = [{ source = "article" }]\n\n[[people]]',
        "{path}:26: countries[1] (PK).sources[0]: cite 'article' with both paragraph and sentence",
    ),
    (
        "locator for a source without text",
        '[{ source = "background" }]',
        '[{ source = "background", paragraph = 1, sentence = 1 }]',
        "{path}:40: people[0] (abiyev-safar).roles[0].sources[0]: "
        "source 'background' declares no paragraphs; "
        "drop paragraph and sentence, or add sentences = [...] to the source",
    ),
    (
        "unknown source",
        '[{ source = "background" }]',
        '[{ source = "encyclopedia" }]',
        "{path}:40: people[0] (abiyev-safar).roles[0].sources[0].source: "
        "'encyclopedia' is not an id in this base; correct the id or add it under [[sources]]",
    ),
    (
        "record without sources",
        'text = "A fact about Pakistan."\nsources = [{ source = "article", paragraph = 2, '
        "sentence = 1 }]",
        'text = "A fact about Pakistan."',
        "{path}:104: facts[0] (pk-fact).sources: missing; cite at least one source as "
        "{{ source = ID, paragraph = N, sentence = N }}",
    ),
    (
        "a key an earlier schema had",
        "end = 2013-10-28\n",
        "end = 2013-10-28\ncurrent = true\n",
        "{path}:40: people[0] (abiyev-safar).roles[0].current: no longer part of the schema: "
        "a role's status comes from its start and end and the date asked; delete this line",
    ),
    (
        "assessment with two holders",
        'held_by_group = "local analysts"',
        'held_by_group = "local analysts"\nheld_by = "abiyev-safar"',
        "{path}:89: assessments[0] (pk-good-ally): an assessment needs exactly one holder: "
        "held_by (an id) or held_by_group (such as 'local analysts')",
    ),
    (
        "bad pair",
        'pair = "AZ-PK"',
        'pair = "AZ-AZ"',
        "{path}:3: pair: 'AZ-AZ' is not a pair of two country codes such as 'AZ-PK'",
    ),
    (
        "wrong schema version",
        "schema_version = 3",
        "schema_version = 4",
        "{path}:1: schema_version: is 4; this bilateral reads schema_version = 3",
    ),
    (
        "a base written for schema 1",
        "schema_version = 3",
        "schema_version = 1",
        "{path}:1: schema_version: is 1, written for an earlier bilateral; to read it here, "
        "delete each `current = ...` line under [[people.roles]] (a role's status now comes "
        "from its dates and the date asked), then follow the change from schema_version = 2",
    ),
    (
        "a base written for schema 2",
        "schema_version = 3",
        "schema_version = 2",
        "{path}:1: schema_version: is 2, written for an earlier bilateral; to read it here, "
        "set schema_version = 3 and rename each `since` under [[relations]] to `start`; where "
        "the sources say so, add `start`/`end` to relations and facts, `stated`/`end` to "
        "assessments, `date`/`end` to commitments and `term_years` to posts (docs/schema.md)",
    ),
    (
        "very long string",
        'summary = "Shared ties."',
        'summary = "' + "x" * 10_001 + '"',
        "{path}:101: relations[0] (pk-az-ties).summary: is 10,001 characters, over the limit of "
        "10,000",
    ),
]


def test_the_minimal_base_is_valid(tmp_path: Path) -> None:
    result = run("check", str(write_base(tmp_path, VALID)))
    assert result.exit_code == 0, result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(("rule", "old", "new", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_rule_gives_its_message_and_exit_1(
    tmp_path: Path, rule: str, old: str, new: str, expected: str
) -> None:
    assert VALID.count(old) >= 1, f"the mutation for {rule!r} no longer applies"
    path = write_base(tmp_path, VALID.replace(old, new, 1))
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert expected.format(path=path) in lines
    assert lines[-1] == f"bilateral: {path}: {len(lines) - 1} problem(s) found"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = VALID.replace('currency = "USD"', 'currency = "DOL"').replace(
        'status = "signed"', 'status = "maybe"'
    )
    result = run("check", str(write_base(tmp_path, text)))
    assert result.exit_code == 1
    assert "problem(s) found" in result.stderr
    assert len(result.stderr.splitlines()) == 3


UNREADABLE = [
    (
        "syntax error",
        b"schema_version = 1\ntitle = \n",
        "{path}:2:9: TOML syntax error: Invalid value; fix the TOML at that place",
    ),
    ("duplicate key", b"schema_version = 1\nschema_version = 1\n", "{path}:2:"),
    ("truncated table", b"schema_version = 1\n[[people]\n", "{path}:2:"),
    ("empty file", b"", "{path}: is empty; a fact base starts with schema_version = 3"),
    (
        "byte-order mark",
        b"\xef\xbb\xbfschema_version = 1\n",
        "{path}:1: starts with a byte-order mark; save the file as UTF-8 without BOM",
    ),
    (
        "not UTF-8",
        b'schema_version = 1\ntitle = "caf\xe9"\n',
        "{path}:2: is not valid UTF-8 (byte 31); save the file as UTF-8",
    ),
    (
        "binary",
        b"\x00\x01\x02\x03",
        "{path}:1: contains a NUL byte, so it is not a text file; "
        "check that this is the right file",
    ),
    ("deeply nested", b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "{path}:"),
]


@pytest.mark.parametrize(
    ("rule", "content", "expected"), UNREADABLE, ids=[u[0] for u in UNREADABLE]
)
def test_unreadable_files_exit_2(tmp_path: Path, rule: str, content: bytes, expected: str) -> None:
    path = tmp_path / "facts.toml"
    path.write_bytes(content)
    result = run("check", str(path))
    assert result.exit_code == 2, rule
    assert result.stderr.startswith("bilateral: " + expected.format(path=path))
    assert len(result.stderr.splitlines()) == 1


def test_missing_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    result = run("check", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"bilateral: {path}: no such file; check the path or --facts\n"


def test_directory_exits_2(tmp_path: Path) -> None:
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"bilateral: {tmp_path}: holds no *.toml file; give a fact base file or a directory "
        "of them\n"
    )


@pytest.mark.parametrize(
    ("dates", "said"),
    [("end = 2004-07-10", True), ('date = "soon"\nend = 2004-07-10', False)],
    ids=["no date: the rule speaks", "a wrong date: the rule is left out"],
)
def test_a_rule_is_left_out_once_a_field_it_reads_is_wrong(
    tmp_path: Path, dates: str, said: bool
) -> None:
    """Left out by the keys the rule names, not by its message: the event's `end` rule
    is silent when `date` has a problem of its own."""
    text = MINIMAL.read_text(encoding="utf-8").replace("date = 2004-07-08\nend = 2004-07-10", dates)
    result = run("--facts", str(write_base(tmp_path, text)), "check")
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if "events[0]" in line]
    assert problems
    assert any("an end needs a date" in line for line in problems) is said
