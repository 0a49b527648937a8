"""The installed command in real processes: pipes, `python -m`, exit codes and a terminal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, run_in_terminal

BILATERAL = [sys.executable, "-m", "bilateral"]


def bilateral(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BILATERAL, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env or dict(os.environ),
        check=False,
        timeout=60,
    )


def test_python_m_and_the_console_script_print_the_same_bytes() -> None:
    script = shutil.which("bilateral", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the bilateral console script is not installed beside this Python")
    for args in (["officials"], ["trade", "--json"], ["search", "defence", "minister"]):
        module = bilateral(*args)
        console = subprocess.run(
            [script, *args], capture_output=True, text=True, check=False, timeout=60
        )
        assert (module.returncode, module.stdout) == (console.returncode, console.stdout)


def test_piped_output_has_no_colour_or_box_drawing() -> None:
    result = bilateral("officials")
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    assert not any(ch in result.stdout for ch in "─│┃━")
    assert result.stdout.splitlines()[0].split("\t")[0] == "musharraf-pervez"


def test_a_reader_that_stops_early_ends_quietly() -> None:
    command = f"{' '.join(BILATERAL)} --facts {MINIMAL} sources --format jsonl | head -c 1"
    for _ in range(3):
        result = subprocess.run(
            ["bash", "-o", "pipefail", "-c", command.replace("head -c 1", "head -1")],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert result.stderr == ""
        assert "Traceback" not in result.stderr


def test_head_on_a_long_listing_ends_quietly(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            "bash",
            "-c",
            f"{' '.join(BILATERAL)} search --limit 1000 the visit of musharraf | head -1",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("trade",), 0),
        (("trade", "--year", "1990"), 1),
        (("show", "nobody-at-all"), 1),
        (("trade", "--year", "x"), 2),
        (("--facts", "/nonexistent/facts.toml", "trade"), 2),
        (("officials", "--country", "ZZ"), 2),
    ],
)
def test_exit_codes(args: tuple[str, ...], code: int) -> None:
    result = bilateral(*args)
    assert result.returncode == code
    assert "Traceback" not in result.stderr
    if code:
        assert result.stderr.strip()


def test_a_terminal_gets_a_table() -> None:
    env = dict(os.environ, COLUMNS="120", LINES="40", TERM="xterm-256color")
    screen = run_in_terminal(["trade"], env)
    assert "Year" in screen
    assert "Value" in screen
    assert "$25,000-30,000" in screen
    assert "─" in screen
    assert "\x1b[" in screen
    assert "[1] caci-2004-07-28 ¶3.2" in screen


@pytest.mark.parametrize("setting", [{"NO_COLOR": "1"}, {"CLICOLOR": "0"}, {"TERM": "dumb"}])
def test_colour_can_be_turned_off_in_a_terminal(setting: dict[str, str]) -> None:
    env = dict(os.environ, COLUMNS="120", TERM="xterm-256color") | setting
    env.pop("FORCE_COLOR", None)
    screen = run_in_terminal(["trade"], env)
    assert "$25,000-30,000" in screen
    assert "\x1b[1m" not in screen
    assert "\x1b[2m" not in screen


def test_force_color_colours_a_forced_table_in_a_pipe() -> None:
    env = dict(os.environ, FORCE_COLOR="1")
    result = bilateral("trade", "--format", "table", env=env)
    assert result.returncode == 0
    assert "\x1b[" in result.stdout


def test_a_narrow_terminal_wraps_cells_instead_of_cutting_them() -> None:
    env = dict(os.environ, COLUMNS="50", TERM="xterm-256color", NO_COLOR="1")
    screen = run_in_terminal(["areas", "--status", "pledged"], env)
    flattened = " ".join(screen.replace("\r", "").split())
    for word in ("national", "banks", "pledged", "branch", "offices"):
        assert word in flattened
    assert "…" not in screen


def test_a_piped_table_is_never_truncated() -> None:
    result = bilateral("officials", "--format", "table")
    assert result.returncode == 0
    assert "Federal Minister for Petroleum and Natural Resources" in result.stdout
    assert "…" not in result.stdout
