"""What the exported documents of each kind hold, read from the kinds' declarations.

A kind's document is its declared fields, then what a child gains from its parent (a
commitment's `area` and `pair`, found by asking the child's `extend` what it copies),
then what answering adds as of the date: `as_of` on every record, `status` on a
person's roles and on relations, facts and assessments, `standing` on a commitment, and
`other_names` on a renamed record (bilateral.answer.dated).
Every export (SQLite, JSON and its schema) reads this module, so a new kind or field
appears in all of them with no change here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bilateral.answer.dated import RECORD_STATUSES, STATUSES, declared
from bilateral.kinds.kind import Child, Kind
from bilateral.schema.fields import Field

AS_OF = Field("as_of", "date", required=True, help="the date the export is true as of")
OTHER_NAMES = Field("other_names", "texts", help="its names other than the one in force at as_of")
RECORD_STATUS_HELP = "in-force, ended, not-yet or unknown at as_of, worked out from the dates"
STANDING = Field("standing", "choice", True, RECORD_STATUSES, help=RECORD_STATUS_HELP)
AT_THE_DATE: dict[tuple[str, str], tuple[Field, ...]] = {
    ("person", "roles"): (
        Field(
            "status",
            "choice",
            required=True,
            choices=STATUSES,
            help="held, ended, not-started or unknown at as_of, worked out from the dates",
        ),
    ),
    ("area", "commitments"): (STANDING,),
}
"""Fields that answering adds to nested records as of the date (bilateral.answer.dated)."""
ON_THE_DATE: dict[str, tuple[Field, ...]] = {
    name: (STANDING.replace(name=field),) for name, field in declared().status.items()
}
"""Fields that answering adds to top-level records as of the date."""

LIST_TYPES = ("texts", "refs", "counts", "records", "notes", "sources")
"""Field types whose value is a list: a table of their own in SQLite."""

DESCRIPTIONS = {
    "id": "the record's id, unique across the base",
    "name": "its name (for a record with dated names, the one in force at as_of)",
    "aliases": "other names and spellings that find it",
    "demonyms": "words for its people (Azerbaijani, Azeri), which find it too",
    "summary": "what it is, in the curators' words",
    "title": "its title",
    "publisher": "who published it",
    "author": "who wrote it",
    "url": "where it can be read",
    "note": "the curators' note on it",
    "paragraphs": "how many paragraphs its held text has",
    "country": "the country it belongs to",
    "organization": "the organization (or country) it belongs to",
    "start": "when it began",
    "end": "when it ended (empty: not ended, or not known)",
    "date": "when it happened or was published",
    "approximate": "whether its date is approximate",
    "born": "date of birth",
    "died": "date of death",
    "pair": "the pair of countries it belongs to, as AA-BB",
    "reporter": "the country whose figure it is",
    "partner": "the other country of the flow",
    "year": "the year the figure is for",
    "certainty": "how sure the figure is",
    "participants": "who took part",
    "place": "where it happened",
    "roles": "offices held, with their dates, in an organization or a country",
    "by": "who made the commitment",
    "held_by": "who holds the opinion",
    "held_by_group": "who holds the opinion, where it is a group, not a record",
    "about": "what it is about",
    "concerning": "what it concerns",
    "subject": "what it is about",
    "object": "the other side of the relation",
    "stated": "when the view was stated",
    "term_years": "the term of office in years, the horizon of a holder's confirmation",
    "text": "the statement, in the curators' words",
    "claim": "the opinion, in the curators' words",
    "quote": "the holder's own words, where the source quotes them",
    "kind": "what kind it is",
    "type": "what kind it is",
    "status": "its status",
    "last_confirmed": "the latest date of its dated sources (else the base's date)",
    "field": "the field whose sources disagree",
    "values": "every value the sources give, each with its sources",
    "value": "one value a source gives",
    "says": "what the source says, in the curators' words",
    "notes": "notes that correct or qualify it, each with its sources",
    "sources": "citations: the sources that support it",
    "disputes": "statements whose sources disagree: every value, each with its sources",
}
"""Short descriptions of common fields, where a declaration has no help of its own."""

DATE_FORM = "YYYY, YYYY-MM or YYYY-MM-DD"
TYPE_DESCRIPTIONS = {
    "date": f"a date of the known precision: {DATE_FORM}",
    "year": "a year",
    "number": "a positive whole number",
    "flag": "true or false (1 or 0 in SQLite)",
    "money": "an amount as a range, low to high, in an ISO 4217 currency",
    "counts": "a list of positive whole numbers",
    "derived": "worked out from the other fields when the base is compiled",
    "scalar": "a text, a number or a date (a disputed sum: a range, low to high)",
    "texts": "a list of texts",
}


@dataclass(frozen=True)
class Exported:
    """One kind as the exports see it: the fields of its documents, in order."""

    kind: Kind
    fields: tuple[Field, ...]
    parent: Kind | None = None
    children: tuple[str, ...] = ()
    """Fields holding a child kind's records, which the child's own table holds."""
    from_parent: tuple[Field, ...] = ()
    """A child's fields taken from its parent (an area's id as a commitment's `area`)."""

    @property
    def optional(self) -> tuple[Field, ...]:
        """Fields a document has only sometimes (the other names of a renamed record)."""
        return (OTHER_NAMES,) if self.kind.name in declared().renamed else ()


def exported(top_level: tuple[Kind, ...]) -> list[Exported]:
    """Every kind, children after their parents, as the registry orders them."""
    found = []
    for kind in top_level:
        children = tuple(child.field for child in kind.children)
        dated = ON_THE_DATE.get(kind.name, ())
        found.append(Exported(kind, (*kind.shape.fields, *dated, AS_OF), None, children))
        for child in kind.children:
            inherited = from_parent(kind, child)
            dated = ON_THE_DATE.get(child.kind.name, ())
            fields = (*child.kind.shape.fields, *inherited, *dated, AS_OF)
            found.append(Exported(child.kind, fields, kind, from_parent=inherited))
    return found


def nested_fields(kind: Kind, field: Field) -> tuple[Field, ...]:
    """The fields of the records nested in a field (a person's roles), as answered."""
    assert field.shape is not None, field.name
    return (*field.shape.fields, *AT_THE_DATE.get((kind.name, field.name), ()))


class _Copied:
    def __init__(self, name: str) -> None:
        self.name = name


class _Parent(dict[str, Any]):
    """A parent document whose every field says which field it is."""

    def __missing__(self, key: str) -> _Copied:
        return _Copied(key)


def from_parent(parent: Kind, child: Child) -> tuple[Field, ...]:
    """The fields a child's document gains from its parent's (an area's id as `area`)."""
    fields = []
    for name, value in child.extend({}, _Parent()).items():
        if not isinstance(value, _Copied):
            fields.append(Field(name, "derived"))
        elif value.name == "id":
            help_text = f"the {parent.noun} it belongs to"
            fields.append(Field(name, "ref", required=True, targets=(parent.name,), help=help_text))
        else:
            copied = parent.shape.field(value.name)
            fields.append(copied.replace(name=name, key=""))
    return tuple(fields)


def describe(field: Field) -> str:
    """One line saying what a field holds: its help, else a word on its name or type."""
    text = field.help or DESCRIPTIONS.get(field.name) or _derived_name(field)
    text = text or TYPE_DESCRIPTIONS.get(field.type, "")
    if field.type == "choice" and not field.help:
        text = f"{text or 'one of'}: {', '.join(field.choices)}"
    elif field.type in ("ref", "refs"):
        noun = "an id" if field.type == "ref" else "ids"
        *others, last = field.targets or ("",)
        kinds = f"{', '.join(others)} or {last}" if others else last
        said = f"{noun}: {kinds}" if kinds else f"{noun} of any record"
        text = f"{text} ({said})" if text else said
    elif field.type == "date" and text != TYPE_DESCRIPTIONS["date"]:
        text = f"{text}: {DATE_FORM}"
    return text or field.name.replace("_", " ")


def _derived_name(field: Field) -> str:
    """`country_name`: the name of the record another field names, worked out."""
    if field.type != "derived":
        return ""
    if field.name.endswith("_name"):
        return f"the name of its {field.name.removesuffix('_name').replace('_', ' ')}"
    if field.name.endswith("_names"):
        return "the names of the records its list of ids names, in the same order"
    return ""
