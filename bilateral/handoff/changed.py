"""What changed for a pair between a date and the note's date, from the `changes` answer,
each change in a reader's words (names and short titles, never ids), the latest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bilateral.handoff.note import Document

if TYPE_CHECKING:
    from bilateral.api import Base
    from bilateral.handoff.sections import Context


def pair_changes(
    context: Context, base: Base, records: Any, since: str
) -> list[tuple[str, list[Document]]]:
    """The pair's changes from `since` to the note's date, latest first: each in words,
    with its citations."""
    labels = _labels(context, records)
    found: list[tuple[str, list[Document]]] = []
    for row in base.changes(since, context.as_of):
        change = row.document
        if change["id"] not in labels:
            continue
        said = _said(change, labels)
        if not said:
            continue
        line = f"{change['date']}: {said}"
        last = found[-1][0] if found else ""
        if change["change"] == "commitment" and last.startswith(line.rsplit(" in ", 1)[0]):
            area = said.rsplit(" in ", 1)[1]
            found[-1] = (f"{last}, {area}", found[-1][1] + change["sources"])
            continue
        found.append((line, change["sources"]))
    return found[::-1]


def _labels(context: Context, records: Any) -> dict[str, str]:
    """A reader's name for each record of the pair a change can be about."""
    labels: dict[str, str] = dict(zip(records.codes, context.countries, strict=True))
    labels |= {person["id"]: str(person["name"]) for person in records.people}
    labels |= {event["id"]: context.title(event) for event in records.events}
    labels |= {relation["id"]: f"the {relation['kind']} relation" for relation in records.relations}
    for area in records.areas:
        labels[area["id"]] = str(area["name"])
        for commitment in area["commitments"]:
            labels[commitment["id"]] = f"{commitment['status']} commitments in {area['name']}"
    for assessment in records.assessments:
        labels[assessment["id"]] = f"{assessment['holder_name']}\u2019s view"
    return labels


def _said(change: Document, labels: dict[str, str]) -> str:
    kind, label = change["change"], labels[change["id"]]
    if kind == "role-began":
        return _person_post(change["text"], "took office as")
    if kind == "role-ended":
        left = "left office as" if change["to"] == "ended" else "is no longer confirmed as"
        return _person_post(change["text"], left)
    if kind in ("relation-began", "relation-ended"):
        return f"{label[0].upper()}{label[1:]} {kind.split('-')[1]}"
    if kind == "event":
        return label
    if kind == "commitment":
        return f"{label[0].upper()}{label[1:]}"
    if kind == "commitment-ended":
        return f"A {label} ended"
    if kind == "dispute-opened":
        field = change["text"][len(change["id"]) + 1 :].split(":")[0]
        return f"Sources came to differ on the {field} of {label}"
    if kind == "renamed":
        return str(change["text"])
    return ""


def _person_post(text: str, verb: str) -> str:
    """'Ilham Aliyev: President' as 'Ilham Aliyev took office as President'."""
    person, _, post = text.partition(": ")
    return f"{person} {verb} {post}" if post else person
