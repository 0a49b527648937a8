"""Fold text into comparable tokens: case, accents, spelling, plurals and stop words."""

from __future__ import annotations

import functools
import re
import unicodedata

LETTERS = str.maketrans(
    {
        "ə": "a",
        "Ə": "a",
        "\u0131": "i",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "æ": "ae",
        "Æ": "ae",
    }
)
WORD = re.compile(r"[^\W_]+", re.UNICODE)
ASCII_GAPS = str.maketrans({code: " " for code in range(128) if not chr(code).isalnum()})
"""Every ASCII character WORD does not take, as a space: in ASCII text WORD finds the runs
of letters and digits, which `split` finds faster once the rest are spaces."""

BRITISH_TO_AMERICAN = {
    "defence": "defense",
    "organisation": "organization",
    "organisations": "organizations",
    "recognise": "recognize",
    "recognised": "recognized",
    "recognising": "recognizing",
    "programme": "program",
    "programmes": "programs",
    "centre": "center",
    "labour": "labor",
    "liberalise": "liberalize",
    "favour": "favor",
    "honour": "honor",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "travelled": "traveled",
    "travelling": "traveling",
    "counsellor": "counselor",
    "licence": "license",
    "licences": "licenses",
    "defences": "defenses",
    "catalogue": "catalog",
    "cheque": "check",
    "minimise": "minimize",
    "civilian": "civilian",
}

STOP_WORDS = frozenset(
    """
    a about above after again all also am an and any are as at be been before being between
    both but by can could did do does doing during each few for from further had has have
    having he her here hers him his how i if in into is it its just me more most my no nor
    not now of off on once only or other our out over own same she should so some such than
    that the their them then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your tell show
    me give list find much many
    """.split()
)

IRREGULAR = {
    "came": "come",
    "went": "go",
    "gone": "go",
    "met": "meet",
    "sold": "sell",
    "bought": "buy",
    "held": "hold",
    "signed": "sign",
    "men": "man",
    "people": "person",
    "countries": "country",
    "ties": "tie",
    "led": "lead",
    "spoke": "speak",
    "said": "say",
    "paid": "pay",
}


def fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    return _fold_unicode(text)


def _fold_unicode(text: str) -> str:
    """Lower case without accents; schwa and dotless i fold as Azerbaijani transliterates."""
    text = text.translate(LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def _found(text: str) -> list[str]:
    """What WORD finds in the folded text."""
    if text.isascii():
        return text.lower().translate(ASCII_GAPS).split()
    return WORD.findall(_fold_unicode(text))


def words(text: str) -> list[str]:
    return [w for w in _found(text) if len(w) > 1 or w.isdigit()]


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stemmer: enough to make plurals and tenses meet."""
    word = BRITISH_TO_AMERICAN.get(word, word)
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3 or not word.isascii():
        return word
    for suffix, replacement in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ves", "f"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            if suffix == "es" and not word.endswith(("ses", "xes", "zes", "ches", "shes")):
                continue
            if suffix == "ed" and word.endswith("eed"):
                return word[:-1]
            return _drop_final_e(_undouble(word[: -len(suffix)] + replacement))
    return _drop_final_e(word)


def _drop_final_e(word: str) -> str:
    if len(word) >= 4 and word.endswith("e") and not word.endswith("ee"):
        return word[:-1]
    return word


def _undouble(word: str) -> str:
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lszaeiou":
        return word[:-1]
    return word


class _Terms(dict[str, "str | None"]):
    """Each word as WORD finds it in folded text to its term, or None for a word `terms`
    drops (a single letter, a stop word); filled as words are met, up to TERMS_KEPT."""

    def __missing__(self, word: str) -> str | None:
        term = stem(word) if (len(word) > 1 or word.isdigit()) and word not in STOP_WORDS else None
        if len(self) < TERMS_KEPT:
            self[word] = term
        return term


TERMS_KEPT = 1 << 18
_TERM_OF = _Terms()


def terms(text: str) -> list[str]:
    """Searchable terms of a text: folded, stemmed, stop words dropped."""
    return [term for term in map(_TERM_OF.__getitem__, _found(text)) if term is not None]


def name_key(text: str) -> str:
    """A name folded for exact comparison: 'Əbiyev' and 'abiyev' give the same key."""
    return " ".join(words(text))


def single_deletions(token: str) -> set[str]:
    """The token and every string one deletion away: two words one edit apart share one."""
    return {token[:i] + token[i + 1 :] for i in range(len(token))} | {token}
