"""The Datasette metadata beside an SQLite export: what the base is, where it comes from,
its licence (it has none of its own), and what every table and column holds."""

from __future__ import annotations

from typing import Any

from bilateral.export.sqlite_tables import INFO, RECORDS, Plan

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
                "queries": _queries(plan),
            }
        },
    }


PLUMBING = (RECORDS, INFO)
"""Tables that hold the export together rather than facts; hidden from the landing page."""


def _queries(plan: Plan) -> dict[str, dict[str, str]]:
    """Canned queries for the questions asked most: who held which post at a date, and what
    happened in a year. A partial end date ("2004") counts to the end of its year."""
    queries = {}
    if {"roles", "people"} <= set(plan.tables):
        queries["holders_at_date"] = {
            "title": "Who held which post at a date",
            "description": "Roles whose start and end span the date (YYYY-MM-DD).",
            "sql": (
                "SELECT p.id AS person, p.name, r.title, r.post, r.start, r.[end] "
                "FROM roles AS r JOIN people AS p ON p.id = r.record_id "
                "WHERE (r.start IS NULL OR r.start <= :date) "
                "AND (r.[end] IS NULL OR r.[end] || '-99' >= :date) "
                "ORDER BY r.title, r.start"
            ),
        }
    if "events" in plan.tables:
        queries["events_in_year"] = {
            "title": "What happened in a year",
            "description": "Events dated in the year (YYYY), in date order.",
            "sql": (
                "SELECT id, kind, date, [end], place, summary FROM events "
                "WHERE substr(date, 1, 4) = :year ORDER BY date, id"
            ),
        }
    return queries


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
    if name in PLUMBING:
        entry["hidden"] = True
    return entry
