"""Random edits to a fact base kept in many files, for the differential test of the
one-file update (issue 18): values, ids, kinds, order, whole records, files and the
base's own keys. Every edit is derived from the records present, never from a list of
fields, so new kinds and fields are edited as soon as a base holds them."""

from __future__ import annotations

import copy
import datetime
import json
import random
import re
import shutil
from pathlib import Path
from typing import Any

import tomli

OWN_KEYS = ("title", "pair", "as_of")
Files = dict[str, dict[str, Any]]
"""Each file of the base (its path under the base) to its parsed TOML."""


def read_base(directory: Path) -> Files:
    return {
        str(path.relative_to(directory)): tomli.loads(path.read_text(encoding="utf-8"))
        for path in sorted(directory.rglob("*.toml"))
    }


def write_base(directory: Path, files: Files) -> None:
    """Write the files and remove the ones no longer there; a file left as it was is not
    touched, so only what the edit changed looks changed."""
    for path in sorted(directory.rglob("*.toml")):
        if str(path.relative_to(directory)) not in files:
            path.unlink()
    for name, data in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = toml_text(data)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def toml_text(data: dict[str, Any]) -> str:
    """Plain data as TOML: the top level's values, then each array of tables, everything
    inside a record written inline (tomlkit is too slow for thousands of edits)."""
    lines = [f"{_key(k)} = {_inline(v)}" for k, v in data.items() if not _is_records(v)]
    for table, records in data.items():
        if _is_records(records):
            for record in records:
                lines += ["", f"[[{_key(table)}]]"]
                lines += [f"{_key(k)} = {_inline(v)}" for k, v in record.items()]
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    return key if BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _inline(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {value!r} as TOML")


def split_by_table(single: Path, into: Path) -> None:
    """A one-file base as a directory: the base's own keys in one file, each table of
    records in a file of its own."""
    data = tomli.loads(single.read_text(encoding="utf-8"))
    version = data["schema_version"]
    files: Files = {"base.toml": {key: value for key, value in data.items() if key in OWN_KEYS}}
    files["base.toml"]["schema_version"] = version
    for number, (table, records) in enumerate(
        (key, value) for key, value in data.items() if isinstance(value, list)
    ):
        files[f"kinds/{number:02d}-{table}.toml"] = {"schema_version": version, table: records}
    if into.exists():
        shutil.rmtree(into)
    write_base(into, files)


class Editor:
    """One random edit at a time; `edit` says what it did."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.count = 0

    def edit(self, files: Files) -> str:
        self.count += 1
        for _attempt in range(20):
            kind = self.rng.choice(EDITS)
            done = kind(self, files)
            if done:
                return done
        return "nothing"

    # what the edits pick from

    def records(self, files: Files) -> list[tuple[str, str, int, dict[str, Any]]]:
        """(file, table, index, record) of every top-level record."""
        return [
            (name, table, index, record)
            for name, data in files.items()
            for table, value in data.items()
            if _is_records(value)
            for index, record in enumerate(value)
        ]

    def any_record(self, files: Files) -> tuple[str, str, int, dict[str, Any]] | None:
        found = self.records(files)
        return self.rng.choice(found) if found else None

    def nested(self, record: dict[str, Any]) -> dict[str, Any]:
        """The record or one of the tables inside it (a role, a citation, a value...)."""
        tables = [record]
        for value in record.values():
            if isinstance(value, dict):
                tables.append(value)
            elif _is_records(value):
                tables += value
        return self.rng.choice(tables)

    def other_string(self, files: Files) -> str:
        found = [
            value for *_, record in self.records(files) for value in record.values()
            if isinstance(value, str)
        ]  # fmt: skip
        return self.rng.choice(found) if found else "x"


def _is_records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def change_value(editor: Editor, files: Files) -> str | None:
    picked = editor.any_record(files)
    if picked is None:
        return None
    table = editor.nested(picked[3])
    keys = [k for k, v in table.items() if not _is_records(v) and not isinstance(v, dict)]
    if not keys:
        return None
    key = editor.rng.choice(keys)
    table[key] = _changed(editor, files, table[key])
    return f"value {picked[1]}[{picked[2]}].{key} in {picked[0]}"


def _changed(editor: Editor, files: Files, value: Any) -> Any:
    rng = editor.rng
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return max(0, value + rng.choice((-1, 1, 7)))
    if isinstance(value, float):
        return value * 2
    if isinstance(value, datetime.date):
        return value + datetime.timedelta(days=rng.choice((-400, -1, 1, 30)))
    if isinstance(value, list):
        changed = list(value)
        if changed and rng.random() < 0.6:
            changed.pop(rng.randrange(len(changed)))
        elif changed:
            changed.append(copy.deepcopy(rng.choice(changed)))
        return changed
    if isinstance(value, str):
        return rng.choice((value + " x", value.upper(), editor.other_string(files), value[:3]))
    return value


def change_id(editor: Editor, files: Files) -> str | None:
    picked = editor.any_record(files)
    if picked is None or "id" not in picked[3]:
        return None
    record = picked[3]
    others = [r["id"] for *_, r in editor.records(files) if isinstance(r.get("id"), str)]
    record["id"] = editor.rng.choice((f"{record['id']}-b", editor.rng.choice(others)))
    return f"id of {picked[1]}[{picked[2]}] to {record['id']}"


def change_kind(editor: Editor, files: Files) -> str | None:
    picked = editor.any_record(files)
    tables = sorted({table for _, table, _, _ in editor.records(files)})
    if picked is None or len(tables) < 2:
        return None
    name, table, index, record = picked
    other = editor.rng.choice([t for t in tables if t != table])
    _remove(files[name], table, index)
    files[name].setdefault(other, []).append(record)
    return f"{table}[{index}] in {name} made one of {other}"


def reorder(editor: Editor, files: Files) -> str | None:
    name = editor.rng.choice(sorted(files))
    tables = [t for t, v in files[name].items() if _is_records(v) and len(v) > 1]
    if not tables:
        return None
    table = editor.rng.choice(tables)
    editor.rng.shuffle(files[name][table])
    return f"reorder {table} in {name}"


def remove_record(editor: Editor, files: Files) -> str | None:
    picked = editor.any_record(files)
    if picked is None:
        return None
    _remove(files[picked[0]], picked[1], picked[2])
    return f"remove {picked[1]}[{picked[2]}] from {picked[0]}"


def copy_record(editor: Editor, files: Files) -> str | None:
    picked = editor.any_record(files)
    if picked is None:
        return None
    name, table, index, record = picked
    twin = copy.deepcopy(record)
    if isinstance(twin.get("id"), str):
        twin["id"] = f"{twin['id']}-{editor.count}"
    if isinstance(twin.get("name"), str):
        twin["name"] = f"{twin['name']} {editor.count}"
    files[name][table].insert(editor.rng.randrange(len(files[name][table]) + 1), twin)
    return f"copy {table}[{index}] in {name}"


def copy_nested(editor: Editor, files: Files) -> str | None:
    """A second role, commitment, note or citation beside one the record has."""
    picked = editor.any_record(files)
    if picked is None:
        return None
    lists = [k for k, v in picked[3].items() if _is_records(v)]
    if not lists:
        return None
    key = editor.rng.choice(lists)
    twin = copy.deepcopy(editor.rng.choice(picked[3][key]))
    if isinstance(twin.get("id"), str):
        twin["id"] = f"{twin['id']}-{editor.count}"
    picked[3][key].append(twin)
    return f"copy a {key} of {picked[1]}[{picked[2]}] in {picked[0]}"


def move_record(editor: Editor, files: Files) -> str | None:
    picked = editor.any_record(files)
    if picked is None:
        return None
    name, table, index, record = picked
    target = editor.rng.choice([*sorted(files), f"kinds/new-{editor.count}.toml"])
    _remove(files[name], table, index)
    files.setdefault(target, {"schema_version": _version(files)})
    files[target].setdefault(table, []).append(record)
    return f"move {table}[{index}] from {name} to {target}"


def file_edit(editor: Editor, files: Files) -> str | None:
    name = editor.rng.choice(sorted(files))
    if editor.rng.random() < 0.5 and len(files) > 1:
        del files[name]
        return f"delete {name}"
    renamed = f"kinds/{editor.rng.choice(('0', 'zz', 'm'))}-{editor.count}.toml"
    files[renamed] = files.pop(name)
    return f"rename {name} to {renamed}"


def own_keys(editor: Editor, files: Files) -> str | None:
    key = editor.rng.choice(OWN_KEYS)
    holders = [name for name, data in files.items() if key in data]
    target = editor.rng.choice(sorted(files))
    if not holders:
        files[target][key] = {"as_of": datetime.date(2004, 7, 28), "pair": "AZ-PK"}.get(
            key, "A base"
        )
        return f"give {key} in {target}"
    value = files[holders[0]].pop(key)
    choice = editor.rng.random()
    if choice < 0.3:
        return f"delete {key} from {holders[0]}"
    files[target][key] = _changed(editor, files, value) if choice < 0.6 else value
    return f"{key} from {holders[0]} to {target}"


def _remove(data: dict[str, Any], table: str, index: int) -> None:
    del data[table][index]
    if not data[table]:
        del data[table]


def _version(files: Files) -> Any:
    return next(iter(files.values())).get("schema_version", 2)


EDITS = (
    change_value,
    change_value,
    change_value,
    change_id,
    change_kind,
    reorder,
    remove_record,
    copy_record,
    copy_nested,
    move_record,
    file_edit,
    own_keys,
)
