"""The Python API: open a fact base, list, show, search and validate, as the CLI does.

    >>> import bilateral.api as bilateral
    >>> base = bilateral.open_base()
    >>> [figure.document["value"] for figure in base.trade(flow="export")]

Every answer is an iterator or list of `Row`: `row.document` is the record as a dict
(the JSON contract in docs/json.md), `row.raw` its JSON text. Errors are the classes in
`bilateral.errors`. See docs/api.md.
"""

from __future__ import annotations

import _sqlite3 as sqlite3  # as in store/integrity.py
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from bilateral.answer.dated import AsOf, Dating, role_filter
from bilateral.answer.dated import as_of as as_of_date
from bilateral.answer.inputs import checked_date, choices, facts_path, kind_has_pair, load_checked
from bilateral.answer.narrowing import belongs, of_status, ranked_within, with_roles
from bilateral.answer.parameters import DateLike, choice, date_text, whole_year
from bilateral.answer.parameters import text as text_value
from bilateral.answer.query import FactQuery, Filter
from bilateral.answer.rows import Document, Row, read_whole
from bilateral.errors import BadParameter, StoreUnreadable
from bilateral.schema.vocabulary import EVENT_KINDS, FLOWS, RELATION_KINDS, STATUS_LADDER
from bilateral.store.cache import Notify, discard, open_store

if TYPE_CHECKING:  # the types `check` and `new` name, for type checkers alone
    from bilateral.kinds.base import FactBase as FactBase  # noqa: PLC0414
    from bilateral.schema.fields import Field as Field  # noqa: PLC0414

__all__ = [
    "Base",
    "Row",
    "checked_date",
    "choices",
    "facts_path",
    "kind_has_pair",
    "load_checked",
    "open_base",
    "validate",
]
T = TypeVar("T")
P = ParamSpec("P")
Reopen = Callable[[], FactQuery]


def open_base(
    path: str | None = None,
    *,
    use_cache: bool = True,
    notify: Notify | None = None,
    as_of: DateLike | None = None,
) -> Base:
    """The fact base at `path` (default: $BILATERAL_FACTS, then the shipped base).

    The TOML is compiled into a cached SQLite store on first use and reused while the
    file is unchanged; `use_cache=False` compiles it in memory every time. `notify` hears
    why a cache directory was refused (one line for people). Answers are true as of
    `as_of` (`today`, the default, or a date such as `2004-07-28`, `2008-08` or `2008`,
    which mean the last day of that month or year).
    """
    when = as_of_date(as_of)
    facts = facts_path(path)

    def rebuilt() -> FactQuery:
        discard(facts)
        return FactQuery(open_store(facts, use_cache, notify))

    query = FactQuery(open_store(facts, use_cache, notify))
    return Base(query, when, rebuilt if use_cache else None)


def validate(path: str | None = None) -> dict[str, int]:
    """Check a fact base; the count of each kind of record, or FactBaseInvalid with every
    problem (FactBaseUnreadable when it is not a readable TOML file)."""
    return load_checked(facts_path(path)).counts()


def _recovering(method: Callable[Concatenate[Base, P], T]) -> Callable[Concatenate[Base, P], T]:
    """A question answered whole through `Base.answer`, so a damaged cache is rebuilt."""

    @functools.wraps(method)
    def whole(base: Base, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return base.answer(lambda again: read_whole(method(again, *args, **kwargs)))

    return whole


class Base:
    """Questions to one compiled fact base.

    Every question is answered whole: when a cached store fails a check while answering
    (a page gone bad, a record that fails its checksum, a table gone), the cache is
    discarded, built again and asked again; StoreUnreadable when that fails too."""

    def __init__(
        self, query: FactQuery, when: AsOf | None = None, rebuilt: Reopen | None = None
    ) -> None:
        self.query = query
        self.when = when or as_of_date(None)
        self.dating = Dating(query, self.when)
        self._rebuilt = rebuilt

    def close(self) -> None:
        """Close the compiled store; the base answers nothing after. Bases made from this
        one with `at()` share its store and close with it."""
        self.query.db.close()

    def __enter__(self) -> Base:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def at(self, date: DateLike | None) -> Base:
        """The same base, answering as of another date."""
        return Base(self.query, as_of_date(date, parameter="date"), self._rebuilt)

    def answer(self, produce: Callable[[Base], T]) -> T:
        """`produce(base)`, asked again of a rebuilt store when the cached one fails a
        check part way (so an answer is never half from a damaged file)."""
        try:
            return produce(self)
        except sqlite3.ProgrammingError:
            raise  # a closed base, or one used in another thread: not a damaged cache
        except sqlite3.DatabaseError as error:
            if self._rebuilt is None:
                raise StoreUnreadable(f"the compiled fact base cannot be read ({error})") from None
        self.query = self._rebuilt()
        self.dating = Dating(self.query, self.when)
        try:
            return produce(self)
        except sqlite3.DatabaseError as error:
            raise StoreUnreadable(
                f"the compiled fact base cannot be read ({error}); try --no-cache"
            ) from None

    def _dated(self, rows: Iterator[Row], kind: str) -> Iterator[Row]:
        for row in rows:
            yield self.dating.row(row, kind)

    @_recovering
    def overview(self) -> Document:
        """Title, dates, pairs, countries and the count of each kind of record."""
        return self.query.overview() | {"as_of": self.when.text}

    @property
    def pairs(self) -> list[str]:
        """The pairs of countries the base holds, as `AA-BB` in alphabetical order."""
        return self.query.pairs

    def chosen_pair(self, pair: str | None = None) -> str | None:
        """The pair a listing answers for: the one given (either order, any case), else the
        base's default pair (its `pair` key) where it holds several; None for every pair
        (`"all"`, or a base of one pair). BadQuery for a pair the base does not hold."""
        return self.query.resolve_pair(pair)

    def about(self, pair: str | None = None) -> dict[str, str]:
        """A pair's `title` and `as_of` (its date of writing); the base's for None."""
        return self.query.about(self.query.resolve_pair(pair) if pair else None)

    @_recovering
    def areas(
        self, status: str | None = None, country: str | None = None, pair: str | None = None
    ) -> Iterator[Row]:
        """Cooperation areas, each with its strongest status among the commitments in force
        at the date; with `status`, only their commitments of that status in force then."""
        filters = []
        if choice("status", status, STATUS_LADDER):
            filters.append(Filter("status", (str(status),)))
        if country:
            filters.append(Filter("country", (self._country(country),)))
        rows = self._dated(
            self.query.listing("area", self.query.resolve_pair(pair), filters), "area"
        )
        return of_status(rows, status) if status else rows

    @_recovering
    def officials(
        self,
        country: str | None = None,
        current: bool = False,
        former: bool = False,
        post: str | None = None,
        pair: str | None = None,
    ) -> Iterator[Row]:
        """People and their roles as of the date: `current` keeps the roles held then,
        `former` those that had ended, `post` the roles in one post."""
        if current and former:
            raise BadParameter(
                "former",
                former,
                "asks for roles that had ended, and current=True for roles held; give one",
                "--current and --former ask for opposite roles; give one of them",
            )
        filters = []
        chosen_pair = self.query.resolve_pair(pair)
        if chosen_pair:
            filters.append(Filter("country", tuple(chosen_pair.split("-"))))
        if country:
            filters.append(Filter("country", (self._country(country),)))
        posts = self._posts(str(text_value("post", post))) if post else None
        rows = self.query.listing("person", None, filters)
        return with_roles(self.dating, rows, role_filter(current, former), posts)

    @_recovering
    def assessments(
        self, about: str | None = None, holder: str | None = None, pair: str | None = None
    ) -> Iterator[Row]:
        """Opinions, each with whoever holds it."""
        filters = []
        if about:
            filters.append(Filter("about", tuple(self._named(str(text_value("about", about))))))
        if holder:
            filters.append(Filter("holder", tuple(self._named(str(text_value("holder", holder))))))
        rows = self.query.listing("assessment", self.query.resolve_pair(pair), filters)
        return self._dated(rows, "assessment")

    @_recovering
    def relations(
        self, country: str | None = None, kind: str | None = None, pair: str | None = None
    ) -> Iterator[Row]:
        """Ties between countries, people and organizations (alliances, memberships...);
        with `pair`, the ties that touch either of its countries (default: every tie)."""
        filters = []
        chosen = self.query.resolve_pair(pair) if pair else None
        if chosen:
            filters.append(Filter("country", tuple(chosen.split("-"))))
        if country:
            filters.append(Filter("country", (self._country(country),)))
        if choice("kind", kind, RELATION_KINDS):
            filters.append(Filter("kind", (str(kind),)))
        return self._dated(self.query.listing("relation", None, filters), "relation")

    def _country(self, code: object, parameter: str = "country") -> str:
        return self.query.resolve_country(str(text_value(parameter, code)), parameter)

    def _named(self, text: str) -> list[str]:
        """The ids a name denotes (any kind with names), or NothingMatched."""
        direct = self.query.record(text)
        if direct is not None:
            return [direct[1].document["id"]]
        found = self.query.named(text, None, f"nothing is named {text!r}")
        return [record_id for record_id, _ in found]

    def _posts(self, text: str) -> set[str]:
        found = self.query.named(text, ("post",), f"no post matches {text!r}")
        return {record_id for record_id, _ in found}

    @_recovering
    def trade(
        self,
        year: int | None = None,
        flow: str | None = None,
        reporter: str | None = None,
        pair: str | None = None,
    ) -> Iterator[Row]:
        """Trade figures, each a range (`low` to `high`) in its currency; a reported
        statistic with its `mirror`, the partner's report of the same flow."""
        from bilateral.answer.mirrors import mirrored_rows  # trade answers alone pair figures

        filters = []
        if (wanted := whole_year("year", year)) is not None:
            filters.append(Filter("year", (str(wanted),)))
        if choice("flow", flow, FLOWS):
            filters.append(Filter("flow", (str(flow),)))
        if reporter:
            filters.append(Filter("reporter", (self._country(reporter, "reporter"),)))
        chosen = self.query.resolve_pair(pair)
        rows = list(self.query.listing("trade", chosen, filters))
        reported = any(row.document["certainty"] == "reported" for row in rows)
        every = self.query.listing("trade", chosen, []) if reported else iter(())
        return self._dated(iter(mirrored_rows(rows, (row.document for row in every))), "trade")

    @_recovering
    def events(
        self,
        year: int | None = None,
        place: str | None = None,
        pair: str | None = None,
        kind: str | None = None,
        with_: str | None = None,
    ) -> Iterator[Row]:
        """Events in date order, undated last: of a year, at a place (a country means every
        place in it), of a kind, or with a participant."""
        filters = []
        if (wanted := whole_year("year", year)) is not None:
            filters.append(Filter("year", (str(wanted),)))
        if place:
            filters.append(Filter("place", tuple(self.query.resolve_place(str(place)))))
        if choice("kind", kind, EVENT_KINDS):
            filters.append(Filter("kind", (str(kind),)))
        if with_:
            filters.append(
                Filter("participant", tuple(self._named(str(text_value("with_", with_)))))
            )
        rows = self.query.listing("event", self.query.resolve_pair(pair), filters)
        return self._dated(rows, "event")

    @_recovering
    def trade_years(self) -> list[int]:
        """The years the base has trade figures for."""
        return sorted(int(year) for year in self.query.facet_values("trade", "year"))

    @_recovering
    def documents(self, kind: str, pair: str | None = "all") -> list[Document]:
        """Every record of a kind (`person`, `event`, ... as in docs/json.md), as of the
        date, in the base's order; `pair` as in the listings (default: every pair)."""
        chosen = self.query.resolve_pair(pair)
        return [
            self.dating.row(row, kind).document
            for row in self.query.listing(kind, chosen if kind_has_pair(kind) else None, [])
        ]

    @_recovering
    def records(self, kind: str, pair: str | None = None) -> Iterator[Row]:
        """Every record of any kind (`person`, `event`, ... as in docs/json.md), as of the
        date, in listing order; the listing every kind has, whether or not a command of its
        own lists it. `pair` as in the listings."""
        chosen = self.query.resolve_pair(pair) if kind_has_pair(kind) else None
        return self._dated(self.query.listing(kind, chosen, []), kind)

    @_recovering
    def sources_by_id(self, ids: Iterable[str] | None = None) -> dict[str, Document]:
        """Every source record by its id (for citations a reader can follow); with `ids`,
        those of them the base holds."""
        rows = self.query.listing("source", None, []) if ids is None else self.query.sources(ids)
        return {row.document["id"]: row.document for row in rows}

    @_recovering
    def sources(self, pair: str | None = None) -> list[Row]:
        """The sources, each with `supports`: the records that cite it; with `pair`, the
        sources of that pair's records (default: every source)."""
        chosen = self.query.resolve_pair(pair) if pair else None
        found = []
        for row in self.query.listing("source", None, []):
            supports = self.query.supporting(row.document["id"])
            if chosen and not any(belongs(self.query, record, chosen) for record in supports):
                continue
            found.append(Row.of(row.document | {"supports": supports, "as_of": self.when.text}))
        return found

    @_recovering
    def timeline(
        self,
        start: DateLike | None = None,
        end: DateLike | None = None,
        country: str | None = None,
        person: str | None = None,
        pair: str | None = None,
    ) -> list[Row]:
        """Roles (spans) and events (points) between two dates, in date order; with
        `pair`, only its countries' roles and its events (default: every pair)."""
        from bilateral.answer.timeline import timeline  # the timeline command alone

        chosen = self.query.resolve_pair(pair) if pair else None
        first, last = date_text("start", start), date_text("end", end)
        if country:
            country = self._country(country)
        whom = text_value("person", person)
        return timeline(self.query, self.dating, first, last, country, whom, chosen)

    @_recovering
    def changes(
        self, start: DateLike, end: DateLike | None = None, pair: str | None = None
    ) -> list[Row]:
        """What changed from `start` to `end` (default today): roles and relations begun
        and ended, events, commitments dated in the period, names changed and disputes
        opened, in date order; each as of `end`."""
        from bilateral.answer.changes import changes, period  # the changes command alone

        chosen = self.query.resolve_pair(pair) if pair else None
        within = period(start, end)
        found = changes(self.query, as_of_date(end, parameter="end"), within)
        return [row for row in found if chosen is None or belongs(self.query, row.document, chosen)]

    @_recovering
    def show(self, name: str) -> list[Row]:
        """Every record the name denotes, each with the records that mention it."""
        from bilateral.answer.showing import shown  # labels of mentions: show alone

        return shown(self.query, self.dating, name)

    @_recovering
    def search(self, question: str, limit: int = 10, pair: str | None = None) -> list[Row]:
        """Records ranked for a question in plain words; NothingMatched when none is near.
        With `pair`, records of another pair (and people of other countries) are left out
        (default: every pair). The statistics that rank are those of `pair`, else of the
        base's own pair ('all': of every record), so other pairs' records leave its order;
        those tied to other pairs only rank below its own."""
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise BadParameter("limit", limit, "give a whole number of hits, 1 or more")
        chosen = self.query.resolve_pair(pair) if pair else None
        ranking = chosen if pair else self.query.meta.get("pair") or None
        return ranked_within(self.query, self.dating, question, limit, chosen, ranking)
