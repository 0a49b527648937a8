"""UN Comtrade downloads written here, never fetched: the test fixtures and the large file
of the import benchmark.

The columns are those of UN Comtrade's final-data CSV, in its order (the header of the
files comtradeplus.un.org and its API write; the codes as the selection criteria of
UN Comtrade's own client, github.com/uncomtrade/comtradeapicall, describe them):
freqCode A or M, flowCode M/X/RM/RX, partnerCode 0 for World, cmdCode TOTAL for all
commodities, customsCode C00 for every customs procedure, motCode 0 for every mode of
transport, partner2Code 0 for no second partner, primaryValue in US dollars.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

HEADER = (
    "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,"
    "reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,"
    "partner2ISO,partner2Desc,classificationCode,classificationSearchCode,"
    "isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,"
    "mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,"
    "altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,"
    "isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,"
    "isAggregate"
).split(",")
COUNTRIES = {
    "AZ": ("31", "AZE", "Azerbaijan"),
    "PK": ("586", "PAK", "Pakistan"),
    "TR": ("792", "TUR", "Türkiye"),
    "RU": ("643", "RUS", "Russian Federation"),
    "W": ("0", "W00", "World"),
}
FLOW_NAMES = {"M": "Import", "X": "Export", "RM": "Re-import", "RX": "Re-export"}


def row(
    year: int,
    reporter: str,
    flow: str,
    partner: str,
    value: str | float,
    *,
    freq: str = "A",
    classification: str = "H2",
    cmd: str = "TOTAL",
    customs: str = "C00",
    mot: str = "0",
    partner2: str = "0",
) -> list[str]:
    """One row of a download, every column filled as UN Comtrade fills it."""
    r_code, r_iso, r_name = COUNTRIES[reporter]
    p_code, p_iso, p_name = COUNTRIES[partner]
    period = str(year) if freq == "A" else f"{year}01"
    cells = {
        "typeCode": "C",
        "freqCode": freq,
        "refPeriodId": f"{period}0101" if freq == "A" else f"{period}01",
        "refYear": str(year),
        "refMonth": "52" if freq == "A" else "1",
        "period": period,
        "reporterCode": r_code,
        "reporterISO": r_iso,
        "reporterDesc": r_name,
        "flowCode": flow,
        "flowDesc": FLOW_NAMES.get(flow, flow),
        "partnerCode": p_code,
        "partnerISO": p_iso,
        "partnerDesc": p_name,
        "partner2Code": partner2,
        "partner2ISO": "W00" if partner2 == "0" else "XXX",
        "partner2Desc": "World" if partner2 == "0" else "Other",
        "classificationCode": classification,
        "classificationSearchCode": "HS" if classification.startswith("H") else "SITC",
        "isOriginalClassification": "True",
        "cmdCode": cmd,
        "cmdDesc": "All Commodities" if cmd == "TOTAL" else f"Chapter {cmd}",
        "aggrLevel": "0" if cmd == "TOTAL" else "2",
        "isLeaf": "False",
        "customsCode": customs,
        "customsDesc": "TOTAL CPC" if customs == "C00" else "Other procedure",
        "mosCode": "0",
        "motCode": mot,
        "motDesc": "TOTAL MOT" if mot == "0" else "Sea",
        "qtyUnitCode": "-1",
        "qtyUnitAbbr": "N/A",
        "qty": "0",
        "isQtyEstimated": "False",
        "altQtyUnitCode": "-1",
        "altQtyUnitAbbr": "N/A",
        "altQty": "0",
        "isAltQtyEstimated": "False",
        "netWgt": "0",
        "isNetWgtEstimated": "False",
        "grossWgt": "0",
        "isGrossWgtEstimated": "False",
        "cifvalue": str(value) if flow in ("M", "RM") else "",
        "fobvalue": str(value) if flow in ("X", "RX") else "",
        "primaryValue": str(value),
        "legacyEstimationFlag": "0",
        "isReported": "False",
        "isAggregate": "True",
    }
    return [cells[name] for name in HEADER]


def text(rows: list[list[str]], header: list[str] = HEADER) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def filler(count: int) -> Iterator[list[str]]:
    """Rows an import leaves out, as a real download is mostly made of: commodity
    chapters between the pair, and figures with other partners."""
    for number in range(count):
        year = 1995 + number % 30
        if number % 2:
            yield row(year, "AZ", "M", "PK", 1000 + number, cmd=f"{number % 97 + 1:02d}")
        else:
            yield row(year, "TR", "X", "RU", 5000 + number)


def write_large(path: Path, megabytes: int) -> int:
    """A download of about `megabytes` MB: a TOTAL row for each flow of the pair and year,
    then filler; the rows written."""
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        for year in range(1995, 2025):
            for reporter, partner in (("AZ", "PK"), ("PK", "AZ")):
                for flow in ("M", "X"):
                    writer.writerow(row(year, reporter, flow, partner, 10_000 + year))
                    written += 1
        target = megabytes * 1_000_000
        while handle.tell() < target:
            writer.writerows(filler(1000))
            written += 1000
    return written
