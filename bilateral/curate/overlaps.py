"""Posts held by two people at once: a warning for `check`, unless the post says it has
several holders (`holders_at_once = N`).

Each role's days in force come from the one status rule (bilateral.answer.dated); two
roles of different people on one post that are both in force on some day overlap. Most
often the earlier one lacks its end.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from bilateral.answer.dated import DEFAULT_HORIZON_YEARS, Span
from bilateral.curate.timeless import Timeless
from bilateral.kinds.base import FactBase

Held = tuple[str, int, tuple[datetime.date, datetime.date]]
"""(the holder's id, the role's position among their roles, its first and last day)."""


def overlapping_holders(base: FactBase) -> Iterator[Timeless]:
    """Each role whose post more people hold at some day than the post allows."""
    posts = {post["id"]: post for post in base.records["post"]}
    for post_id, held in _held(base, posts).items():
        allowed = posts[post_id].get("holders_at_once") or 1
        for number, (person, position, (first, last)) in enumerate(held):
            others = [
                other
                for other in held[:number]
                if other[0] != person and other[2][0] <= last and first <= other[2][1]
            ]
            if len({other[0] for other in others}) >= allowed:
                yield "people", person, f".roles[{position}]", _message(post_id, others[0], first)


def _held(base: FactBase, posts: dict[str, dict[str, object]]) -> dict[str, list[Held]]:
    held: dict[str, list[Held]] = {}
    for person in base.records["person"]:
        for position, role in enumerate(person["roles"]):
            post = role.get("post")
            if post not in posts:
                continue
            term = posts[post].get("term_years")
            horizon = term if isinstance(term, int) else DEFAULT_HORIZON_YEARS
            span = Span(role["start"], role["end"], role["last_confirmed"], horizon, person["died"])
            window = span.window()
            if window is not None:
                held.setdefault(post, []).append((person["id"], position, window))
    for roles in held.values():
        roles.sort(key=lambda item: item[2])
    return held


def _message(post: str, other: Held, first: datetime.date) -> str:
    person, _position, (other_first, other_last) = other
    return (
        f"holds post {post!r} from {first} while {person} holds it ({other_first} to "
        f"{other_last}); give the earlier role its end, or say the post has several holders "
        "with `holders_at_once = N` on the post"
    )
