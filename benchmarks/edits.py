"""Edits answered fast: the first answer after one value changes, on the shipped base and on
a 100,000-record base kept in 100 files (issue 13)."""

from __future__ import annotations

import itertools
import re
import statistics
import tempfile
from pathlib import Path

from benchmarks.runners import BILATERAL, fresh_env, run_once

TOP_LEVEL_HEADER = re.compile(r"^\[\[[a-z_]+\]\]$", re.MULTILINE)


def split_into_files(base: Path, into: Path, files: int) -> list[Path]:
    """The base cut at top-level records into about `files` parts of equal size; the first
    part keeps the title, pair and date."""
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
        path.write_text("schema_version = 3\n\n" + body[begin:end], encoding="utf-8")
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
        command = [*BILATERAL, "--facts", str(target), "trade", "--pair", "all", "--json"]
        run_once(command, env)
        for number in range(runs):
            _edit_once(edited, number + 1)
            elapsed, _, status = run_once(command, env)
            if status not in (0, 1):
                raise SystemExit(f"answer after an edit failed ({status})")
            times.append(elapsed)
    return statistics.median(times)


def edit_rows(shipped: Path, large: Path, runs: int) -> list[list[str]]:
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "facts.toml"
        copy.write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
        baseline = first_answer_after_edit(copy, copy, runs)
        parts = split_into_files(large, Path(work) / "parts", 100)
        many = first_answer_after_edit(Path(work) / "parts", parts[len(parts) // 2], runs)
    ratio = many / baseline
    return [
        [
            f"{large.stem} in {len(parts)} files: first answer after one value changed",
            "the same on the shipped base",
            f"{baseline:.0f}",
            f"{many:.0f}",
            f"{ratio:.2f}",
            "<= 3",
            "met" if ratio <= 3 else "MISSED",
        ]
    ]
