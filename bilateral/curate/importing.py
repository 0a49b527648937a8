"""`import comtrade`: a UN Comtrade download as trade records of the base.

Each figure becomes a trade record (certainty `reported`, exact, in US dollars) citing a
source record for the download (UN Comtrade, its address, the retrieval date), which is
added when the base lacks it. A figure the base already holds adds nothing; one that
differs from the value held is kept beside it as a dispute of the record's `value`, each
value citing the download it came from. Records are inserted as `new` inserts them (the
same blocks, places and layout; nothing else in a file changes), the whole base is
checked with them in memory, and only then is each changed file written.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from typing import Any

from bilateral.curate import comtrade
from bilateral.curate.adding import block, specs
from bilateral.curate.create import CannotAdd, Refused, target_file
from bilateral.curate.files import base_files, locked, refuse_installed, write_atomically
from bilateral.curate.placing import end_of_field, end_of_kind, end_of_record, inserted
from bilateral.curate.placing import record_ids as ids_in
from bilateral.errors import FactBaseInvalid
from bilateral.kinds.base import FactBase
from bilateral.kinds.parts import build_parts
from bilateral.schema.checker import Document
from bilateral.schema.locate import headers
from bilateral.schema.reading import decode, parse_toml, read_bytes
from bilateral.schema.vocabulary import FLOWS

URL = "https://comtradeplus.un.org/"
PUBLISHER = "UN Comtrade"
CURRENCY = "USD"


@dataclass
class File:
    """One file of the base: its bytes as read, its text as it will be written."""

    path: str
    original: bytes
    text: str
    data: dict[str, Any]

    @property
    def changed(self) -> bool:
        return self.text != decode(self.path, self.original)


@dataclass
class Plan:
    base: str
    reading: comtrade.Reading
    source: str
    source_file: str = ""
    """The file the source record is added to, when it is."""
    added: list[str] = field(default_factory=list)
    disputed: list[str] = field(default_factory=list)
    unchanged: int = 0
    blocks: list[str] = field(default_factory=list)
    """The lines added, block after block, for --dry-run."""
    files: dict[str, File] = field(default_factory=dict)

    @property
    def changes(self) -> bool:
        return any(file.changed for file in self.files.values())


def plan(base: str, download: str, retrieved: datetime.date, chosen: str | None) -> Plan:
    """What importing the download into the base changes, checked but not yet written
    (comtrade.BadFile, CannotAdd, Refused or FactBaseUnreadable when it cannot be done)."""
    files = {path: _read(path) for path in base_files(base)}
    built = _built(base, files, "the base has {n} problem(s) already; run `bilateral check`")
    pairs = {frozenset(pair.split("-")) for pair in {built.pair, *built.pairs()} if pair}
    reading = comtrade.read(download, pairs)
    taken = _taken(files)
    source, values = _source(built, taken, retrieved, download)
    taken.add(source)
    result = Plan(base, reading, source, files=files)
    trade_file = target_file(base, chosen, specs()["trade"], None)
    held = _reported(built)
    new_records: list[dict[str, Any]] = []
    for key in sorted(reading.figures, key=_order):
        figure = reading.figures[key]
        record = held.get(key)
        if record is None:
            new_records.append(_record(figure, source, _free_id(figure, taken)))
            taken.add(new_records[-1]["id"])
        elif _holds(record, figure.value):
            result.unchanged += 1
        else:
            where = files[built.origin.get(record["id"], trade_file)]
            _dispute(result, where, record, figure, built, retrieved)
    if values is not None and (new_records or result.disputed):
        result.source_file = _source_file(base, chosen, trade_file)
        _append(result, files[result.source_file], "sources", [values])
    _append(result, files[trade_file], "trade", new_records)
    result.added = [record["id"] for record in new_records]
    if result.changes:
        _built(base, files, "the import would leave the base with {n} problem(s)", changed=True)
    return result


def write(result: Plan) -> list[str]:
    """Write each changed file (the source's first: a base that cites it stays whole); the
    paths written."""
    refuse_installed(result.base)
    written = []
    for file in sorted(result.files.values(), key=lambda f: f.path != result.source_file):
        if file.changed:
            with locked(file.path):  # the bytes read are re-checked under the writers' lock
                write_atomically(file.path, file.text, expected=file.original)
            written.append(file.path)
    return written


def _read(path: str) -> File:
    original = read_bytes(path)
    text = decode(path, original)
    return File(path, original, text, parse_toml(path, text))


def _built(base: str, files: dict[str, File], message: str, changed: bool = False) -> FactBase:
    parts = [
        (
            file.path,
            _constant(file.text),
            parse_toml(file.path, file.text) if changed else file.data,
        )
        for file in files.values()
    ]
    try:
        return build_parts(parts)
    except FactBaseInvalid as error:
        problems = error.problems
        raise Refused(f"{base}: {message.format(n=len(problems))}", problems) from None


def _data(file: File) -> dict[str, Any]:
    return parse_toml(file.path, file.text)


def _constant(text: str) -> Any:
    return lambda: text


def _order(key: comtrade.Key) -> tuple[int, str, str, int]:
    reporter, partner, flow, year = key
    return (year, reporter, partner, FLOWS.index(flow))


def _reported(built: FactBase) -> dict[comtrade.Key, Document]:
    """The base's reported figures by reporter, partner, flow and year."""
    found: dict[comtrade.Key, Document] = {}
    for record in built.records["trade"]:
        if record["certainty"] == "reported" and record["value"]["currency"] == CURRENCY:
            key = (record["reporter"], record["partner"], record["flow"], record["year"])
            found.setdefault(key, record)
    return found


def _holds(record: Document, value: float) -> bool:
    """Whether the record's value, or a value its dispute keeps, is this one."""
    if record["value"]["low"] == value == record["value"]["high"]:
        return True
    return any(
        entry["value"] == value
        for dispute in record["disputes"]
        if dispute["field"] == "value"
        for entry in dispute["values"]
    )


def _taken(files: dict[str, File]) -> set[str]:
    """Every id the base's files hold, nested records' included."""
    return {found for file in files.values() for found in ids_in(file.data).values()}


def _source(
    built: FactBase, taken: set[str], retrieved: datetime.date, download: str
) -> tuple[str, dict[str, Any] | None]:
    """The id of the download's source record, and its values when it is to be added."""
    day = retrieved.isoformat()
    for source in built.records["source"]:
        if source["url"] == URL and source["date"] == day:
            return source["id"], None
    source_id = _unique(f"un-comtrade-{day}", taken)
    note = (
        f"Annual trade totals (all commodities, TOTAL) in US dollars, as each country "
        f"reported them; downloaded as {os.path.basename(download)} and imported with "
        "`bilateral import comtrade`."
    )
    values = {
        "id": source_id,
        "title": "UN Comtrade Database",
        "publisher": PUBLISHER,
        "date": retrieved,
        "url": URL,
        "note": note,
    }
    return source_id, values


def _unique(wanted: str, taken: set[str]) -> str:
    chosen, number = wanted, 1
    while chosen in taken:
        number += 1
        chosen = f"{wanted}-{number}"
    return chosen


def _free_id(figure: comtrade.Figure, taken: set[str]) -> str:
    wanted = (
        f"comtrade-{figure.year}-{figure.reporter.lower()}-{figure.flow}-{figure.partner.lower()}"
    )
    return _unique(wanted, taken)


def _record(figure: comtrade.Figure, source: str, record_id: str) -> dict[str, Any]:
    return {
        "id": record_id,
        "reporter": figure.reporter,
        "partner": figure.partner,
        "flow": figure.flow,
        "year": figure.year,
        "value": {"low": figure.value, "high": figure.value, "currency": CURRENCY},
        "certainty": "reported",
        "sources": [{"source": source}],
    }


def _source_file(base: str, chosen: str | None, trade_file: str) -> str:
    """Where the source record goes: with the other sources, else with the figures."""
    if chosen or not os.path.isdir(base):
        return trade_file
    try:
        return target_file(base, None, specs()["source"], None)
    except CannotAdd:
        return trade_file


def _append(result: Plan, file: File, table: str, records: list[dict[str, Any]]) -> None:
    """The records at the end of their kind in the file, one blank line between them."""
    if not records:
        return
    layout = specs()["trade" if table == "trade" else "source"].layout
    lines: list[str] = []
    for values in records:
        lines += ["", *block((table,), values, layout)]
    file.text = inserted(file.text, end_of_kind(file.text, table), lines[1:])
    result.blocks += [*lines[1:], ""]


def _dispute(
    result: Plan,
    file: File,
    record: Document,
    figure: comtrade.Figure,
    built: FactBase,
    retrieved: datetime.date,
) -> None:
    """Keep the download's value beside the record's: a new dispute of its `value`, or one
    more value in the dispute it has."""
    key = _key_in_file(file, record["id"])
    data = _table_at(parse_toml(file.path, file.text), key)
    new_entry = {
        "value": figure.value,
        "says": f"UN Comtrade, retrieved {retrieved.isoformat()}",
        "sources": [{"source": result.source}],
    }
    disputes = data.get("disputes") or []
    position = next((i for i, d in enumerate(disputes) if d.get("field") == "value"), None)
    spec = specs()["dispute"]
    if position is None:
        values = {"field": "value", "values": [_held_entry(record, built), new_entry]}
        lines = block(("trade", "disputes"), values, spec.layout)
        keys = specs()["trade"].layout.keys
        after = end_of_field(file.text, key, "disputes", keys[keys.index("disputes") + 1 :])
        assert after is not None, key
        file.text = inserted(file.text, after, lines)
    else:
        values = dict(disputes[position])
        values["values"] = [*values["values"], new_entry]
        lines = block(("trade", "disputes"), values, spec.layout)
        file.text = _replaced(file.text, f"{key}.disputes[{position}]", lines)
    result.disputed.append(record["id"])
    result.blocks += [f"# in {record['id']}", *lines, ""]


def _held_entry(record: Document, built: FactBase) -> dict[str, Any]:
    """The value the record holds, as a disputed value citing the record's sources."""
    cited = [{k: v for k, v in cite.items() if v is not None} for cite in record["sources"]]
    dates = {source["id"]: source["date"] for source in built.records["source"]}
    retrieved = next((dates[c["source"]] for c in cited if dates.get(c["source"])), None)
    says = f"UN Comtrade, retrieved {retrieved}" if retrieved else "the value held before"
    return {"value": record["value"]["low"], "says": says, "sources": cited}


def _key_in_file(file: File, record_id: str) -> str:
    for key, found in ids_in(parse_toml(file.path, file.text)).items():
        if found == record_id and key.startswith("trade["):
            return key
    raise CannotAdd(f"{file.path}: no trade record has the id {record_id!r}")


def _table_at(data: dict[str, Any], key: str) -> dict[str, Any]:
    index = int(key.removeprefix("trade[").removesuffix("]"))
    table: dict[str, Any] = data["trade"][index]
    return table


def _replaced(text: str, key: str, lines: list[str]) -> str:
    """The text with the table at `key` (and its sub-tables) replaced by the lines."""
    header = next(h for h in headers(text) if h.key == key)
    end = end_of_record(text, key)
    assert end is not None, key
    ending = "\r" if "\r\n" in text else ""
    every = text.split("\n")
    return "\n".join(
        [*every[: header.line - 1], *(f"{line}{ending}" for line in lines), *every[end:]]
    )
