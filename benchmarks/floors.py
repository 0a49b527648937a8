"""What the two missed targets leave room for: the modules a table answer loads, imported
and nothing run, against `import click, rich`; and a cold build's read and write timed
apart, against tomli's parse of the same file timed in turn."""

from __future__ import annotations

import json
import statistics
import subprocess
from collections.abc import Sequence
from pathlib import Path

from benchmarks.runners import PYTHON, ROOT, parse_command, run_once

LOADED = """
import sys
from bilateral.cli import main
sys.argv = ["bilateral", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("loaded:", *sorted(m for m in sys.modules if not m.startswith("__")), file=sys.stderr)
"""


def imports_alone(answer: Sequence[str], env: dict[str, str]) -> list[str]:
    """`python -c "import ..."` of every module the answer loads that `import click, rich`
    does not: what the answer costs before it reads or draws anything."""
    for _ in range(2):  # the first may build the store for this copy of the code
        done = subprocess.run(
            [PYTHON, "-c", LOADED, *answer], env=env, capture_output=True, text=True,
            check=True, cwd=ROOT,
        )  # fmt: skip
    floor = subprocess.run(
        [PYTHON, "-c", "import click, rich, sys; print(' '.join(sys.modules))"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    loaded = done.stderr.splitlines()[-1].removeprefix("loaded: ").split()
    extra = sorted(set(loaded) - set(floor.stdout.split()))
    return [PYTHON, "-c", "import " + ", ".join(extra)]


PHASES = """
import json, os, sys, tempfile, time
from bilateral.collector import collector
from bilateral.store import building
facts = sys.argv[1]
start = time.perf_counter()
with collector(enabled=False):
    read = building.read_and_check(facts)
    checked = time.perf_counter()
    with tempfile.TemporaryDirectory() as directory:
        building._write_file(directory, os.path.join(directory, "store.sqlite3"), read)
        written = time.perf_counter()
ms = lambda a, b: (b - a) * 1000
print(json.dumps([ms(start, checked), ms(checked, written)]))
"""
"""The build's read and check, then its write into a file, as store/building.py's
build_cached does them for a base in one file, each timed apart in one process."""


def build_phases(base: Path, runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    """Median ms of tomli's parse (a process of its own) and the build's read and check and
    its write (timed in one process), the two processes in turn."""
    parse = parse_command(base)
    parses, phases = [], []
    for _ in range(runs):
        parses.append(run_once(parse, env)[0])
        done = subprocess.run(
            [PYTHON, "-c", PHASES, str(base)], env=env, capture_output=True, text=True,
            check=True, cwd=ROOT,
        )  # fmt: skip
        phases.append(json.loads(done.stdout))
    read, write = (statistics.median(phase) for phase in zip(*phases, strict=True))
    return statistics.median(parses), read, write


def phase_rows(label: str, phases: tuple[float, float, float]) -> list[list[str]]:
    """The read and the write against the parse: the write starts only once the whole base
    is read and checked (a record's compiled form needs the lookup of the whole base)."""
    parse, read, write = phases
    return [
        [
            f"{label}: a cold build's {what}, timed in one process",
            "tomli parse alone, in turn",
            f"{parse:.0f}",
            f"{ms:.0f}",
            f"{ms / parse:.2f}",
            "",
            "",
        ]
        for what, ms in (("read and check (parsed aside)", read), ("write (after the read)", write))
    ]
