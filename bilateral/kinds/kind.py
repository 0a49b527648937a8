"""A kind of record, declared once: its table, fields, document, facets, search text and listing.

Everything else in the package that needs to know about kinds reads these declarations
through the registry (bilateral.kinds.registry), never a list of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from bilateral.schema.fields import Shape
from bilateral.schema.lookup import Lookup
from bilateral.schema.plain import Plain

if TYPE_CHECKING:  # types alone: the checker is for building, not answering
    from bilateral.schema.checker import Document

Cells = dict[str, Any]
"""A listing row: column name to text, except `sources`, which keeps its citations."""


class Listing(Plain):
    """The rows a kind shows in a listing: all columns for CSV and TSV, some for a table;
    `noted` is the table column beside which a record's notes are marked.

    The column names are part of the scripting contract (docs/json.md).
    """

    __slots__ = ("columns", "noted", "noun", "rows", "table_columns")

    def __init__(
        self,
        noun: str,
        columns: tuple[str, ...],
        table_columns: tuple[str, ...],
        rows: Callable[[Document], Iterator[Cells]],
        noted: str = "",
    ) -> None:
        self.noun = noun
        self.columns = columns
        self.table_columns = table_columns
        self.rows = rows
        self.noted = noted


def _nothing(_document: Document, _lookup: Lookup) -> Iterable[tuple[str, str]]:
    return ()


def _no_names(_document: Document) -> list[str]:
    return []


def position_order(_document: Document, position: int) -> str:
    return f"{position:08d}"


class Child(Plain):
    """Records written inside another kind's table, such as an area's commitments;
    `extend` makes the child's record document from the child's and its parent's."""

    __slots__ = ("extend", "field", "kind")

    def __init__(
        self, field: str, kind: Kind, extend: Callable[[Document, Document], Document]
    ) -> None:
        self.field = field
        self.kind = kind
        self.extend = extend


def _name_of(document: Document) -> str:
    return str(document.get("name") or "")


def _no_mentions(_document: Document) -> Iterable[str | None]:
    return ()


class Kind(Plain):
    """A kind of record. `name` is its type (as `kind` in JSON answers: person, area,
    trade, ...); `table` the TOML array of tables that holds it; `label` one line that says
    what the record is, for search results and mentions; `text` the words that find it in a
    search, beyond its label; `names` the names that find it by `show`, filters and
    completion; `titles` what it is called besides its names (a person's offices), weighted
    above the text; `facets` the (key, value) pairs that listing filters select on; `begins`
    the field that says when a record began (an assessment's `stated`); `status` the field an
    answer as of a date adds with the record's status then (in-force, ended, not-yet or
    unknown): `status`, or a commitment's `standing`; none if empty."""

    __slots__ = (
        "begins",
        "children",
        "facets",
        "help",
        "label",
        "listing",
        "mentions",
        "name",
        "names",
        "noun",
        "plural",
        "shape",
        "sort",
        "status",
        "table",
        "text",
        "titles",
    )

    def __init__(
        self,
        name: str,
        table: str,
        noun: str,
        plural: str,
        shape: Shape,
        label: Callable[[Document], str],
        text: Callable[[Document, Lookup], str],
        names: Callable[[Document], list[str]] = _no_names,
        titles: Callable[[Document], str] = _name_of,
        facets: Callable[[Document, Lookup], Iterable[tuple[str, str]]] = _nothing,
        mentions: Callable[[Document], Iterable[str | None]] = _no_mentions,
        sort: Callable[[Document, int], str] = position_order,
        listing: Listing | None = None,
        children: tuple[Child, ...] = (),
        help: str = "",
        begins: str = "start",
        status: str = "",
    ) -> None:
        self.name = name
        self.table = table
        self.noun = noun
        self.plural = plural
        self.shape = shape
        self.label = label
        self.text = text
        self.names = names
        self.titles = titles
        self.facets = facets
        self.mentions = mentions
        self.sort = sort
        self.listing = listing
        self.children = children
        self.help = help
        self.begins = begins
        self.status = status

    @property
    def named(self) -> bool:
        """Whether `show`, filters and completion find records of this kind by name."""
        return self.names is not _no_names

    def pair_of(self, document: Document) -> str | None:
        pair = document.get("pair")
        return pair if isinstance(pair, str) and pair else None
