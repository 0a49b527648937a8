"""Answer questions from a compiled store. Returns rows of plain documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from bilateral.answer.rows import Document, Row, parsed
from bilateral.errors import BadParameter, NothingMatched
from bilateral.store.integrity import StoreDamaged
from bilateral.store.packing import PACK, block_of

if TYPE_CHECKING:
    import sqlite3

    from bilateral.answer.names import NameMatcher


FACET = "SELECT code FROM facet_keys WHERE type = ? AND key = ?"
"""The code under which the facets of a kind and key are stored."""
SOURCES_ASKED = 500
"""Ids asked for in one statement: under SQLite's oldest limit of 999 parameters."""


class Filter:
    """Records having a facet `key` equal to any of `values`."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, values: tuple[str, ...]) -> None:
        self.key = key
        self.values = values


class FactQuery:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection
        self.meta: dict[str, str] = dict(self.db.execute("SELECT key, value FROM meta"))
        self._names: NameMatcher | None = None

    @property
    def names(self) -> NameMatcher:
        if self._names is None:
            from bilateral.answer.names import NameMatcher  # text folding: name lookups only

            self._names = NameMatcher(self.db)
        return self._names

    @property
    def pairs(self) -> list[str]:
        return self.meta["pairs"].split()

    def countries(self) -> dict[str, str]:
        rows = self.db.execute(
            f"SELECT id, rowid, {PACK.format('records')} FROM records "
            "WHERE type = 'country' ORDER BY sort"
        ).fetchall()
        return {code: Row.stored(stored, rowid).document["name"] for code, rowid, stored in rows}

    @property
    def default_pair(self) -> str | None:
        """The pair a listing answers for when none is asked: the base's `pair`, where the
        base holds several pairs and that is one of them; else None, every pair."""
        chosen = self.meta.get("pair") or ""
        return chosen if len(self.pairs) > 1 and chosen in self.pairs else None

    def resolve_pair(self, pair: str | None) -> str | None:
        """The pair asked for (either order, any case), the base's default pair for None, or
        None for every pair (`all`); BadQuery for a pair the base does not hold."""
        if pair is None:
            return self.default_pair
        if not isinstance(pair, str):
            raise BadParameter("pair", pair, "give a pair as text such as 'AZ-PK', or 'all'")
        if pair.lower() == "all":
            return None
        codes = pair.upper().replace("_", "-").split("-")
        chosen = "-".join(sorted(codes))
        if len(codes) != 2 or chosen not in self.pairs:
            known = ", ".join(self.pairs[:10]) + (", ..." if len(self.pairs) > 10 else "")
            raise BadParameter(
                "pair",
                pair,
                f"no such pair in this fact base; the pairs are: {known}",
                f"no pair {pair!r} in this fact base; the pairs are: {known}",
            )
        return chosen

    def about(self, pair: str | None) -> dict[str, str]:
        """A pair's own `title` and `as_of` (its date of writing): as the base gives them,
        else the base's own for its default pair (or every pair), else `A-B relations`
        by the countries' names and the base's date."""
        import json  # only titles read the pairs' keys

        given: dict[str, dict[str, str]] = json.loads(self.meta.get("about_pairs") or "{}")
        own = {"title": self.meta["title"], "as_of": self.meta["as_of"]}
        if pair is None or pair == (self.meta.get("pair") or pair) or len(self.pairs) < 2:
            return own | given.get(pair or "", {})
        names = self.countries()
        title = "-".join(names.get(code, code) for code in pair.split("-")) + " relations"
        return {"title": title, "as_of": own["as_of"]} | given.get(pair, {})

    def resolve_country(self, code: str, parameter: str = "country") -> str:
        countries = self.countries()
        if code.upper() in countries:
            return code.upper()
        found = self.names.find(code, ("country",))
        if len(found) == 1:
            return found[0][0]
        listed = ", ".join(f"{cid} ({name})" for cid, name in countries.items())
        elsewhere = _country_outside(code)
        if elsewhere is not None:
            raise NothingMatched(
                f"{elsewhere} is not in this fact base; its countries are: {listed}"
            )
        raise BadParameter(
            parameter,
            code,
            f"unknown country; use one of: {listed}",
            f"unknown country {code!r}; use one of: {listed}",
        )

    def named(
        self, text: str, types: tuple[str, ...] | None, missing: str
    ) -> list[tuple[str, str]]:
        """(id, kind) of the records a name denotes, or NothingMatched with `missing` and
        the names close to it."""
        found = self.find_names(text, types)
        if not found:
            raise NothingMatched(missing, self.suggest(text))
        return found

    def resolve_place(self, place: str) -> list[str]:
        """The places and countries a name denotes, and for a country every place in it."""
        matches = self.named(place, ("place", "country"), f"no place matches {place!r}")
        found = [record_id for record_id, _ in matches]
        countries = [record_id for record_id, kind in matches if kind == "country"]
        if countries:
            inside = self.db.execute(
                "SELECT r.id FROM facets f JOIN records r ON r.rowid = f.record "
                f"WHERE f.facet = ({FACET}) AND f.value IN "
                f"({', '.join('?' * len(countries))})",
                ("place", "country", *countries),
            ).fetchall()
            found += [record_id for (record_id,) in inside]
        return list(dict.fromkeys(found))

    def listing(self, kind: str, pair: str | None, filters: list[Filter]) -> Iterator[Row]:
        sql = ["SELECT rowid FROM records WHERE type = ?"]
        parameters: list[str] = [kind]
        if pair is not None:
            sql.append("AND pair = ?")
            parameters.append(pair)
        for facet in filters:
            marks = ", ".join("?" * len(facet.values))
            sql.append(
                "AND rowid IN (SELECT record FROM facets "
                f"WHERE facet = ({FACET}) AND value IN ({marks}))"
            )
            parameters += [kind, facet.key, *facet.values]
        sql.append("ORDER BY sort")
        yield from self.stored(rowid for (rowid,) in self.db.execute(" ".join(sql), parameters))

    def stored(self, rowids: Iterable[int]) -> Iterator[Row]:
        """The rows at these rowids, in their order: each block's blob read once for the
        rows of it among SOURCES_ASKED at a time (a row's own copy of its block's blob costs
        a listing more than inflating it)."""
        chunk: list[int] = []
        for rowid in rowids:
            chunk.append(rowid)
            if len(chunk) == SOURCES_ASKED:
                yield from self._in_blocks(chunk)
                chunk = []
        yield from self._in_blocks(chunk)

    def _in_blocks(self, rowids: list[int]) -> Iterator[Row]:
        wanted = sorted({block_of(rowid) for rowid in rowids})
        blobs = dict(
            self.db.execute(
                f"SELECT block, data FROM packs WHERE block IN ({', '.join('?' * len(wanted))})",
                wanted,
            )
        )
        for rowid in rowids:
            blob = blobs.get(block_of(rowid))
            if blob is None:
                raise StoreDamaged("a stored record fails its checksum")  # its block is gone
            yield Row.stored(blob, rowid)

    def coverage(self) -> Document:
        """The first and last day the records speak of, and for each kind the latest date of
        the sources its records cite."""
        from bilateral.kinds.registry import BY_NAME  # the overview alone names kinds

        first, last = self.db.execute(
            "SELECT date(MIN(first)), date(MAX(last)) FROM record_dates"
        ).fetchone()
        checked = self.db.execute(
            "SELECT r.type, date(MAX(d.checked)) FROM records r "
            "JOIN record_dates d ON d.record = r.rowid "
            "WHERE d.checked IS NOT NULL GROUP BY r.type"
        ).fetchall()
        order = list(BY_NAME)
        checked.sort(key=lambda row: order.index(row[0]) if row[0] in order else len(order))
        return {
            "period": [first, last] if first else [],
            "checked": {BY_NAME[kind].plural: day for kind, day in checked if kind in BY_NAME},
        }

    def facet_values(self, kind: str, key: str) -> list[str]:
        rows = self.db.execute(
            f"SELECT DISTINCT value FROM facets WHERE facet = ({FACET})", (kind, key)
        ).fetchall()
        return [value for (value,) in rows]

    def record(self, record_id: str) -> tuple[str, Row] | None:
        row = self.db.execute(
            f"SELECT type, rowid, {PACK.format('records')} FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        return (row[0], Row.stored(row[2], row[1])) if row else None

    def mentioning(self, record_id: str) -> list[tuple[str, str, Document]]:
        """(id, kind, document) of the records that mention or cite a record."""
        rows = self.db.execute(
            f"SELECT r.id, r.type, r.rowid, {PACK.format('r')} "
            "FROM mentions m JOIN records r ON r.rowid = m.record "
            "WHERE m.target = (SELECT rowid FROM records WHERE id = ?) ORDER BY r.type, r.sort",
            (record_id,),
        ).fetchall()
        return [
            (rid, kind, Row.stored(stored, rowid).document) for rid, kind, rowid, stored in rows
        ]

    def sources(self, ids: Iterable[str]) -> Iterator[Row]:
        """The source records of these ids that the base holds, in no particular order."""
        return self.of_ids(ids, "AND type = 'source'")

    def citations(self, ids: Iterable[str]) -> dict[str, Document]:
        """The fields a citation names (author, publisher, title, date, url) of the sources
        of these ids that the base holds, by id: what a table's footnotes read of them."""
        found: dict[str, Document] = {}
        for rows in self._by_ids(
            "SELECT r.id, c.fields FROM records r LEFT JOIN citations c ON c.record = r.rowid"
            " WHERE r.type = 'source' AND r.id IN ({marks})",
            ids,
        ):
            found.update((source, _cited(source, fields)) for source, fields in rows)
        return found

    def dated_names(self) -> set[str]:
        """The ids of the records that have dated names."""
        # CROSS JOIN keeps dated_names outermost: left to the planner, an empty table (no
        # statistics) had every record's id scanned (7 ms at 300,000 records)
        rows = self.db.execute(
            "SELECT r.id FROM dated_names d CROSS JOIN records r ON r.rowid = d.record"
        )
        return {record_id for (record_id,) in rows}

    def of_ids(self, ids: Iterable[str], narrowed: str = "") -> Iterator[Row]:
        """The records of these ids that the base holds (of those `narrowed`, an SQL condition
        on `records` that adds to `id IN (...)`), in no particular order."""
        statement = "SELECT rowid FROM records WHERE id IN ({marks}) " + narrowed
        for found in self._by_ids(statement, ids):
            yield from self._in_blocks([rowid for (rowid,) in found])

    def _by_ids(self, statement: str, ids: Iterable[str]) -> Iterator[sqlite3.Cursor]:
        """The rows of `statement` for these ids, SOURCES_ASKED ids at a time (SQLite's limit
        on a statement's parameters): `{marks}` in it stands for each turn's placeholders."""
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), SOURCES_ASKED):
            chunk = wanted[start : start + SOURCES_ASKED]
            marks = ", ".join("?" * len(chunk))
            yield self.db.execute(statement.replace("{marks}", marks), chunk)

    def supporting(self, source_id: str) -> list[Document]:
        rows = self.db.execute(
            "SELECT r.id, r.type FROM mentions m JOIN records r ON r.rowid = m.record "
            "WHERE m.target = (SELECT rowid FROM records WHERE id = ?) ORDER BY r.rowid",
            (source_id,),
        ).fetchall()
        return [{"id": rid, "kind": kind} for rid, kind in rows]

    def find_names(self, text: str, types: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
        return self.names.find(text, types or named_kinds())

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Names close to the text, for a 'did you mean' line."""
        return self.names.suggest(text, named_kinds(), limit)

    def completions(self, prefix: str, types: tuple[str, ...] | None = None) -> list[str]:
        return self.names.complete(prefix, types or named_kinds())

    def overview(self) -> Document:
        import json  # the overview alone reads the counts

        counts: dict[str, int] = json.loads(self.meta["counts"])
        return {
            "title": self.meta["title"],
            "checked_as_of": self.meta["as_of"],
            "coverage": self.coverage(),
            "pairs": self.pairs,
            "default_pair": self.default_pair,
            "about_pairs": {pair: self.about(pair) for pair in self.pairs},
            "countries": self.countries(),
            "counts": counts,
        }


def named_kinds() -> tuple[str, ...]:
    """The kinds `show` finds by name."""
    from bilateral.kinds.registry import NAMED  # every kind's declaration: name lookups only

    return NAMED


def _country_outside(text: str) -> str | None:
    """'India (IN)' for a real country's code or name, else None."""
    from bilateral.schema.codes import COUNTRY_NAMES  # only when a country is not found
    from bilateral.schema.textnorm import name_key

    if text.upper() in COUNTRY_NAMES:
        return f"{COUNTRY_NAMES[text.upper()]} ({text.upper()})"
    wanted = name_key(text)
    for code, name in COUNTRY_NAMES.items():
        if name_key(name) == wanted:
            return f"{name} ({code})"
    return None


def _cited(source_id: str, fields: object) -> Document:
    """A source's row of `citations` read, or StoreDamaged."""
    from bilateral.store.citing import citation_text  # a table's footnotes alone

    try:
        return parsed(citation_text(source_id, fields))
    except ValueError as error:
        raise StoreDamaged("a stored citation is not one JSON object") from error
