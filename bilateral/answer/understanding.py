"""What a question asks, as far as the base can tell: words it knows, names it can correct,
places that stand for their countries, and what it does not know at all."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from bilateral.answer.query import FactQuery
from bilateral.schema.codes import COUNTRY_NAMES
from bilateral.schema.textnorm import STOP_WORDS, name_key, stem, terms, words

SHORTEST_CORRECTED = 4


@dataclass
class Reading:
    question: str
    """The question with misspelt names corrected."""
    corrected: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    """Words and countries of the question the base does not hold."""
    stands_for: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """A place's term and the terms of its country, which it may stand for."""


def understand(query: FactQuery, question: str) -> Reading:
    reading = Reading(question)
    outside = _countries_outside(query, question)
    reading.unknown += outside
    outside_words = {word for name in outside for word in name_key(name).split()}
    for word in dict.fromkeys(words(question)):
        if word in STOP_WORDS or word in outside_words or _known(query, word):
            continue
        replacement = _closest_name_word(query, word)
        if replacement is not None:
            reading.corrected[word] = replacement
        else:
            reading.unknown.append(word)
    for wrong, right in reading.corrected.items():
        reading.question = _replace_word(reading.question, wrong, right)
    reading.stands_for = _countries_of_places(query, reading.question)
    return reading


def _known(query: FactQuery, word: str) -> bool:
    wanted = terms(word)
    if not wanted:
        return True
    found = query.db.execute("SELECT 1 FROM search_terms WHERE term = ?", (wanted[0],))
    return found.fetchone() is not None


def _closest_name_word(query: FactQuery, word: str) -> str | None:
    if len(word) < SHORTEST_CORRECTED or word.isdigit():
        return None
    candidates = [c for c in query.names.typos_of(word) if c != word]
    if not candidates:
        return None
    return sorted(candidates, key=lambda c: (c[0] != word[0], c))[0]


def _replace_word(text: str, wrong: str, right: str) -> str:
    return " ".join(right if name_key(piece) == wrong else piece for piece in text.split())


@functools.cache
def _country_keys() -> tuple[tuple[str, str, str], ...]:
    return tuple((code, name, f" {name_key(name)} ") for code, name in COUNTRY_NAMES.items())


def _countries_outside(query: FactQuery, question: str) -> list[str]:
    """'China (CN)' for each country the question names that the base does not hold."""
    held = set(query.countries())
    key = f" {name_key(question)} "
    return [
        f"{name} ({code})"
        for code, name, name_key_ in _country_keys()
        if code not in held and name_key_ in key
    ]


def _countries_of_places(query: FactQuery, question: str) -> dict[str, tuple[str, ...]]:
    """A city stands for its country, as 'Moscow' for Russia in 'why is Moscow courting Baku'."""
    found: dict[str, tuple[str, ...]] = {}
    countries = query.countries()
    for word in dict.fromkeys(words(question)):
        if word in STOP_WORDS:
            continue
        for record_id, _kind in query.names.exact(word, ("place",)):
            match = query.record(record_id)
            country = match[1].document.get("country") if match else None
            if country in countries:
                found[stem(word)] = tuple(terms(countries[country]))
    return found
