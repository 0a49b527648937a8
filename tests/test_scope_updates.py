"""The one-file update and the search index's scopes (store/scopes.py): an edit that moves
records of other files between pairs' scopes indexes them again, as a full build would."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bilateral.store import building, incremental
from tests.base_edits import read_base, split_by_table, write_base
from tests.conftest import MINIMAL
from tests.test_updates import differences, outcome


def _scope_words(store: tuple[str, Any], record_id: str) -> list[str]:
    """A record's words in the index of scopes, from a store's dump."""
    assert store[0] == "store", store
    tables = store[1]
    (rowid,) = [
        row[0] for row in tables["records"] if row[2] == record_id
    ]  # rowid, then the columns
    return sorted(
        term
        for term, doc, column, _ in tables["search_scopes"]
        if (doc, column) == (rowid, "scope")
    )


def test_citing_a_source_from_a_pairs_event_moves_it_into_the_pairs_scope_in_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'background' is cited by no pair's record (every pair's, in the index) until the
    event of AZ-PK cites it: then it and the person citing it are AZ-PK's, and the index
    says so for both, though neither's file changed."""
    base = tmp_path / "base"
    split_by_table(MINIMAL, base)
    before = outcome(base, True)
    taken = []
    real = incremental.updated

    def counted(facts: str, target: str) -> sqlite3.Connection | None:
        result = real(facts, target)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(building, "updated", counted)
    files = read_base(base)
    name = next(name for name, data in files.items() if "events" in data)
    files[name]["events"][0]["sources"].append({"source": "background"})
    write_base(base, files)
    cached, fresh = outcome(base, True), outcome(base, False)
    assert taken == [True]
    assert cached == fresh, differences(cached, fresh)
    assert _scope_words(before, "background") == ["0s"]
    assert _scope_words(cached, "background") == ["0saz0pk"]
    assert _scope_words(before, "abiyev-safar") == _scope_words(cached, "abiyev-safar")
