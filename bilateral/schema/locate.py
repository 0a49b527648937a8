"""Find the line of a key path such as `people[3].roles[0].start` in a TOML text.

tomli reports no positions for values, so this scans table headers and key lines.
It knows the layout a curator writes (arrays of tables, one key per line) and
falls back to the nearest enclosing table it can place.
"""

from __future__ import annotations

import re

HEADER = re.compile(r"^\s*\[(\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")


class LineIndex:
    def __init__(self, text: str) -> None:
        self.lines: dict[str, int] = {}
        self._scan(text)

    def _scan(self, text: str) -> None:
        counts: dict[str, int] = {}
        prefix = ""
        for number, line in enumerate(text.split("\n"), start=1):
            header = HEADER.match(line)
            if header:
                first_headers: list[str] = []
                prefix = self._header_path(
                    header.group(2), bool(header.group(1)), counts, prefix, first_headers
                )
                self.lines.setdefault(prefix, number)
                for array in first_headers:
                    self.lines.setdefault(array, number)
                continue
            key = KEY.match(line)
            if key:
                name = key.group(1).strip('"')
                self.lines.setdefault(f"{prefix}.{name}" if prefix else name, number)

    @staticmethod
    def _header_path(
        dotted: str,
        is_array: bool,
        counts: dict[str, int],
        current: str,
        first_headers: list[str],
    ) -> str:
        parts = [part.strip().strip('"') for part in dotted.split(".")]
        path = ""
        for depth, part in enumerate(parts):
            path = f"{path}.{part}" if path else part
            last = depth == len(parts) - 1
            if last and is_array:
                index = counts.get(path, -1) + 1
                if index == 0:
                    first_headers.append(path)
                counts[path] = index
                path = f"{path}[{index}]"
            elif not last:
                index = counts.get(path, -1)
                if index >= 0:
                    path = f"{path}[{index}]"
        return path

    def line_of(self, key_path: str) -> int | None:
        """The line of the key path, or of the nearest enclosing key it can find."""
        path = key_path
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None
