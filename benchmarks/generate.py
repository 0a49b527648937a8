"""Deterministic synthetic fact bases that pass `bilateral check`, for benchmarks and tests.

    python -m benchmarks.generate 100000 > big.toml

Records spread over many pairs of countries in rough proportion to a curated base:
per pair a handful of areas with commitments, people with roles, trade figures by
year and flow, events, assessments and relations; a few shared sources, places and
organizations. The same size and seed always give the same bytes.
"""

from __future__ import annotations

import itertools
import random
import sys
from collections.abc import Iterator

COUNTRIES = (
    "AZ PK TR AM RU US SE FI DE FR GB IT ES PL UA KZ UZ TM KG TJ IR IQ SA AE QA KW OM IN CN JP "
    "KR ID MY TH VN PH EG MA DZ TN NG KE ZA BR AR CL MX CA AU NZ NO DK NL BE CH AT CZ HU RO BG GR"
).split()
GIVEN = (
    "Amir Leyla Farid Sana Tariq Nigar Rashid Elnur Aysel Kamal Zara Orhan Ilya Olga Pavel".split()
)
FAMILY = "Aliyev Khan Huseynov Qureshi Ivanov Demir Petrov Mammadov Shah Yilmaz Kuznetsov".split()
TITLES = ("Minister of Defence", "Minister of Foreign Affairs", "Ambassador", "Trade Envoy")
AREAS = ("Energy", "Textiles", "Agriculture", "Transport", "Banking", "Education", "Health")
STATUSES = ("signed", "agreed", "pledged", "promised", "proposed", "requested", "possible")
EVENT_KINDS = ("visit", "meeting", "signing", "statement")
WORDS = (
    "delegation talks cooperation pipeline investment port railway customs tariff grain "
    "cotton satellite university hospital bank loan refinery exhibition forum treaty"
).split()


def cite(rng: random.Random) -> str:
    paragraph, sentence = rng.randint(1, 20), rng.randint(1, 5)
    return f'[{{ source = "report", paragraph = {paragraph}, sentence = {sentence} }}]'


def sentence(rng: random.Random, length: int = 8) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(length)).capitalize() + "."


def pairs() -> Iterator[tuple[str, str]]:
    yield ("AZ", "PK")
    for first, second in itertools.combinations(COUNTRIES, 2):
        if (first, second) != ("AZ", "PK"):
            yield (first, second)


def generate(records: int, seed: int = 2004) -> str:
    """A fact base of about `records` records (commitments and roles' people count)."""
    head = [
        "schema_version = 3",
        f'title = "Synthetic base of {records} records"',
        'pair = "AZ-PK"',
        "as_of = 2004-07-28",
        "",
    ]
    return "\n".join(head + _records(records, seed)) + "\n"


def noise(records: int, countries: frozenset[str], seed: int = 2004) -> str:
    """About `records` records of pairs other than AZ-PK, to add to a base that already
    holds `countries` (left out here): other pairs' facts beside a curated pair's."""
    return "\n".join(_records(records, seed, countries, skip_first_pair=True)) + "\n"


def _records(
    records: int,
    seed: int,
    known: frozenset[str] = frozenset(),
    skip_first_pair: bool = False,
) -> list[str]:
    rng = random.Random(seed)
    out = [
        "[[sources]]",
        'id = "report"',
        'publisher = "Synthetic Reports"',
        "date = 2004-07-28",
        f"sentences = [{', '.join('5' for _ in range(20))}]",
        "",
    ]
    for code in COUNTRIES:
        country = ["[[countries]]", f'id = "{code}"', f'name = "Country {code}"']
        country += [f"sources = {cite(rng)}", ""]
        out += [] if code in known else country
    count = 1 + len(COUNTRIES)
    per_pair = 100
    for pair_number, (first, second) in enumerate(pairs()):
        if count >= records:
            break
        if skip_first_pair and pair_number == 0:
            continue
        budget = min(per_pair, records - count)
        out += list(_pair_records(rng, pair_number, first, second, budget))
        count += budget
    return out


def _pair_records(
    rng: random.Random, number: int, first: str, second: str, budget: int
) -> Iterator[str]:
    """`budget` records for one pair: people, areas with commitments, trade, events, views."""
    pair = f"{first}-{second}"
    tag = f"{first.lower()}-{second.lower()}"
    plan = ["person"] * 20 + ["area", "commitment", "commitment", "commitment"] * 5
    plan += ["trade"] * 30 + ["event"] * 20 + ["assessment"] * 5 + ["relation"] * 5
    kinds = plan[:budget]
    areas_made = 0
    people: list[str] = []
    for index, kind in enumerate(kinds):
        ident = f"{tag}-{kind}-{index}"
        if kind == "person":
            people.append(ident)
            country = first if index % 2 else second
            start = rng.randint(1990, 2003)
            yield from (
                "[[people]]",
                f'id = "{ident}"',
                f'name = "{rng.choice(GIVEN)} {rng.choice(FAMILY)} {number}-{index}"',
                f'country = "{country}"',
                f"sources = {cite(rng)}",
                "[[people.roles]]",
                f'title = "{rng.choice(TITLES)}"',
                f'organization = "{country}"',
                f'start = "{start}"',
                f'end = "{start + 20}"' if index % 3 else f'end = "{start + 1}-06"',
                f"sources = {cite(rng)}",
                "",
            )
        elif kind == "area":
            areas_made += 1
            yield from (
                "[[areas]]",
                f'id = "{ident}"',
                f'name = "{rng.choice(AREAS)} {number}-{index}"',
                f'pair = "{pair}"',
                f'summary = "{sentence(rng)}"',
                f"sources = {cite(rng)}",
                "",
            )
        elif kind == "commitment" and areas_made:
            yield from (
                "[[areas.commitments]]",
                f'id = "{ident}"',
                f'summary = "{sentence(rng)}"',
                f'status = "{rng.choice(STATUSES)}"',
                f'by = ["{first}", "{second}"]',
                f"sources = {cite(rng)}",
                "",
            )
        elif kind in ("trade", "commitment"):
            flow = ("export", "import", "total")[index % 3]
            reporter, partner = (first, second) if index % 2 else (second, first)
            low = rng.randint(1, 900) * 1000
            high = low + rng.randint(0, 50) * 1000
            yield from (
                "[[trade]]",
                f'id = "{ident}"',
                f'reporter = "{reporter}"',
                f'partner = "{partner}"',
                f'flow = "{flow}"',
                f"year = {1995 + index % 30}",
                f'value = {{ low = {low}, high = {high}, currency = "USD" }}',
                'certainty = "stated"',
                f"sources = {cite(rng)}",
                "",
            )
        elif kind == "event":
            participants = ", ".join(f'"{p}"' for p in [first, second, *people[-2:]])
            yield from (
                "[[events]]",
                f'id = "{ident}"',
                f'kind = "{rng.choice(EVENT_KINDS)}"',
                f'pair = "{pair}"',
                f"date = {1995 + index % 30}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                f"participants = [{participants}]",
                f'summary = "{sentence(rng, 12)}"',
                f"sources = {cite(rng)}",
                "",
            )
        elif kind == "assessment":
            yield from (
                "[[assessments]]",
                f'id = "{ident}"',
                f'pair = "{pair}"',
                'held_by_group = "local analysts"',
                f'claim = "{sentence(rng, 10)}"',
                f'about = ["{first}", "{second}"]',
                f"sources = {cite(rng)}",
                "",
            )
        else:
            yield from (
                "[[relations]]",
                f'id = "{ident}"',
                'kind = "ties"',
                f'subject = "{first}"',
                f'object = "{second}"',
                f'summary = "{sentence(rng)}"',
                f"sources = {cite(rng)}",
                "",
            )


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Print a deterministic fact base of about N records (TOML) on stdout.",
    )
    parser.add_argument("records", nargs="?", type=int, default=1000, help="about how many")
    arguments = parser.parse_args(argv)
    if arguments.records < 1:
        parser.error("records must be at least 1")
    sys.stdout.write(generate(arguments.records))


if __name__ == "__main__":
    main()
