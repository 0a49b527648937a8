"""Start-up: a warm answer imports only what it needs (docs/performance.md measures it).

The kinds' declarations that answering reads are kept in the store's meta, so a warm
answer imports neither the declarations nor the checker; a table whose values fit is written
without rich's Console or Table (render/plain_text.py)."""

from __future__ import annotations

import subprocess
import sys

from bilateral.answer.dated import name_fields
from bilateral.kinds.declared import Declared
from bilateral.kinds.registry import ALL

PROGRAM = (
    "import sys\n"
    "from bilateral.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(sorted(m for m in sys.modules if m in {watched!r}), file=sys.stderr)\n"
)


def _loaded(args: list[str], watched: set[str]) -> tuple[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(watched=watched), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout, done.stderr.splitlines()


def _same(one: Declared, other: Declared) -> None:
    assert (one.begins, one.status, one.renamed, one.names, one.dated) == (
        other.begins,
        other.status,
        other.renamed,
        other.names,
        other.dated,
    )


def test_the_declarations_a_store_keeps_are_the_registrys() -> None:
    registry = Declared.of_registry()
    stored = Declared.from_stored(registry.stored())
    assert stored is not None
    _same(stored, registry)
    assert registry.names["event"] == (
        ("place", "place_name"),
        ("participants", "participant_names"),
    )
    for kind in ALL:
        assert name_fields(kind.name) == tuple(
            (field.names, field.name) for field in kind.shape.fields if field.names
        )


def test_a_listed_kind_is_the_registrys() -> None:
    from bilateral.kinds.listed import DECLARED_IN, listed_kind

    assert set(DECLARED_IN) == {kind.name for kind in ALL if kind.listing is not None}
    for kind in ALL:
        assert listed_kind(kind.name) is kind


def test_a_store_without_the_declarations_is_answered_from_the_registry() -> None:
    meta = Declared.of_registry().stored()
    del meta["declared_names"]
    assert Declared.from_stored(meta) is None


WATCHED = {
    "bilateral.answer.changes",  # the changes command's listing (render/views.py)
    "bilateral.kinds.registry",
    "bilateral.schema.checker",
    "bilateral.store.building",
    "calendar",  # imports locale; a month's last day is reckoned without it (schema/dates.py)
    "locale",
    "rich",
    "rich.cells",  # widths of one-cell characters are counted without it (render/cells.py)
    "rich.console",
    "rich.table",
}


def test_a_warm_json_answer_imports_no_declarations_checker_or_rich() -> None:
    _loaded(["trade", "--json"], WATCHED)  # the cache is warm after this one
    out, err = _loaded(["--no-pager", "trade", "--format", "json"], WATCHED)
    assert err[-1] == "[]"
    assert '"id":"trade-2003-az-pk-total"' in out


def test_a_table_that_fits_is_drawn_without_rich_or_the_checker() -> None:
    _loaded(["trade", "--json"], WATCHED)
    out, err = _loaded(["--no-pager", "officials", "--format", "table"], WATCHED)
    assert err[-1] == "[]"
    assert out.startswith("Officials as of ")


LEFT_TO_OTHER_ANSWERS = {
    "fcntl",  # only an edit takes the lock (store/writing.py, locked)
    "json",  # JSON's C scanner parses a stored document (answer/rows.py)
    "locale",  # click's first lookup of a translation imports it (cli/options.py, own_help)
    "signal",  # SIGTERM's handler is set through _signal (cli/__init__.py)
    "sqlite3",  # the store is read through _sqlite3, without the date adapters (store/integrity.py)
}


def test_a_warm_json_answer_imports_no_json_package_locale_signal_fcntl_or_sqlite3() -> None:
    _loaded(["trade", "--json"], LEFT_TO_OTHER_ANSWERS)
    out, err = _loaded(["--no-pager", "trade", "--format", "json"], LEFT_TO_OTHER_ANSWERS)
    assert err[-1] == "[]"
    assert '"id":"trade-2003-az-pk-total"' in out


def test_a_table_reads_the_sources_its_rows_cite_and_no_other() -> None:
    from bilateral.api import open_base
    from bilateral.render.footnotes import cited_ids

    with open_base(use_cache=False) as base:
        every = base.sources_by_id()
        for rows in (list(base.officials()), list(base.areas()), base.show("Musharraf")):
            cited = cited_ids(row.document for row in rows)
            assert cited
            assert cited <= every.keys()
            assert base.sources_by_id(cited) == {key: every[key] for key in cited}
        assert base.sources_by_id(["no-such-source", "pervez-musharraf"]) == {}
        assert cited_ids([{"roles": [{"sources": [{"source": "a"}]}], "source": "b"}]) == {"a", "b"}


AFTER_MAIN = (
    "import gc, sys\n"
    "from bilateral.cli import main\n"
    "from bilateral.store.writing import _temporary\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(gc.get_freeze_count() > 0, _temporary.cache_info().currsize, file=sys.stderr)\n"
)


def test_a_warm_answer_compiles_no_pattern_and_leaves_its_objects_frozen() -> None:
    """The sweep of the cache directory compiles its pattern only for a name it may match,
    and main freezes what the process made, so its exit does not walk it (cli/__init__.py)."""
    args = ["--no-pager", "trade", "--format", "json"]
    subprocess.run([sys.executable, "-c", AFTER_MAIN, *args], capture_output=True, check=True)
    done = subprocess.run(
        [sys.executable, "-c", AFTER_MAIN, *args], capture_output=True, text=True, check=True
    )
    assert done.stderr.splitlines()[-1] == "True 0"
    assert '"id":"trade-2003-az-pk-total"' in done.stdout


def test_a_trade_answer_reads_no_record_for_dated_names() -> None:
    """Trade figures refer to nothing named: dating them reads none of the renamable kinds."""
    from bilateral.api import open_base

    with open_base(use_cache=False) as base:
        assert list(base.trade())
        assert base.dating._renamable is None
        assert list(base.events())
        assert base.dating._renamable is not None


def test_a_listing_of_people_reads_their_posts_in_one_statement() -> None:
    """The terms of the officials' 27 posts: one statement for all, not one a post."""
    from bilateral.api import open_base

    with open_base(use_cache=False) as base:
        statements: list[str] = []
        base.query.db.set_trace_callback(statements.append)
        people = [row.document for row in base.officials()]
        base.query.db.set_trace_callback(None)
    posts = {role["post"] for person in people for role in person["roles"] if role.get("post")}
    assert len(posts) > 20
    naming = [text for text in statements if any(f"'{post}'" in text for post in posts)]
    assert len(naming) == 1
    assert "WHERE id IN (" in naming[0]


LOADING = (
    "import gc, sys\n"
    "passes = []\n"
    "gc.callbacks.append(lambda phase, _: 'click' in sys.modules and passes.append(phase))\n"
    "if sys.argv[1:] == ['off']:\n"
    "    gc.disable()\n"
    "import bilateral.cli\n"
    "print(len(passes), gc.isenabled(), gc.get_freeze_count() > 0)\n"
)


def test_the_command_line_loads_without_the_collector_and_leaves_it_as_it_was() -> None:
    """No collection runs once click starts to load (before it, a module compiled from its
    source may set one off); the collector is then on again, unless it was off before
    (cli/__init__.py)."""
    for given, enabled in (([], "True"), (["off"], "False")):
        done = subprocess.run(
            [sys.executable, "-c", LOADING, *given], capture_output=True, text=True, check=True
        )
        assert done.stdout.split() == ["0", enabled, "True"]


ANSWERING = (
    "import gc, sys\n"
    "from bilateral.cli import main\n"
    "passes = []\n"
    "gc.callbacks.append(lambda phase, _: phase == 'start' and passes.append(phase))\n"
    "if sys.argv[1] == 'off':\n"
    "    gc.disable()\n"
    "try:\n"
    "    main(sys.argv[2:])\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(len(passes), gc.isenabled(), file=sys.stderr)\n"
)


def test_an_answer_runs_no_collection_and_leaves_the_collector_as_it_was() -> None:
    """An answer's allocations set off no pass of the collector (nine passes for this
    table, which freed nothing); it is on again after main, unless it was off before."""
    for given, enabled in (("on", "True"), ("off", "False")):
        args = [given, "--no-pager", "officials", "--format", "table"]
        done = subprocess.run(
            [sys.executable, "-c", ANSWERING, *args], capture_output=True, text=True, check=True
        )
        assert "Pervez Musharraf" in done.stdout
        assert done.stderr.split() == ["0", enabled]
