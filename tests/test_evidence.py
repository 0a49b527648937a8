"""The shipped base against its evidence: for each record issue 20 added, a source it cites,
a few words from that source, and the values those words support (tests/data/evidence.toml)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import tomli

from tests.conftest import SHIPPED

EVIDENCE = Path(__file__).resolve().parent / "data" / "evidence.toml"
DATES = ("date", "start", "end", "stated")
WORDS_FROM = {"page", "researcher-note"}

Record = dict[str, Any]


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomli.load(handle)


FACTS = _load(SHIPPED)
ENTRIES: list[Record] = _load(EVIDENCE)["evidence"]


def _by_id(facts: dict[str, Any]) -> dict[str, Record]:
    found: dict[str, Record] = {}
    for records in facts.values():
        if isinstance(records, list):
            for record in records:
                found[record["id"]] = record
                for commitment in record.get("commitments", []):
                    found[commitment["id"]] = commitment
    return found


def _cites(record: Record, source: str) -> bool:
    return any(citation["source"] == source for citation in record.get("sources", []))


def _disagreements(record: Record, entry: Record) -> list[str]:
    """What the record stores that differs from the values the evidence lists."""
    wrong = [
        f"{key} is {record.get(key)!r}, the source supports {entry[key]!r}"
        for key in DATES
        if key in entry and record.get(key) != entry[key]
    ]
    if "year" in entry and record.get("year") != entry["year"]:
        wrong.append(f"year is {record.get('year')!r}, the source gives {entry['year']!r}")
    if "figure" in entry:
        value = record.get("value", {})
        if not value.get("low", 0) <= entry["figure"] <= value.get("high", -1):
            wrong.append(f"{entry['figure']} is outside {value.get('low')}..{value.get('high')}")
    return wrong


def problems(
    facts: dict[str, Any], entry: Record, by_id: dict[str, Record] | None = None
) -> list[str]:
    """Why the base does not bear out one evidence entry (empty when it does); `by_id` is
    the base's records by id, when already at hand."""
    if "#" in entry["record"]:
        person_id, post = entry["record"].split("#")
        person = next((p for p in facts.get("people", []) if p["id"] == person_id), None)
        if person is None:
            return [f"no person {person_id!r}"]
        holdings = [r for r in person.get("roles", []) if r.get("post") == post]
        if not holdings:
            return [f"{person_id} holds no {post!r}"]
        citing = [r for r in holdings if _cites(r, entry["source"])]
        if not citing:
            return [f"no holding of {post!r} cites {entry['source']!r}"]
        reasons = [_disagreements(r, entry) for r in citing]
        return [] if [] in reasons else reasons[0]
    record = (by_id if by_id is not None else _by_id(facts)).get(entry["record"])
    if record is None:
        return [f"no record {entry['record']!r}"]
    if not _cites(record, entry["source"]):
        return [f"{entry['record']} does not cite {entry['source']!r}"]
    return _disagreements(record, entry)


def test_each_record_cites_its_source_and_stores_what_it_says() -> None:
    by_id = _by_id(FACTS)
    wrong = {
        entry["record"]: found for entry in ENTRIES if (found := problems(FACTS, entry, by_id))
    }
    assert wrong == {}


def test_every_entry_names_a_source_of_the_base_with_a_few_words() -> None:
    sources = {source["id"] for source in FACTS["sources"]}
    for entry in ENTRIES:
        assert entry["source"] in sources, entry["record"]
        assert entry["words_from"] in WORDS_FROM, entry["record"]
        assert 3 <= len(entry["words"].split()) <= 30, entry["record"]


def test_the_evidence_covers_every_kind_the_issue_added() -> None:
    kinds = {entry["kind"] for entry in ENTRIES}
    assert kinds == {"event", "role", "trade", "relation", "assessment"}
    assert len(ENTRIES) >= 250
    assert sum(1 for entry in ENTRIES if entry.get("checked")) >= 25


def test_a_changed_date_or_figure_is_caught() -> None:
    """The check can fail: move a date, a start and a figure in a copy of the base."""
    event = next(e for e in ENTRIES if e["kind"] == "event" and "date" in e)
    role = next(e for e in ENTRIES if e["kind"] == "role" and "start" in e)
    trade = next(e for e in ENTRIES if e["kind"] == "trade" and "figure" in e)
    changed = copy.deepcopy(FACTS)
    _by_id(changed)[event["record"]]["date"] = "1900"
    person_id, post = role["record"].split("#")
    for person in changed["people"]:
        if person["id"] == person_id:
            for holding in person["roles"]:
                if holding.get("post") == post:
                    holding["start"] = "1900"
    _by_id(changed)[trade["record"]]["value"] = {"low": 1, "high": 2, "currency": "USD"}
    assert problems(changed, event) != []
    assert problems(changed, role) != []
    assert problems(changed, trade) != []
    assert problems(changed, {**event, "source": "no-such-source"}) != []
