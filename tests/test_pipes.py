"""`--format table` in a pipe (issue 21): plain ASCII rules, no escape codes, no blanks at
the ends of lines; and `diff --format table` a table of changes with dates whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SHIPPED, run

AS_OF = "2004-07-28"
DRAWN = re.compile("[\u2500-\u257f\u2580-\u259f\u25c6]")  # box drawing, blocks, ◆


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["areas"],
        ["areas", "--commitments"],
        ["officials"],
        ["trade"],
        ["events"],
        ["assessments"],
        ["relations"],
        ["sources"],
        ["timeline"],
        ["search", "baku"],
        ["show", "Musharraf"],
        ["show", "trade-2003-az-import"],
        ["show", "President"],
    ],
)
def test_a_table_in_a_pipe_is_plain(command: list[str]) -> None:
    result = run("--facts", str(SHIPPED), "--as-of", AS_OF, *command, "--format", "table")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "\x1b" not in result.stdout
    assert [line for line in lines if line != line.rstrip()] == []
    assert DRAWN.findall(result.stdout) == []
    assert len(lines) > 3


@pytest.mark.slow
def test_diff_as_a_table_in_a_pipe_reads_as_changes(tmp_path: Path) -> None:
    old = tmp_path / "old.toml"
    text = SHIPPED.read_text(encoding="utf-8").replace("low = 25000", "low = 20000", 1)
    old.write_text(text.replace("end = 2008-08-18", "end = 2008-08-19", 1), encoding="utf-8")
    result = run("diff", str(old), str(SHIPPED), "--format", "table")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"Changes from {old} to {SHIPPED}"
    assert re.fullmatch(r"Change +\| Kind +\| Id +\| Field +\| Old +\| New", lines[1])
    assert "\x1b" not in result.stdout
    assert "{" not in result.stdout  # values as a person reads them, not JSON
    assert [line for line in lines if line != line.rstrip()] == []
    rows = [[cell.strip() for cell in line.split("|")] for line in lines[3:]]
    assert ["changed", "trade", "trade-2003-az-export", "value"] in [row[:4] for row in rows]
    value = next(row for row in rows if row[3] == "value")
    assert value[4:] == ["$20,000-30,000", "$25,000-30,000"]
    roles = next(row for row in rows if row[3] == "roles")
    assert "2008-08-19" in roles[4]
    assert "2008-08-18" in roles[5]
