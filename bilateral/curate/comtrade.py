"""Reading a UN Comtrade download: the annual all-commodities figures between the countries
of the base's pairs, every other row counted by why it was left out.

The file is the CSV that UN Comtrade's site (https://comtradeplus.un.org/, "Download") and
its API write for final data, one row per reporter, flow, partner, commodity, customs
procedure and mode of transport, with a header of these columns, in this order:
typeCode, freqCode, refPeriodId, refYear, refMonth, period, reporterCode, reporterISO,
reporterDesc, flowCode, flowDesc, partnerCode, partnerISO, partnerDesc, partner2Code,
partner2ISO, partner2Desc, classificationCode, classificationSearchCode,
isOriginalClassification, cmdCode, cmdDesc, aggrLevel, isLeaf, customsCode, customsDesc,
mosCode, motCode, motDesc, qtyUnitCode, qtyUnitAbbr, qty, isQtyEstimated, altQtyUnitCode,
altQtyUnitAbbr, altQty, isAltQtyEstimated, netWgt, isNetWgtEstimated, grossWgt,
isGrossWgtEstimated, cifvalue, fobvalue, primaryValue, legacyEstimationFlag, isReported,
isAggregate. Sources for the columns and codes: the selection criteria of UN Comtrade's
own client, github.com/uncomtrade/comtradeapicall (README: freqCode A or M, clCode HS or
SITC, flowCode, partner2Code, customsCode, motCode), and the header of its getFinalData
CSV as analysts' code reads it. Codes used here: freqCode A (annual); flowCode M, X, RM,
RX (import, export, re-import, re-export); partnerCode 0 (World); partner2Code 0 (no
second partner); cmdCode TOTAL (all commodities); customsCode C00 (all customs
procedures); motCode 0 (all modes of transport); primaryValue in US dollars.

The file is read as a stream, one row at a time: memory stays the same for any size.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from bilateral.curate.comtradecodes import alpha_2
from bilateral.errors import BilateralError

NEEDED = (
    "refYear",
    "freqCode",
    "classificationCode",
    "reporterCode",
    "flowCode",
    "partnerCode",
    "partner2Code",
    "cmdCode",
    "customsCode",
    "motCode",
    "primaryValue",
)
"""The columns an import reads; a file without one of them is refused, naming it."""
OPTIONAL = ("reporterISO", "partnerISO")
"""Read where the file has them (the site's files do; the API's without descriptions may
not): the ISO alpha-3 codes, else the M49 codes tell the country."""
FLOWS = {"M": "import", "X": "export", "RM": "re-import", "RX": "re-export"}
LEFT_OUT = {
    "monthly": "monthly (freqCode other than A)",
    "classification": "in another classification than HS",
    "world": "with partner World",
    "commodity": "commodity chapters or headings (cmdCode other than TOTAL)",
    "customs": "by customs procedure (customsCode other than C00)",
    "transport": "by mode of transport (motCode other than 0)",
    "partner2": "by second partner (partner2Code other than 0)",
    "flow": "other flows (flowCode other than M, X, RM, RX)",
    "pairs": "between countries the base does not pair",
    "repeated": "repeating a row above",
}
"""Each kind of row left out, in the order rows are tested, as the notice words it."""
Key = tuple[str, str, str, int]
"""Reporter, partner, flow, year."""


class BadFile(BilateralError):
    """The download cannot be imported as it is (exit 2); nothing is written."""


@dataclass(frozen=True)
class Figure:
    reporter: str
    partner: str
    flow: str
    year: int
    value: int | float
    line: int


@dataclass
class Reading:
    figures: dict[Key, Figure] = field(default_factory=dict)
    left_out: Counter[str] = field(default_factory=Counter)
    rows: int = 0

    def notice(self) -> str:
        """'left out 37 of 41 rows: 20 commodity chapters ..., 2 with partner World'."""
        kinds = [f"{self.left_out[kind]} {words}" for kind, words in LEFT_OUT.items()]
        counted = [text for kind, text in zip(LEFT_OUT, kinds, strict=True) if self.left_out[kind]]
        return f"left out {sum(self.left_out.values())} of {self.rows} rows: {', '.join(counted)}"


def read(path: str, pairs: set[frozenset[str]]) -> Reading:
    """The figures of the download between the countries of `pairs` (BadFile, naming the
    file and line, for anything that stops it from being read)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return _read_rows(path, handle, pairs)
    except UnicodeDecodeError as error:
        raise BadFile(
            f"{path}: is not UTF-8 text (byte {error.start}); save the download as UTF-8 CSV"
        ) from None
    except csv.Error as error:
        raise BadFile(f"{path}: cannot be read as CSV ({error})") from None
    except OSError as error:
        raise BadFile(f"{path}: cannot be read ({error.strerror or error})") from None


def _read_rows(path: str, handle: TextIO, pairs: set[frozenset[str]]) -> Reading:
    reader = csv.reader(handle)
    header = next(reader, None)
    if header is None or not any(cell.strip() for cell in header):
        raise BadFile(f"{path}: is empty; download the CSV from UN Comtrade again")
    where = _columns(path, header)
    reading = Reading()
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        reading.rows += 1
        line = reader.line_num
        if len(row) < len(header):
            raise BadFile(
                f"{path}:{line}: has {len(row)} fields where the header has {len(header)}; "
                "the file is cut short or not a UN Comtrade CSV"
            )
        cells = dict.fromkeys(OPTIONAL, "") | {n: row[i].strip() for n, i in where.items()}
        kind = _left_out(cells, pairs)
        if kind:
            reading.left_out[kind] += 1
            continue
        figure = _figure(path, line, cells)
        _keep(path, reading, figure)
    _check_kept(path, reading, pairs)
    return reading


def _columns(path: str, header: list[str]) -> dict[str, int]:
    names = [name.strip() for name in header]
    missing = [name for name in NEEDED if name not in names]
    if missing:
        raise BadFile(
            f"{path}:1: has no column {missing[0]!r}"
            + (f" (nor {', '.join(repr(m) for m in missing[1:])})" if missing[1:] else "")
            + "; download the CSV from UN Comtrade with its standard columns"
        )
    return {name: names.index(name) for name in (*NEEDED, *OPTIONAL) if name in names}


def _left_out(cells: dict[str, str], pairs: set[frozenset[str]]) -> str | None:
    """Why a row is left out, or None for a row to import."""
    classification = cells["classificationCode"].upper()
    tests = (
        ("monthly", cells["freqCode"].upper() != "A"),
        ("classification", not (classification == "HS" or _hs_edition(classification))),
        ("world", cells["partnerCode"] == "0" or cells["partnerISO"].upper() == "W00"),
        ("commodity", cells["cmdCode"].upper() != "TOTAL"),
        ("customs", cells["customsCode"].upper() != "C00"),
        ("transport", cells["motCode"] != "0"),
        ("partner2", cells["partner2Code"] != "0"),
        ("flow", cells["flowCode"].upper() not in FLOWS),
    )
    for kind, applies in tests:
        if applies:
            return kind
    reporter = alpha_2(cells["reporterISO"], cells["reporterCode"])
    partner = alpha_2(cells["partnerISO"], cells["partnerCode"])
    if reporter is None or partner is None or frozenset((reporter, partner)) not in pairs:
        return "pairs"
    return None


def _hs_edition(code: str) -> bool:
    """H0 (HS 1992) to H9: an edition of the Harmonized System."""
    return len(code) == 2 and code[0] == "H" and code[1].isdigit()


def _figure(path: str, line: int, cells: dict[str, str]) -> Figure:
    year_text, value_text = cells["refYear"], cells["primaryValue"]
    if not year_text.isdigit() or not 1800 <= int(year_text) <= 2200:
        raise BadFile(f"{path}:{line}: refYear {year_text!r} is not a year")
    try:
        value = float(value_text)
    except ValueError:
        raise BadFile(
            f"{path}:{line}: primaryValue {value_text!r} is not a number; "
            "correct the row or download the file again"
        ) from None
    if not math.isfinite(value) or value < 0:
        raise BadFile(f"{path}:{line}: primaryValue {value_text!r} is not a value in dollars")
    reporter = alpha_2(cells["reporterISO"], cells["reporterCode"])
    partner = alpha_2(cells["partnerISO"], cells["partnerCode"])
    assert reporter is not None, cells  # _left_out saw to it
    assert partner is not None, cells
    exact = int(value) if value.is_integer() else value
    return Figure(reporter, partner, FLOWS[cells["flowCode"].upper()], int(year_text), exact, line)


def _keep(path: str, reading: Reading, figure: Figure) -> None:
    key = (figure.reporter, figure.partner, figure.flow, figure.year)
    earlier = reading.figures.get(key)
    if earlier is None:
        reading.figures[key] = figure
    elif earlier.value == figure.value:
        reading.left_out["repeated"] += 1
    else:
        raise BadFile(
            f"{path}:{figure.line}: a second figure for {figure.reporter}'s {figure.flow}s "
            f"with {figure.partner} in {figure.year} ({figure.value:g}; line {earlier.line} "
            f"gave {earlier.value:g}); download one classification and one release"
        )


def _check_kept(path: str, reading: Reading, pairs: set[frozenset[str]]) -> None:
    """A file that gave nothing to import says why, in one line."""
    if reading.figures:
        return
    if reading.rows == 0:
        raise BadFile(f"{path}: has a header but no rows; download the CSV from UN Comtrade again")
    if reading.left_out["monthly"] == reading.rows:
        raise BadFile(
            f"{path}: holds monthly figures only (freqCode M); download annual ones "
            "(Frequency: Annual on the site, freqCode=A in the API)"
        )
    if reading.left_out["classification"] == reading.rows - reading.left_out["monthly"]:
        raise BadFile(
            f"{path}: holds no figures in the HS classification (classificationCode H0-H6); "
            "download them with Classification: HS"
        )
    shown = ", ".join(sorted("-".join(sorted(pair)) for pair in pairs))
    raise BadFile(
        f"{path}: no row is an annual all-commodities (TOTAL) figure between the countries "
        f"of the base's pairs ({shown}); {reading.notice()}"
    )
