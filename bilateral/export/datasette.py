"""The Datasette metadata beside an SQLite export: what the base is, where it comes from,
its licence (it has none of its own), and what every table and column holds."""

from __future__ import annotations

from typing import Any

from bilateral.export.tables import RECORDS, Plan

LICENSE = "see sources; facts written by the curators"
"""The base declares no licence: its facts are the curators' own words, each citing sources
that keep their own terms. Saying so is better than inventing one."""


def metadata(plan: Plan, database: str, info: dict[str, str]) -> dict[str, Any]:
    """Datasette's metadata.json: the instance, then the database named `database`."""
    title = info["title"]
    return {
        "title": title,
        "description": (
            f"{title}, as of {info['as_of']}: every record of the bilateral fact base, one "
            "table per kind, with its notes, disputes and citations. Every fact cites its "
            "sources: the citations table says which source, paragraph and sentence."
        ),
        "source": "the bilateral fact base, written by its curators from the sources it cites",
        "license": LICENSE,
        "databases": {
            database: {
                "description": f"Exported by {info['generated_by']} as of {info['as_of']}.",
                "tables": {name: _table(plan, name) for name in plan.tables},
            }
        },
    }


def _table(plan: Plan, name: str) -> dict[str, Any]:
    table = plan.tables[name]
    entry: dict[str, Any] = {
        "description": table.description,
        "columns": {column.name: column.description for column in table.columns},
    }
    if table.searchable:
        entry["fts_table"] = f"{name}_fts"
        entry["fts_pk"] = "rowid"
    if name == RECORDS:
        entry["label_column"] = "label"
    return entry
