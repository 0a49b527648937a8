"""Fuzzing past the TOML: through the compiled cache, and through the process around it.

- Mutated bases (tests/mutations.py) are compiled into the cache and asked through it:
  the answer built into the cache, the answer read back from it and the answer read from
  the TOML afresh (`--no-cache`) must be the same bytes, exit code and message.
- Bytes of stored records are changed on disk: the answer is still the one read afresh.
- Arguments, environment and output streams are fuzzed on a sound base: every run exits
  0, 1, 2 or 3; a run that exits non-zero says why in one message line on stderr; none
  prints a traceback.

Every test takes a fixed seed and a bounded count; the slow runs take larger counts,
scaled like tests/test_fuzz.py by BILATERAL_FUZZ_INPUTS:

    BILATERAL_FUZZ_INPUTS=5000 python3 -m pytest -m slow tests/test_fuzz_store.py
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import random
import re
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilateral.api import validate
from bilateral.cli import cli
from bilateral.errors import BilateralError
from bilateral.store.directory import cache_name
from tests.conftest import ARTICLE, ROOT
from tests.mutations import change_digit, mutate

FUZZ_INPUTS = int(os.environ.get("BILATERAL_FUZZ_INPUTS", "250"))
Answer = tuple[int, str, str]

QUESTIONS = [
    ["officials", "--pair", "all", "--json"],
    ["areas", "--pair", "all", "--format", "csv"],
    ["trade", "--pair", "all"],
    ["events", "--pair", "all", "--format", "jsonl"],
    ["sources", "--format", "jsonl"],
    ["search", "--format", "jsonl", "oil", "pipeline"],
    ["show", "--format", "table", "Baku"],
    ["show", "--json", "AZ"],
    ["areas", "--status", "signed", "--pair", "all"],
    ["trade", "--flow", "export", "--pair", "all", "--format", "jsonl"],
]
"""Every kind of answer, every output format; the overview is left out (see
test_reliability.py: test_the_overview_rebuilds_a_store_that_fails_a_check)."""


def ask(base: Path, *args: str) -> Answer:
    result = CliRunner().invoke(cli, ["--facts", str(base), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


INVALID_BASE = re.compile(
    r"bilateral: the fact base has (?P<count>\d+) problem\(s\)( \(\d+ more not shown\))?; "
    r"run `bilateral check`"
)
PROBLEM = re.compile(r".+?(:[1-9]\d*)?: .+: .+")


def assert_documented(code: int, stdout: str, stderr: str) -> None:
    """Exit 0, 1, 2 or 3; no traceback; when not 0, one line of stderr says why: above it
    only click's usage lines, or, for a base that breaks the schema, its first problems."""
    assert code in (0, 1, 2, 3), (code, stderr[-2000:])
    assert "Traceback" not in stderr, stderr[-2000:]
    assert "Traceback" not in stdout, stdout[-2000:]
    lines = [line for line in stderr.splitlines() if not line.startswith("bilateral: warning: ")]
    if code == 0:
        assert lines == [], stderr[-2000:]
        return
    assert lines, f"exit {code} with nothing said"
    *before, message = lines
    assert message.startswith(("bilateral: ", "Error: ")), stderr[-2000:]
    invalid = INVALID_BASE.fullmatch(message)
    if invalid:
        assert code == 2, stderr[-2000:]
        assert 1 <= len(before) <= min(20, int(invalid["count"])), stderr[-2000:]
        assert all(PROBLEM.fullmatch(line) for line in before), stderr[-2000:]
        return
    for line in before:  # click's usage lines above its one-line error
        assert line == "" or line.startswith(("Usage: ", "Try '")), stderr[-2000:]


# Mutated bases through the cache ----------------------------------------------------------


def _file_of(base: Path) -> tuple[int, int] | None:
    """The inode and modification time of the base's cache file, if there is one."""
    try:
        status = os.stat(cache_name(os.environ["BILATERAL_CACHE_DIR"], str(base)))
    except FileNotFoundError:
        return None
    return status.st_ino, status.st_mtime_ns


def _sound_digit_change(rng: random.Random, original: bytes, scratch: Path) -> bytes:
    """A digit changed, drawn again (a few times at most) until the base is still sound."""
    for _attempt in range(20):
        changed = change_digit(rng, original)
        scratch.write_bytes(changed)
        try:
            validate(str(scratch))
        except BilateralError:
            continue
        return changed
    return changed


def _through_the_cache(tmp_path: Path, count: int, seed: int, questions: int = 3) -> Counter[str]:
    """Each mutated base is written over the last at the same path, so the cache must also
    notice every change, made within a millisecond of the last. Every other base is a
    digit changed that leaves it sound (the same size; compiled into the cache); the rest
    are anything `mutate` makes, sound or not. A base compiled into the cache is asked
    `questions` more questions, in turn."""
    rng = random.Random(seed)
    original = ARTICLE.read_bytes()
    base = tmp_path / "facts.toml"
    outcomes: Counter[str] = Counter()
    for attempt in range(count):
        if attempt == 0:
            base.write_bytes(original)
        elif attempt % 2:
            base.write_bytes(_sound_digit_change(rng, original, tmp_path / "scratch.toml"))
        else:
            base.write_bytes(mutate(rng, original))
        first = QUESTIONS[attempt % len(QUESTIONS)]
        before = _file_of(base)
        building = ask(base, *first)
        built = _file_of(base)
        reading = ask(base, *first)
        fresh = ask(base, "--no-cache", *first)
        assert building == fresh, (attempt, first)
        assert reading == fresh, (attempt, first)
        assert _file_of(base) == built, "the second run read the cache the first one built"
        assert_documented(*fresh)
        if built is None or built == before:  # a base that could not be used: nothing cached
            outcomes["unusable"] += 1
            continue
        outcomes["through the cache"] += 1
        for step in range(1, 1 + questions):
            question = QUESTIONS[(attempt + step) % len(QUESTIONS)]
            assert ask(base, *question) == ask(base, "--no-cache", *question), question
    return outcomes


@pytest.mark.slow
def test_mutated_bases_answer_the_same_through_the_cache(tmp_path: Path) -> None:
    outcomes = _through_the_cache(tmp_path, 6, seed=9)
    assert outcomes["through the cache"] >= 3, outcomes


@pytest.mark.slow
def test_many_mutated_bases_answer_the_same_through_the_cache(tmp_path: Path) -> None:
    count = FUZZ_INPUTS // 4
    outcomes = _through_the_cache(tmp_path, count, seed=20040728)
    assert outcomes["through the cache"] >= count // 2, outcomes


# Stored records gone bad ------------------------------------------------------------------


def _stored_regions(path: Path) -> list[tuple[int, int, list[str]]]:
    """Where the stored blob of each record's block lies in the cache file, with a
    question that reads that record: (start, length, question)."""
    data = path.read_bytes()
    regions = []
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        for record_id, stored in db.execute(
            "SELECT id, (SELECT data FROM packs WHERE block = records.rowid >> 4) FROM records"
        ):
            question = ["show", "--format", "jsonl", record_id]
            start = data.find(stored)
            if start != -1 and data.find(stored, start + 1) == -1:  # whole on one page
                regions.append((start, len(stored), question))
    return regions


def _records_gone_bad(tmp_path: Path, count: int, seed: int) -> None:
    base = tmp_path / "facts.toml"
    base.write_bytes(ARTICLE.read_bytes())
    ask(base, "sources")
    path = Path(cache_name(os.environ["BILATERAL_CACHE_DIR"], str(base)))
    pristine = path.read_bytes()
    regions = _stored_regions(path)
    assert len(regions) > 100, "most records lie whole on a page"
    expected: dict[tuple[str, ...], Answer] = {}
    rng = random.Random(seed)
    for _ in range(count):
        damaged = bytearray(pristine)
        start, length, question = rng.choice(regions)
        for _flip in range(rng.randint(1, 3)):
            where = start + rng.randrange(length)
            damaged[where] ^= rng.randrange(1, 256)
        path.write_bytes(bytes(damaged))
        key = tuple(question)
        if key not in expected:
            expected[key] = ask(base, "--no-cache", *question)
        assert ask(base, *question) == expected[key], question
        assert path.read_bytes() != bytes(damaged), "the damaged file was replaced"


@pytest.mark.slow
def test_bytes_gone_bad_in_stored_records_are_never_shown(tmp_path: Path) -> None:
    _records_gone_bad(tmp_path, 8, seed=3)


@pytest.mark.slow
def test_many_bytes_gone_bad_in_stored_records_are_never_shown(tmp_path: Path) -> None:
    _records_gone_bad(tmp_path, FUZZ_INPUTS // 2, seed=4)


# Arguments and environment ----------------------------------------------------------------

ODD = [  # no line breaks: see test_reliability.py, test_a_path_with_a_line_break_is_one_line_...
    b"",
    b"-",
    b"--",
    b"\xff",
    b"\xff\xfe\xfd",
    b"caf\xe9",
    "Azərbaycan".encode(),
    b"\x1b[2J",
    "\u202etxet".encode(),
    b"0",
    b"-1",
    b"99999999999999999999999999",
    b"1e400",
    b"nan",
    b"x" * 20_000,  # name matching is quadratic: 130,000 characters take 3 s
    "ə".encode() * 10_000,
    b"%s%n%x",
    b"'\"\\",
    b"tab\there",
    b"*",
    b"AZ-PK-RU",
    b"az_pk",
    b"all",
]
GOOD = {
    b"--status": [b"signed", b"agreed", b"possible"],
    b"--country": [b"AZ", b"pk", b"Azerbaijan", b"RU"],
    b"--pair": [b"all", b"AZ-PK", b"pk-az"],
    b"--year": [b"2003", b"2004", b"1800", b"2200"],
    b"--flow": [b"export", b"import", b"total"],
    b"--reporter": [b"AZ", b"PK"],
    b"--place": [b"Baku", b"Islamabad"],
    b"--limit": [b"1", b"10", b"1000"],
    b"--format": [b"table", b"json", b"jsonl", b"csv", b"tsv"],
}
FLAGS = [b"--json", b"--current", b"--former", b"--help"]
OPTIONS_OF = {
    b"areas": [b"--status", b"--country", b"--pair"],
    b"officials": [b"--country", b"--pair", b"--current", b"--former"],
    b"trade": [b"--year", b"--flow", b"--reporter", b"--pair"],
    b"events": [b"--year", b"--place", b"--pair"],
    b"show": [],
    b"search": [b"--limit"],
    b"sources": [],
}
WORDS = [b"Baku", b"Musharraf", b"defence", b"minister", b"oil", b"AZ", b"Rushaylo"]


def random_argv(rng: random.Random, base: Path) -> list[bytes]:
    """A command line: mostly sensible, with odd values, unknown options and stray words."""
    argv: list[bytes] = []
    if rng.random() < 0.9:
        argv += [b"--facts", os.fsencode(base)]
    else:
        empty = os.fsencode(base.parent / "empty")  # a directory with no *.toml file
        argv += [b"--facts", rng.choice([b"/nonexistent/\xff.toml", b"/dev/null", empty])]
    if rng.random() < 0.3:
        argv.append(b"--no-cache")
    if rng.random() < 0.05:
        argv.append(rng.choice([b"--version", b"--help", b"--bogus"]))
    command = rng.choice([*OPTIONS_OF, b"check", b""])
    if command:
        argv.append(command)
    if command in (b"show", b"search"):
        argv += [rng.choice(WORDS + ODD) for _ in range(rng.randint(1, 3))]
    for _ in range(rng.randint(0, 3)):
        roll = rng.random()
        if roll < 0.6 and command in OPTIONS_OF:
            name = rng.choice([*OPTIONS_OF[command], b"--format"])
            if name in GOOD:
                values = GOOD[name] + ODD if rng.random() < 0.4 else GOOD[name]
                argv += [name, rng.choice(values)]
            else:
                argv.append(name)
        elif roll < 0.8:
            argv.append(rng.choice(FLAGS))
        else:
            argv.append(rng.choice(ODD))
    return argv


class Places:
    """Cache directories of every sort a user might set, made once per test."""

    def __init__(self, tmp_path: Path) -> None:
        (tmp_path / "empty").mkdir()
        blocker = tmp_path / "a-file"
        blocker.write_text("not a directory")
        shared = tmp_path / "shared"
        shared.mkdir()
        shared.chmod(0o1777)
        self.caches = [
            str(tmp_path / "cache"),
            str(tmp_path / "cache#1?mode=rwc%41"),
            os.fsdecode(os.fsencode(tmp_path) + b"/cache-\xff"),
            str(blocker / "cache"),
            str(shared),
            str(tmp_path / ("d" * 300)),
            "relative-cache",  # each run's working directory is a temporary one
        ]


PAGERS = ["cat", "", "tee /dev/null", "no-such-pager-at-all", "'unbalanced"]
"""Pagers that never wait for a key: a long answer at a terminal goes through one."""


def random_environment(rng: random.Random, places: Places) -> dict[str, str | None]:
    """Changes to the environment: None removes a variable."""
    changes: dict[str, str | None] = dict.fromkeys(
        ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "CLICOLOR", "TERM", "PAGER")
    )
    changes["BILATERAL_PAGER"] = rng.choice(PAGERS)
    if rng.random() < 0.5:
        changes["COLUMNS"] = rng.choice(["0", "1", "5", "100000", "-1", "abc", "9" * 40])
    if rng.random() < 0.2:
        changes["LINES"] = rng.choice(["0", "1", "100000"])
    if rng.random() < 0.3:
        changes["NO_COLOR"] = "1"
    if rng.random() < 0.1:
        changes["FORCE_COLOR"] = "1"
    if rng.random() < 0.2:
        changes["TERM"] = rng.choice(["dumb", "xterm", "vt100", ""])
    if rng.random() < 0.4:
        changes["BILATERAL_CACHE_DIR"] = rng.choice(places.caches)
    return changes


def _arguments_in_process(tmp_path: Path, count: int, seed: int) -> Counter[int]:
    """Run from tmp_path, where a relative cache directory lands."""
    base = tmp_path / "facts.toml"
    base.write_bytes(ARTICLE.read_bytes())
    places = Places(tmp_path)
    rng = random.Random(seed)
    codes: Counter[int] = Counter()
    runner = CliRunner()
    previous = os.getcwd()
    os.chdir(tmp_path)
    try:
        for _ in range(count):
            argv = [os.fsdecode(arg) for arg in random_argv(rng, base)]
            result = runner.invoke(cli, argv, env=random_environment(rng, places))
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                raise AssertionError(argv[:6]) from result.exception
            assert_documented(result.exit_code, result.stdout, result.stderr)
            codes[result.exit_code] += 1
    finally:
        os.chdir(previous)
    return codes


@pytest.mark.slow
def test_odd_arguments_and_environments_get_documented_answers(tmp_path: Path) -> None:
    codes = _arguments_in_process(tmp_path, 40, seed=11)
    assert all(codes[code] for code in (0, 1, 2)), codes


@pytest.mark.slow
def test_many_odd_arguments_and_environments_get_documented_answers(tmp_path: Path) -> None:
    codes = _arguments_in_process(tmp_path, FUZZ_INPUTS, seed=12)
    assert all(codes[code] for code in (0, 1, 2)), codes


# Whole processes: encodings and streams ----------------------------------------------------

STREAMS = ["pipe", "closed", "full", "terminal 0x0", "terminal 24x80", "terminal 24x1"]
NOT_UTF8 = ["ascii", "latin-1", "cp1252"]


def run_process(
    argv: list[bytes], environment: dict[str, str], stdout: str, stdin_closed: bool, cwd: Path
) -> tuple[int, str, str]:
    """`python -m bilateral ARGV` (the checkout's, from any directory) with stdout a pipe,
    closed, /dev/full or a terminal of the size given, and stderr a pipe: (exit code,
    what stdout showed, stderr)."""
    environment = dict(environment, PYTHONPATH=str(ROOT))
    command: list[str | bytes] = [sys.executable, "-m", "bilateral", *argv]
    redirections = (" >&-" if stdout == "closed" else "") + (" <&-" if stdin_closed else "")
    if redirections:
        command = ["sh", "-c", f'exec "$@"{redirections}', "sh", *command]
    if stdout.startswith("terminal"):
        return _on_terminal(command, environment, stdout, cwd)
    target: int | None = subprocess.PIPE if stdout == "pipe" else None
    with contextlib.ExitStack() as stack:
        if stdout == "full":
            target = stack.enter_context(open("/dev/full", "wb")).fileno()
        result = subprocess.run(
            command, stdout=target, stderr=subprocess.PIPE, env=environment, cwd=cwd,
            timeout=120, check=False,
        )  # fmt: skip
    shown = result.stdout.decode("utf-8", "replace") if result.stdout else ""
    return result.returncode, shown, result.stderr.decode("utf-8", "replace")


def _on_terminal(
    command: list[str | bytes], environment: dict[str, str], size: str, cwd: Path
) -> tuple[int, str, str]:
    rows, columns = (int(n) for n in size.split()[1].split("x"))
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        command, stdout=follower, stderr=subprocess.PIPE, env=environment, cwd=cwd
    )
    os.close(follower)
    chunks: list[bytes] = []

    def drain() -> None:
        with contextlib.suppress(OSError):
            while data := os.read(leader, 65536):
                chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    _, stderr = process.communicate(timeout=120)
    reader.join(timeout=60)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8", "replace")
    return process.returncode, shown, stderr.decode("utf-8", "replace")


def _processes(tmp_path: Path, count: int, seed: int) -> Counter[str]:
    base = tmp_path / "facts.toml"
    base.write_bytes(ARTICLE.read_bytes())
    places = Places(tmp_path)
    rng = random.Random(seed)
    seen: Counter[str] = Counter()
    for attempt in range(count):
        argv = random_argv(rng, base)
        changes = random_environment(rng, places)
        environment = {k: v for k, v in os.environ.items() if k not in changes}
        environment |= {k: v for k, v in changes.items() if v is not None}
        encoding = rng.choice([None, None, "utf-8", *NOT_UTF8])
        if encoding:
            environment["PYTHONIOENCODING"] = encoding
        stdout = STREAMS[attempt % len(STREAMS)] if attempt < len(STREAMS) else rng.choice(STREAMS)
        stdin_closed = rng.random() < 0.2
        code, shown, stderr = run_process(argv, environment, stdout, stdin_closed, tmp_path)
        context = (argv[:6], stdout, encoding, code, stderr[-500:])
        assert_documented(code, shown if stdout != "closed" else "", stderr)
        assert "Traceback" not in shown, context
        if stdout == "closed":
            assert code == 3, context
        if code == 3:
            assert stdout in ("closed", "full") or encoding in NOT_UTF8, context
            assert stdout != "pipe" or shown == "", context
        seen[f"{stdout} exit {code}"] += 1
    return seen


@pytest.mark.slow
def test_closed_full_and_terminal_outputs_get_documented_answers(tmp_path: Path) -> None:
    seen = _processes(tmp_path, len(STREAMS) + 2, seed=5)
    assert {key.split(" exit")[0] for key in seen} == set(STREAMS), seen


@pytest.mark.slow
def test_many_processes_with_odd_streams_get_documented_answers(tmp_path: Path) -> None:
    seen = _processes(tmp_path, FUZZ_INPUTS // 10, seed=6)
    assert any(key.endswith("exit 3") for key in seen), seen


# Found by fuzzing ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["{}", "[1]"])
@pytest.mark.parametrize("command", [["check"], ["trade"]], ids=["check", "query"])
def test_a_schema_version_of_the_wrong_type_is_a_problem(
    tmp_path: Path, value: str, command: list[str]
) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    start = text.index("schema_version = ")
    end = text.index("\n", start)
    base = tmp_path / "facts.toml"
    base.write_text(f"{text[:start]}schema_version = {value}{text[end:]}", encoding="utf-8")
    argv = ["check", str(base)] if command == ["check"] else ["--facts", str(base), "trade"]
    result = CliRunner().invoke(cli, argv)
    assert not isinstance(result.exception, TypeError), result.exception
    if command == ["check"]:
        assert result.exit_code == 1
        assert f"schema_version: is {value}; this bilateral reads" in result.stderr
        assert result.stderr.endswith(": 1 problem(s) found\n")
    else:
        assert_documented(result.exit_code, result.stdout, result.stderr)
