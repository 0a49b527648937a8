"""Importing UN Comtrade downloads streams them: the peak memory of `import comtrade` is
the same for a 1 MB, a 10 MB and a 100 MB file (issue 23).

    python -m benchmarks.comtrade              # 1, 10 and 100 MB, three runs each
    python -m benchmarks.comtrade --sizes 1 10 --runs 1

The files are generated (benchmarks/comtradefile.py), never downloaded: each holds the
120 annual TOTAL figures of the pair and, for the rest, rows an import leaves out
(commodity chapters, other countries), as a real download is mostly made of. Each run
is a fresh process importing into a copy of the shipped base with --dry-run (the whole
path: the base read and checked, the file read, the records planned and the base checked
with them), and then for real into a fresh copy.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from benchmarks.comtradefile import write_large
from benchmarks.runners import BILATERAL, ROOT, fresh_env, run_once

SIZES = (1, 10, 100)


def measure(download: Path, runs: int, scratch: Path, dry_run: bool) -> tuple[float, float]:
    """Median wall time (ms) and the largest peak RSS (MiB) of `runs` imports."""
    times, peaks = [], []
    for number in range(runs):
        base = scratch / f"facts-{number}-{dry_run}.toml"
        shutil.copy(ROOT / "facts.toml", base)
        command = [*BILATERAL, "--facts", str(base), "import", "comtrade", str(download)]
        if dry_run:
            command.append("--dry-run")
        with tempfile.TemporaryDirectory() as cache:
            elapsed, peak, status = run_once(command, fresh_env(cache))
        if status != 0:
            raise SystemExit(f"import failed ({status}): {' '.join(command)}")
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def table(sizes: list[int], runs: int) -> list[str]:
    lines = [
        "| file | rows | import --dry-run | import | peak memory |",
        "|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as directory:
        scratch = Path(directory)
        for megabytes in sizes:
            download = scratch / f"comtrade-{megabytes}mb.csv"
            rows = write_large(download, megabytes)
            dry_ms, dry_peak = measure(download, runs, scratch, dry_run=True)
            real_ms, real_peak = measure(download, runs, scratch, dry_run=False)
            size = download.stat().st_size / 1_000_000
            lines.append(
                f"| {size:.0f} MB | {rows:,} | {dry_ms / 1000:.1f} s | {real_ms / 1000:.1f} s "
                f"| {max(dry_peak, real_peak):.0f} MiB |"
            )
            download.unlink()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), metavar="MB")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    print("\n".join(table(options.sizes, options.runs)))


if __name__ == "__main__":
    main()
