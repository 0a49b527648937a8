"""Who held a post, in order, and who came before and after each holder."""

from __future__ import annotations

from typing import Any

from bilateral.answer.dated import Dating
from bilateral.schema import dates

Document = dict[str, Any]


def holders(dating: Dating, post_id: str) -> list[Document]:
    """Every holding of the post the base records, earliest first, each with its status at
    the date and the holders before and after it."""
    found = []
    for person_id, kind, person in dating.query.mentioning(post_id):
        if kind != "person":
            continue
        for role in dating.document(person, "person")["roles"]:
            if role.get("post") == post_id:
                found.append(
                    {
                        "person": person_id,
                        "name": person["name"],
                        "title": role["title"],
                        "start": role["start"],
                        "end": role["end"],
                        "status": role["status"],
                    }
                )
    found.sort(key=lambda holding: (_start(holding), holding["person"]))
    for position, holding in enumerate(found):
        holding["predecessor"] = found[position - 1]["person"] if position > 0 else None
        following = found[position + 1] if position + 1 < len(found) else None
        holding["successor"] = following["person"] if following else None
    return found


def with_neighbours(dating: Dating, person: Document) -> Document:
    """A person whose roles in posts name the holders before and after them."""
    roles = []
    for stored in person["roles"]:
        role = dict(stored)
        if role.get("post"):
            mine = [
                holding
                for holding in holders(dating, role["post"])
                if holding["person"] == person["id"] and holding["start"] == role["start"]
            ]
            role["predecessor"] = mine[0]["predecessor"] if mine else None
            role["successor"] = mine[0]["successor"] if mine else None
        roles.append(role)
    return person | {"roles": roles}


def _start(holding: Document) -> str:
    start = holding["start"]
    return dates.earliest(start).isoformat() if start else "9999"
