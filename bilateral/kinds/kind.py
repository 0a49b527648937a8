"""A kind of record, declared once: its table, fields, document, facets, search text and listing.

Everything else in the package that needs to know about kinds reads these declarations
through the registry (bilateral.kinds.registry), never a list of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from bilateral.schema.checker import Document
from bilateral.schema.fields import Shape
from bilateral.schema.lookup import Lookup

Cells = dict[str, Any]
"""A listing row: column name to text, except `sources`, which keeps its citations."""


@dataclass(frozen=True)
class Listing:
    """The rows a kind shows in a listing: all columns for CSV and TSV, some for a table.

    The column names are part of the scripting contract (docs/json.md).
    """

    noun: str
    columns: tuple[str, ...]
    table_columns: tuple[str, ...]
    rows: Callable[[Document], Iterator[Cells]]
    noted: str = ""
    """The table column beside which a record's notes are marked."""


def _nothing(_document: Document, _lookup: Lookup) -> Iterable[tuple[str, str]]:
    return ()


def _no_names(_document: Document) -> list[str]:
    return []


def position_order(_document: Document, position: int) -> str:
    return f"{position:08d}"


@dataclass(frozen=True)
class Child:
    """Records written inside another kind's table, such as an area's commitments."""

    field: str
    kind: Kind
    extend: Callable[[Document, Document], Document]
    """The child's record document, from the child's and its parent's documents."""


@dataclass(frozen=True)
class Kind:
    name: str
    """The record's type, as `kind` in JSON answers: person, area, trade, ..."""
    table: str
    """The TOML array of tables that holds it: people, areas, trade, ..."""
    noun: str
    plural: str
    shape: Shape
    label: Callable[[Document], str]
    """One line that says what the record is, for search results and mentions."""
    text: Callable[[Document, Lookup], str]
    """The words that find it in a search, beyond its label."""
    names: Callable[[Document], list[str]] = _no_names
    """Names that find it by `show`, filters and completion."""
    titles: Callable[[Document], str] = lambda document: str(document.get("name") or "")
    """What it is called besides its names (a person's offices), weighted above the text."""
    facets: Callable[[Document, Lookup], Iterable[tuple[str, str]]] = _nothing
    """(key, value) pairs that listing filters select on."""
    mentions: Callable[[Document], Iterable[str | None]] = lambda _document: ()
    sort: Callable[[Document, int], str] = position_order
    listing: Listing | None = None
    children: tuple[Child, ...] = ()
    help: str = ""
    begins: str = "start"
    """The field that says when a record began (an assessment's `stated`)."""
    status: str = ""
    """The field an answer as of a date adds with the record's status then (in-force,
    ended, not-yet or unknown): `status`, or a commitment's `standing`; none if empty."""

    @property
    def named(self) -> bool:
        """Whether `show`, filters and completion find records of this kind by name."""
        return self.names is not _no_names

    def pair_of(self, document: Document) -> str | None:
        pair = document.get("pair")
        return pair if isinstance(pair, str) and pair else None
