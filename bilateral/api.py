"""The Python API: open a fact base, list, show, search and validate, as the CLI does.

    >>> import bilateral.api as bilateral
    >>> base = bilateral.open_base()
    >>> [figure.document["value"] for figure in base.trade(flow="export")]

Every answer is an iterator or list of `Row`: `row.document` is the record as a dict
(the JSON contract in docs/json.md), `row.raw` its JSON text. Errors are the classes in
`bilateral.errors`. See docs/api.md.
"""

from __future__ import annotations

from collections.abc import Iterator

from bilateral.answer.query import FactQuery, Filter
from bilateral.answer.rows import Document, Row
from bilateral.errors import NothingMatched
from bilateral.store.cache import Notify, open_store
from bilateral.store.paths import facts_path

__all__ = ["Base", "Row", "open_base", "validate"]


def open_base(
    path: str | None = None, *, use_cache: bool = True, notify: Notify | None = None
) -> Base:
    """The fact base at `path` (default: $BILATERAL_FACTS, then the shipped base).

    The TOML is compiled into a cached SQLite store on first use and reused while the
    file is unchanged; `use_cache=False` compiles it in memory every time. `notify` hears
    why a cache directory was refused (one line for people).
    """
    return Base(FactQuery(open_store(facts_path(path), use_cache, notify)))


def validate(path: str | None = None) -> dict[str, int]:
    """Check a fact base; the count of each kind of record, or FactBaseInvalid with every
    problem (FactBaseUnreadable when it is not a readable TOML file)."""
    from bilateral.kinds.base import load  # the checking stack, only when asked to check

    return load(facts_path(path)).counts()


class Base:
    """Questions to one compiled fact base."""

    def __init__(self, query: FactQuery) -> None:
        self.query = query

    def overview(self) -> Document:
        """Title, date, pairs, countries and the count of each kind of record."""
        return self.query.overview()

    def areas(
        self, status: str | None = None, country: str | None = None, pair: str | None = None
    ) -> Iterator[Row]:
        """Cooperation areas; with `status`, only their commitments of that status."""
        filters = []
        if status:
            filters.append(Filter("status", (status,)))
        if country:
            filters.append(Filter("country", (self.query.resolve_country(country),)))
        rows = self.query.listing("area", self.query.resolve_pair(pair), filters)
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
        """People and their roles; `current=True` for people in office, False for former."""
        filters = []
        chosen_pair = self.query.resolve_pair(pair)
        if chosen_pair:
            filters.append(Filter("country", tuple(chosen_pair.split("-"))))
        if country:
            filters.append(Filter("country", (self.query.resolve_country(country),)))
        if current is True:
            filters.append(Filter("current", ("1",)))
        elif current is False:
            filters.append(Filter("former", ("1",)))
        return self.query.listing("person", None, filters)

    def trade(
        self,
        year: int | None = None,
        flow: str | None = None,
        reporter: str | None = None,
        pair: str | None = None,
    ) -> Iterator[Row]:
        """Trade figures, each a range (`low` to `high`) in its currency."""
        filters = []
        if year is not None:
            filters.append(Filter("year", (str(year),)))
        if flow:
            filters.append(Filter("flow", (flow,)))
        if reporter:
            filters.append(Filter("reporter", (self.query.resolve_country(reporter),)))
        return self.query.listing("trade", self.query.resolve_pair(pair), filters)

    def events(
        self, year: int | None = None, place: str | None = None, pair: str | None = None
    ) -> Iterator[Row]:
        """Events in date order, undated last."""
        filters = []
        if year is not None:
            filters.append(Filter("year", (str(year),)))
        if place:
            filters.append(Filter("place", tuple(self.query.resolve_place(place))))
        return self.query.listing("event", self.query.resolve_pair(pair), filters)

    def sources(self) -> Iterator[Row]:
        """The sources, each with `supports`: the records that cite it."""
        for row in self.query.listing("source", None, []):
            document = row.document | {"supports": self.query.supporting(row.document["id"])}
            yield Row.of(document)

    def show(self, name: str) -> list[Row]:
        """Every record the name denotes, each with the records that mention it."""
        from bilateral.kinds.registry import kind  # labels of mentions: show and search only

        query = self.query
        direct = query.record(name) or query.record(name.upper())
        matches = [direct] if direct else [query.record(i) for i, _ in query.find_names(name)]
        if not matches:
            raise NothingMatched(f"nothing is named {name!r}", query.suggest(name))
        shown = []
        for match in matches:
            assert match is not None, "find_names returns ids of stored records"
            record_kind, row = match
            mentioned = [
                {"id": rid, "kind": rkind, "text": kind(rkind).label(document)}
                for rid, rkind, document in query.mentioning(row.document["id"])
            ]
            shown.append(
                Row.of({"kind": record_kind, "record": row.document, "mentioned_in": mentioned})
            )
        return shown

    def search(self, question: str, limit: int = 10) -> list[Row]:
        """Records ranked for a question in plain words; NothingMatched when none is near."""
        from bilateral.answer.search import search  # the ranking tables load only for search
        from bilateral.kinds.registry import kind

        found = [
            (hit.id, hit.kind, hit.score, hit.row.document)
            for hit in search(self.query.db, question, limit)
        ]
        if not found:
            for record_id, _ in self.query.find_names(question)[:limit]:
                match = self.query.record(record_id)
                if match is not None:
                    found.append((record_id, match[0], 0.0, match[1].document))
        if not found:
            raise NothingMatched(f"nothing found for {question!r}", self.query.suggest(question))
        return [
            Row.of(
                {
                    "rank": rank,
                    "id": record_id,
                    "kind": record_kind,
                    "text": kind(record_kind).label(document),
                    "score": score,
                    "sources": document.get("sources", []),
                }
            )
            for rank, (record_id, record_kind, score, document) in enumerate(found, start=1)
        ]
