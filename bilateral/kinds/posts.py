"""Posts: offices with holders over time, such as the Minister of Defence of Azerbaijan.

A role names the post it held (`post = "minister-of-defence-az"`); who held a post at a
date, and who came before and after, are worked out from those roles when answering.
"""

from __future__ import annotations

from bilateral.kinds.common import ALIASES, ID, NAME, NOTES, SOURCES, name_and_aliases, note_texts
from bilateral.kinds.kind import Kind
from bilateral.schema.fields import Field, Shape

POST = Kind(
    name="post",
    table="posts",
    noun="post",
    plural="posts",
    shape=Shape(
        (
            ID,
            NAME,
            ALIASES,
            Field("country", "ref", targets=("country",)),
            Field("organization", "ref", targets=("organization",)),
            Field(
                "term_years",
                "number",
                help="the term of office in years: how long a holder stays in office after "
                "the latest source that confirms them",
            ),
            Field(
                "holders_at_once",
                "number",
                help="how many people may hold the post at once (default 1); `check` warns "
                "when more hold it",
            ),
            NOTES,
            SOURCES,
        )
    ),
    label=lambda doc: doc["name"],
    text=lambda doc, lookup: " ".join(
        (
            *name_and_aliases(doc),
            "post office",
            lookup.words_for([doc["country"]]),
            *note_texts(doc),
        )
    ),
    names=name_and_aliases,
    facets=lambda doc, _lookup: [("country", doc["country"])] if doc["country"] else [],
    mentions=lambda doc: (doc["country"], doc["organization"]),
)
