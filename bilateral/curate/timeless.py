"""Records that can never be in force: warnings for `check` and `new`.

By the status rule (bilateral.answer.dated), a record is in force on the days from the
later of its earliest start and the earlier of its latest start and its latest
confirmation, up to the day before its end may fall (with no end: its horizon after the
latest confirmation), and never after its holder may have died. When that leaves no day
at all, it answers `unknown` or `not-yet` at every date.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from bilateral.answer.dated import DEFAULT_HORIZON_YEARS, Span
from bilateral.curate.findings import Finding
from bilateral.curate.record_lines import record_ids
from bilateral.curate.saving import base_files
from bilateral.kinds.base import FactBase
from bilateral.schema import dates
from bilateral.schema.checker import named_key
from bilateral.schema.locate import LineIndex
from bilateral.schema.reading import read_toml

Timeless = tuple[str, str, str, str]
"""(TOML table, the top-level record's id, the key inside it, what is wrong)."""
SIMPLE = (("relation", "relations"), ("fact", "facts"), ("assessment", "assessments"))


def never_in_force(base: FactBase) -> Iterator[Timeless]:
    """Every role, relation, fact, assessment and commitment that is in force at no date,
    except where only the precision of its own dates makes it so (a start and end that
    overlap, such as 1999 to 1999: not known within that year, ended after, as the
    sources allow)."""
    terms = {post["id"]: post.get("term_years") for post in base.records["post"]}
    for person in base.records["person"]:
        for position, role in enumerate(person["roles"]):
            horizon = terms.get(role["post"]) or DEFAULT_HORIZON_YEARS
            span = Span(role["start"], role["end"], role["last_confirmed"], horizon, person["died"])
            if timeless(span):
                yield "people", person["id"], f".roles[{position}]", why(span)
    for kind, table in SIMPLE:
        for document in base.records[kind]:
            span = Span.of(document, kind)
            if timeless(span):
                yield table, document["id"], "", why(span)
    for area in base.records["area"]:
        for position, commitment in enumerate(area["commitments"]):
            span = Span.of(commitment, "commitment")
            if timeless(span):
                yield "areas", area["id"], f".commitments[{position}]", why(span)


def timeless(span: Span) -> bool:
    """In force at no date, for a reason other than a start and end that overlap."""
    start, end = span.start, span.end
    coarse = start is not None and end is not None and dates.earliest(end) <= dates.latest(start)
    return span.window() is None and not coarse


def why(span: Span) -> str:
    """What keeps the record from ever being in force, and what to do."""
    fix = "give it a dated source that confirms it, or correct its dates"
    if span.died and span.start and dates.latest(span.died) < dates.earliest(span.start):
        reason = f"its holder died ({span.died}) before it began ({span.start})"
    elif span.start and span.end and dates.earliest(span.end) <= dates.latest(span.start):
        reason = (
            f"its start ({span.start}) and end ({span.end}) overlap, so no day is surely inside it"
        )
        fix = "write them to the month or day where the sources say"
    elif span.start and not span.end and span.confirmed:
        years = f"{span.horizon} year" + ("s" if span.horizon != 1 else "")
        reason = (
            f"it begins ({span.start}) more than its horizon ({years}) after its latest "
            f"confirmation ({span.confirmed}: the latest date of its sources, or the base's "
            "as_of when none is dated)"
        )
    else:
        reason = "its dates and its latest confirmation leave no day between its start and end"
    return f"can never be in force: {reason}; {fix}"


def timeless_warnings(target: str, base: FactBase, only: set[str] | None = None) -> list[Finding]:
    """A warning at each record that is never in force (of the ids in `only`, if given)."""
    return placed_warnings(target, never_in_force(base), only)


def placed_warnings(
    target: str, found_in_base: Iterable[Timeless], only: set[str] | None = None
) -> list[Finding]:
    """A warning at the file and line of each (table, record, key inside, message)."""
    wanted: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for table, record, inside, message in found_in_base:
        if only is None or record in only:
            wanted.setdefault((table, record), []).append((inside, message))
    found: list[Finding] = []
    for file in base_files(target) if wanted else ():
        text, data = read_toml(file)
        index, ids = LineIndex(text), record_ids(data)
        for (table, record), problems in wanted.items():
            items = data.get(table)
            for position, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, dict) and item.get("id") == record:
                    for inside, message in problems:
                        key = f"{table}[{position}]{inside}"
                        line = index.line_of(key)
                        found.append(Finding(file, line, named_key(key, ids), message, "warning"))
    return found
