"""Output that cannot act on the terminal (issue 18, items 5 and 7): record text made
inert in every answer for people, CSV cells a spreadsheet will not run, JSON in any output
encoding, and a pager that cannot lose the answer."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, run, run_in_terminal

AS_OF = "2004-07-28"
HOSTILE_NAME = "Safar\\u001b]0;pwned\\u0007 \\u202eAbiyev\\u001b[2J\\u0085"
HOSTILE_PUBLISHER = "Test\\u001b[2J Publisher\\u2066"
PLACE = ["--field", "kind=city", "--field", "country=AZ", "--cite", "article", "--no-prompt"]
SGR = re.compile(r"\x1b\[[0-9;]*m")
ACTIVE = ["\x1b]", "\x1b[2J", "\x07", "\u202e", "\u2066", "\x85", "\x9b"]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The minimal base with a person's name and a publisher that would act on a terminal:
    a window title, a clear screen, a bell, a bidi override and isolate, a C1 control."""
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace('name = "Safar Abiyev"', f'name = "{HOSTILE_NAME}"')
    text = text.replace('publisher = "Test Publisher"', f'publisher = "{HOSTILE_PUBLISHER}"')
    path = tmp_path / "facts.toml"
    path.write_text(text, encoding="utf-8")
    return path


def terminal(args: list[str], **extra: str) -> str:
    """What a terminal shows; an empty value in `extra` unsets that variable."""
    gone = ("COLUMNS", "LINES", "NO_COLOR", *(name for name, value in extra.items() if not value))
    env = {k: v for k, v in os.environ.items() if k not in gone}
    extra = {name: value for name, value in extra.items() if value}
    env |= {"TERM": "xterm-256color", "COLUMNS": "100", "LINES": "500", "PYTHONPATH": str(ROOT)}
    return run_in_terminal(args, env | extra)


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["officials"],
        ["officials", "--format", "csv"],
        ["officials", "--format", "tsv"],
        ["officials", "--json"],
        ["show", "abiyev-safar"],
        ["show", "abiyev-safar", "--json"],
        ["search", "abiyev"],
        ["timeline"],
        ["sources"],
        ["sources", "--format", "bibtex"],
        ["sources", "--format", "csl-json"],
        ["brief"],
        ["graph", "--format", "tree"],
        ["graph", "--format", "dot"],
        ["check", "{path}"],
        ["check", "--format", "github", "{path}"],
        ["check", "--format", "json", "{path}"],
        ["new", "place", "--id", "x", "--name", "X\x1b[2J\u202e", *PLACE, "--dry-run"],
        ["show", "nobody\x1b[2J\u202e"],
        ["officials", "--country", "\x1b]0;t\x07"],
    ],
)
def test_record_text_never_acts_on_the_terminal(hostile: Path, command: list[str]) -> None:
    args = [word.replace("{path}", str(hostile)) for word in command]
    screen = terminal(["--facts", str(hostile), "--no-pager", "--as-of", AS_OF, *args])
    assert not [code for code in ACTIVE if code in screen], repr(screen[:3000])


def test_the_hostile_name_reads_as_escapes_at_a_terminal(hostile: Path) -> None:
    screen = terminal(["--facts", str(hostile), "--as-of", AS_OF, "show", "abiyev-safar"])
    assert "Safar\\u001b]0;pwned\\u0007 \\u202eAbiyev\\u001b[2J\\u0085" in screen


def test_a_pipe_still_gets_the_base_as_it_is_in_tsv_and_json(hostile: Path) -> None:
    """Scripts read the data unchanged; only what is printed for people is made inert."""
    out = run("--facts", str(hostile), "officials", "--json").stdout
    assert json.loads(out)[0]["name"] == "Safar\x1b]0;pwned\x07 \u202eAbiyev\x1b[2J\x85"


# ------------------------------------------------------------------ CSV formulas


def test_a_csv_cell_that_starts_like_a_formula_is_written_with_an_apostrophe(
    tmp_path: Path,
) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace('name = "Safar Abiyev"', 'name = "=HYPERLINK(\\"http://x\\")"')
    text = text.replace('aliases = ["Səfər Əbiyev"]', 'aliases = ["@SUM(A1)"]')
    text = text.replace('title = "Minister of Defence"', 'title = "-2+3"')
    path = tmp_path / "facts.toml"
    path.write_text(text, encoding="utf-8")
    out = run("--facts", str(path), "--as-of", AS_OF, "officials", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["name"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["title"] == "'-2+3"
    assert rows[0]["start"] == "1995-02-06"
    tsv = run("--facts", str(path), "--as-of", AS_OF, "officials", "--format", "tsv").stdout
    assert tsv.split("\t")[1] == '=HYPERLINK("http://x")'  # TSV is for scripts: unchanged


def test_the_formula_rule_leaves_plain_numbers_alone() -> None:
    from bilateral.render.escapes import spreadsheet_safe

    assert [spreadsheet_safe(c) for c in ["-5", "+3.5", "2004-07-28", "", "x-1"]] == [
        "-5",
        "+3.5",
        "2004-07-28",
        "",
        "x-1",
    ]
    assert [spreadsheet_safe(c) for c in ["=1", "+A1", "-A1", "@x", "\t=1", "\r=1", "-"]] == [
        "'=1",
        "'+A1",
        "'-A1",
        "'@x",
        "'\t=1",
        "'\r=1",
        "'-",
    ]


# ------------------------------------------------------------------ JSON in ASCII


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["show", "Abiyev", "--json"],
        ["officials", "--format", "jsonl"],
        ["sources", "--format", "csl-json"],
        ["diff", str(MINIMAL), str(ROOT / "facts.toml"), "--json"],
        ["check", "--format", "json"],
    ],
)
def test_json_is_written_with_u_escapes_where_the_encoding_cannot_hold_a_character(
    command: list[str],
) -> None:
    env = dict(os.environ, PYTHONIOENCODING="ascii", PYTHONPATH=str(ROOT))
    base = ["--facts", str(ROOT / "facts.toml"), "--as-of", AS_OF]
    result = subprocess.run(
        [sys.executable, "-m", "bilateral", *base, *command],
        capture_output=True,
        check=False,
        env=env,
    )
    assert result.returncode in (0, 1), result.stderr
    text = result.stdout.decode("ascii")  # every byte is ASCII
    loaded = [json.loads(line) for line in text.splitlines()] if "jsonl" in command else None
    if loaded is None:
        json.loads(text)
    utf8 = subprocess.run(
        [sys.executable, "-m", "bilateral", *base, *command],
        capture_output=True,
        check=False,
        env=dict(env, PYTHONIOENCODING="utf-8"),
    )
    if "jsonl" in command:
        assert loaded == [json.loads(line) for line in utf8.stdout.decode().splitlines()]
    else:
        assert json.loads(text) == json.loads(utf8.stdout.decode())


def test_a_table_that_the_encoding_cannot_hold_still_fails_with_a_message() -> None:
    env = dict(os.environ, PYTHONIOENCODING="ascii", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bilateral",
            "--as-of",
            AS_OF,
            "show",
            "Abiyev",
            "--format",
            "table",
        ],
        capture_output=True,
        check=False,
        env=env,
    )
    assert result.returncode == 3
    assert b"output encoding (ascii) cannot show" in result.stderr


# ------------------------------------------------------------------ the pager


def _script(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pager"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


@pytest.mark.slow
def test_a_pager_that_fails_at_once_leaves_the_answer_printed(tmp_path: Path) -> None:
    pager = _script(tmp_path, "exit 7")
    screen = SGR.sub("", terminal(["show", "Pakistan"], LINES="10", BILATERAL_PAGER=str(pager)))
    assert "Pakistan  country PK" in screen
    assert f"bilateral: the pager ({pager}) failed with exit status 7" in screen


@pytest.mark.slow
def test_a_pager_that_cannot_start_leaves_the_answer_printed(tmp_path: Path) -> None:
    none = str(tmp_path / "none")
    screen = SGR.sub("", terminal(["show", "Pakistan"], LINES="10", BILATERAL_PAGER=none))
    assert "Pakistan  country PK" in screen


@pytest.mark.slow
@pytest.mark.parametrize(("given", "seen"), [(None, "FRX"), ("-S", "-S")])
def test_less_is_told_frx_unless_less_is_set(tmp_path: Path, given: str | None, seen: str) -> None:
    pager = _script(tmp_path, f'echo "$LESS" > {tmp_path / "less"}\ncat >/dev/null')
    less = {"LESS": given or ""}
    terminal(["show", "Pakistan"], LINES="10", PAGER=str(pager), BILATERAL_PAGER="", **less)
    assert (tmp_path / "less").read_text() == f"{seen}\n"
