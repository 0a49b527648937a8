"""Edits answered fast: the first answer after one value changes, on the shipped base and on
a 100,000-record base kept in one file, in 100 files (with the base's own keys in the first
file only, or repeated in each, as `check` accepts both), and in 1,000 small files, whose
cold start is measured too (issues 13 and 24)."""

from __future__ import annotations

import itertools
import re
import statistics
import tempfile
from pathlib import Path

from benchmarks.runners import BILATERAL, fresh_env, run_once

QUESTION = ("trade", "--pair", "AZ-PK", "--json")
"""A question of about the same size on every base (tens of figures): the time after an edit is
the edit's, not that of a larger answer."""
TOP_LEVEL_HEADER = re.compile(r"^\[\[[a-z_]+\]\]$", re.MULTILINE)


def split_into_files(base: Path, into: Path, files: int, repeat: bool = False) -> list[Path]:
    """The base cut at top-level records into about `files` parts of equal size; the first
    part keeps the title, pair and date, which every part repeats with `repeat`."""
    text = base.read_text(encoding="utf-8")
    starts = [m.start() for m in TOP_LEVEL_HEADER.finditer(text)]
    head, body = text[: starts[0]], text[starts[0] :]
    offsets = [s - starts[0] for s in starts]
    step = max(1, len(offsets) // (files - 1))
    cuts = [*offsets[::step], len(body)]
    into.mkdir(parents=True, exist_ok=True)
    written = [into / "000-base.toml"]
    written[0].write_text(head, encoding="utf-8")
    for number, (begin, end) in enumerate(itertools.pairwise(cuts), start=1):
        path = into / f"{number:03d}.toml"
        first = head if repeat else "schema_version = 3\n\n"
        path.write_text(first + body[begin:end], encoding="utf-8")
        written.append(path)
    return written


def _edit_once(path: Path, number: int) -> None:
    """Change one figure in the file, a different one each time, keeping the file valid."""
    text = path.read_text(encoding="utf-8")
    edited, count = re.subn(
        r"low = (\d+)", lambda m: f"low = {int(m[1]) % 1000 + number}", text, count=1
    )
    if not count:
        edited = text + f"\n# edit {number}\n"
    path.write_text(edited, encoding="utf-8")


def first_answer_after_edit(target: Path, edited: Path, runs: int) -> float:
    """Median ms of the first answer after each of `runs` edits to one file of the base."""
    times = []
    with tempfile.TemporaryDirectory() as cache:
        env = fresh_env(cache)
        command = [*BILATERAL, "--facts", str(target), *QUESTION]
        run_once(command, env)
        for number in range(runs):
            _edit_once(edited, number + 1)
            elapsed, _, status = run_once(command, env)
            if status not in (0, 1):
                raise SystemExit(f"answer after an edit failed ({status})")
            times.append(elapsed)
    return statistics.median(times)


def cold_first_answer(target: Path, runs: int) -> tuple[float, float]:
    """Median ms and the largest peak MiB of the first answer with an empty cache."""
    times, peaks = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            command = [*BILATERAL, "--facts", str(target), *QUESTION]
            elapsed, peak, _ = run_once(command, fresh_env(cache))
            times.append(elapsed)
            peaks.append(peak)
    return statistics.median(times), max(peaks)


def edit_rows(shipped: Path, large: Path, runs: int, parse_ms: float) -> list[list[str]]:
    """`parse_ms`: tomli's parse of `large` alone, measured by the caller in the same run."""
    slow = max(1, runs // 3)  # layouts where an edit rebuilds the whole store
    rows = []
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "facts.toml"
        copy.write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
        baseline = first_answer_after_edit(copy, copy, runs)
        one = Path(work) / "one.toml"
        one.write_text(large.read_text(encoding="utf-8"), encoding="utf-8")
        whole = first_answer_after_edit(one, one, slow)
        rows.append(_row(f"{large.stem} in one file", "tomli parse of the file", parse_ms,
                         whole, 1.5))  # fmt: skip
        for files, repeat, label in (
            (100, False, ""),
            (100, True, ", title, pair and as_of in each"),
            (1000, False, ""),
        ):
            into = Path(work) / f"parts-{files}-{repeat}"
            parts = split_into_files(large, into, files, repeat)
            if files == 1000:
                cold, peak = cold_first_answer(into, slow)
                rows.append(_cold_row(f"{large.stem} in {len(parts)} files", parse_ms, cold, peak))
            many = first_answer_after_edit(into, parts[len(parts) // 2], slow if repeat else runs)
            name = f"{large.stem} in {len(parts)} files{label}"
            rows.append(_row(name, "the same on the shipped base", baseline, many, 3))
    return rows


def _row(name: str, baseline_label: str, baseline: float, ms: float, target: float) -> list[str]:
    ratio = ms / baseline
    return [
        f"{name}: first answer after one value changed",
        baseline_label,
        f"{baseline:.0f}",
        f"{ms:.0f}",
        f"{ratio:.2f}",
        f"<= {target}",
        "met" if ratio <= target else "MISSED",
    ]


def _cold_row(name: str, parse_ms: float, cold: float, peak: float) -> list[str]:
    ratio = cold / parse_ms
    verdicts = ["met" if ratio <= 2 else "MISSED", "met" if peak <= 250 else "MISSED"]
    return [
        f"{name}: cold (first answer, empty cache), peak {peak:.0f} MiB",
        "tomli parse of the base as one file",
        f"{parse_ms:.0f}",
        f"{cold:.0f}",
        f"{ratio:.2f}",
        "<= 2, <= 250 MiB",
        ", ".join(verdicts),
    ]
