"""A fact base the size the shipped one is growing to: the shipped base and, from 1991 to
2026, 150 more events, a source each, 24 more people in posts, 10 more areas with dated
commitments, and both countries' reports of their trade each year (mirror figures)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("visit", "meeting", "signing", "statement", "address")


def _event(number: int) -> str:
    year = 1991 + number * 35 // 150
    month = 1 + number % 12
    kind = KINDS[number % len(KINDS)]
    participants = '["PK", "AZ"]' if number % 3 else '["musharraf-pervez", "AZ", "PK"]'
    return f"""
[[sources]]
id = "decades-source-{number}"
title = "Report number {number} on the two countries"
publisher = "Decades Wire"
date = {year}-{month:02d}-28
url = "https://example.org/decades/{number}"

[[events]]
id = "decades-event-{number}"
kind = "{kind}"
date = {year}-{month:02d}-15
place = "baku"
participants = {participants}
summary = "Event number {number} of the two countries, a {kind} in Baku. It had more to it."
sources = [{{ source = "decades-source-{number}" }}]
"""


def _person(number: int) -> str:
    country = "AZ" if number % 2 else "PK"
    start = 1992 + number
    number = 100 + number % 50  # a source of the years they held the post
    return f"""
[[people]]
id = "decades-person-{number}"
name = "Official Number{number}"
country = "{country}"
sources = [{{ source = "decades-source-{number}" }}]

[[people.roles]]
title = "Minister of Portfolio {number}"
organization = "{country}"
start = {start}-03-01
sources = [{{ source = "decades-source-{number}" }}]
"""


def _area(number: int) -> str:
    source = 120 + number
    return f"""
[[areas]]
id = "decades-area-{number}"
name = "Area of cooperation {number}"
summary = "A field of cooperation."
sources = [{{ source = "decades-source-{source}" }}]

[[areas.commitments]]
id = "decades-commitment-{number}"
summary = "An agreement in field {number}."
status = "signed"
by = ["AZ", "PK"]
date = {1995 + number * 3}-05-10
sources = [{{ source = "decades-source-{source}" }}, {{ source = "decades-source-149" }}]
"""


def _trade(year: int) -> str:
    figures = []
    for reporter, partner, flow, value in (
        ("AZ", "PK", "import", 1_000_000 + year * 7_000),
        ("PK", "AZ", "export", 900_000 + year * 6_500),
        ("AZ", "PK", "export", 200_000 + year * 1_000),
        ("PK", "AZ", "import", 260_000 + year * 1_200),
    ):
        figures.append(f"""
[[trade]]
id = "decades-{reporter.lower()}-{flow}-{year}"
reporter = "{reporter}"
partner = "{partner}"
flow = "{flow}"
year = {year}
value = {{ low = {value}, high = {value}, currency = "USD" }}
certainty = "reported"
sources = [{{ source = "decades-source-149" }}]
""")
    return "".join(figures)


def decades_base(directory: Path) -> Path:
    """The shipped base with the decades' records appended, written in `directory`."""
    text = (ROOT / "facts.toml").read_text(encoding="utf-8")
    text += "".join(_event(number) for number in range(150))
    text += "".join(_person(number) for number in range(24))
    text += "".join(_area(number) for number in range(10))
    text += "".join(_trade(year) for year in range(1995, 2026))
    path = directory / "decades.toml"
    path.write_text(text, encoding="utf-8")
    return path
