"""Answer questions from a compiled store. Returns plain rows; knows nothing of click or rich."""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bilateral.search import Hit

Document = dict[str, Any]
NAMED_TYPES = ("person", "country", "organization", "place", "area")


class Row:
    """One answer: its JSON text as stored, and its fields, unpacked only when needed.

    The store keeps each document twice: as JSON text, written out unparsed by the
    JSON formats, and marshalled, which unpacks faster than JSON parses (and needs
    no import) for tables, CSV and TSV.
    """

    __slots__ = ("_data", "_document", "raw", "tsv")

    def __init__(
        self,
        raw: str,
        document: Document | None = None,
        data: bytes | None = None,
        tsv: str | None = None,
    ) -> None:
        self.raw = raw
        self._document = document
        self._data = data
        self.tsv = tsv
        """The record's rows in its own listing's TSV, when the store computed them."""

    @property
    def document(self) -> Document:
        if self._document is None:
            if self._data is not None:
                self._document = marshal.loads(self._data)
            else:
                import json

                self._document = json.loads(self.raw)
        return self._document

    @classmethod
    def of(cls, document: Document) -> Row:
        from bilateral.jsontext import to_json

        return cls(to_json(document), document)


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

    @property
    def pairs(self) -> list[str]:
        return self.meta["pairs"].split()

    def countries(self) -> dict[str, str]:
        rows = self.db.execute("SELECT id, label FROM records WHERE type = 'country' ORDER BY sort")
        return dict(rows.fetchall())

    def resolve_pair(self, pair: str | None) -> str | None:
        from bilateral.errors import BadQuery

        if pair is None:
            if len(self.pairs) > 1:
                raise BadQuery(
                    f"this fact base holds {len(self.pairs)} pairs of countries; "
                    f"choose one with --pair (such as --pair {self.pairs[0]}), or --pair all"
                )
            return None
        if pair.lower() == "all":
            return None
        codes = pair.upper().replace("_", "-").split("-")
        chosen = "-".join(sorted(codes))
        if len(codes) != 2 or chosen not in self.pairs:
            known = ", ".join(self.pairs[:10]) + (", ..." if len(self.pairs) > 10 else "")
            raise BadQuery(f"no pair {pair!r} in this fact base; the pairs are: {known}")
        return chosen

    def resolve_country(self, code: str) -> str:
        from bilateral.errors import BadQuery
        from bilateral.textnorm import name_key

        countries = self.countries()
        if code.upper() in countries:
            return code.upper()
        key = name_key(code)
        rows = self.db.execute(
            "SELECT r.id FROM names n JOIN records r ON r.rowid = n.record "
            "WHERE n.key = ? AND r.type = 'country'",
            (key,),
        ).fetchall()
        if len(rows) == 1:
            return str(rows[0][0])
        listed = ", ".join(f"{cid} ({name})" for cid, name in countries.items())
        raise BadQuery(f"unknown country {code!r}; use one of: {listed}")

    def listing(self, record_type: str, pair: str | None, filters: list[Filter]) -> Iterator[Row]:
        sql = ["SELECT doc, data, tsv FROM records WHERE type = ?"]
        parameters: list[str] = [record_type]
        if pair is not None:
            sql.append("AND pair = ?")
            parameters.append(pair)
        for facet in filters:
            marks = ", ".join("?" * len(facet.values))
            sql.append(
                "AND rowid IN (SELECT record FROM facets "
                f"WHERE type = ? AND key = ? AND value IN ({marks}))"
            )
            parameters += [record_type, facet.key, *facet.values]
        sql.append("ORDER BY sort")
        for raw, data, tsv in self.db.execute(" ".join(sql), parameters):
            yield Row(raw, data=data, tsv=tsv)

    def areas(
        self, status: str | None = None, country: str | None = None, pair: str | None = None
    ) -> Iterator[Row]:
        filters = []
        if status:
            filters.append(Filter("status", (status,)))
        if country:
            filters.append(Filter("country", (self.resolve_country(country),)))
        rows = self.listing("area", self.resolve_pair(pair), filters)
        if not status:
            yield from rows
            return
        for row in rows:
            document = dict(row.document)
            document["commitments"] = [c for c in document["commitments"] if c["status"] == status]
            yield Row.of(document)

    def officials(
        self, country: str | None = None, current: bool | None = None, pair: str | None = None
    ) -> Iterator[Row]:
        filters = []
        chosen_pair = self.resolve_pair(pair)
        if chosen_pair:
            filters.append(Filter("country", tuple(chosen_pair.split("-"))))
        if country:
            filters.append(Filter("country", (self.resolve_country(country),)))
        if current is True:
            filters.append(Filter("current", ("1",)))
        elif current is False:
            filters.append(Filter("former", ("1",)))
        return self.listing("person", None, filters)

    def trade(
        self,
        year: int | None = None,
        flow: str | None = None,
        reporter: str | None = None,
        pair: str | None = None,
    ) -> Iterator[Row]:
        filters = []
        if year is not None:
            filters.append(Filter("year", (str(year),)))
        if flow:
            filters.append(Filter("flow", (flow,)))
        if reporter:
            filters.append(Filter("reporter", (self.resolve_country(reporter),)))
        return self.listing("trade", self.resolve_pair(pair), filters)

    def events(
        self, year: int | None = None, place: str | None = None, pair: str | None = None
    ) -> Iterator[Row]:
        filters = []
        if year is not None:
            filters.append(Filter("year", (str(year),)))
        if place:
            filters.append(Filter("place", tuple(self.resolve_place(place))))
        return self.listing("event", self.resolve_pair(pair), filters)

    def resolve_place(self, place: str) -> list[str]:
        from bilateral.errors import NothingMatched

        matches = self.find_names(place, ("place", "country"))
        if not matches:
            raise NothingMatched(f"no place matches {place!r}", self.suggest(place))
        return [record_id for record_id, _ in matches]

    def sources(self) -> Iterator[Row]:
        for row in self.listing("source", None, []):
            document = row.document
            supported = self.db.execute(
                "SELECT r.id, r.type FROM mentions m JOIN records r ON r.rowid = m.record "
                "WHERE m.target = ? ORDER BY r.rowid",
                (document["id"],),
            ).fetchall()
            document["supports"] = [{"id": rid, "kind": kind} for rid, kind in supported]
            yield Row.of(document)

    def find_names(self, text: str, types: tuple[str, ...] = NAMED_TYPES) -> list[tuple[str, str]]:
        """(id, type) of the records a name denotes: exact, then all words, then one typo away."""
        from bilateral.textnorm import name_key

        key = name_key(text)
        if not key:
            return []
        marks = ", ".join("?" * len(types))
        exact = self.db.execute(
            "SELECT DISTINCT r.id, r.type, r.rowid FROM names n "
            "JOIN records r ON r.rowid = n.record "
            f"WHERE n.key = ? AND r.type IN ({marks}) ORDER BY r.rowid",
            (key, *types),
        ).fetchall()
        if exact:
            return [(rid, kind) for rid, kind, _ in exact]
        for tokens_of in (self._exact_tokens, self._tokens_one_typo_away):
            found = self._records_with_all([tokens_of(token) for token in key.split()], types)
            if found:
                return found
        return []

    @staticmethod
    def _exact_tokens(token: str) -> list[str]:
        return [token]

    def _tokens_one_typo_away(self, token: str) -> list[str]:
        from bilateral.textnorm import single_deletions

        variants = sorted(single_deletions(token))
        marks = ", ".join("?" * len(variants))
        candidates = self.db.execute(
            f"SELECT DISTINCT token FROM token_variants WHERE variant IN ({marks})", variants
        ).fetchall()
        return [c for (c,) in candidates if _one_edit_apart(token, c)]

    def _records_with_all(
        self, alternatives: list[list[str]], types: tuple[str, ...]
    ) -> list[tuple[str, str]]:
        if not alternatives or not all(alternatives):
            return []
        type_marks = ", ".join("?" * len(types))
        sql = [f"SELECT r.id, r.type FROM records r WHERE r.type IN ({type_marks})"]
        parameters: list[str] = list(types)
        for tokens in alternatives:
            marks = ", ".join("?" * len(tokens))
            sql.append(f"AND r.rowid IN (SELECT record FROM name_tokens WHERE token IN ({marks}))")
            parameters += tokens
        sql.append("ORDER BY r.rowid LIMIT 20")
        return [(rid, kind) for rid, kind in self.db.execute(" ".join(sql), parameters)]

    def search(self, text: str, limit: int) -> list[Hit]:
        """Ranked hits for a question; when no word matches, the names it is a typo of."""
        from bilateral.search import Hit, search

        hits = search(self.db, text, limit)
        if hits:
            return hits
        fallback = []
        for record_id, _ in self.find_names(text)[:limit]:
            row = self.db.execute(
                "SELECT id, type, label, data FROM records WHERE id = ?", (record_id,)
            ).fetchone()
            fallback.append(Hit(row[0], row[1], row[2], 0.0, row[3]))
        return fallback

    def record(self, record_id: str) -> tuple[str, Row] | None:
        row = self.db.execute(
            "SELECT type, doc, data FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        return (row[0], Row(row[1], data=row[2])) if row else None

    def show(self, name: str) -> list[Row]:
        """Every record the name denotes, each with the records that mention it."""
        from bilateral.errors import NothingMatched

        direct = self.record(name) or self.record(name.upper())
        matches = [direct] if direct else [self.record(i) for i, _ in self.find_names(name)]
        if not matches:
            raise NothingMatched(f"nothing is named {name!r}", self.suggest(name))
        shown = []
        for match in matches:
            assert match is not None, "find_names returns ids of stored records"
            kind, row = match
            record_id = row.document["id"]
            mentioned = self.db.execute(
                "SELECT r.id, r.type, r.label FROM mentions m JOIN records r ON r.rowid = m.record "
                "WHERE m.target = ? ORDER BY r.type, r.sort",
                (record_id,),
            ).fetchall()
            shown.append(
                Row.of(
                    {
                        "kind": kind,
                        "record": row.document,
                        "mentioned_in": [
                            {"id": rid, "kind": rkind, "text": label}
                            for rid, rkind, label in mentioned
                        ],
                    }
                )
            )
        return shown

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Names close to the text, for a 'did you mean' line."""
        import difflib

        from bilateral.textnorm import name_key

        key = name_key(text)
        if not key:
            return []
        rows = self.db.execute(
            "SELECT DISTINCT r.label, n.key FROM names n JOIN records r ON r.rowid = n.record "
            "WHERE r.type IN ('person', 'country', 'organization', 'place', 'area') "
            "AND substr(n.key, 1, 1) = ? LIMIT 5000",
            (key[0],),
        ).fetchall()
        by_key: dict[str, str] = {}
        for label, name in rows:
            by_key.setdefault(name, label.split(",")[0])
        close = difflib.get_close_matches(key, list(by_key), n=limit * 3, cutoff=0.6)
        return list(dict.fromkeys(by_key[k] for k in close))[:limit]

    def overview(self) -> Document:
        import json

        counts: dict[str, int] = json.loads(self.meta["counts"])
        return {
            "title": self.meta["title"],
            "as_of": self.meta["as_of"],
            "pairs": self.pairs,
            "countries": self.countries(),
            "counts": counts,
        }

    def completions(self, prefix: str, types: tuple[str, ...] = NAMED_TYPES) -> list[str]:
        marks = ", ".join("?" * len(types))
        rows = self.db.execute(
            f"SELECT label FROM records WHERE type IN ({marks}) ORDER BY type, sort", types
        )
        wanted = prefix.casefold()
        names = dict.fromkeys(label.split(",")[0] for (label,) in rows)
        return [
            name
            for name in names
            if any(word.startswith(wanted) for word in (name.casefold(), *name.casefold().split()))
        ]


def _one_edit_apart(first: str, second: str) -> bool:
    """Damerau-Levenshtein distance of at most one."""
    if first == second:
        return True
    if abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        diffs = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
        if len(diffs) == 1:
            return True
        i = diffs[0]
        return (
            len(diffs) == 2
            and diffs[1] == i + 1
            and first[i] == second[i + 1]
            and first[i + 1] == second[i]
        )
    shorter, longer = sorted((first, second), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
