"""The curated base multiplied: its records copied until the base holds about N records, each
copy's ids renamed (`musharraf-pervez` becomes `musharraf-pervez-x2`) and every reference to
them renamed alike, so that the copies pass `bilateral check` and grow like real curation
(the same kinds, texts and citations in the same proportions), beside the noise generator's
synthetic pairs (benchmarks/generate.py).

    python -m benchmarks.multiply 100000 > big.toml          # from facts.toml
    python -m benchmarks.multiply 100000 other.toml > big.toml
    python -m benchmarks.multiply --mixed 100000 > mixed.toml   # other pairs' records added

Countries are written once: a country's id is its ISO code. Names are kept, so a name
denotes one record in each copy.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

TOP_LEVEL_HEADER = re.compile(r"^\[\[[a-z_]+\]\]$", re.MULTILINE)
ID_LINE = re.compile(r'^id = "([^"]+)"$', re.MULTILINE)
ROOT = Path(__file__).resolve().parent.parent


def blocks(body: str) -> list[str]:
    """The top-level records of a base's body, each with its children and trailing lines."""
    starts = [m.start() for m in TOP_LEVEL_HEADER.finditer(body)]
    return [body[begin:end] for begin, end in zip(starts, [*starts[1:], len(body)], strict=True)]


def multiply(text: str, records: int) -> str:
    """`text` (a one-file base) with its records copied until it holds about `records`."""
    first = TOP_LEVEL_HEADER.search(text)
    assert first is not None, "a base with no records"
    head, body = text[: first.start()], text[first.start() :]
    countries = [b for b in blocks(body) if b.startswith("[[countries]]")]
    rest = "".join(b for b in blocks(body) if not b.startswith("[[countries]]"))
    ids = sorted(set(ID_LINE.findall(rest)), key=len, reverse=True)
    per_copy = len(ID_LINE.findall(rest))
    copies = max(1, round((records - len(countries)) / max(1, per_copy)))
    quoted = re.compile('"(' + "|".join(re.escape(i) for i in ids) + ')"')
    out = [head, *countries, rest]
    for number in range(2, copies + 1):
        out.append(quoted.sub(f'"\\g<1>-x{number}"', rest))
    return "".join(out)


def mixed(text: str, records: int) -> str:
    """`text` with the noise generator's records of other pairs added to about `records`:
    the curated pair's facts beside pairs a question about it does not name (for search)."""
    from benchmarks.generate import noise

    countries = frozenset(re.findall(r'^\[\[countries\]\]\nid = "([A-Z]{2})"', text, re.M))
    return text.rstrip("\n") + "\n\n" + noise(records, countries)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.multiply",
        description="Print the base multiplied to about N records (TOML) on stdout.",
    )
    parser.add_argument("records", type=int, help="about how many records")
    parser.add_argument("base", nargs="?", type=Path, default=ROOT / "facts.toml")
    parser.add_argument("--mixed", action="store_true", help="add other pairs' records instead")
    arguments = parser.parse_args(argv)
    text = arguments.base.read_text(encoding="utf-8")
    grow = mixed if arguments.mixed else multiply
    sys.stdout.write(grow(text, arguments.records))


if __name__ == "__main__":
    main()
