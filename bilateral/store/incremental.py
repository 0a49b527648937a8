"""An edit to one file of a many-file base, answered without compiling the rest again.

The update must leave the store a full build would write, or step aside for one. It
reads the one changed file, checks it against what the store holds of the rest (the
same record checks, references resolved against the stored ids and their kinds,
citations against the stored sources), and then proves that nothing the rest relies on
moved:

- the file holds the same ids, each of the same kind, so references into it still
  resolve to what they named, and the counts stand;
- its records fill the same slots: as many rows of each kind, in the same blocks, so
  every row keeps the rowid and position a full build gives it, the file's own records
  taking theirs in their new order;
- what they lend the others (names, aliases, countries, source dates) is unchanged, and
  so are the paragraphs and sentences of its sources, which others' citations are
  checked against;
- the file neither gives nor gave the base's own keys (title, pair, as_of), or it gave
  some and now gives all three, each as the store holds it (a base that repeats them in
  every file, as `check` accepts).

Anything else, and any doubt, returns None: the caller then builds in full. The record
of the build is written by the one writer the full build uses (`record_build`).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import shutil
import sqlite3
import time
from collections import Counter
from typing import Any

from bilateral.errors import FactBaseInvalid, FactBaseUnreadable
from bilateral.kinds.base import FactBase, lent
from bilateral.kinds.parts import ONCE, Known, check_part
from bilateral.kinds.registry import TOP_LEVEL
from bilateral.schema.lookup import Lookup
from bilateral.schema.reading import base_files, decode, parse_toml, read_bytes
from bilateral.store.compile import (
    Compiled,
    add_token_variants,
    compiled,
    forget_records,
    insert_records,
    record_build,
    remove_token_variants,
)
from bilateral.store.cuts import (
    TOP,
    Edit,
    Stored,
    file_key,
    records_edited,
    replace_cut,
    same_rows_per_record,
)
from bilateral.store.directory import trusted_file
from bilateral.store.fingerprint import code_fingerprint
from bilateral.store.forgetting import forget_findings, stored_findings
from bilateral.store.freshness import RACY_NS, digest, relative, source_key, status_text
from bilateral.store.scopes import Links, index_search, resize_scopes, write_scopes
from bilateral.store.stored_lookup import stored_lookup
from bilateral.store.stored_sources import StoredIds, StoredSources
from bilateral.store.writing import put_in_place, temporary_beside


def updated(facts: str, target: str) -> sqlite3.Connection | None:
    """The store brought up to date in place, or None when a full build is due. A cache
    the trust check refuses is never opened."""
    if not trusted_file(target):
        return None
    try:
        return _update(facts, target)
    except (
        OSError,
        sqlite3.Error,
        FactBaseUnreadable,
        FactBaseInvalid,
        ValueError,
        KeyError,
        RecursionError,
    ):
        return None


def _update(facts: str, target: str) -> sqlite3.Connection | None:
    with contextlib.closing(sqlite3.connect(target)) as store:
        meta = dict(store.execute("SELECT key, value FROM meta").fetchall())
        change = _the_one_change(facts, meta)
        if change is None:
            return None
        file, found, gave = change
        data = read_bytes(file)
        if status_text(os.stat(file)) != status_text(dict(found)[file]):
            return None  # it changed while it was read: a full build reads it again
        part_name = file if os.path.isdir(facts) else ""
        edit = records_edited(store, relative(facts, file), part_name, data)
        if edit is None and part_name:
            edit = _whole_file(store, meta, file, data, gave)
        if edit is None:
            return None
        checked = _checked_part(store, meta, file, edit)
        if checked is None:
            return None
        part, fresh = checked
        slotted = _slotted(edit.stored, fresh, edit.part)
        if slotted is None or not _same_citable(store, part):
            return None
        source = _source_after(facts, (file, gave), found, meta, data)
        with temporary_beside(target, stem="update") as temporary:  # the lookup reads `store`
            shutil.copyfile(target, temporary)
            _apply(temporary, meta, source, part, slotted, (relative(facts, file), edit.key))
            put_in_place(temporary, target, replace=True)
    return sqlite3.connect(target)


def _whole_file(
    store: sqlite3.Connection, meta: dict[str, str], file: str, data: bytes, gave: bool
) -> Edit | None:
    """The whole file as the edit, for a file whose edit could not be traced to records."""
    text = decode(file, data)
    parsed = parse_toml(file, text)
    if any(key in parsed for key in ONCE) != gave or "pairs" in parsed:
        return None  # the pairs' titles and dates stand in the store's record of the build
    key = file_key(data, parsed)
    if gave:
        if not _same_own_keys(parsed, meta):
            return None
        parsed = {key: value for key, value in parsed.items() if key not in ONCE}
    stored = store.execute(
        "SELECT rowid, id, type, position FROM records WHERE part = ? ORDER BY rowid", (file,)
    ).fetchall()
    return Edit(text, parsed, stored, file, key, scattered=False)


def _the_one_change(
    facts: str, meta: dict[str, str]
) -> tuple[str, list[tuple[str, os.stat_result]], bool] | None:
    """The one file that changed since the build, when it is one, and whether it gave any
    of the base's own keys."""
    if meta.get("code") != code_fingerprint() or "part_status" not in meta:
        return None
    if meta.get("source_path") != os.fsencode(os.path.abspath(facts)).hex():
        return None
    recorded: dict[str, list[Any]] = json.loads(meta["part_status"])
    found = [(file, os.stat(file)) for file in base_files(facts)]
    if {relative(facts, file) for file, _ in found} != set(recorded):
        return None
    settled = int(meta["built_ns"]) - RACY_NS
    changed = [
        file
        for file, status in found
        if _differs(file, status, recorded[relative(facts, file)], settled)
    ]
    if len(changed) != 1 or len(recorded[relative(facts, changed[0])]) != 3:
        return None
    return changed[0], found, bool(recorded[relative(facts, changed[0])][2])


def _same_own_keys(parsed: dict[str, Any], meta: dict[str, str]) -> bool:
    """Whether a file gives all of the base's own keys, each as the store holds it: then
    every file that gives one agrees, and the base's own keys stand as they were."""
    as_of = parsed.get("as_of")
    return (
        type(parsed.get("title")) is str
        and parsed["title"] == meta["title"]
        and type(parsed.get("pair")) is str
        and parsed["pair"] == meta["pair"]
        and type(as_of) is datetime.date
        and as_of.isoformat() == meta["as_of"]
    )


def _differs(file: str, status: os.stat_result, then: list[Any], settled: int) -> bool:
    """Whether a file changed since the build: by its status, or, for a file changed within
    a timestamp tick of the build, by its bytes."""
    if status_text(status) != then[0]:
        return True
    racy = not (status.st_ino and status.st_ctime_ns < settled)
    return racy and digest(read_bytes(file)) != then[1]


def _checked_part(
    store: sqlite3.Connection, meta: dict[str, str], file: str, edit: Edit
) -> tuple[FactBase, list[Compiled]] | None:
    """The edited records checked against the rest, and compiled; None when their ids or
    kinds changed, or what they lend the others did."""
    replaced = {rowid for rowid, _, _, _ in edit.stored}
    mine = Counter((record_id, kind) for _, record_id, kind, _ in edit.stored)
    known_ids = StoredIds(store, replaced)
    lookup = stored_lookup(store, meta["as_of"])
    sources = StoredSources(store, replaced)
    known = Known(known_ids, sources, lookup, meta["title"], meta["pair"], meta["as_of"])
    part = check_part(file, edit.text, edit.parsed, known)
    fresh = list(compiled(part))
    theirs = Counter((record.document["id"], record.kind.name) for record in fresh)
    if theirs != mine or not _same_lookup(lookup, part.records):
        return None
    if edit.scattered and not same_rows_per_record(edit.stored, [r.kind.name for r in fresh]):
        return None
    return part, fresh


def _same_lookup(lookup: Lookup, records: dict[str, list[dict[str, Any]]]) -> bool:
    """Whether the part's records still give others the names, countries and dates they had."""
    return all(
        lookup.lent(document["id"]) == lent(kind, document)
        for kind in TOP_LEVEL
        for document in records[kind.name]
    )


def _same_citable(store: sqlite3.Connection, part: FactBase) -> bool:
    """Whether the part's sources keep the paragraphs and sentences others cite inside."""
    stored = StoredSources(store, set())
    return all(
        source["id"] in stored and stored[source["id"]].get("sentences") == source.get("sentences")
        for source in part.records["source"]
    )


def _slotted(
    stored: list[Stored], fresh: list[Compiled], name: str
) -> list[tuple[int, Compiled]] | None:
    """The part's compiled records at the rowids and positions a full build gives them (in
    the file named `name`), or None when they do not fill the slots its old records held."""
    if _blocks([kind for _, _, kind, _ in stored]) != _blocks([r.kind.name for r in fresh]):
        return None
    positions: dict[str, list[int]] = {}
    for _, _, kind, position in stored:
        if kind in TOP:
            positions.setdefault(kind, []).append(position)
    placed = []
    block = ""
    for (rowid, _, _, _), record in zip(stored, fresh, strict=True):
        block = record.kind.name if record.kind.name in TOP else block
        position = positions[block][record.position]
        document = record.document
        sort = record.kind.sort(document, position)
        placed.append((rowid, record._replace(position=position, sort=sort, part=name)))
    return placed


def _blocks(kinds: list[str]) -> list[tuple[str, int, int]]:
    """The rows in rowid order as blocks: (top-level kind, its records, all its rows)."""
    blocks: list[tuple[str, int, int]] = []
    for kind in kinds:
        if kind in TOP and (not blocks or blocks[-1][0] != kind):
            blocks.append((kind, 0, 0))
        if not blocks:
            return [("", 0, -1)]
        name, records, rows = blocks[-1]
        blocks[-1] = (name, records + (kind in TOP), rows + 1)
    return blocks


def _source_after(
    facts: str,
    changed: tuple[str, bool],
    found: list[tuple[str, os.stat_result]],
    meta: dict[str, Any],
    data: bytes,
) -> dict[str, str]:
    """The build's source key, by the one writer of it, with the changed file's status
    and digest in it."""
    recorded: dict[str, list[Any]] = json.loads(meta["part_status"])
    file, gave = changed
    seen = [
        (each, status, digest(data), gave)
        if each == file
        else (each, status, *recorded[relative(facts, each)][1:3])
        for each, status in found
    ]
    return source_key(facts, seen, time.time_ns())


def _apply(
    temporary: str,
    meta: dict[str, Any],
    source: dict[str, str],
    part: FactBase,
    slotted: list[tuple[int, Compiled]],
    cut: tuple[str, bytes],
) -> None:
    """Write the edit into the copy: the build's record as `meta` read it before, with the
    files' new `source` key."""
    with contextlib.closing(sqlite3.connect(temporary)) as store:
        store.execute("CREATE TEMP TABLE gone (rowid INTEGER PRIMARY KEY)")
        store.executemany("INSERT INTO gone VALUES (?)", [(rowid,) for rowid, _ in slotted])
        found, linked = stored_findings(store, [rowid for rowid, _ in slotted], part.lookup)
        before = {token for token, _ in found.tokens}
        forget_findings(store, found)
        _move_mentions(store, linked, slotted)
        store.execute("DELETE FROM record_dates WHERE record IN (SELECT rowid FROM gone)")
        forget_records(store, "SELECT rowid FROM gone")
        after, links = insert_records(store, iter(slotted), part.lookup)
        elsewhere = _held_elsewhere(store, before ^ after)
        remove_token_variants(store, sorted(before - after - elsewhere))
        add_token_variants(store, after - before - elsewhere)
        if not resize_scopes(store, linked, links):
            write_scopes(store, fresh=links.texts)
        index_search(store, links.texts)
        kept: dict[str, str | bytes] = {
            key: meta[key] for key in ("title", "pair", "as_of", "about_pairs")
        }
        record_build(store, kept, source, _standing(meta, linked, slotted))
        replace_cut(store, *cut)
        store.commit()


def _move_mentions(
    store: sqlite3.Connection, linked: Links, slotted: list[tuple[int, Compiled]]
) -> None:
    """Point the other records' mentions of the file's records at their new rowids: a file
    whose records changed order gives its ids the same rowids in another order. Its own
    mentions are gone by now, and are written again as its records are."""
    before = {record_id: rowid for rowid, record_id, _, _ in linked.records}
    moved = [
        (-rowid, before[record.document["id"]])
        for rowid, record in slotted
        if before[record.document["id"]] != rowid
    ]
    # by way of negative rowids: the moves permute the file's rowids, and a key is unique
    store.executemany("UPDATE mentions SET target = ? WHERE target = ?", moved)
    store.execute("UPDATE mentions SET target = -target WHERE target < 0")


def _standing(
    meta: dict[str, str], linked: Links, slotted: list[tuple[int, Compiled]]
) -> dict[str, str] | None:
    """The stored pairs and counts, when they still stand: the update keeps every record's
    id and kind (checked before), and here each record's pair too."""
    before = {rowid: pair for rowid, _, _, pair in linked.records}
    after = {rowid: record.kind.pair_of(record.document) for rowid, record in slotted}
    if before != after:
        return None
    return {"pairs": meta["pairs"], "counts": meta["counts"]}


def _held_elsewhere(store: sqlite3.Connection, tokens: set[str]) -> set[str]:
    """The tokens a name of a record the update leaves in place holds."""
    return {
        token
        for token in tokens
        if store.execute(
            "SELECT 1 FROM name_tokens WHERE token = ? "
            "AND record NOT IN (SELECT rowid FROM gone) LIMIT 1",
            (token,),
        ).fetchone()
    }
