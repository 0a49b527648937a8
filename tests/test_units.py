"""Pure helpers, each with exact expected values: text folding and stemming, typo matching,
the line finder, wording of money, date spans and citations, TSV and terminal escaping, and
partial dates.

A test marked xfail(strict=True) states behaviour the code does not have yet; it fails
the suite once the code is fixed, so the mark must go with the fix.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.answer.names import edit_distance, is_typo_of, likeness
from bilateral.kinds.kind import Cells, Listing
from bilateral.render.escapes import visible
from bilateral.render.views import cell_text, cited, row_cells, text, tsv_line
from bilateral.schema import dates
from bilateral.schema.locate import LineIndex
from bilateral.schema.textnorm import (
    STOP_WORDS,
    WORD,
    fold,
    name_key,
    single_deletions,
    stem,
    terms,
    words,
)
from bilateral.schema.wording import citation, money, number, span

# --- schema.textnorm: folding -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Pervez MUSHARRAF", "pervez musharraf"),
        ("Səfər Əbiyev", "safar abiyev"),
        ("SƏFƏR ƏBİYEV", "safar abiyev"),
        ("Bak\u0131", "baki"),  # dotless i
        ("İlham Əliyev", "ilham aliyev"),
        ("Müşərrəf", "musarraf"),
        ("Qarabağ", "qarabag"),
        ("naïve café", "naive cafe"),
        ("Straße", "strasse"),
        ("\u1e9e", "ss"),
        ("\ufb01nance", "finance"),
        ("x\u00b2", "x2"),
        ("łódź", "lodz"),
        ("øresund", "oresund"),
        ("æther", "aether"),
        ("đorđe", "dorde"),
        ("Пакистан", "пакистан"),
        ("", ""),
    ],
)
def test_fold_lowers_and_strips_accents(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize("capital", ["ŁÓDŹ", "ØRESUND", "ÆTHER", "ĐORĐE"])
def test_fold_treats_capital_letters_like_small_ones(capital: str) -> None:
    assert fold(capital) == fold(capital.lower())


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        (
            "Which Russian officials came to Baku?",
            ["which", "russian", "officials", "came", "to", "baku"],
        ),
        ("AZ-PK", ["az", "pk"]),
        ("snake_case", ["snake", "case"]),
        ("a 1 b 22", ["1", "22"]),
        ("U.S.", []),
        ("   ", []),
    ],
)
def test_words_drop_single_letters_but_keep_digits(raw: str, found: list[str]) -> None:
    assert words(raw) == found


# --- schema.textnorm: stemming --------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        # plurals
        ("visits", "visit"),
        ("agreements", "agreement"),
        ("ministers", "minister"),
        ("ministries", "ministry"),
        ("officials", "official"),
        ("taxes", "tax"),
        ("gases", "gas"),
        ("classes", "class"),
        ("dresses", "dress"),
        ("wolves", "wolf"),
        ("pledges", "pledg"),
        ("places", "plac"),
        # words that end in s without being plurals
        ("status", "status"),
        ("analysis", "analysis"),
        ("class", "class"),
        ("gas", "gas"),
        # tenses
        ("visited", "visit"),
        ("visiting", "visit"),
        ("exported", "export"),
        ("running", "run"),
        ("stopped", "stop"),
        ("planned", "plan"),
        ("falling", "fall"),
        ("passed", "pass"),
        ("fuzzed", "fuzz"),
        ("traded", "trad"),
        ("trading", "trad"),
        ("trade", "trad"),
        ("agreed", "agree"),
        ("agree", "agree"),
        ("agrees", "agree"),
        # too short to touch
        ("need", "need"),
        ("used", "used"),
        ("bus", "bus"),
        # British spellings meet the American ones
        ("defence", "defens"),
        ("defense", "defens"),
        ("programmes", "program"),
        ("organisations", "organization"),
        ("travelled", "travel"),
        ("traveled", "travel"),
        ("travelling", "travel"),
        ("recognised", "recogniz"),
        ("recognize", "recogniz"),
        ("cheque", "check"),
        ("centre", "center"),
        # irregular forms
        ("came", "come"),
        ("met", "meet"),
        ("held", "hold"),
        ("signed", "sign"),
        ("signing", "sign"),
        ("people", "person"),
        ("men", "man"),
        ("countries", "country"),
        ("ties", "tie"),
        # not ASCII (Cyrillic): left alone
        ("министры", "министры"),
    ],
)
def test_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("visit", "visits"),
        ("visit", "visited"),
        ("pledge", "pledged"),
        ("trade", "trades"),
        ("defence", "defense"),
        ("programme", "programs"),
        ("meet", "met"),
        ("person", "people"),
    ],
)
def test_forms_of_a_word_meet(one: str, other: str) -> None:
    assert stem(one) == stem(other)


@pytest.mark.parametrize(
    ("one", "other"), [("role", "roles"), ("vote", "votes"), ("rate", "rates"), ("make", "making")]
)
def test_four_letter_words_meet_their_plurals_and_tenses(one: str, other: str) -> None:
    assert stem(one) == stem(other)


@pytest.mark.parametrize(("one", "other"), [("defence", "defences"), ("licence", "licences")])
def test_british_plurals_meet_their_singulars(one: str, other: str) -> None:
    assert stem(one) == stem(other)


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("Which Russian officials came to Baku?", ["russian", "official", "come", "baku"]),
        (
            "How much did Azerbaijan export to Pakistan in 2003",
            ["azerbaijan", "export", "pakistan", "2003"],
        ),
        ("the defence ministers signed agreements", ["defens", "minister", "sign", "agreement"]),
        ("Tell me about the programmes of the organisations", ["program", "organization"]),
        ("Səfər Əbiyev's visits", ["safar", "abiyev", "visit"]),
        ("what is it", []),
        ("a I 7 x 10", ["7", "10"]),
    ],
)
def test_terms_fold_stem_and_drop_stop_words(question: str, found: list[str]) -> None:
    assert terms(question) == found


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x17F), max_size=40))
def test_words_and_terms_as_the_word_pattern_finds_them(text: str) -> None:
    """ASCII text is split at what is not a letter or digit rather than searched with WORD;
    terms come from a table of words met: both as the plain definitions give them."""
    found = WORD.findall(fold(text))
    assert words(text) == [w for w in found if len(w) > 1 or w.isdigit()]
    assert terms(text) == [stem(w) for w in words(text) if w not in STOP_WORDS]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Səfər Əbiyev", "safar abiyev"),
        ("  SAFAR   abiyev ", "safar abiyev"),
        ("Ilham Aliyev", "ilham aliyev"),
        ("İlham Əliyev", "ilham aliyev"),
        ("Heydər Əliyev", "heydar aliyev"),
        ("Organization of the Islamic Conference", "organization of the islamic conference"),
        ("AZ-PK", "az pk"),
        ("!!", ""),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


def test_single_deletions_include_the_token_itself() -> None:
    assert single_deletions("abc") == {"abc", "bc", "ac", "ab"}
    assert single_deletions("aab") == {"aab", "ab", "aa"}
    assert single_deletions("a") == {"a", ""}
    assert single_deletions("") == {""}


# --- answer.names: typo matching ------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "distance"),
    [
        ("", "", 0),
        ("abc", "abc", 0),
        ("a", "", 1),
        ("", "abc", 3),
        ("aliyev", "aliev", 1),  # a deletion
        ("aliyev", "aliyeva", 1),  # an insertion
        ("stepashin", "stepashn", 1),
        ("baku", "bakuu", 1),
        ("abiyev", "əbiyev", 1),  # a substitution
        ("ab", "ba", 1),  # an adjacent swap is one edit
        ("abc", "acb", 1),
        ("aliyev", "ailyev", 1),
        ("pervez", "perevz", 1),
        ("abcd", "badc", 2),  # two swaps
        ("musharraf", "musharaff", 2),
        ("abc", "cba", 2),
        ("kitten", "sitting", 3),
        ("stepashin", "stepshinov", 3),
        # optimal string alignment: a swapped pair is not edited again ("ca" -> "ac" -> "abc"
        # would be 2 in unrestricted Damerau-Levenshtein)
        ("ca", "abc", 3),
    ],
)
def test_edit_distance(first: str, second: str, distance: int) -> None:
    assert edit_distance(first, second) == distance
    assert edit_distance(second, first) == distance


@pytest.mark.parametrize(
    ("first", "second", "share"),
    [
        ("baku", "baku", 1.0),
        ("", "", 1.0),
        ("abc", "", 0.0),
        ("baku", "bakuu", 0.8),
        ("stepashin", "stepshinov", 0.7),
        ("ab", "ba", 0.5),
        ("abc", "acb", 1 - 1 / 3),
        ("musharraf", "musharaff", 1 - 2 / 9),
        ("abc", "xyz", 0.0),
    ],
)
def test_likeness(first: str, second: str, share: float) -> None:
    assert likeness(first, second) == pytest.approx(share)
    assert likeness(second, first) == pytest.approx(share)


@pytest.mark.parametrize(
    ("word", "name_word", "typo"),
    [
        ("aliyev", "aliyev", True),
        ("aliev", "aliyev", True),
        ("aliyevv", "aliyev", True),
        ("aliyav", "aliyev", True),
        ("ailyev", "aliyev", True),
        ("stepashn", "stepashin", True),
        ("musharaff", "musharraf", False),
        ("buka", "baku", False),
        ("stepshinov", "stepashin", False),
    ],
)
def test_is_typo_of_allows_one_edit(word: str, name_word: str, typo: bool) -> None:
    assert is_typo_of(word, name_word) is typo


# --- schema.locate: the line of a key path ---------------------------------------------------

NESTED = """\
schema_version = 1
title = "t"

[[people]]
id = "a"

[[people.roles]]
title = "x"
start = 2001

[[people.roles]]   # a second role
title = "y"
start = 2002

[[people]]
id = "b"
sources = [
  { source = "s", paragraph = 1, sentence = 1 },
]

[[ people.roles ]]
  start = 2003
  "end" = 2004

[[areas]]
id = "c"

[[areas.commitments]]
id = "c1"

[[areas.commitments.notes]]
text = "n"

[[trade]]
value = { low = 1, high = 2, currency = "USD" }

[[trade]]
id = "t2"
[trade.value]
low = 5
"""


@pytest.mark.parametrize(
    ("key", "line"),
    [
        ("schema_version", 1),
        ("title", 2),
        ("people", 4),
        ("people[0]", 4),
        ("people[0].id", 5),
        ("people[0].roles", 7),
        ("people[0].roles[0].start", 9),
        ("people[0].roles[1]", 11),
        ("people[0].roles[1].start", 13),
        ("people[1]", 15),
        ("people[1].id", 16),
        ("people[1].roles", 21),  # a header with spaces inside its brackets
        ("people[1].roles[0].start", 22),  # an indented key
        ("people[1].roles[0].end", 23),  # a quoted key
        ("areas[0].commitments[0].id", 29),
        ("areas[0].commitments[0].notes[0].text", 32),
        ("trade[1].value", 39),  # a sub-table header
        ("trade[1].value.low", 40),
    ],
)
def test_line_of_a_key(key: str, line: int) -> None:
    assert LineIndex(NESTED).line_of(key) == line


@pytest.mark.parametrize(
    ("key", "line"),
    [
        ("people[0].roles[1].end", 11),  # a missing key: its table's header
        ("people[1].sources[0].source", 17),  # inside a multi-line inline array
        ("trade[0].value.low", 35),  # inside an inline table
        ("trade[1].value.high", 39),
        ("people[1].roles[5].title", 21),  # a table past the last: the first of its array
        ("people[7].name", 4),
        ("people[0].roles[0].start.year", 9),
    ],
)
def test_line_of_falls_back_to_the_nearest_enclosing_key(key: str, line: int) -> None:
    assert LineIndex(NESTED).line_of(key) == line


@pytest.mark.parametrize("key", ["", "nothing", "nothing[0].at.all", "sources"])
def test_line_of_a_key_outside_every_table_is_none(key: str) -> None:
    assert LineIndex(NESTED).line_of(key) is None


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_line_of_counts_only_newlines(separator: str) -> None:
    text = f'title = "pasted{separator}text"  # a comment{separator}too\n[[people]]\nid = "a"\n'
    assert LineIndex(text).line_of("people[0].id") == 3


def test_line_of_an_empty_text_is_none() -> None:
    assert LineIndex("").line_of("people[0].id") is None


# --- schema.wording: money, spans, citations, numbers --------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "currency", "wording"),
    [
        (25000, 30000, "USD", "$25,000-30,000"),
        (1070000, 1075000, "USD", "$1,070,000-1,075,000"),
        (1100000, 1100000, "USD", "$1,100,000"),
        (25000.0, 30000.0, "USD", "$25,000-30,000"),
        (25000, 25000.0, "USD", "$25,000"),
        (0, 0, "USD", "$0"),
        (1000, 1000, "GBP", "£1,000"),
        (1234.5, 2000, "EUR", "€1,234.50-2,000"),
        (1000, 2000, "AZN", "1,000-2,000 AZN"),
        (1000, 1000, "PKR", "1,000 PKR"),
        (1.5, 1.5, "USD", "$1.50"),
        (0.25, 0.75, "RUB", "0.25-0.75 RUB"),
        (2.5e9, 3e9, "USD", "$2,500,000,000-3,000,000,000"),
    ],
)
def test_money(low: float, high: float, currency: str, wording: str) -> None:
    assert money(low, high, currency) == wording


@pytest.mark.parametrize(
    ("start", "end", "approximate", "wording"),
    [
        ("2004-07-08", "2004-07-10", False, "2004-07-08 to 2004-07-10"),
        ("2004-07-08", "2004-07-08", False, "2004-07-08"),
        ("2004-07-08", None, False, "2004-07-08"),
        (None, "2004-07-10", False, "? to 2004-07-10"),
        (None, None, False, ""),
        ("2004-06", "2004-07-28", True, "about 2004-06 to 2004-07-28"),
        ("2004", None, True, "about 2004"),
        ("2004-07", "2004-07", True, "about 2004-07"),
        (None, "2005", True, "about ? to 2005"),
        (None, None, True, ""),
    ],
)
def test_span(start: str | None, end: str | None, approximate: bool, wording: str) -> None:
    assert span(start, end, approximate) == wording


def test_citation() -> None:
    assert citation({"source": "caci-2004-07-28", "paragraph": 3, "sentence": 2}) == (
        "caci-2004-07-28 ¶3.2"
    )
    assert citation({"source": "background", "paragraph": None, "sentence": None}) == "background"
    assert citation({"source": "background"}) == "background"


@pytest.mark.parametrize(
    ("value", "wording"),
    [
        (25000, "25000"),
        (25000.0, "25000"),
        (0, "0"),
        (1.5, "1.5"),
        (0.1, "0.1"),
        (1e16, "10000000000000000"),
        (1070000.25, "1070000.25"),
    ],
)
def test_number(value: float, wording: str) -> None:
    assert number(value) == wording


# --- render.views: cells, citations and TSV ---------------------------------------------------

CITES: list[dict[str, Any]] = [
    {"source": "caci-2004-07-28", "paragraph": 3, "sentence": 2},
    {"source": "daily-times-2004-07-09", "paragraph": None, "sentence": None},
]


def test_cited_joins_citations_for_scripts() -> None:
    assert cited(CITES) == "caci-2004-07-28:3.2; daily-times-2004-07-09"
    assert cited([{"source": "background"}]) == "background"
    assert cited([]) == ""


@pytest.mark.parametrize(
    ("value", "wording"),
    [
        (None, ""),
        (True, "yes"),
        (False, "no"),
        (0, "0"),
        (2003, "2003"),
        ("x", "x"),
        ([], ""),
        (["AZ", "PK"], "AZ, PK"),
        ([1, None, True], "1, , yes"),
        ([["a", "b"], "c"], "a, b, c"),
    ],
)
def test_text(value: object, wording: str) -> None:
    assert text(value) == wording


def test_cell_text() -> None:
    cells: Cells = {
        "name": "Baku",
        "year": 2003,
        "current": True,
        "by": ["AZ", "PK"],
        "end": None,
        "sources": CITES,
    }
    assert cell_text(cells, "name") == "Baku"
    assert cell_text(cells, "year") == "2003"
    assert cell_text(cells, "current") == "yes"
    assert cell_text(cells, "by") == "AZ, PK"
    assert cell_text(cells, "end") == ""
    assert cell_text(cells, "missing") == ""
    assert cell_text(cells, "sources") == "caci-2004-07-28:3.2; daily-times-2004-07-09"
    assert cell_text({"sources": None}, "sources") == ""


def test_row_cells_follow_the_listing_columns() -> None:
    listing = Listing("things", ("id", "current", "sources"), ("id",), lambda _document: iter(()))
    cells: Cells = {"sources": CITES[:1], "current": False, "id": "x", "ignored": "y"}
    assert row_cells(listing, cells) == ["x", "no", "caci-2004-07-28:3.2"]


@pytest.mark.parametrize(
    ("cells", "line"),
    [
        (["a", "b"], "a\tb\n"),
        (["", "b", ""], "\tb\t\n"),
        (
            ["tab\there", "new\nline", "carriage\rreturn"],
            "tab\\there\tnew\\nline\tcarriage\\rreturn\n",
        ),
        (["back\\slash", "plain"], "back\\\\slash\tplain\n"),
        (["\\t"], "\\\\t\n"),  # a literal backslash-t stays distinguishable from a tab
        (["Səfər Əbiyev", "$25,000-30,000"], "Səfər Əbiyev\t$25,000-30,000\n"),
    ],
)
def test_tsv_line_escapes_what_would_break_a_row(cells: list[str], line: str) -> None:
    assert tsv_line(cells) == line


def test_tsv_lines_split_back_into_their_cells() -> None:
    cells = ["a\tb", "c\nd", "e\\f", "g\rh", "\\n"]
    line = tsv_line(cells)
    assert line.count("\n") == 1
    unescape = {"\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r"}
    back = []
    for field in line.rstrip("\n").split("\t"):
        out, i = "", 0
        while i < len(field):
            pair = field[i : i + 2]
            if pair in unescape:
                out, i = out + unescape[pair], i + 2
            else:
                out, i = out + field[i], i + 1
        back.append(out)
    assert back == cells


# --- render.escapes: text for a terminal -----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text", "plain text"),
        ("Səfər Əbiyev ¶3.2 — $1", "Səfər Əbiyev ¶3.2 — $1"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),  # kept: tables lay them out
        ("\x1b[2J", "\\u001b[2J"),
        ("bell\x07", "bell\\u0007"),
        ("nul\x00", "nul\\u0000"),
        ("cr\r", "cr\\u000d"),
        ("\x7f\x80\x9f", "\\u007f\\u0080\\u009f"),
        ("\xa0", "\xa0"),  # a no-break space is visible
        ("\u061c", "\\u061c"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("\u200e\u200f", "\\u200e\\u200f"),
        ("\u2028\u2029", "\\u2028\\u2029"),
        ("\u202etxet\u202c", "\\u202etxet\\u202c"),
        ("\u2066\u2069", "\\u2066\\u2069"),
        ("\ufeff", "\\ufeff"),
    ],
)
def test_visible(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_visible_escapes_every_character_its_pattern_does_and_no_other() -> None:
    import re

    from bilateral.render.escapes import TERMINAL_UNSAFE

    for code in [*range(0x20000), *range(0xE0000, 0xE1000)]:  # all but unassigned planes
        text = f"a\n{chr(code)}\tb"
        shown = re.sub(TERMINAL_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", text)
        assert visible(text) == shown, hex(code)


@pytest.mark.parametrize("invisible", ["\u2060", "\u180e"])
def test_visible_shows_every_zero_width_character(invisible: str) -> None:
    assert visible(f"a{invisible}b") == f"a\\u{ord(invisible):04x}b"


# --- schema.dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "normal"),
    [
        ("2004", "2004"),
        ("2004-07", "2004-07"),
        ("2004-07-28", "2004-07-28"),
        (datetime.date(2004, 7, 28), "2004-07-28"),
        (datetime.date(1, 1, 1), "0001-01-01"),
        ("2004-02-29", "2004-02-29"),  # a leap year
        ("2000-02-29", "2000-02-29"),  # divisible by 400: a leap year
        ("0001", "0001"),
    ],
)
def test_normalize_keeps_valid_dates(value: object, normal: str) -> None:
    assert dates.normalize(value) == normal


@pytest.mark.parametrize(
    "value",
    [
        "2003-02-29",  # not a leap year
        "1900-02-29",  # divisible by 100, not by 400: not a leap year
        "2004-02-30",
        "2004-04-31",
        "2004-13",
        "2004-00",
        "2004-07-00",
        "0000",
        "2004-7-28",
        "04-07-28",
        "20040728",
        "2004-07-28T00:00",
        " 2004",
        "2004 ",
        "",
        datetime.datetime(2004, 7, 28, 1, 2),
        datetime.time(1, 2),
        2004,
        True,
        None,
    ],
)
def test_normalize_refuses_what_is_not_a_calendar_date(value: object) -> None:
    assert dates.normalize(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "2004-07-10\n",
        "\uff12\uff10\uff10\uff14",  # fullwidth digits
        "\u0662\u0660\u0660\u0664-07-08",  # Arabic-Indic digits
    ],
)
def test_normalize_refuses_a_final_newline_and_digits_other_than_ascii(value: str) -> None:
    assert dates.normalize(value) is None


@given(st.text(alphabet="0123456789-\n 7\uff12\u0662\u00b2T", max_size=12))
def test_a_date_is_read_where_the_pattern_matches_it(value: str) -> None:
    import re

    match = re.fullmatch(dates.PARTIAL_DATE, value)
    if match is None:
        assert dates.normalize(value) is None
    else:
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            datetime.date(year, month, day)
        except ValueError:
            assert dates.normalize(value) is None
        else:
            assert dates.normalize(value) == value


@pytest.mark.parametrize(
    ("partial", "first", "last"),
    [
        ("2004", datetime.date(2004, 1, 1), datetime.date(2004, 12, 31)),
        ("2004-02", datetime.date(2004, 2, 1), datetime.date(2004, 2, 29)),
        ("2003-02", datetime.date(2003, 2, 1), datetime.date(2003, 2, 28)),
        ("2000-02", datetime.date(2000, 2, 1), datetime.date(2000, 2, 29)),
        ("1900-02", datetime.date(1900, 2, 1), datetime.date(1900, 2, 28)),
        ("2004-04", datetime.date(2004, 4, 1), datetime.date(2004, 4, 30)),
        ("2003-12", datetime.date(2003, 12, 1), datetime.date(2003, 12, 31)),
        ("2004-07-28", datetime.date(2004, 7, 28), datetime.date(2004, 7, 28)),
        ("9999-12", datetime.date(9999, 12, 1), datetime.date(9999, 12, 31)),
    ],
)
def test_earliest_and_latest_bound_a_partial_date(
    partial: str, first: datetime.date, last: datetime.date
) -> None:
    assert dates.earliest(partial) == first
    assert dates.latest(partial) == last
    assert dates.year_of(partial) == first.year


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("[41,42,43,44,45,46,47,48,49,50]", 12, ["[41,42,43,", "44,45,46,47,", "48,49,50]"]),
        ("see [1,2] and more", 12, ["see [1,2]", "and more"]),
        ("abc [41,42,43,44,45] x", 10, ["abc", "[41,42,43,", "44,45] x"]),
        ("$25,000,000-30,000,000", 10, None),
        ("tribune-2024-07-11", 10, None),
    ],
)
def test_only_a_list_of_footnote_numbers_breaks_inside_a_word(
    text: str, width: int, lines: list[str] | None
) -> None:
    from bilateral.render.layout import wrap_words

    assert wrap_words(text, width) == lines
