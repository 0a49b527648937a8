"""Mirror figures: a country's report of a flow beside its partner's report of the same
goods seen from the other side (A's imports from B beside B's exports to A).

Only reported statistics (certainty `reported`, as imported from UN Comtrade) are paired:
a figure read from a news page is no country's report. The two reports rarely agree
(imports are valued with freight and insurance, exports without; goods in transit are
counted at different times), and the gap between them is worth seeing.
"""

from __future__ import annotations

from collections.abc import Iterable

from bilateral.answer.rows import Document, Row
from bilateral.schema.vocabulary import IMPORT_SIDE, MIRROR_FLOW

Key = tuple[str, str, str, int, str]
"""Reporter, partner, flow, year and currency: what identifies one report."""


def _own_key(figure: Document) -> Key:
    value = figure["value"]
    return (
        figure["reporter"],
        figure["partner"],
        figure["flow"],
        figure["year"],
        value["currency"],
    )


def _mirror_key(figure: Document) -> Key | None:
    if figure["certainty"] != "reported" or figure["flow"] not in MIRROR_FLOW:
        return None
    value = figure["value"]
    flow = MIRROR_FLOW[figure["flow"]]
    return (figure["partner"], figure["reporter"], flow, figure["year"], value["currency"])


def reports(figures: Iterable[Document]) -> dict[Key, Document]:
    """The reported figures by what they report; the first of two alike is kept."""
    found: dict[Key, Document] = {}
    for figure in figures:
        if figure["certainty"] == "reported":
            found.setdefault(_own_key(figure), figure)
    return found


def mirror_of(figure: Document, among: dict[Key, Document]) -> Document | None:
    key = _mirror_key(figure)
    return among.get(key) if key is not None else None


def with_mirrors(figures: list[Document], among: dict[Key, Document]) -> list[Document]:
    """Each figure with `mirror`: its partner's report of the same flow (`id`, `reporter`,
    `flow`, `value`, `sources`), the `gap` (this figure less the mirror's, as a range in
    the currency) and `listed` (whether the mirror is among these figures too, when the
    import side's row shows both); null when there is none."""
    listed = {figure["id"] for figure in figures}
    paired = []
    for figure in figures:
        other = mirror_of(figure, among)
        mirror = None
        if other is not None:
            mirror = {
                "id": other["id"],
                "reporter": other["reporter"],
                "flow": other["flow"],
                "value": other["value"],
                "sources": other["sources"],
                "gap": gap(figure["value"], other["value"]),
                "listed": other["id"] in listed,
            }
        paired.append(figure | {"mirror": mirror})
    return paired


def gap(value: Document, other: Document) -> Document:
    """One value less another, as the range of every difference their ranges allow."""
    low = _rounded(value["low"] - other["high"])
    high = _rounded(value["high"] - other["low"])
    return {"low": low, "high": high, "currency": value["currency"]}


def _rounded(figure: float) -> float | int:
    shown = round(figure, 2)
    return int(shown) if float(shown).is_integer() else shown


class _Value:
    """Equal by fields, like a frozen dataclass, without creating one at import: the trade
    answer imports this module on every run (see docs/performance.md)."""

    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{type(self).__name__}({shown})"


class MirrorPoint(_Value):
    """One year: `imported` is the importer's report (its import figure), or None where it
    reported nothing; `exported` the exporter's report of the same goods, or None."""

    __slots__ = ("exported", "imported", "year")

    def __init__(self, year: int, imported: Document | None, exported: Document | None):
        self.year = year
        self.imported = imported
        self.exported = exported


class MirrorSeries(_Value):
    """One direction of trade, year by year, as both countries reported it: goods from
    `exporter` to `importer`, `flow` being the importer's side (import or re-import)."""

    __slots__ = ("exporter", "flow", "importer", "points")

    def __init__(self, importer: str, exporter: str, flow: str, points: tuple[MirrorPoint, ...]):
        self.importer = importer
        self.exporter = exporter
        self.flow = flow
        self.points = points


def paired_series(figures: Iterable[Document]) -> list[MirrorSeries]:
    """The two lines of a mirror chart for each direction of trade among the figures:
    the importer's reports and the exporter's, by year (reported figures only)."""
    among = reports(figures)
    lines: dict[tuple[str, str, str], dict[int, list[Document | None]]] = {}
    for (reporter, partner, flow, year, _currency), figure in among.items():
        if flow in IMPORT_SIDE:
            direction, side = (reporter, partner, flow), 0
        elif flow in MIRROR_FLOW:
            direction, side = (partner, reporter, MIRROR_FLOW[flow]), 1
        else:
            continue
        point = lines.setdefault(direction, {}).setdefault(year, [None, None])
        point[side] = figure
    return [
        MirrorSeries(
            importer,
            exporter,
            flow,
            tuple(MirrorPoint(year, *points[year]) for year in sorted(points)),
        )
        for (importer, exporter, flow), points in sorted(lines.items())
    ]


def mirrored_rows(rows: list[Row], candidates: Iterable[Document]) -> list[Row]:
    """The rows of a trade answer, each document with its `mirror` (see with_mirrors),
    found among `candidates` (every figure of the pair, whatever the answer's filters)."""
    among = reports(candidates)
    paired = with_mirrors([row.document for row in rows], among)
    found = []
    for row, document in zip(rows, paired, strict=True):
        mirror = document["mirror"]
        raw = f'{row.raw[:-1]},"mirror":{_json(mirror) if mirror else "null"}}}'
        found.append(Row(raw, document))
    return found


def _json(mirror: Document) -> str:
    from bilateral.schema.jsontext import to_json  # json, only when a figure has a mirror

    return to_json(mirror)
