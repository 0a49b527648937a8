"""What one record needs to know of the others: their names, demonyms and countries."""

from __future__ import annotations

from collections.abc import Iterable

Lent = tuple[str | None, list[str], str | None, list[str] | None, str | None]
"""What one record lends the others: its name, aliases, date (a source's), demonyms (a
country's) and country."""


class Lookup:
    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.aliases: dict[str, list[str]] = {}
        self.source_dates: dict[str, str] = {}
        self.as_of = ""
        """The date the base as a whole was checked."""
        self.demonyms: dict[str, list[str]] = {}
        self.country_of: dict[str, str] = {}

    def lend(self, record_id: str, lent: Lent) -> None:
        name, aliases, date, demonyms, country = lent
        if name is not None:
            self.names[record_id] = name
        self.aliases[record_id] = aliases
        if date is not None:
            self.source_dates[record_id] = date
        if demonyms is not None:
            self.demonyms[record_id] = demonyms
        if country is not None:
            self.country_of[record_id] = country

    def lent(self, record_id: str) -> Lent:
        """What it holds from one record, in the shape `lend` took it."""
        return (
            self.names.get(record_id),
            self.aliases.get(record_id, []),
            self.source_dates.get(record_id),
            self.demonyms.get(record_id),
            self.country_of.get(record_id),
        )

    def name(self, record_id: str | None) -> str | None:
        return self.names.get(record_id, record_id) if record_id else None

    def names_of(self, ids: Iterable[str]) -> list[str | None]:
        return [self.name(record_id) for record_id in ids]

    def words_for(self, ids: Iterable[str | None]) -> str:
        """The names of the records, and the demonyms of the countries among them."""
        parts: list[str] = []
        for record_id in ids:
            if record_id:
                parts.append(self.names.get(record_id, record_id))
                parts.extend(self.demonyms.get(record_id, ()))
        return " ".join(parts)

    def last_confirmed(self, citations: list[dict[str, object]]) -> str:
        """The latest date of the dated sources cited, else the base's own date."""
        cited = [
            self.source_dates[c["source"]] for c in citations if c["source"] in self.source_dates
        ]
        return max(cited, key=_sortable, default=self.as_of)

    def countries_of(self, ids: Iterable[str | None]) -> list[str]:
        """The countries the records belong to (a country belongs to itself), sorted."""
        return sorted({self.country_of[i] for i in ids if i and i in self.country_of})


def _sortable(date: object) -> str:
    return str(date).ljust(10, "~")
