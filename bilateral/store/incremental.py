"""An edit to one file of a many-file base, answered without compiling the rest again.

When exactly one file changed, its records keep their ids, and nothing others borrow from
them (names, aliases, countries, source dates) changed, that file alone is read, checked
against the rest (ids and sources from the store) and compiled; its rows in a copy of the
store are replaced, and the copy renamed into place. Anything else means a full build.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import time
from typing import Any

from bilateral.errors import FactBaseInvalid, FactBaseUnreadable
from bilateral.kinds.base import lent
from bilateral.kinds.parts import ONCE, Known, check_part
from bilateral.kinds.registry import BY_NAME, TOP_LEVEL
from bilateral.schema.lookup import Lookup
from bilateral.schema.reading import decode, parse_toml, read_bytes
from bilateral.store.compile import compiled, insert_records
from bilateral.store.directory import temporary_path
from bilateral.store.fingerprint import code_fingerprint
from bilateral.store.freshness import (
    RACY_NS,
    digest,
    digests,
    relative,
    source_files,
    status_text,
    statuses,
)

ROW_TABLES = ("facets", "names", "name_tokens", "mentions")
"""Tables whose rows belong to a record by its rowid in `record`."""


def updated(facts: str, target: str) -> sqlite3.Connection | None:
    """The store brought up to date in place, or None when a full build is due."""
    if not os.path.isdir(facts):
        return None
    try:
        return _update(facts, target)
    except (OSError, sqlite3.Error, FactBaseUnreadable, FactBaseInvalid, ValueError, KeyError):
        return None


def _update(facts: str, target: str) -> sqlite3.Connection | None:
    with contextlib.closing(sqlite3.connect(target)) as store:
        meta = dict(store.execute("SELECT key, value FROM meta").fetchall())
        change = _the_one_change(facts, meta)
        if change is None:
            return None
        file, found = change
        data = read_bytes(file)
        text = decode(file, data)
        parsed = parse_toml(file, text)
        if any(key in parsed for key in ONCE):
            return None
        part = _checked_part(store, meta, file, text, parsed)
        if part is None:
            return None
        temporary = temporary_path(os.path.dirname(target), "update")
        try:
            shutil.copyfile(target, temporary)
            os.chmod(temporary, 0o600)
            _apply(temporary, part, file, facts, found, meta, data)
            os.replace(temporary, target)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return sqlite3.connect(target)


def _the_one_change(
    facts: str, meta: dict[str, str]
) -> tuple[str, list[tuple[str, os.stat_result]]] | None:
    if meta.get("code") != code_fingerprint() or "part_status" not in meta:
        return None
    if meta.get("source_path") != os.fsencode(os.path.abspath(facts)).hex():
        return None
    recorded: dict[str, list[str]] = json.loads(meta["part_status"])
    found = [(file, os.stat(file)) for file in source_files(facts)]
    if {relative(facts, file) for file, _ in found} != set(recorded):
        return None
    settled = int(meta["built_ns"]) - RACY_NS
    changed = [
        file
        for file, status in found
        if _differs(file, status, recorded[relative(facts, file)], settled)
    ]
    return (changed[0], found) if len(changed) == 1 else None


def _differs(file: str, status: os.stat_result, then: list[str], settled: int) -> bool:
    """Whether a file changed since the build: by its status, or, for a file changed within
    a timestamp tick of the build, by its bytes."""
    if status_text(status) != then[0]:
        return True
    racy = not (status.st_ino and status.st_ctime_ns < settled)
    return racy and digest(read_bytes(file)) != then[1]


def _checked_part(
    store: sqlite3.Connection, meta: dict[str, str], file: str, text: str, parsed: dict[str, Any]
) -> Any:
    rows = store.execute("SELECT id, type, part FROM records").fetchall()
    mine = [record_id for record_id, kind, part in rows if part == file and kind in TOP]
    known_ids = {
        record_id: (kind, BY_NAME[kind].noun) for record_id, kind, part in rows if part != file
    }
    lookup = Lookup.loads(_blob(store, "lookup"))
    sources = {
        record_id: json.loads(doc)
        for record_id, doc in store.execute("SELECT id, doc FROM records WHERE type = 'source'")
    }
    known = Known(known_ids, sources, lookup, meta["title"], meta["pair"], meta["as_of"])
    part = check_part(file, text, parsed, known)
    ids = [document["id"] for kind in TOP_LEVEL for document in part.records[kind.name]]
    if sorted(ids) != sorted(mine) or not _same_lookup(lookup, part.records):
        return None
    return part


TOP = frozenset(kind.name for kind in TOP_LEVEL)


def _blob(store: sqlite3.Connection, key: str) -> bytes:
    (value,) = store.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return value if isinstance(value, bytes) else str(value).encode("latin-1")


def _same_lookup(lookup: Lookup, records: dict[str, list[dict[str, Any]]]) -> bool:
    """Whether the part's records still give others the names, countries and dates they had."""
    return all(
        lookup.lent(document["id"]) == lent(kind, document)
        for kind in TOP_LEVEL
        for document in records[kind.name]
    )


def _apply(
    temporary: str,
    part: Any,
    file: str,
    facts: str,
    found: list[tuple[str, os.stat_result]],
    meta: dict[str, str],
    data: bytes,
) -> None:
    with contextlib.closing(sqlite3.connect(temporary)) as store:
        old = store.execute("SELECT rowid, id, position FROM records WHERE part = ?", (file,))
        rows = old.fetchall()
        positions = {record_id: position for _, record_id, position in rows}
        store.execute("CREATE TEMP TABLE gone (rowid INTEGER PRIMARY KEY)")
        store.executemany("INSERT INTO gone VALUES (?)", [(rowid,) for rowid, _, _ in rows])
        for table in ROW_TABLES:  # one pass over each table, not one a record
            store.execute(f"DELETE FROM {table} WHERE record IN (SELECT rowid FROM gone)")
        store.execute("DELETE FROM search WHERE rowid IN (SELECT rowid FROM gone)")
        store.execute("DELETE FROM record_dates WHERE record IN (SELECT rowid FROM gone)")
        store.execute("DELETE FROM records WHERE rowid IN (SELECT rowid FROM gone)")
        (last,) = store.execute("SELECT COALESCE(MAX(rowid), 0) FROM records").fetchone()
        records = [
            record._replace(position=positions.get(record.document["id"], record.position))
            for record in compiled(part)
        ]
        records = [r._replace(sort=r.kind.sort(r.document, r.position)) for r in records]
        insert_records(store, iter(records), part.lookup, first_rowid=last + 1)
        _update_meta(store, file, facts, found, meta, data)
        store.commit()


def _update_meta(
    store: sqlite3.Connection,
    file: str,
    facts: str,
    found: list[tuple[str, os.stat_result]],
    meta: dict[str, str],
    data: bytes,
) -> None:
    recorded: dict[str, list[str]] = json.loads(meta["part_status"])
    status = dict(found)[file]
    recorded[relative(facts, file)] = [status_text(status), digest(data)]
    pairs = store.execute("SELECT DISTINCT pair FROM records WHERE pair IS NOT NULL ORDER BY pair")
    changes = {
        "part_status": json.dumps(recorded),
        "source_status": statuses(facts, found),
        "source_digest": digests(facts, [(f, recorded[relative(facts, f)][1]) for f, _ in found]),
        "built_ns": str(time.time_ns()),
        "pairs": " ".join(sorted({pair for (pair,) in pairs} | _declared_pairs(meta))),
    }
    store.executemany(
        "UPDATE meta SET value = ? WHERE key = ?", [(v, k) for k, v in changes.items()]
    )


def _declared_pairs(meta: dict[str, str]) -> set[str]:
    """The base's own pair and those it gives titles to, as a full build counts them."""
    about: dict[str, object] = json.loads(meta.get("about_pairs") or "{}")
    return set(about) | ({meta["pair"]} if meta.get("pair") else set())
