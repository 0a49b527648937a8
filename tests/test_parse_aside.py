"""A large one-file base's blocks parsed by a second process (schema/parse_aside.py): the
same records and store as parsed here, whatever the worker does, and no worker left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli

from benchmarks.generate import generate
from bilateral.collector import collector
from bilateral.errors import FactBaseUnreadable
from bilateral.kinds.base import SCHEMA_VERSION
from bilateral.schema import blocks, parse_aside
from bilateral.schema.blocks import parse_in_blocks
from bilateral.schema.parse_aside import Aside
from bilateral.schema.reading import parse_toml
from bilateral.store.building import in_memory, read_and_check
from bilateral.store.cuts import TABLES
from tests.conftest import ARTICLE, MINIMAL, SHIPPED


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "base.toml"
    path.write_text(generate(2000), encoding="utf-8")
    return path


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[subprocess.Popen[bytes]]]:
    """Small blocks, a worker for any file of 64 records or more, and each worker started kept
    here; at the end, every one has been waited for."""
    monkeypatch.setattr(blocks, "BLOCK", 32)
    monkeypatch.setattr(parse_aside, "MANY", 64)
    started: list[subprocess.Popen[bytes]] = []
    start = Aside._started

    def kept(self: Aside) -> bool:
        done = start(self)
        if self.process is not None:
            started.append(self.process)
        return done

    monkeypatch.setattr(Aside, "_started", kept)
    yield started
    assert all(process.returncode is not None for process in started), "a worker left running"


def store(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(time, "time_ns", lambda: 0)  # the build's time, in its record
    with collector(enabled=False):
        return list(in_memory(read_and_check(str(path))).iterdump())


def parsed_here(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    with monkeypatch.context() as patch:
        patch.setattr(parse_aside, "MANY", 10**9)
        return store(path, monkeypatch)


def watched_answers(
    monkeypatch: pytest.MonkeyPatch, before: Callable[[Aside, int], None] | None = None
) -> list[Any]:
    """Every answer the worker is asked for, kept as it comes (None: parsed here); `before`
    is told of each ask, with how many there have been, before it is made."""
    answers: list[Any] = []
    answer = Aside._answer

    def watched(self: Aside, count: int) -> Any:
        if before is not None:
            before(self, len(answers) + 1)
        answers.append(answer(self, count))
        return answers[-1]

    monkeypatch.setattr(Aside, "_answer", watched)
    return answers


def test_the_worker_builds_the_store_built_here(
    base: Path, workers: list[subprocess.Popen[bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = watched_answers(monkeypatch)
    assert store(base, monkeypatch) == parsed_here(base, monkeypatch)
    assert len(workers) == 1
    assert sum(records is not None for records in answers) > 20, "most parsed by the worker"


def test_the_workers_records_are_tomlis_exactly(workers: list[subprocess.Popen[bytes]]) -> None:
    values = (
        "when = 2004-07-28T10:11:12.5+05:00\nday = 2004-07-28\nat = 10:11:12\n"
        "local = 2004-07-28T10:11:12\nutc = 2004-07-28T10:11:12Z\n"
        "x = nan\ny = -inf\nz = -0.0\nbig = 9223372036854775807\nyes = true\none = 1\n"
        "nested = {a = [1, 'b', {c = 2004-01-01}], d = 'AZ-PK'}\n"
    )
    text = "schema_version = 3\n" + "".join(
        f"\n[[events]]\nid = 'e-{number}'\npair = 'AZ-PK'\n{values}" for number in range(200)
    )
    with Aside() as aside:
        found = parse_in_blocks(text.encode(), TABLES, SCHEMA_VERSION, aside)
        assert found is not None
        events = list(found[0]["events"])
    assert len(workers) == 1
    assert repr(events) == repr(tomli.loads(text)["events"])
    assert len({id(event["pair"]) for event in events[:32]}) == 1, "short strings kept once"


@pytest.mark.parametrize(
    "program",
    [
        "import sys; sys.exit(3)",  # tomli or bilateral not importable there
        "import sys, time; sys.stdin.buffer.read(1); sys.stdout.buffer.write(b'\\xff' * 64);"
        " sys.stdout.flush(); time.sleep(60)",  # answers what was not asked
        "import os, pickle, struct, sys; sys.stdin.buffer.read(1); p = pickle.dumps(os.system);"
        " sys.stdout.buffer.write(struct.pack('<BI', 0, len(p)) + p); sys.stdout.flush();"
        " sys.stdin.buffer.read()",  # a pickle of something else than parsed TOML
        "import pickle, struct, sys; sys.stdin.buffer.read(1); p = pickle.dumps([]);"
        " sys.stdout.buffer.write(struct.pack('<BI', 0, len(p)) + p); sys.stdout.flush();"
        " sys.stdin.buffer.read()",  # another count of records
        "import time; time.sleep(60)",  # stuck
    ],
)
def test_a_worker_that_fails_leaves_the_blocks_parsed_here(
    base: Path,
    workers: list[subprocess.Popen[bytes]],
    monkeypatch: pytest.MonkeyPatch,
    program: str,
) -> None:
    monkeypatch.setattr(parse_aside, "PROGRAM", program.replace("{", "{{").replace("}", "}}"))
    monkeypatch.setattr(parse_aside, "PATIENCE", 0.5)
    assert store(base, monkeypatch) == parsed_here(base, monkeypatch)
    assert len(workers) == 1


@pytest.mark.parametrize("executable", ["", "/nonexistent/python3"])
def test_a_worker_that_cannot_start_leaves_the_blocks_parsed_here(
    base: Path,
    workers: list[subprocess.Popen[bytes]],
    monkeypatch: pytest.MonkeyPatch,
    executable: str,
) -> None:
    expected = parsed_here(base, monkeypatch)
    monkeypatch.setattr(sys, "executable", executable)
    assert store(base, monkeypatch) == expected
    assert workers == []


def test_a_worker_killed_part_way_leaves_the_rest_parsed_here(
    base: Path, workers: list[subprocess.Popen[bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def killing(aside: Aside, asked: int) -> None:
        if asked == 5 and aside.process is not None:
            os.kill(aside.process.pid, signal.SIGKILL)

    answers = watched_answers(monkeypatch, killing)
    assert store(base, monkeypatch) == parsed_here(base, monkeypatch)
    assert workers[0].returncode == -signal.SIGKILL
    assert 5 <= len(answers) < 20, "the blocks after it were parsed here"


def test_an_interrupted_build_leaves_no_worker(
    base: Path, workers: list[subprocess.Popen[bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(aside: Aside, asked: int) -> None:
        if asked == 3:
            raise KeyboardInterrupt

    watched_answers(monkeypatch, interrupted)
    with pytest.raises(KeyboardInterrupt):
        read_and_check(str(base))
    assert len(workers) == 1
    with pytest.raises(ProcessLookupError):
        os.kill(workers[0].pid, 0)


def test_a_block_the_worker_cannot_parse_reads_as_the_whole_parse_words_it(
    tmp_path: Path, workers: list[subprocess.Popen[bytes]]
) -> None:
    text = generate(2000)
    position = text.index("\n[[events]]", len(text) // 2)
    path = tmp_path / "base.toml"
    path.write_text(text[:position] + "\n[[events]]\nid = 'a'\nid = 'b'\n" + text[position:])
    with pytest.raises(FactBaseUnreadable) as whole_parse:
        parse_toml(str(path), path.read_text(encoding="utf-8"))
    with pytest.raises(FactBaseUnreadable) as built:
        read_and_check(str(path))
    assert str(built.value) == str(whole_parse.value)
    assert len(workers) == 1


@pytest.mark.parametrize("path", [SHIPPED, MINIMAL, ARTICLE, "generated"])
def test_small_bases_are_parsed_here(
    path: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if path == "generated":
        path = tmp_path / "base.toml"
        path.write_text(generate(4000), encoding="utf-8")

    def refused(self: Aside) -> bool:
        raise AssertionError("a worker started for a small base")

    monkeypatch.setattr(Aside, "_started", refused)
    read_and_check(str(path))


def test_a_base_of_many_records_is_parsed_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "base.toml"
    path.write_text(generate(parse_aside.MANY * 5 // 4), encoding="utf-8")  # about 8,700 tables
    started = []

    def counted(self: Aside) -> bool:
        started.append(self)
        return False

    monkeypatch.setattr(Aside, "_started", counted)
    read_and_check(str(path))
    assert len(started) == 1


class _Touches:
    """A pickle that, loaded by a plain unpickler, would create a file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.path), "w"))


def test_an_answer_naming_anything_but_dates_is_refused_unloaded(tmp_path: Path) -> None:
    import pickle

    marker = tmp_path / "touched"
    payload = pickle.dumps([{"id": "e-1", "x": _Touches(marker)}])
    with pytest.raises(pickle.UnpicklingError):
        parse_aside._unpickled(payload)
    assert not marker.exists()


def test_a_second_table_asked_while_the_first_is_served_is_parsed_here(
    workers: list[subprocess.Popen[bytes]],
) -> None:
    text = (
        "schema_version = 3\n"
        + "".join(f"\n[[events]]\nid = 'e-{number}'\npair = 'AZ-PK'\n" for number in range(200))
        + "".join(
            f"\n[[people]]\nid = 'p-{number}'\nname = 'P {number}'\n" for number in range(200)
        )
    )
    with Aside() as aside:
        found = parse_in_blocks(text.encode(), TABLES, SCHEMA_VERSION, aside)
        assert found is not None
        events, people = iter(found[0]["events"]), iter(found[0]["people"])
        first = [next(events) for _ in range(40)]  # blocks of the events still asked
        every_person = list(people)
        rest = list(events)
    assert len(workers) == 1
    assert [event["id"] for event in first + rest] == [f"e-{n}" for n in range(200)]
    assert [person["id"] for person in every_person] == [f"p-{n}" for n in range(200)]
