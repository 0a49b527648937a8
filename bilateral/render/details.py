"""The `show` view for people: one record laid out field by field, with footnoted sources."""

from __future__ import annotations

from typing import Any, TextIO

from rich.console import Group, RenderableType
from rich.text import Text

from bilateral.answer.dated import silence
from bilateral.answer.rows import Row
from bilateral.render.annotations import dispute_lines
from bilateral.render.escapes import visible
from bilateral.render.footnotes import Footnotes, Sources
from bilateral.render.layout import Field, Fields, least_width, most_width
from bilateral.render.screen_tables import Fitted, print_once
from bilateral.render.views import text
from bilateral.schema.wording import money

HIDDEN = {
    "id",
    "disputes",
    "sources",
    "notes",
    "by",
    "participants",
    "country_name",
    "place_name",
    "as_of",
    "person",
    "predecessor",
    "successor",
}
LABELS = {
    "by_names": "By",
    "organization_name": "Organization",
    "participant_names": "Participants",
}


def print_details(
    rows: list[Row], out: TextIO, terminal: bool, cited: Sources | None = None
) -> None:
    if len(rows) > 1:
        print_once(_choices(rows, terminal), out, terminal)
        return
    notes = Footnotes(cited)
    as_of = rows[0].document.get("as_of") if rows else None
    silent = silence([rows[0].document["record"] | {"as_of": as_of}]) if as_of else None
    title = f"As of {as_of}" + (f"; {silent}" if silent else "")
    parts: list[RenderableType] = [Text(title, style="dim")] if as_of else []
    for row in rows:
        parts += _record(row.document, notes, terminal)
    if notes.numbers:
        parts.append(notes.render())
    print_once(Group(*parts), out, terminal)


def _choices(rows: list[Row], terminal: bool) -> Group:
    """Several records fit the name: list them, so the reader picks one by its id."""
    found = []
    for row in rows:
        record = row.document["record"]
        name = record.get("name") or record.get("summary") or record.get("text") or ""
        found.append([row.document["kind"], record["id"], str(name)])
    table = _table_or_blocks("", ["kind", "id", "name"], [(c, "") for c in found], terminal)
    return Group(
        Text(f"{len(rows)} records fit that name; show one by its id:", style="bold"),
        table,
        Text(f"bilateral show {rows[0].document['record']['id']}", style="dim"),
    )


def _record(match: dict[str, Any], notes: Footnotes, terminal: bool) -> list[RenderableType]:
    record = match["record"]
    title = record.get("name") or record["id"]
    heading = Text(visible(f"{title}"), style="bold")
    heading.append(f"  {match['kind']} {visible(record['id'])}", style="dim")
    fields: list[Field] = []
    nested: list[RenderableType] = []
    own_marks = notes.mark(record.get("sources") or [])  # read first, so numbered first
    disputed_fields = {dispute["field"] for dispute in record.get("disputes") or []}
    for key, value in record.items():
        if key in HIDDEN or value in (None, [], ""):
            continue
        if isinstance(value, list) and isinstance(value[0], dict):
            nested.append(_nested(key, value, notes, terminal))
        else:
            shown = _field_text(record, key, value)
            disputed = " (disputed: see below)" if key in disputed_fields else ""
            fields.append(Field(_label(key), visible(shown + disputed)))
    if own_marks:
        fields.append(Field("Sources", f"[{own_marks}]"))
    for note in record.get("notes", []):
        fields.append(Field("Note", visible(f"{note['text']} [{notes.mark(note['sources'])}]")))
    parts: list[RenderableType] = [heading, Fields(fields), *nested]
    disputes = dispute_lines([record], notes.mark)
    if disputes is not None:
        parts.append(disputes.renderable())
    if match.get("holders"):
        parts.append(_nested("holders", match["holders"], notes, terminal))
    if match["mentioned_in"]:
        parts.append(_mentions(match["mentioned_in"], terminal))
    parts.append(Text(""))
    return parts


def _field_text(record: dict[str, Any], key: str, value: Any) -> str:
    """A field's value as a person reads it: money as money, a reference with its name."""
    if isinstance(value, dict) and {"low", "high", "currency"} <= set(value):
        return money(value["low"], value["high"], value["currency"])
    if isinstance(value, dict):
        return ", ".join(f"{k}: {text(v)}" for k, v in value.items())
    if key in ("country", "place") and record.get(f"{key}_name"):
        return f"{record[f'{key}_name']} ({value})"
    return text(value)


def _label(key: str) -> str:
    return LABELS.get(key) or key.replace("_", " ").capitalize()


def _nested(
    key: str, items: list[dict[str, Any]], notes: Footnotes, terminal: bool
) -> RenderableType:
    """Nested records (roles, holders) as a table where every value fits whole, else as
    blocks of `Field  value` lines."""
    columns = [k for k in items[0] if k not in HIDDEN and k not in ("organization",)]
    if any(item.get("notes") for item in items):
        columns.append("notes")
    rows = [
        (
            [_nested_text(item.get(column)) for column in columns],
            notes.mark(item.get("sources", [])),
        )
        for item in items
    ]
    return _table_or_blocks(_label(key), columns, rows, terminal)


def _table_or_blocks(
    title: str, columns: list[str], rows: list[tuple[list[str], str]], terminal: bool
) -> RenderableType:
    marked = any(marks for _, marks in rows)
    grid = [
        [*(visible(value) for value in cells), *([marks] if marked else [])]
        for cells, marks in rows
    ]
    headers = [_label(column) for column in columns] + (["Src"] if marked else [])
    whole = [column in WHOLE for column in columns] + [True] * marked
    return Fitted(
        headers,
        [[Text(value) for value in cells] for cells in grid],
        [
            least_width(h, (r[i] for r in grid), w)
            for i, (h, w) in enumerate(zip(headers, whole, strict=True))
        ],
        [most_width(h, (r[i] for r in grid)) for i, h in enumerate(headers)],
        terminal,
        _nested_blocks(title, columns, rows),
        title or None,
    )


WHOLE = frozenset(
    "id kind post start end last_confirmed status person predecessor successor".split()
)
"""Nested columns whose values are never broken: ids and dates."""


def _nested_blocks(title: str, columns: list[str], rows: list[tuple[list[str], str]]) -> Group:
    """Each nested record as lines of `Field  value`; an id heads its block, whole."""
    parts: list[RenderableType] = [Text(title, style="bold")] if title else []
    heading = next((c for c in ("id", "person") if c in columns), None)
    for cells, marks in rows:
        values = dict(zip(columns, cells, strict=True))
        if heading is not None:
            parts.append(Text(f"  {visible(values[heading])}", no_wrap=True, overflow="ignore"))
        fields = [
            Field(_label(column), visible(value))
            for column, value in values.items()
            if value and column != heading
        ]
        if marks:
            fields.append(Field("Sources", f"[{marks}]", "dim"))
        parts += [Fields(fields, indent=4), Text("")]
    return Group(*parts)


def _nested_text(value: object) -> str:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "; ".join(str(v.get("text", "")) for v in value)
    return text(value)


def _mentions(mentions: list[dict[str, str]], terminal: bool) -> RenderableType:
    rows = [([m["kind"], m["id"], m["text"]], "") for m in mentions]
    return _table_or_blocks("Mentioned in", ["kind", "id", "text"], rows, terminal)
