"""`show` in a pipe: the whole record as plain text, the way `gh ... view` prints one.

One `key: value` line per field, keys as in the JSON contract; a list of records (roles,
notes, disputes, commitments, holders, the records that mention it) as items beneath its
key, each field of an item indented under a `-`. Citations read `source:paragraph.sentence`,
money as money. Text from the base is made inert, as in every answer for people; scripts
read `--format json`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from bilateral.answer.rows import Row
from bilateral.render.escapes import visible
from bilateral.render.views import cited
from bilateral.schema.wording import money

Document = dict[str, Any]
STEP = "  "


def write_records(rows: list[Row], out: TextIO) -> None:
    """Each match in full, a blank line between two."""
    blocks = ["\n".join(record_lines(row.document)) + "\n" for row in rows]
    out.write("\n".join(blocks))


def record_lines(match: Document) -> list[str]:
    record = match["record"]
    fields = {"kind": match["kind"], **record}
    fields.pop("as_of", None)
    fields["mentioned_in"] = match.get("mentioned_in") or []
    if match.get("holders"):
        fields["holders"] = match["holders"]
    fields["as_of"] = match.get("as_of") or record.get("as_of")
    return list(_lines(fields, ""))


def _lines(fields: Document, indent: str) -> Iterator[str]:
    for key, value in fields.items():
        if value in (None, "", []) or (key.endswith("_name") and _named(fields, key)):
            continue
        if _is_records(value):
            yield f"{indent}{key}:"
            for item in value:
                yield from _item(item, indent + STEP)
        else:
            yield f"{indent}{key}: {one_line(_value(key, value, fields))}"


def one_line(text: str) -> str:
    """A value on its line: line breaks read as spaces, nothing able to act on a terminal."""
    return visible(" ".join(text.splitlines()))


def _item(item: Document, indent: str) -> Iterator[str]:
    """One nested record: its fields under a `- `, the first on the dash's line."""
    lines = list(_lines(item, indent + STEP))
    if lines:
        yield f"{indent}- {lines[0].removeprefix(indent + STEP)}"
        yield from lines[1:]


def _is_records(value: object) -> bool:
    return (
        isinstance(value, list)
        and all(isinstance(item, dict) for item in value)
        and not _is_citations(value)
    )


def _is_citations(value: list[Any]) -> bool:
    return bool(value) and all(isinstance(item, dict) and "source" in item for item in value)


def _named(fields: Document, key: str) -> bool:
    """Whether `key` (`country_name`) is the name of a reference shown beside it."""
    return key.removesuffix("_name") in fields


def _value(key: str, value: Any, fields: Document) -> str:
    name = fields.get(f"{key}_name")
    if name and isinstance(value, str):
        return f"{name} ({value})"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict) and {"low", "high", "currency"} <= set(value):
        return money(value["low"], value["high"], value["currency"])
    if isinstance(value, list) and _is_citations(value):
        return cited(value)
    if isinstance(value, list):
        return ", ".join(_value("", item, {}) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(k, v, value)}" for k, v in value.items() if v)
    return str(value)
