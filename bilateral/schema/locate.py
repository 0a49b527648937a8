"""Find the line of a key path such as `people[3].roles[0].start` in a TOML text.

tomli reports no positions for values, so this scans table headers and key lines.
It knows the layout a curator writes (arrays of tables, one key per line), skips the
inside of multi-line strings and arrays, and falls back to the nearest enclosing table
it can place. `headers` lists every table header with the key path it opens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bilateral.schema.plain import Plain

HEADER = re.compile(r"^\s*\[(\[?)\s*(.+?)\s*\]\]?\s*(#.*)?$")
KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")


class Header(Plain):
    """A table header line: `[[people.roles]]` is ("people", "roles"), an array; `key` is
    the key path of the table it opens, by position: `people[3].roles[0]`."""

    __slots__ = ("array", "key", "line", "parts")

    def __init__(self, line: int, parts: tuple[str, ...], array: bool, key: str) -> None:
        self.line = line
        self.parts = parts
        self.array = array
        self.key = key


class _Scan:
    """Where a scan stands: inside a multi-line string (its quote) and how many brackets
    of a value are open."""

    def __init__(self) -> None:
        self.quote = ""
        self.depth = 0
        self.multiline = False
        """Whether a multi-line string has been seen."""

    def at_statement(self) -> bool:
        return not self.quote and self.depth == 0

    def feed(self, line: str) -> str:
        """Move past one line; its comment, or an empty string."""
        position = 0
        while position < len(line):
            if self.quote:
                position = _after_multiline(line, position, self.quote)
                if position < 0:
                    return ""
                self.quote = ""
                continue
            char = line[position]
            if char == "#":
                return line[position:].rstrip()
            if char in "\"'":
                if line.startswith(char * 3, position):
                    self.quote = char * 3
                    self.multiline = True
                    position += 3
                    continue
                position = _after_string(line, position + 1, char)
                continue
            if char in "[{":
                self.depth += 1
            elif char in "]}":
                self.depth = max(0, self.depth - 1)
            position += 1
        return ""


def _after_string(line: str, position: int, quote: str) -> int:
    """The position after a one-line string's closing quote (the line's end if none)."""
    while position < len(line):
        char = line[position]
        if char == "\\" and quote == '"':
            position += 2
            continue
        if char == quote:
            return position + 1
        position += 1
    return len(line)


def _after_multiline(line: str, position: int, quote: str) -> int:
    """The position after a multi-line string's closing quotes, or -1 when it goes on."""
    while position < len(line):
        if line[position] == "\\" and quote == '"""':
            position += 2
            continue
        if line.startswith(quote, position):
            position += 3
            extra = 0
            while extra < 2 and position < len(line) and line[position] == quote[0]:
                position += 1
                extra += 1
            return position
        position += 1
    return -1


def statement_lines(text: str) -> Iterator[tuple[int, str]]:
    """(number, line) of each line that starts a statement: a key, a header, a comment or a
    blank line, never a line inside a multi-line string or array."""
    scan = _Scan()
    for number, line in enumerate(text.split("\n"), start=1):
        if scan.at_statement():
            yield number, line
        scan.feed(line)


def comments(text: str) -> list[str]:
    """Every comment of the text, from its `#`, in order."""
    scan = _Scan()
    return [comment for line in text.split("\n") if (comment := scan.feed(line))]


def plain_value(text: str) -> bool:
    """Whether a value's TOML text holds no comment and no multi-line string, so that it
    can be written again from its value alone."""
    scan = _Scan()
    found = [scan.feed(line) for line in text.split("\n")]
    return not any(found) and not scan.multiline


def split_key(dotted: str) -> tuple[str, ...]:
    """`people."a.b".roles` as ("people", "a.b", "roles")."""
    parts: list[str] = []
    for match in re.finditer(r"\s*(\"(?:[^\"\\]|\\.)*\"|'[^']*'|[^.]+?)\s*(?:\.|$)", dotted):
        part = match.group(1)
        parts.append(part[1:-1] if part[:1] in "\"'" else part)
    return tuple(parts)


def headers(text: str) -> list[Header]:
    """Every table header of the text, in order, with the key path each opens."""
    found: list[Header] = []
    counts: dict[str, int] = {}
    for number, line in statement_lines(text):
        match = HEADER.match(line)
        if match:
            parts = split_key(match.group(2))
            array = bool(match.group(1))
            found.append(Header(number, parts, array, _header_path(parts, array, counts)))
    return found


def _header_path(parts: tuple[str, ...], is_array: bool, counts: dict[str, int]) -> str:
    path = ""
    for depth, part in enumerate(parts):
        path = f"{path}.{part}" if path else part
        last = depth == len(parts) - 1
        if last and is_array:
            index = counts.get(path, -1) + 1
            counts[path] = index
            path = f"{path}[{index}]"
        elif not last:
            index = counts.get(path, -1)
            if index >= 0:
                path = f"{path}[{index}]"
    return path


class LineIndex:
    def __init__(self, text: str) -> None:
        self.lines: dict[str, int] = {}
        self._scan(text)

    def _scan(self, text: str) -> None:
        counts: dict[str, int] = {}
        prefix = ""
        for number, line in statement_lines(text):
            header = HEADER.match(line)
            if header:
                parts = split_key(header.group(2))
                is_array = bool(header.group(1))
                prefix = _header_path(parts, is_array, counts)
                self.lines.setdefault(prefix, number)
                if is_array:
                    self.lines.setdefault(prefix.rpartition("[")[0], number)
                continue
            key = KEY.match(line)
            if key:
                name = key.group(1).strip('"')
                self.lines.setdefault(f"{prefix}.{name}" if prefix else name, number)

    def line_of(self, key_path: str) -> int | None:
        """The line of the key path, or of the nearest enclosing key it can find."""
        path = key_path
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None
