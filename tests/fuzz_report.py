"""Run the mutation fuzzer and print what happened, for docs/reliability.md.

python3 -m tests.fuzz_report --inputs 20000
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from bilateral.cli import cli
from tests.conftest import SHIPPED
from tests.mutations import mutate
from tests.test_fuzz import assert_documented


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20040728)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    original = SHIPPED.read_bytes()
    outcomes: Counter[str] = Counter()
    runner = CliRunner()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "facts.toml"
        for _ in range(options.inputs):
            path.write_bytes(mutate(rng, original))
            result = runner.invoke(cli, ["check", str(path)], catch_exceptions=True)
            if result.exception and not isinstance(result.exception, SystemExit):
                outcomes["crash (traceback)"] += 1
                continue
            try:
                assert_documented(path, result.exit_code, result.stdout, result.stderr)
            except AssertionError:
                outcomes["undocumented answer"] += 1
                continue
            label = {0: "valid (exit 0)", 1: "problems listed (exit 1)", 2: "unreadable (exit 2)"}
            outcomes[label[result.exit_code]] += 1
    elapsed = time.perf_counter() - start
    print(f"{options.inputs:,} mutated bases in {elapsed:.0f} s (seed {options.seed})")
    for outcome, count in outcomes.most_common():
        print(f"  {outcome}: {count:,}")
    if outcomes["crash (traceback)"] or outcomes["undocumented answer"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
