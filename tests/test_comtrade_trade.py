"""Mirror figures in `trade`: a country's reported statistic beside its partner's report of
the same goods, in every format, after importing a UN Comtrade download."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bilateral.answer.mirrors import MirrorPoint, gap, paired_series, reports, with_mirrors
from tests.conftest import MINIMAL, run, write_base

DATA = Path(__file__).resolve().parent / "data" / "comtrade"
AS_OF = "2026-12-01"
SOURCE = "un-comtrade-2026-12-01"


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = write_base(tmp_path, MINIMAL.read_text(encoding="utf-8"))
    result = run(
        "--facts", str(path), "import", "comtrade", str(DATA / "small.csv"), "--retrieved", AS_OF
    )
    assert result.exit_code == 0, result.stderr
    return path


def trade(base: Path, *args: str) -> str:
    result = run("--facts", str(base), "--as-of", AS_OF, "trade", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


ROWS = f"""
trade-2003-az-export|2003|AZ|PK|export|25000|30000|USD|$25,000-30,000|stated|article:1.2||||||
comtrade-2003-az-import-pk|2003|AZ|PK|import|1123456|1123456|USD|$1,123,456|reported|{SOURCE}|\
|comtrade-2003-pk-export-az|987654|987654|$987,654|+$135,802
comtrade-2003-pk-import-az|2003|PK|AZ|import|31000|31000|USD|$31,000|reported|{SOURCE}|\
|comtrade-2003-az-export-pk|27500|27500|$27,500|+$3,500
comtrade-2004-az-import-pk|2004|AZ|PK|import|1500000.5|1500000.5|USD|$1,500,000.50|reported|\
{SOURCE}||comtrade-2004-pk-export-az|1400000|1400000|$1,400,000|+$100,000.50
comtrade-2004-az-re-export-pk|2004|AZ|PK|re-export|1200|1200|USD|$1,200|reported|{SOURCE}||||||
"""
"""The TSV rows, cells split by '|', each ending with the date: the stated figure alone,
three pairs (the import side's row, the export side's figure beside it), and a re-export
that has no mirror."""


def test_a_figure_and_its_mirror_make_one_row_with_the_gap(base: Path) -> None:
    expected = "".join(
        line.replace("|", "\t") + f"\t{AS_OF}\n" for line in ROWS.strip().splitlines()
    )
    assert trade(base) == expected


def test_one_reporters_figures_each_carry_the_partners_report(base: Path) -> None:
    lines = trade(base, "--reporter", "PK").splitlines()
    assert [line.split("\t")[0] for line in lines] == [
        "comtrade-2003-pk-export-az",
        "comtrade-2003-pk-import-az",
        "comtrade-2004-pk-export-az",
    ]
    assert lines[0].split("\t")[12:17] == [
        "comtrade-2003-az-import-pk",
        "1123456",
        "1123456",
        "$1,123,456",
        "-$135,802",
    ]


def test_json_keeps_each_record_and_adds_the_pairing(base: Path) -> None:
    records = json.loads(trade(base, "--json"))
    assert len(records) == 8
    by_id: dict[str, Any] = {record["id"]: record for record in records}
    assert by_id["trade-2003-az-export"]["mirror"] is None
    assert by_id["comtrade-2004-az-re-export-pk"]["mirror"] is None
    assert by_id["comtrade-2003-pk-export-az"]["mirror"] == {
        "id": "comtrade-2003-az-import-pk",
        "reporter": "AZ",
        "flow": "import",
        "value": {"low": 1123456, "high": 1123456, "currency": "USD"},
        "sources": [{"source": SOURCE, "paragraph": None, "sentence": None}],
        "gap": {"low": -135802, "high": -135802, "currency": "USD"},
        "listed": True,
    }
    assert by_id["comtrade-2003-az-import-pk"]["mirror"]["gap"]["low"] == 135802
    only = json.loads(trade(base, "--json", "--flow", "export", "--reporter", "PK"))
    assert [record["mirror"]["listed"] for record in only] == [False, False]
    jsonl = [json.loads(line) for line in trade(base, "--format", "jsonl").splitlines()]
    assert jsonl == records


def test_csv_carries_both_figures(base: Path) -> None:
    lines = trade(base, "--format", "csv", "--year", "2004").splitlines()
    assert lines[0] == (
        "id,year,reporter,partner,flow,low,high,currency,value,certainty,sources,disputed,"
        "mirror_id,mirror_low,mirror_high,mirror_value,gap,as_of"
    )
    assert lines[1] == (
        "comtrade-2004-az-import-pk,2004,AZ,PK,import,1500000.5,1500000.5,USD,"
        f'"$1,500,000.50",reported,{SOURCE},,comtrade-2004-pk-export-az,1400000,1400000,'
        f'"$1,400,000","\'+$100,000.50",{AS_OF}'  # a formula-like cell gets a '
    )
    assert len(lines) == 3


def test_the_table_shows_both_reports_and_says_what_the_gap_is(base: Path) -> None:
    table = trade(base, "--format", "table", "--year", "2003")
    assert "Mirror value" in table
    assert "+$135,802" in table
    assert "gap: value less mirror value" in table
    assert "reported: official statistics" in table


def test_a_table_without_mirrors_has_no_mirror_columns() -> None:
    result = run("--facts", str(MINIMAL), "--as-of", AS_OF, "trade", "--format", "table")
    assert result.exit_code == 0
    assert "Mirror" not in result.stdout
    assert "Gap" not in result.stdout


def test_cached_and_fresh_answers_are_the_same_bytes(base: Path) -> None:
    for args in (["--json"], ["--format", "tsv"], ["--format", "table"]):
        cached = trade(base, *args)
        fresh = run("--facts", str(base), "--no-cache", "--as-of", AS_OF, "trade", *args)
        assert fresh.stdout == cached


def figure(
    record_id: str, reporter: str, flow: str, year: int, low: float, high: float = -1
) -> Any:
    return {
        "id": record_id,
        "reporter": reporter,
        "partner": "PK" if reporter == "AZ" else "AZ",
        "flow": flow,
        "year": year,
        "value": {"low": low, "high": low if high < 0 else high, "currency": "USD"},
        "certainty": "reported",
        "sources": [],
    }


def test_the_paired_series_gives_both_lines_of_each_direction_by_year() -> None:
    figures = [
        figure("a", "AZ", "import", 2003, 100),
        figure("b", "PK", "export", 2003, 90),
        figure("c", "AZ", "import", 2004, 120),
        figure("d", "PK", "export", 2005, 80),
        figure("e", "AZ", "export", 2003, 10),
    ]
    series = paired_series(figures)
    assert [(s.importer, s.exporter, s.flow) for s in series] == [
        ("AZ", "PK", "import"),
        ("PK", "AZ", "import"),
    ]
    assert series[0].points == (
        MirrorPoint(2003, figures[0], figures[1]),
        MirrorPoint(2004, figures[2], None),
        MirrorPoint(2005, None, figures[3]),
    )
    assert series[1].points == (MirrorPoint(2003, None, figures[4]),)


def test_a_gap_between_ranges_is_every_difference_they_allow() -> None:
    assert gap({"low": 100, "high": 120, "currency": "USD"}, {"low": 90, "high": 95}) == {
        "low": 5,
        "high": 30,
        "currency": "USD",
    }
    assert gap({"low": 0.3, "high": 0.3, "currency": "USD"}, {"low": 0.1, "high": 0.1}) == {
        "low": 0.2,
        "high": 0.2,
        "currency": "USD",
    }


def test_only_reported_figures_are_paired() -> None:
    stated = figure("s", "PK", "export", 2003, 90) | {"certainty": "stated"}
    figures = [figure("a", "AZ", "import", 2003, 100), stated]
    assert [f["mirror"] for f in with_mirrors(figures, reports(figures))] == [None, None]
