"""`bilateral import comtrade`: UN Comtrade downloads, written here in the documented CSV
format (benchmarks/comtradefile.py), imported into small bases in tmp_path."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pycountry
import pytest
import tomli

from benchmarks.comtradefile import HEADER, row, text, write_large
from bilateral.curate.comtradecodes import BY_ALPHA_3, BY_NUMERIC, M49_OWN
from tests.conftest import MINIMAL, run, write_base

DATA = Path(__file__).resolve().parent / "data" / "comtrade"
VALID = MINIMAL.read_text(encoding="utf-8")


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return write_base(tmp_path, VALID)


def imported(
    base: Path, name: str, retrieved: str = "2026-12-01", *more: str
) -> tuple[int, str, str]:
    result = run(
        "--facts",
        str(base),
        "import",
        "comtrade",
        str(DATA / name),
        "--retrieved",
        retrieved,
        *more,
    )
    return result.exit_code, result.stdout, result.stderr


def trade_records(base: Path) -> dict[str, dict[str, Any]]:
    data = tomli.loads(base.read_text(encoding="utf-8"))
    return {record["id"]: record for record in data["trade"]}


def test_the_small_download_becomes_reported_figures_citing_the_download(base: Path) -> None:
    assert run("fmt", str(base)).exit_code == 0  # laid out, to show the import keeps it so
    code, out, err = imported(base, "small.csv")
    assert (code, err) == (0, "")
    assert out == (f"{base}: added 7 trade figure(s), citing source un-comtrade-2026-12-01 (new)\n")
    records = trade_records(base)
    assert records["comtrade-2003-az-import-pk"] == {
        "id": "comtrade-2003-az-import-pk",
        "reporter": "AZ",
        "partner": "PK",
        "flow": "import",
        "year": 2003,
        "value": {"low": 1123456, "high": 1123456, "currency": "USD"},
        "certainty": "reported",
        "sources": [{"source": "un-comtrade-2026-12-01"}],
    }
    assert records["comtrade-2004-az-import-pk"]["value"]["low"] == 1500000.5
    assert records["comtrade-2004-az-re-export-pk"]["flow"] == "re-export"
    source = tomli.loads(base.read_text(encoding="utf-8"))["sources"][-1]
    assert source["id"] == "un-comtrade-2026-12-01"
    assert source["publisher"] == "UN Comtrade"
    assert source["url"] == "https://comtradeplus.un.org/"
    assert source["date"] == datetime.date(2026, 12, 1)
    assert run("check", str(base)).exit_code == 0
    assert run("fmt", "--check", str(base)).exit_code == 0


def test_the_base_keeps_every_comment_and_line_it_had(base: Path) -> None:
    base.write_text(VALID.replace("[[trade]]", "# figures from the article\n[[trade]]"))
    before = base.read_text(encoding="utf-8").splitlines()
    imported(base, "small.csv")
    after = base.read_text(encoding="utf-8").splitlines()
    kept = iter(after)
    assert all(line in kept for line in before)  # in order, nothing lost
    assert "# figures from the article" in after


def test_a_dry_run_prints_the_records_and_writes_nothing(base: Path) -> None:
    code, out, err = imported(base, "small.csv", "2026-12-01", "--dry-run")
    assert code == 0
    assert base.read_text(encoding="utf-8") == VALID
    assert out.startswith('[[sources]]\nid = "un-comtrade-2026-12-01"\n')
    assert out.count("[[trade]]") == 7
    assert (
        err == f"{base}: would add 7 trade figure(s), citing source un-comtrade-2026-12-01 (new)\n"
    )


def test_importing_the_same_file_twice_adds_nothing(base: Path) -> None:
    imported(base, "small.csv")
    once = base.read_bytes()
    code, out, _ = imported(base, "small.csv")
    assert code == 0
    assert out == f"{base}: nothing new: the base holds all 7 figure(s) of the file already\n"
    assert base.read_bytes() == once
    code, _, _ = imported(base, "small.csv", "2026-12-03")  # a later download, the same figures
    assert code == 0
    assert base.read_bytes() == once


def test_a_changed_value_is_kept_beside_the_first_as_a_dispute(base: Path) -> None:
    imported(base, "small.csv", "2026-12-01")
    code, out, _ = imported(base, "revised.csv", "2026-12-02")
    assert code == 0
    assert "a changed value of 1 figure(s) kept as a dispute" in out
    assert "6 held already" in out
    record = trade_records(base)["comtrade-2003-az-import-pk"]
    assert record["value"] == {"low": 1123456, "high": 1123456, "currency": "USD"}
    assert record["disputes"] == [
        {
            "field": "value",
            "values": [
                {
                    "value": 1123456,
                    "says": "UN Comtrade, retrieved 2026-12-01",
                    "sources": [{"source": "un-comtrade-2026-12-01"}],
                },
                {
                    "value": 1130000,
                    "says": "UN Comtrade, retrieved 2026-12-02",
                    "sources": [{"source": "un-comtrade-2026-12-02"}],
                },
            ],
        }
    ]
    assert run("check", str(base)).exit_code == 0


def test_a_third_value_joins_the_dispute_and_a_known_one_adds_nothing(base: Path) -> None:
    imported(base, "small.csv", "2026-12-01")
    imported(base, "revised.csv", "2026-12-02")
    imported(base, "revised-again.csv", "2026-12-03")
    record = trade_records(base)["comtrade-2003-az-import-pk"]
    values = [entry["value"] for entry in record["disputes"][0]["values"]]
    assert values == [1123456, 1130000, 1140000]
    settled = base.read_bytes()
    code, out, _ = imported(base, "revised.csv", "2026-12-03")
    assert code == 0
    assert out.startswith(f"{base}: nothing new")
    assert base.read_bytes() == settled
    assert run("check", str(base)).exit_code == 0
    disputed = run("--facts", str(base), "trade", "--year", "2003", "--reporter", "AZ")
    assert "value: 1123456 | 1130000 | 1140000" in disputed.stdout


def test_every_kind_of_row_left_out_is_counted(base: Path) -> None:
    code, out, err = imported(base, "every-kind-left-out.csv")
    assert code == 0
    assert err == (
        "bilateral: "
        + str(DATA / "every-kind-left-out.csv")
        + ": left out 10 of 11 rows: 1 monthly (freqCode other than A), 1 in another "
        "classification than HS, 1 with partner World, 1 commodity chapters or headings "
        "(cmdCode other than TOTAL), 1 by customs procedure (customsCode other than C00), "
        "1 by mode of transport (motCode other than 0), 1 by second partner (partner2Code "
        "other than 0), 1 other flows (flowCode other than M, X, RM, RX), 1 between "
        "countries the base does not pair, 1 repeating a row above\n"
    )
    assert "added 1 trade figure(s)" in out
    assert list(trade_records(base)) == ["trade-2003-az-export", "comtrade-2003-az-import-pk"]


BAD_FILES = [
    ("missing-column.csv", ":1: has no column 'primaryValue'; download the CSV from"),
    ("not-a-number.csv", "not-a-number.csv:3: primaryValue 'n/a' is not a number"),
    ("empty.csv", "empty.csv: is empty; download the CSV from UN Comtrade again"),
    ("header-only.csv", "header-only.csv: has a header but no rows"),
    ("monthly.csv", "monthly.csv: holds monthly figures only (freqCode M)"),
    ("sitc.csv", "sitc.csv: holds no figures in the HS classification"),
    ("no-pair.csv", "no-pair.csv: no row is an annual all-commodities (TOTAL) figure between"),
    ("absent.csv", "absent.csv: cannot be read (No such file or directory)"),
]


@pytest.mark.parametrize(("name", "message"), BAD_FILES, ids=[name for name, _ in BAD_FILES])
def test_bad_input_changes_nothing_and_says_why(base: Path, name: str, message: str) -> None:
    code, out, err = imported(base, name)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("bilateral: ")
    assert message in err
    assert base.read_text(encoding="utf-8") == VALID


def test_no_pair_names_the_base_pairs_and_what_was_left_out(base: Path) -> None:
    _, _, err = imported(base, "no-pair.csv")
    assert "(AZ-PK); left out 2 of 2 rows: 1 with partner World, 1 between countries" in err


def test_two_values_for_one_figure_in_one_file_are_refused(base: Path, tmp_path: Path) -> None:
    download = tmp_path / "twice.csv"
    rows = [row(2003, "AZ", "M", "PK", 100), row(2003, "AZ", "M", "PK", 120)]
    download.write_text(text(rows), encoding="utf-8")
    result = run("--facts", str(base), "import", "comtrade", str(download))
    assert result.exit_code == 2
    assert f"{download}:3: a second figure for AZ's imports with PK in 2003 (120; line 2" in (
        result.stderr
    )
    assert base.read_text(encoding="utf-8") == VALID


def test_a_row_cut_short_is_named_by_its_line(base: Path, tmp_path: Path) -> None:
    download = tmp_path / "cut.csv"
    whole = text([row(2003, "AZ", "M", "PK", 100)])
    download.write_text(whole + "C,A,2003\r\n", encoding="utf-8")
    result = run("--facts", str(base), "import", "comtrade", str(download))
    assert result.exit_code == 2
    assert f"{download}:3: has 3 fields where the header has 47" in result.stderr


@pytest.mark.parametrize(
    ("given", "message"),
    [("2026-13-01", "is not a date; write YYYY-MM-DD"), ("2999-01-01", "is after today")],
)
def test_a_bad_retrieval_date_is_a_usage_error(base: Path, given: str, message: str) -> None:
    code, _, err = imported(base, "small.csv", given)
    assert code == 2
    assert message in err
    assert base.read_text(encoding="utf-8") == VALID


def test_a_base_invalid_already_is_refused_with_nothing_written(tmp_path: Path) -> None:
    broken = write_base(tmp_path, VALID.replace('flow = "export"', 'flow = "sideways"'))
    before = broken.read_bytes()
    code, _, err = imported(broken, "small.csv")
    assert code == 1
    assert "the base has 1 problem(s) already; run `bilateral check`" in err
    assert broken.read_bytes() == before


def test_a_directory_base_gets_the_source_with_the_sources(tmp_path: Path) -> None:
    head, rest = VALID.split("[[countries]]", 1)
    directory = tmp_path / "base"
    directory.mkdir()
    (directory / "a-sources.toml").write_text(head, encoding="utf-8")
    (directory / "b-rest.toml").write_text(
        "schema_version = 3\n\n[[countries]]" + rest, encoding="utf-8"
    )
    code, out, _ = imported(directory, "small.csv")
    assert code == 0
    assert "a-sources.toml" in out
    assert "b-rest.toml" in out
    sources = tomli.loads((directory / "a-sources.toml").read_text(encoding="utf-8"))
    assert sources["sources"][-1]["id"] == "un-comtrade-2026-12-01"
    rest_data = tomli.loads((directory / "b-rest.toml").read_text(encoding="utf-8"))
    assert len(rest_data["trade"]) == 8
    assert run("check", str(directory)).exit_code == 0


@pytest.mark.slow
def test_a_large_generated_download_imports_its_totals(base: Path, tmp_path: Path) -> None:
    download = tmp_path / "large.csv"
    rows = write_large(download, 3)
    result = run("--facts", str(base), "import", "comtrade", str(download), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "would add 120 trade figure(s)" in result.stderr
    assert f"left out {rows - 120} of {rows} rows" in result.stderr


def test_comtrade_country_codes_are_iso_3166_1() -> None:
    assert {c.alpha_3: c.alpha_2 for c in pycountry.countries} == BY_ALPHA_3
    iso_numeric = {str(int(c.numeric)): c.alpha_2 for c in pycountry.countries}
    assert iso_numeric.items() <= {**BY_NUMERIC, **iso_numeric}.items()
    assert all(BY_NUMERIC[code] == alpha for code, alpha in M49_OWN.items())


def test_a_reported_range_is_refused_by_check(tmp_path: Path) -> None:
    text_ = VALID.replace('certainty = "stated"', 'certainty = "reported"')
    result = run("check", str(write_base(tmp_path, text_)))
    assert result.exit_code == 1
    assert "is a range, but a reported statistic is exact" in result.stderr


def test_a_file_without_iso_codes_is_read_by_m49_codes(base: Path, tmp_path: Path) -> None:
    """The API's CSV without descriptions may lack reporterISO and partnerISO."""
    keep = [i for i, name in enumerate(HEADER) if name not in ("reporterISO", "partnerISO")]
    rows = [row(2003, "AZ", "M", "PK", 100), row(2003, "PK", "X", "AZ", 90)]
    download = tmp_path / "codes.csv"
    download.write_text(
        text([[r[i] for i in keep] for r in rows], [HEADER[i] for i in keep]), encoding="utf-8"
    )
    result = run("--facts", str(base), "import", "comtrade", str(download))
    assert result.exit_code == 0, result.stderr
    assert {"comtrade-2003-az-import-pk", "comtrade-2003-pk-export-az"} <= set(trade_records(base))


def test_an_id_taken_by_another_record_gets_a_number(tmp_path: Path) -> None:
    taken = VALID.replace('id = "trade-2003-az-export"', 'id = "comtrade-2003-az-import-pk"')
    path = write_base(tmp_path, taken)
    code, _, err = imported(path, "small.csv")
    assert code == 0, err
    records = trade_records(path)
    assert records["comtrade-2003-az-import-pk"]["certainty"] == "stated"
    assert records["comtrade-2003-az-import-pk-2"]["certainty"] == "reported"
