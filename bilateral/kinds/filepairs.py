"""The base's own keys in a base kept in many files, and each file's pair.

A file may declare `pair = "AZ-TR"`: the records in it that name no pair belong to that
pair. The base's `title`, `as_of` and default `pair` are those of its head: the first file
(in path order) that gives a `title`.
Another file that declares a pair of its own may give that pair's `title` and `as_of` (its
date of writing), as may the base's `[pairs.AZ-TR]` table, in any file; any other file that
gives them must agree with the head.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bilateral.errors import Problem, shown
from bilateral.kinds.registry import TOP_LEVEL
from bilateral.schema.locate import LineIndex

Part = tuple[str, Callable[[], str], dict[str, Any]]
HEAD_KEYS = ("title", "pair", "as_of")
ABOUT = ("title", "as_of")
PAIRED = frozenset(
    kind.table for kind in TOP_LEVEL if any(f.type == "pair" for f in kind.shape.fields)
)
"""The tables whose records name their pair (a trade figure's comes from its countries)."""


def own_pair(data: dict[str, Any]) -> str | None:
    """The pair a file declares, as written, if it declares one."""
    value = data.get("pair")
    return value if isinstance(value, str) and value else None


def with_pair(table: str, records: list[Any], pair: str | None) -> list[Any]:
    """A file's records of a table, each that names no pair given the file's."""
    if pair is None or table not in PAIRED:
        return records
    return [
        {**record, "pair": pair} if isinstance(record, dict) and "pair" not in record else record
        for record in records
    ]


def head(parts: list[Part]) -> int:
    """The part whose title, date and pair are the base's: the first that gives a title,
    else the first that gives a pair or a date."""
    for key in HEAD_KEYS:
        for number, (_file, _text, data) in enumerate(parts):
            if key in data:
                return number
    return 0


def base_keys(parts: list[Part], problems: list[Problem]) -> dict[str, Any]:
    """The base's `title`, `pair`, `as_of` and `pairs` (each pair's own title and date)."""
    first = head(parts)
    keys = {key: parts[first][2][key] for key in HEAD_KEYS if key in parts[first][2]}
    about: dict[str, dict[str, Any]] = {}
    given: dict[tuple[str, str], tuple[Any, str]] = {}
    for number, (file, text, data) in enumerate(parts):
        table = data.get("pairs")
        for name, values in (table if isinstance(table, dict) else {}).items():
            for key, value in (values if isinstance(values, dict) else {}).items():
                _give(about, given, (name, key), value, (file, text), problems)
            if not isinstance(values, dict):
                about.setdefault(name, values)  # the checker says what is wrong
        if number == first:
            continue
        pair = own_pair(data)
        for key in ABOUT:
            if key not in data:
                continue
            if pair is not None and _normal(pair) != _normal(str(keys.get("pair", ""))):
                _give(about, given, (pair, key), data[key], (file, text), problems)
            elif data[key] != keys.get(key):
                head_file = shown(parts[first][0])
                problems.append(_disagrees(file, text, key, data[key], head_file, keys.get(key)))
    return keys | ({"pairs": about} if about else {})


def _normal(pair: str) -> str:
    return "-".join(sorted(pair.upper().split("-")))


def _give(
    about: dict[str, dict[str, Any]],
    given: dict[tuple[str, str], tuple[Any, str]],
    where: tuple[str, str],
    value: Any,
    place: tuple[str, Callable[[], str]],
    problems: list[Problem],
) -> None:
    """One pair's title or date, from one file; a second, different value is a problem."""
    pair, key = where
    file, text = place
    known = given.get((_normal(pair), key))
    if known is None:
        given[_normal(pair), key] = (value, file)
        about.setdefault(pair, {})[key] = value
    elif known[0] != value:
        problems.append(_disagrees(file, text, key, value, shown(known[1]), known[0], pair))


def _disagrees(
    file: str,
    text: Callable[[], str],
    key: str,
    value: Any,
    other: str,
    theirs: Any,
    pair: str | None = None,
) -> Problem:
    whose = f" for {pair}" if pair else ""
    message = f"is {value!r}, but {other} gives {theirs!r}{whose}; give it in one file"
    return Problem(file, key, message, LineIndex(text()).line_of(key))
