"""Measure bilateral in whole-process runs and print one table, ratios against baselines
measured in the same run.

    python -m benchmarks.run                 # the full table (about ten minutes)
    python -m benchmarks.run --quick         # fewer runs and no 100,000-record base
    python -m benchmarks.run --write docs/performance.md
    python -m benchmarks.run --only startup  # the start-up rows alone (about a minute)

Every figure is a median over repeated runs of a fresh process. This machine is
shared and noisy: trust the ratios more than the milliseconds.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from benchmarks.edits import edit_rows
from benchmarks.floors import build_phases, imports_alone, phase_rows
from benchmarks.ranking import ranking_rows
from benchmarks.runners import (
    BILATERAL,
    DATA,
    PYTHON,
    ROOT,
    SIZES,
    Timing,
    fresh_env,
    interleaved,
    measure,
    parse_command,
    run_once,
)


class Question(NamedTuple):
    label: str
    args: tuple[str, ...]
    jq: str | None


def questions(base: Path, shipped: bool) -> list[Question]:
    """The same questions on every base; on the multiplied base, `show` asks for one copy's
    Musharraf by id (his name denotes one record in each copy)."""
    curated = shipped or base.stem.startswith("multiplied")
    if curated:
        person = "Pervez Musharraf" if shipped else "musharraf-pervez-x2"
    else:
        person = _first_person(base)
    year = "2003" if curated else "2005"
    event_year = "2004" if curated else "2005"
    return [
        Question(
            "trade --year",
            ("trade", "--pair", "AZ-PK", "--year", year, "--format", "json"),
            f'[.trade[] | select(.reporter+"-"+.partner == "AZ-PK" or '
            f'.reporter+"-"+.partner == "PK-AZ") | select(.year == {year})]',
        ),
        Question(
            "officials --country",
            ("officials", "--pair", "AZ-PK", "--country", "AZ", "--format", "json"),
            '[.people[] | select(.country == "AZ")]',
        ),
        Question(
            "events --year",
            ("events", "--pair", "AZ-PK", "--year", event_year, "--format", "json"),
            f'[.events[] | select((.pair // "AZ-PK") == "AZ-PK") | '
            f'select((.date|tostring|.[0:4]) == "{event_year}")]',
        ),
        Question("areas", ("areas", "--pair", "AZ-PK", "--format", "json"), None),
        Question(
            "show NAME",
            ("show", person, "--format", "json"),
            f'[.people[] | select(.name == "{person}")]',
        ),
        Question(
            "search",
            ("search", "--format", "json", "minister", "of", "defence"),
            '[.people[] | select(.roles[]?.title | test("defence"; "i"))]',
        ),
    ]


def _first_person(base: Path) -> str:
    """Read from the head of the file only: a large parent inflates its children's peak RSS."""
    with base.open(encoding="utf-8") as file:
        head = file.read(65536)
    match = re.search(r'\[\[people\]\]\nid = "[^"]+"\nname = "([^"]+)"', head)
    assert match is not None
    return match.group(1)


TO_JSON = (
    "import json, sys, tomli; "
    "json.dump(tomli.load(open(sys.argv[1], 'rb')), open(sys.argv[2], 'w'), default=str)"
)


def as_json(base: Path) -> Path:
    """The same facts as one JSON file, for jq, kept with the generated bases (never beside the
    shipped base, where a curator would take it for the base); converted in a child to keep
    this process small."""
    DATA.mkdir(parents=True, exist_ok=True)
    target = DATA / f"{base.stem}.json"
    if not target.exists() or target.stat().st_mtime < base.stat().st_mtime:
        subprocess.run([PYTHON, "-c", TO_JSON, str(base), str(target)], check=True)
    return target


def prepare_bases(sizes: Sequence[int], curated: int) -> dict[str, Path]:
    """Generated bases, written by a child process: peak memory is read per process, and
    a large parent would inflate what a forked child reports. Beside the noise generator's
    sizes, the shipped base multiplied to `curated` records, and the shipped base with
    other pairs' records added to as many (for search)."""
    DATA.mkdir(parents=True, exist_ok=True)
    bases = {"shipped": ROOT / "facts.toml"}
    for size in sizes:
        bases[f"{size:,}"] = _written(
            DATA / f"base-{size}.toml", ["benchmarks.generate", str(size)]
        )
    multiplied = DATA / f"multiplied-{curated}.toml"
    bases[f"multiplied {curated:,}"] = _written(multiplied, ["benchmarks.multiply", str(curated)])
    mixed = DATA / f"mixed-{curated}.toml"
    bases[f"mixed {curated:,}"] = _written(mixed, ["benchmarks.multiply", "--mixed", str(curated)])
    return bases


def _written(path: Path, module: list[str]) -> Path:
    with path.open("w", encoding="utf-8") as file:
        subprocess.run([PYTHON, "-m", *module], stdout=file, check=True, cwd=ROOT)
    return path


def startup_rows(runs: int) -> list[list[str]]:
    with tempfile.TemporaryDirectory() as cache:
        env = fresh_env(cache)
        run_once([*BILATERAL, "trade"], env)
        table_env = dict(env, FORCE_COLOR="1", COLUMNS="100")
        json_results = interleaved(
            {
                "floor": [PYTHON, "-c", "import click"],
                "answer": [*BILATERAL, "trade", "--format", "json"],
            },
            env,
            runs,
        )
        table = ["officials", "--format", "table"]
        table_results = interleaved(
            {
                "floor": [PYTHON, "-c", "import click, rich"],
                "floor with tables": [PYTHON, "-c", "import click, rich.console, rich.table"],
                "answer": [*BILATERAL, *table],
                "its imports alone": imports_alone(table, table_env),
                "the json row's answer": [*BILATERAL, "trade", "--format", "table"],
            },
            table_env,
            runs,
        )
    rows = []
    for label, floor_label, floor, answer in (
        ("trade --format json", "python -c 'import click'", json_results["floor"],
         json_results["answer"]),
        ("officials --format table", "python -c 'import click, rich'", table_results["floor"],
         table_results["answer"]),
        ("officials --format table", "... 'import click, rich.console, rich.table'",
         table_results["floor with tables"], table_results["answer"]),
        ("trade --format table (the JSON row's answer, as a table)",
         "python -c 'import click, rich'", table_results["floor"],
         table_results["the json row's answer"]),
        ("the modules officials --format table loads, imported and nothing run",
         "python -c 'import click, rich'", table_results["floor"],
         table_results["its imports alone"]),
    ):  # fmt: skip
        ratio = answer.median_ms / floor.median_ms
        cpu_ratio = answer.cpu_ms / floor.cpu_ms
        rows.append(
            [
                f"start-up: {label}",
                floor_label,
                f"{floor.median_ms:.0f} (CPU {floor.cpu_ms:.0f})",
                f"{answer.median_ms:.0f} (CPU {answer.cpu_ms:.0f})",
                f"{ratio:.2f} (CPU {cpu_ratio:.2f})",
                "<= 1.15",
                "met" if ratio <= 1.15 else "MISSED",
            ]
        )
    return rows


TARGETED = ("100,000", "300,000", "multiplied 100,000")
"""The bases the targets apply to (issue 24)."""


def size_rows(
    bases: dict[str, Path], runs: int, cold_runs: int, parses: dict[str, float]
) -> list[list[str]]:
    """Cold and warm rows for every base; `parses` gets tomli's parse time of each. A warm
    question on a larger base is timed in turn with the same question on the shipped base,
    so a change of the machine's pace falls on both."""
    rows: list[list[str]] = []
    shipped_questions: dict[str, list[str]] = {}
    jq = shutil.which("jq")
    for label, base in bases.items():
        if label.startswith("mixed"):
            continue
        shipped = label == "shipped"
        huge = base.stat().st_size > 40_000_000  # 300,000 records: fewer runs, no jq
        json_base = as_json(base) if jq and not huge else None
        with tempfile.TemporaryDirectory() as cache:
            env = fresh_env(cache)
            cold, parse, cache_mb = _cold(base, 1 if huge else cold_runs)
            rows.append(_cold_row(label, base, cold, parse, cache_mb, parses))
            for question in questions(base, shipped):
                command = [*BILATERAL, "--facts", str(base), *question.args]
                if shipped:
                    shipped_questions[question.label] = command
                same = shipped_questions[question.label]
                run_once(command, env)
                run_once(same, env)
                timed = interleaved(
                    {"base": command, "shipped": same}, env, max(3, runs // 3) if huge else runs
                )
                jq_ms = None
                if jq and json_base and question.jq:
                    jq_ms = measure([jq, question.jq, str(json_base)], env, max(3, runs // 3))
                baseline = timed["shipped"].median_ms
                rows.append(_warm_row(label, question, timed["base"], baseline, jq_ms, shipped))
    return rows


def _cold(base: Path, runs: int) -> tuple[Timing, Timing, float]:
    """The first answer with an empty cache, tomli's parse of the base, each run in turn with
    the other (the parse first every other time), and the size of the cache the answer
    leaves, in MB."""
    times, peaks, parses, size = [], [], [], 0
    parse = parse_command(base)
    for number in range(runs):
        if number % 2:
            parses.append(run_once(parse, os.environ.copy())[0])
        with tempfile.TemporaryDirectory() as cache:
            command = [*BILATERAL, "--facts", str(base), "trade", "--pair", "AZ-PK", "--json"]
            elapsed, peak, _ = run_once(command, fresh_env(cache))
            times.append(elapsed)
            peaks.append(peak)
            size = sum(f.stat().st_size for f in Path(cache).rglob("*") if f.is_file())
        if not number % 2:
            parses.append(run_once(parse, os.environ.copy())[0])
    cold = Timing(statistics.median(times), max(peaks))
    return cold, Timing(statistics.median(parses), 0.0), size / 1e6


def _cold_row(
    label: str, base: Path, cold: Timing, parse: Timing, cache_mb: float, parses: dict[str, float]
) -> list[str]:
    parses[label] = parse.median_ms
    ratio = cold.median_ms / parse.median_ms
    toml_mb = base.stat().st_size / 1e6
    big = label in TARGETED
    verdicts = [
        "met" if ratio <= 2 else "MISSED",
        "met" if cold.peak_mib <= 250 else "MISSED",
        "met" if cache_mb <= 2 * toml_mb else "MISSED",
    ]
    return [
        f"{label}: cold (first run after a change), peak {cold.peak_mib:.0f} MiB, "
        f"cache {cache_mb:.1f} MB for {toml_mb:.1f} MB of TOML",
        "tomli parse alone",
        f"{parse.median_ms:.0f}",
        f"{cold.median_ms:.0f}",
        f"{ratio:.2f} (cache {cache_mb / toml_mb:.1f}x)",
        "<= 2, <= 250 MiB, cache <= 2x" if big else "",
        ", ".join(verdicts) if big else "",
    ]


def _warm_row(
    label: str,
    question: Question,
    warm: Timing,
    baseline_ms: float,
    jq_ms: Timing | None,
    shipped: bool,
) -> list[str]:
    big = label in TARGETED
    ratio = warm.median_ms / baseline_ms
    verdicts = []
    if big:
        verdicts.append("met" if ratio <= 1.5 else "MISSED")
        verdicts.append("met" if warm.peak_mib <= 80 else "MISSED")
        if jq_ms is not None:
            verdicts.append("met" if warm.median_ms < jq_ms.median_ms else "MISSED")
    jq_text = f"jq {jq_ms.median_ms:.0f}" if jq_ms else ""
    return [
        f"{label}: {question.label} (warm), peak {warm.peak_mib:.0f} MiB",
        (
            "the same command again, in turn: the machine's noise"
            if shipped
            else "same question on the shipped base"
        )
        + (f"; {jq_text} ms" if jq_text else ""),
        f"{baseline_ms:.0f}",
        f"{warm.median_ms:.0f}",
        f"{ratio:.2f}",
        "<= 1.5, <= 80 MiB, < jq" if big else "",
        ", ".join(verdicts),
    ]


def streaming_rows(base: Path) -> list[list[str]]:
    """Large answers: time to the first row and rows a second, TSV and JSON Lines."""
    rows = []
    with tempfile.TemporaryDirectory() as cache:
        env = fresh_env(cache)
        run_once([*BILATERAL, "--facts", str(base), "trade", "--pair", "all"], env)
        for fmt in ("tsv", "jsonl"):
            command = [*BILATERAL, "--facts", str(base), "events", "--pair", "all", "--format", fmt]
            firsts, totals, count = [], [], 0
            for _ in range(3):
                start = time.perf_counter()
                process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env)
                assert process.stdout is not None
                process.stdout.readline()
                firsts.append((time.perf_counter() - start) * 1000)
                count = 1 + sum(1 for _ in process.stdout)
                process.wait()
                totals.append((time.perf_counter() - start) * 1000)
            total = statistics.median(totals)
            first = statistics.median(firsts)
            rate = (count - 1) / ((total - first) / 1000)
            rows.append(
                [
                    f"{base.stem}: events --pair all --format {fmt} ({count:,} rows)",
                    f"first row after {first:.0f} ms",
                    "",
                    f"{total:.0f}",
                    f"{rate:,.0f} rows/s after the first",
                    ">= 50,000 rows/s",
                    "met" if rate >= 50_000 else "MISSED",
                ]
            )
    return rows


HEADER = ["measurement", "baseline", "baseline ms", "bilateral ms", "ratio", "target", "verdict"]


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, 10,000 records at most")
    parser.add_argument("--write", type=Path, help="replace the table in this Markdown file")
    parser.add_argument(
        "--only", choices=["startup"], help="measure these rows alone and print them (no --write)"
    )
    options = parser.parse_args()
    if options.only and options.write:
        parser.error("--write replaces the whole table; --only measures part of it")
    compileall.compile_dir(str(ROOT / "bilateral"), quiet=1)
    runs, cold_runs = (7, 1) if options.quick else (21, 3)
    if options.only == "startup":
        print(markdown(startup_rows(runs * 2)))
        return
    sizes = (1_000, 10_000) if options.quick else SIZES
    curated = sizes[1]
    bases = prepare_bases(sizes, curated)
    rows = startup_rows(runs * 2)
    parses: dict[str, float] = {}
    rows += size_rows(bases, runs, cold_runs, parses)
    large = f"{sizes[1]:,}"
    rows += phase_rows(large, build_phases(bases[large], cold_runs, os.environ.copy()))
    rows += ranking_rows(bases["shipped"], bases[f"mixed {curated:,}"], runs)
    rows += streaming_rows(bases[large])
    rows += edit_rows(bases["shipped"], bases[large], max(3, runs // 3), parses[large])
    table = markdown(rows)
    print(table)
    if options.write:
        _replace_table(options.write, table)


def _replace_table(path: Path, table: str) -> None:
    text = path.read_text(encoding="utf-8")
    begin, end = "<!-- benchmark table -->", "<!-- end of benchmark table -->"
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    stamp = time.strftime("%Y-%m-%d")
    path.write_text(f"{head}{begin}\nMeasured {stamp}.\n\n{table}\n{end}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
