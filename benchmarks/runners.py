"""Running a command in a fresh process and timing it: the runners every benchmark shares."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / ".data"
PYTHON = sys.executable
_SCRIPT = Path(PYTHON).parent / "bilateral"
BILATERAL = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "bilateral"]
"""The console script users run; `python -m bilateral` (runpy costs more) where it is absent."""
SIZES = (10_000, 100_000, 300_000)


class Timing(NamedTuple):
    median_ms: float
    peak_mib: float
    cpu_ms: float = 0.0
    """Median user plus system time: steadier than wall time on a shared machine."""


def run_once(command: Sequence[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time in ms, peak RSS in MiB and exit status of one fresh process."""
    elapsed, peak, status, _ = run_once_with_cpu(command, env)
    return elapsed, peak, status


def run_once_with_cpu(
    command: Sequence[str], env: dict[str, str]
) -> tuple[float, float, int, float]:
    """As run_once, and the CPU time (user plus system) in ms."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    return elapsed, usage.ru_maxrss / 1024, process.returncode, cpu


def measure(command: Sequence[str], env: dict[str, str], runs: int) -> Timing:
    times, peaks = [], []
    for _ in range(runs):
        elapsed, peak, status = run_once(command, env)
        if status not in (0, 1):
            raise SystemExit(f"benchmark command failed ({status}): {' '.join(command)}")
        times.append(elapsed)
        peaks.append(peak)
    return Timing(statistics.median(times), max(peaks))


def interleaved(
    commands: dict[str, Sequence[str]], env: dict[str, str], runs: int
) -> dict[str, Timing]:
    """Alternate the commands run by run, so load on the machine falls on all alike; each
    round starts one command further on, so each takes every place in a round as often
    (where a command stands in a round moves its time: the same command in both places of
    a round gave medians of 60 and 45 ms). A command that fails stops the benchmark, as in
    `measure`."""
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    order = list(commands.items())
    for round_number in range(runs):
        start = round_number % len(order)
        for name, command in order[start:] + order[:start]:
            elapsed, peak, status, cpu = run_once_with_cpu(command, env)
            if status not in (0, 1):
                raise SystemExit(f"benchmark command failed ({status}): {' '.join(command)}")
            samples[name].append((elapsed, peak, cpu))
    return {
        name: Timing(
            statistics.median(t for t, _, _ in s),
            max(p for _, p, _ in s),
            statistics.median(c for _, _, c in s),
        )
        for name, s in samples.items()
    }


def parse_command(base: Path) -> list[str]:
    """tomli's parse of a base, in a process of its own: the baseline of a cold build."""
    return [PYTHON, "-c", f"import tomli; tomli.load(open({str(base)!r}, 'rb'))"]


def fresh_env(cache: str) -> dict[str, str]:
    env = dict(os.environ, BILATERAL_CACHE_DIR=cache)
    for name in ("BILATERAL_FACTS", "FORCE_COLOR"):
        env.pop(name, None)
    return env
