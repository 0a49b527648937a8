"""The installed command in real processes: pipes, `python -m`, exit codes and a terminal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, no_match, run_in_terminal

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


@pytest.mark.slow
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


@pytest.mark.slow
@pytest.mark.parametrize("reader", ["head -1", "head -c 1"])
def test_a_reader_that_stops_early_ends_quietly(medium_base: Path, reader: str) -> None:
    """Far more than a pipe holds (about 250 KB), so the writer meets a closed pipe: it ends
    quietly and answers 0, which `pipefail` makes the pipeline's status."""
    args = ["--facts", str(medium_base), "officials", "--pair", "all", "--format", "jsonl"]
    whole = bilateral(*args)
    assert (whole.returncode, whole.stderr) == (0, "")
    assert len(whole.stdout) > 200_000
    first_line = whole.stdout.splitlines(keepends=True)[0]
    expected = first_line if reader == "head -1" else first_line[0]
    command = " ".join([*BILATERAL, *args])
    for _ in range(3):
        result = subprocess.run(
            ["bash", "-o", "pipefail", "-c", f"{command} | {reader}"],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert "Traceback" not in result.stderr
        assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")


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


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (("trade",), 0, ""),
        (
            ("trade", "--year", "1990"),
            1,
            no_match(
                "no trade figure matches; the base holds figures for: 2003, 2010, 2011, 2012, "
                "2013, 2014, 2015, 2018, 2020, 2021, 2022, 2023, 2024"
            ),
        ),
        (("show", "nobody-at-all"), 1, "bilateral: nothing is named 'nobody-at-all'\n"),
        (
            ("trade", "--year", "x"),
            2,
            "Usage: bilateral trade [OPTIONS]\n"
            "Try 'bilateral trade --help' for help.\n"
            "\n"
            "Error: Invalid value for '--year': 'x' is not a valid integer range.\n",
        ),
        (
            ("--facts", "/nonexistent/facts.toml", "trade"),
            2,
            "bilateral: /nonexistent/facts.toml: no such file; check the path or --facts\n",
        ),
        (
            ("officials", "--country", "ZZ"),
            2,
            "bilateral: unknown country 'ZZ'; use one of: AZ (Azerbaijan), PK (Pakistan), "
            "TR (Turkey), AM (Armenia), RU (Russia), US (United States), SE (Sweden), "
            "FI (Finland), MA (Morocco), SA (Saudi Arabia), TD (Chad), IR (Iran), QA (Qatar), "
            "SN (Senegal), KG (Kyrgyzstan), BF (Burkina Faso), FR (France), RO (Romania), "
            "KZ (Kazakhstan), CN (China), UZ (Uzbekistan), TM (Turkmenistan), CH (Switzerland), "
            "AE (United Arab Emirates), IN (India)\n",
        ),
    ],
    ids=["answered", "no-trade", "no-name", "bad-year", "no-file", "unknown-country"],
)
def test_exit_codes(args: tuple[str, ...], code: int, stderr: str) -> None:
    result = bilateral(*args)
    assert "Traceback" not in result.stderr
    assert (result.returncode, result.stderr) == (code, stderr)
    if code:
        assert result.stdout == ""
    else:
        assert len(result.stdout.splitlines()) == 23  # the shipped base's trade figures


@pytest.mark.slow
@pytest.mark.parametrize("command", [["check", "{path}"], ["--facts", "{path}", "trade"]])
def test_problems_reach_a_terminal_escaped(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "facts.toml"
    hostile = '"evil\\u001b[2J\\u202e\\u0007" = 1\n'
    text = MINIMAL.read_text(encoding="utf-8").replace("as_of = ", hostile + "as_of = ")
    path.write_text(text, encoding="utf-8")
    env = dict(os.environ, COLUMNS="200", TERM="xterm")
    screen = run_in_terminal([word.format(path=path) for word in command], env)
    assert "unknown field" in screen
    for raw in ("\x1b[2J", "\u202e", "\x07"):
        assert raw not in screen, raw
    assert "evil\\u001b[2J\\u202e\\u0007: unknown field" in screen


def test_a_terminal_gets_a_table() -> None:
    env = dict(os.environ, COLUMNS="120", LINES="40", TERM="xterm-256color")
    screen = run_in_terminal(["trade"], env)
    assert "Year" in screen
    assert "Value" in screen
    assert "$25,000-30,000" in screen
    assert "─" in screen
    assert "\x1b[" in screen
    assert "¶3.2" in screen
    assert "(caci-2004-07-28)" in screen


@pytest.mark.slow
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
    command = ["areas", "--status", "pledged", "--commitments", "--as-of", "2004-07-28"]
    screen = run_in_terminal(command, env)
    flattened = " ".join(screen.replace("\r", "").split())
    for word in ("national", "banks", "pledged", "branch", "offices"):
        assert word in flattened
    assert "…" not in screen


@pytest.mark.slow
def test_a_piped_table_is_never_truncated() -> None:
    result = bilateral("officials", "--format", "table")
    assert result.returncode == 0
    assert "Federal Minister for Petroleum and Natural Resources" in result.stdout
    assert "…" not in result.stdout
