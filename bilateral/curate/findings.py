"""What `check` found, as text for people, JSON for editors and scripts, and workflow
commands that GitHub shows at the line of the file they name."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

from bilateral.errors import Problem


@dataclass(frozen=True)
class Finding:
    file: str
    line: int | None
    key: str
    message: str
    severity: str
    """error or warning"""

    @classmethod
    def of(cls, problem: Problem, severity: str = "error") -> Finding:
        return cls(problem.file, problem.line, problem.key, problem.message, severity)

    def text(self) -> str:
        """`FILE:LINE: KEY: warning: MESSAGE` (an error has no word for its severity)."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        said = f"warning: {self.message}" if self.severity == "warning" else self.message
        return f"{where}: {self.key}: {said}" if self.key else f"{where}: {said}"


def unreadable(message: str) -> Finding:
    """An error at the place a message about an unreadable file names (`FILE:LINE:COL: ...`)."""
    place = re.match(r"(?P<file>.*?)(?::(?P<line>\d+)(?::\d+)?)?: (?P<message>.*)", message, re.S)
    if place is None:
        return Finding("", None, "", message, "error")
    line = int(place["line"]) if place["line"] else None
    return Finding(place["file"], line, "", place["message"], "error")


def as_json(findings: list[Finding]) -> str:
    """A JSON array of {file, line, key, message, severity}, in the order found."""
    return json.dumps([asdict(finding) for finding in findings], ensure_ascii=False, indent=2)


def as_github(finding: Finding) -> str:
    """`::error file=F,line=N,title=bilateral check::KEY: MESSAGE`, escaped as GitHub's
    workflow commands require."""
    properties = [f"file={_property(finding.file)}"]
    if finding.line:
        properties.append(f"line={finding.line}")
    properties.append(f"title={_property('bilateral check')}")
    said = f"{finding.key}: {finding.message}" if finding.key else finding.message
    return f"::{finding.severity} {','.join(properties)}::{_data(said)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
