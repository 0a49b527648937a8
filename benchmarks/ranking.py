"""Search at scale: the shipped base with other pairs' records added (benchmarks/multiply.py
--mixed), its time for a question about the shipped pair against the shipped base's, and
how many of the search tests' questions keep the shipped base's top three."""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.runners import BILATERAL, PYTHON, ROOT, fresh_env, interleaved, run_once

QUESTION = ("which", "russian", "officials", "came", "to", "baku")
COMPARE = """
import json, sys
from bilateral.api import open_base
from tests.test_search import QUESTIONS
pair = sys.argv[3] or None
asked = [" ".join(sys.argv[4].split(","))] + [q for q, _ in QUESTIONS]
shipped, mixed = open_base(sys.argv[1]), open_base(sys.argv[2])
same = [
    [r.document["id"] for r in shipped.search(q, 3, pair)]
    == [r.document["id"] for r in mixed.search(q, 3, pair)]
    for q in dict.fromkeys(asked)
]
print(json.dumps([same[0], sum(same), len(same)]))
"""


def _agreement(shipped: Path, mixed: Path, pair: str, env: dict[str, str]) -> list[int]:
    command = [PYTHON, "-c", COMPARE, str(shipped), str(mixed), pair, ",".join(QUESTION)]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    found: list[int] = json.loads(done.stdout)
    return found


def ranking_rows(shipped: Path, mixed: Path, runs: int) -> list[list[str]]:
    rows = []
    with tempfile.TemporaryDirectory() as cache:
        env = dict(fresh_env(cache), PYTHONPATH=str(ROOT))
        commands: dict[str, Sequence[str]] = {
            name: [*BILATERAL, "--facts", str(base), "search", "--format", "json", *QUESTION]
            for name, base in (("shipped", shipped), ("mixed", mixed))
        }
        for command in commands.values():
            run_once(command, env)
        timed = interleaved(commands, env, runs)
        ratio = timed["mixed"].median_ms / timed["shipped"].median_ms
        rows.append(
            [
                f"{mixed.stem}: search {' '.join(QUESTION)} (warm)",
                "the same question on the shipped base",
                f"{timed['shipped'].median_ms:.0f}",
                f"{timed['mixed'].median_ms:.0f}",
                f"{ratio:.2f}",
                "<= 1.5",
                "met" if ratio <= 1.5 else "MISSED",
            ]
        )
        for pair in ("", "AZ-PK"):
            first, same, asked = _agreement(shipped, mixed, pair, env)
            scope = f" --pair {pair}" if pair else ""
            rows.append(
                [
                    f"{mixed.stem}: search{scope}, top three as on the shipped base",
                    f"{asked} questions (tests/test_search.py and the one above)",
                    "",
                    "",
                    f"{same} of {asked}; the one above: {'same' if first else 'differs'}",
                    "all the same",
                    "met" if same == asked else "MISSED",
                ]
            )
    return rows
