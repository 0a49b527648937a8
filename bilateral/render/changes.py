"""`diff` for people: a table of changes, one row per field changed and one per record
added or removed, every value written as a person reads it (money as money, citations
as `source:p.s`), never as JSON; dates and ids whole."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Group
from rich.text import Text

from bilateral.render.escapes import visible
from bilateral.render.layout import Field, Fields, least_width, most_width
from bilateral.render.screen_tables import Fitted, print_once
from bilateral.render.views import cited
from bilateral.schema.wording import money

COLUMNS = ("Change", "Kind", "Id", "Field", "Old", "New")
WHOLE = (True, True, True, True, False, False)
ChangeRow = Sequence[Any]
"""(change, kind, id, field, old value, new value); values as the records hold them."""


def readable(value: Any) -> str:
    """A value of a record as a person reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        if {"low", "high", "currency"} <= set(value):
            return money(value["low"], value["high"], value["currency"])
        if "source" in value:
            return cited([value])
        return ", ".join(f"{key}: {readable(item)}" for key, item in value.items() if item)
    if isinstance(value, list):
        if value and all(isinstance(item, dict) and "source" in item for item in value):
            return cited(value)
        return "; ".join(readable(item) for item in value)
    return str(value)


def print_changes(rows: Sequence[ChangeRow], title: str, out: TextIO, terminal: bool) -> None:
    grid = [[visible(readable(value)) for value in row] for row in rows]
    least = [
        least_width(column, (cells[i] for cells in grid), whole)
        for i, (column, whole) in enumerate(zip(COLUMNS, WHOLE, strict=True))
    ]
    most = [most_width(column, (cells[i] for cells in grid)) for i, column in enumerate(COLUMNS)]
    table = Fitted(
        list(COLUMNS),
        [[Text(value) for value in cells] for cells in grid],
        least,
        most,
        terminal,
        Group(*(part for cells in grid for part in _block(cells))),
    )
    print_once(Group(Text(visible(title), style="bold"), table), out, terminal)


def _block(cells: list[str]) -> list[Fields | Text]:
    change, kind, ident, field, old, new = cells
    heading = Text(f"{change} {kind}", style="bold", no_wrap=True, overflow="ignore")
    fields = [Field("Id", ident), Field("Field", field), Field("Old", old), Field("New", new)]
    return [heading, Fields(fields, 2)]
