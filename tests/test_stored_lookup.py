"""The lookup an update reads from the stored records holds what the full build's lookup
held: every record's names, aliases, dates, demonyms and country, and nothing for an id
the base does not lend."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilateral.store.building import in_memory, read_and_check
from bilateral.store.stored_lookup import stored_lookup
from tests.conftest import ROOT, SHIPPED

TABLES = ("names", "aliases", "source_dates", "demonyms", "country_of")


@pytest.mark.parametrize(
    "base", [SHIPPED, ROOT / "tests" / "data" / "article.toml", ROOT / "tests" / "data" / "pairs"]
)
def test_the_stored_lookup_lends_what_the_build_lent(base: Path) -> None:
    read = read_and_check(str(base))
    built = read.base.lookup
    store = in_memory(read)
    stored = stored_lookup(store, read.base.as_of)
    ids = [record_id for (record_id,) in store.execute("SELECT id FROM records")]
    assert len(ids) > 5
    for record_id in [*ids, "no-such-record"]:
        assert stored.lent(record_id) == built.lent(record_id), record_id
        for table in TABLES:
            assert (record_id in getattr(stored, table)) == (record_id in getattr(built, table))
    assert stored.as_of == built.as_of
    lent_names = [record_id for record_id in ids if record_id in built.names]
    assert lent_names, "the base lends some names"
    first = lent_names[0]
    assert stored.names[first] == built.names[first]
    assert stored.name(first) == built.name(first)
    with pytest.raises(KeyError):
        stored.names["no-such-record"]


def test_what_a_check_lends_comes_before_what_the_store_holds() -> None:
    read = read_and_check(str(SHIPPED))
    stored = stored_lookup(in_memory(read), read.base.as_of)
    person = next(iter(read.base.records["person"]))["id"]
    before = stored.lent(person)
    assert before[0] is not None
    stored.lend(person, ("Another Name", ["Alias"], None, None, before[4]))
    assert stored.name(person) == "Another Name"
    assert stored.aliases.get(person) == ["Alias"]
    assert person in stored.names
