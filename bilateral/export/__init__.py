"""Exports of a whole base, as of one date: a normalized SQLite database with Datasette
metadata beside it, FollowTheMoney entities, and one JSON document with its JSON Schema.

Every table, column and JSON field is read from the kinds' declarations (shapes.py), so
a new kind or field appears in the SQLite and JSON exports with no change here. Formats
and how to use them: docs/export.md.
"""

from __future__ import annotations

import json
import os
import sqlite3
from typing import TYPE_CHECKING, Any

from bilateral.errors import shown
from bilateral.export import contract, database, datasette, ftm
from bilateral.export.outputs import EXIT_WRITE, CannotWrite, check_target, replacing, write_text
from bilateral.export.sqlite_tables import plan
from bilateral.kinds.registry import TOP_LEVEL

if TYPE_CHECKING:
    from bilateral.api import Base

__all__ = [
    "CannotWrite",
    "ftm_lines",
    "info",
    "json_document",
    "json_schema",
    "schema_text",
    "write_sqlite",
    "write_text",
]
METADATA = "metadata.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of `json_document` (docs/export.schema.json is a copy)."""
    return contract.schema(TOP_LEVEL)


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def json_document(base: Base, pair: str | None = "all") -> tuple[str, int]:
    """The whole base as one JSON document, and how many records it holds."""
    return contract.document_text(base, TOP_LEVEL, pair)


def ftm_lines(base: Base, pair: str | None = "all") -> tuple[str, int]:
    """The base as FollowTheMoney entities, one JSON object a line, and how many."""
    return ftm.lines(base, pair)


def info(base: Base, pair: str | None) -> dict[str, str]:
    """What an export is: the `export_info` table and the Datasette description."""
    header = contract.header(base, pair)
    return {
        "title": header["title"],
        "as_of": header["as_of"],
        "pair": header["pair"] or "every pair",
        "generated_by": header["generated_by"],
        "written_about": base.about(base.query.resolve_pair(pair))["as_of"],
        "documentation": "docs/export.md in the bilateral repository",
    }


def write_sqlite(
    base: Base,
    path: str,
    pair: str | None = "all",
    force: bool = False,
    fact_base: str | None = None,
) -> dict[str, int]:
    """Write the SQLite export to `path` and Datasette's metadata.json beside it, both
    whole or neither; the number of rows of each kind's table."""
    beside = os.path.join(os.path.dirname(path), METADATA)
    if os.path.basename(path) == METADATA:
        raise CannotWrite(
            f"{shown(path)}: {METADATA} is the name of the metadata beside the database; "
            "choose another name, such as bilateral.db"
        )
    check_target(path, force, fact_base)
    check_target(beside, force, fact_base)
    layout = plan(TOP_LEVEL)
    rows = database.fill(base, layout, pair)
    about = info(base, pair)
    name = os.path.splitext(os.path.basename(path))[0]
    text = json.dumps(datasette.metadata(layout, name, about), indent=2, ensure_ascii=False)
    with replacing([path, beside], force) as [temporary, metadata]:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            database.write(connection, layout, rows, about)
        except sqlite3.Error as error:
            raise CannotWrite(f"cannot write {shown(path)} ({error})", EXIT_WRITE) from None
        finally:
            connection.close()
        with open(metadata, "w", encoding="utf-8") as out:
            out.write(text + "\n")
    return {table.name: len(rows.rows[table.name]) for _e, table in layout.kinds}
