"""One meaning of "close" for names, used by show, filters, suggestions and completion.

Names are compared as folded keys (case, accents and punctuation removed; see
schema.textnorm.name_key) and word by word. Two words are close when the edit distance
between them (insertions, deletions, substitutions, adjacent swaps) is small for their
length: at most one edit is a typo, and a record is found through it without asking;
up to a third of the longer word's letters is a likeness, worth a "did you mean".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from bilateral.answer.rows import Row
from bilateral.schema.closeness import LIKENESS, edit_distance, likeness
from bilateral.schema.textnorm import WORD, fold, name_key, single_deletions
from bilateral.store.packing import PACK

TYPO = 1
SHORTEST_TYPO = 4
"""Words shorter than this must match exactly: one edit turns 'zz' into 'az'."""
SUGGESTION_CANDIDATES = 5000


def is_typo_of(word: str, name_word: str) -> bool:
    return edit_distance(word, name_word) <= TYPO


class NameMatcher:
    """Finds records by name in a compiled store."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def find(self, text: str, types: tuple[str, ...]) -> list[tuple[str, str]]:
        """(id, kind) of the records a name denotes: the whole name, then every word of it,
        then every word one typo away."""
        key = name_key(text)
        if not key:
            return []
        exact = self.exact(key, types)
        if exact:
            return exact
        for words_of in (_same_word, self.typos_of):
            found = self._records_with_all([words_of(word) for word in key.split()], types)
            if found:
                return found
        return []

    def exact(self, key: str, types: tuple[str, ...]) -> list[tuple[str, str]]:
        """(id, kind) of the records with a name whose folded key is `key`, in base order."""
        rows = self.db.execute(
            "SELECT DISTINCT r.id, r.type, r.rowid FROM names n "
            "JOIN records r ON r.rowid = n.record "
            f"WHERE n.key = ? AND r.type IN ({_marks(types)}) ORDER BY r.rowid",
            (key, *types),
        ).fetchall()
        return [(record_id, kind) for record_id, kind, _ in rows]

    def typos_of(self, word: str) -> list[str]:
        """The words of stored names one typo away from `word` (the word itself included)."""
        if len(word) < SHORTEST_TYPO:
            return [word]
        variants = sorted(single_deletions(word))
        candidates = self.db.execute(
            f"SELECT DISTINCT token FROM token_variants WHERE variant IN ({_marks(variants)}) "
            "ORDER BY token",  # an order of its own, not the table's, which an update changes
            variants,
        ).fetchall()
        return [token for (token,) in candidates if is_typo_of(word, token)]

    def _records_with_all(
        self, alternatives: list[list[str]], types: tuple[str, ...]
    ) -> list[tuple[str, str]]:
        if not alternatives or not all(alternatives):
            return []
        sql = [f"SELECT r.id, r.type FROM records r WHERE r.type IN ({_marks(types)})"]
        parameters: list[str] = list(types)
        for words in alternatives:
            sql.append(
                f"AND r.rowid IN (SELECT record FROM name_tokens WHERE token IN ({_marks(words)}))"
            )
            parameters += words
        sql.append("ORDER BY r.rowid LIMIT 20")
        return [(rid, kind) for rid, kind in self.db.execute(" ".join(sql), parameters)]

    def suggest(self, text: str, types: tuple[str, ...], limit: int = 3) -> list[str]:
        """Display names of records with a name like the text, best first."""
        key = name_key(text)
        if not key:
            return []
        rows = self.db.execute(
            "SELECT n.key, n.record FROM names n JOIN records r ON r.rowid = n.record "
            f"WHERE r.type IN ({_marks(types)}) AND substr(n.key, 1, 1) = ? "
            "ORDER BY n.record, n.key LIMIT ?",
            (*types, key[0], SUGGESTION_CANDIDATES),
        ).fetchall()
        scored: dict[int, float] = {}
        for name, record in rows:
            score = _name_likeness(key, name)
            if score >= LIKENESS:
                scored[record] = max(score, scored.get(record, 0.0))
        best = sorted(scored, key=lambda record: (-scored[record], record))[:limit]
        return [self.display_name(record) for record in best]

    def complete(self, prefix: str, types: tuple[str, ...]) -> list[str]:
        """Display names with a word starting with the prefix; else names like it."""
        wanted = " ".join(WORD.findall(fold(prefix)))
        rows = self.db.execute(
            f"SELECT rowid FROM records WHERE type IN ({_marks(types)}) ORDER BY type, sort",
            types,
        ).fetchall()
        names = dict.fromkeys(name for (rowid,) in rows for name in self.display_names(rowid))
        if not wanted:
            return list(names)
        found = [name for name in names if _starts_a_word(name_key(name), wanted)]
        return found or self.suggest(prefix, types, limit=10)

    def display_name(self, rowid: int) -> str:
        return self.display_names(rowid)[0]

    def display_names(self, rowid: int) -> list[str]:
        """A record's name, then the other names it had over time."""
        stored = self.db.execute(
            f"SELECT {PACK.format('records')} FROM records WHERE rowid = ?", (rowid,)
        ).fetchone()
        document = Row.stored(stored[0], rowid).document
        dated = [str(entry["name"]) for entry in document.get("names") or []]
        return list(dict.fromkeys([str(document.get("name") or document["id"]), *dated]))


def _name_likeness(key: str, name: str) -> float:
    """How like a stored name the text is: as a whole, or by its best word pairing."""
    whole = likeness(key, name)
    words = key.split()
    name_words = name.split()
    by_word = sum(max(likeness(w, n) for n in name_words) for w in words) / len(words)
    return max(whole, by_word)


def _starts_a_word(name: str, prefix: str) -> bool:
    return name.startswith(prefix) or any(word.startswith(prefix) for word in name.split())


def _same_word(word: str) -> list[str]:
    return [word]


def _marks(values: Iterable[object]) -> str:
    return ", ".join("?" for _ in values)


__all__ = ["LIKENESS", "NameMatcher", "edit_distance", "is_typo_of", "likeness"]
