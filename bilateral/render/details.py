"""The `show` view for people: one record laid out field by field, with footnoted sources."""

from __future__ import annotations

from typing import Any, TextIO

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bilateral.answer.dating import silence
from bilateral.answer.rows import Row
from bilateral.render.annotations import dispute_lines
from bilateral.render.tables import Footnotes, Sources, cell, console_for, least_width
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
        console_for(out, terminal).print(_choices(rows, terminal))
        return
    notes = Footnotes(cited)
    console = console_for(out, terminal)
    as_of = rows[0].document.get("as_of") if rows else None
    silent = silence([rows[0].document["record"] | {"as_of": as_of}]) if as_of else None
    title = f"As of {as_of}" + (f"; {silent}" if silent else "")
    parts: list[RenderableType] = [Text(title, style="dim")] if as_of else []
    for row in rows:
        parts += _record(row.document, notes, terminal, console.width)
    if notes.numbers:
        parts.append(notes.render())
    console.print(Group(*parts), crop=False)


def _choices(rows: list[Row], terminal: bool) -> Group:
    """Several records fit the name: list them, so the reader picks one by its id."""
    table = Table(box=_box(terminal), show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("Kind", no_wrap=True)
    table.add_column("Id", no_wrap=True)
    table.add_column("Name", overflow="fold", ratio=1)
    for row in rows:
        record = row.document["record"]
        name = record.get("name") or record.get("summary") or record.get("text") or ""
        table.add_row(row.document["kind"], cell(record["id"]), cell(str(name)))
    return Group(
        Text(f"{len(rows)} records fit that name; show one by its id:", style="bold"),
        table,
        Text(f"bilateral show {rows[0].document['record']['id']}", style="dim"),
    )


def _record(
    match: dict[str, Any], notes: Footnotes, terminal: bool, width: int
) -> list[RenderableType]:
    record = match["record"]
    title = record.get("name") or record["id"]
    heading = Text(f"{title}", style="bold")
    heading.append(f"  {match['kind']} {record['id']}", style="dim")
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold")
    fields.add_column(overflow="fold")
    nested: list[RenderableType] = []
    own_marks = notes.mark(record.get("sources") or [])  # read first, so numbered first
    disputed_fields = {dispute["field"] for dispute in record.get("disputes") or []}
    for key, value in record.items():
        if key in HIDDEN or value in (None, [], ""):
            continue
        if isinstance(value, list) and isinstance(value[0], dict):
            nested.append(_nested(key, value, notes, terminal, width))
        else:
            shown = _field_text(record, key, value)
            disputed = " (disputed: see below)" if key in disputed_fields else ""
            fields.add_row(_label(key), cell(shown + disputed))
    if own_marks:
        fields.add_row("Sources", cell(f"[{own_marks}]"))
    for note in record.get("notes", []):
        fields.add_row("Note", cell(f"{note['text']} [{notes.mark(note['sources'])}]"))
    parts: list[RenderableType] = [heading, fields, *nested]
    disputes = dispute_lines([record], notes.mark)
    if disputes is not None:
        parts.append(disputes)
    if match.get("holders"):
        parts.append(_nested("holders", match["holders"], notes, terminal, width))
    if match["mentioned_in"]:
        parts.append(_mentions(match["mentioned_in"], terminal, width))
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
    key: str, items: list[dict[str, Any]], notes: Footnotes, terminal: bool, width: int
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
    return _table_or_blocks(_label(key), columns, rows, terminal, width)


def _table_or_blocks(
    title: str,
    columns: list[str],
    rows: list[tuple[list[str], str]],
    terminal: bool,
    width: int,
) -> RenderableType:
    least = [
        least_width(_label(column), [cells[i] for cells, _ in rows], column in WHOLE)
        for i, column in enumerate(columns)
    ]
    if sum(least) + 3 * len(least) + 4 > width:
        return _nested_blocks(title, columns, rows)
    table = Table(title=title, title_justify="left", box=_box(terminal), show_edge=False)
    for column, narrowest in zip(columns, least, strict=True):
        table.add_column(
            _label(column), overflow="fold", no_wrap=column in WHOLE, min_width=narrowest
        )
    marked = any(marks for _, marks in rows)
    if marked:
        table.add_column("Src", style="dim", no_wrap=True)
    for cells, marks in rows:
        table.add_row(*(cell(text) for text in cells), *([Text(marks)] if marked else []))
    return table


WHOLE = frozenset(
    "id kind post start end last_confirmed status person predecessor successor".split()
)
"""Nested columns whose values are never broken: ids and dates."""


def _nested_blocks(title: str, columns: list[str], rows: list[tuple[list[str], str]]) -> Group:
    """Each nested record as lines of `Field  value`; an id heads its block, whole."""
    parts: list[RenderableType] = [Text(title, style="bold")]
    heading = next((c for c in ("id", "person") if c in columns), None)
    for cells, marks in rows:
        values = dict(zip(columns, cells, strict=True))
        if heading is not None:
            parts.append(Text(f"  {values[heading]}", no_wrap=True, overflow="ignore"))
        fields = Table.grid(padding=(0, 2))
        fields.add_column(no_wrap=True, style="bold")
        fields.add_column(overflow="fold")
        for column, value in values.items():
            if value and column != heading:
                fields.add_row(f"    {_label(column)}", cell(value))
        if marks:
            fields.add_row("    Sources", Text(f"[{marks}]", style="dim"))
        parts += [fields, Text("")]
    return Group(*parts)


def _nested_text(value: object) -> str:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "; ".join(str(v.get("text", "")) for v in value)
    return text(value)


def _mentions(mentions: list[dict[str, str]], terminal: bool, width: int) -> RenderableType:
    rows = [([m["kind"], m["id"], m["text"]], "") for m in mentions]
    return _table_or_blocks("Mentioned in", ["kind", "id", "text"], rows, terminal, width)


def _box(terminal: bool) -> box.Box:
    """Rules drawn with lines on a terminal, plain ASCII in a pipe."""
    return box.SIMPLE_HEAD if terminal else box.ASCII
