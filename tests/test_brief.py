"""`bilateral brief`: a briefing note whose every footnote resolves, whose every statement
comes from records, and in which nothing from the base becomes markup."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

import bilateral.api
from bilateral.handoff import terminal
from bilateral.handoff.brief import briefing
from bilateral.handoff.htmlpage import page
from bilateral.handoff.markdown import escape, guarded, markdown
from bilateral.handoff.note import Bullets, Item, Note, Paragraph, runs
from bilateral.schema.wording import full_citation
from bilateral.store.cache import cache_file
from tests.conftest import MINIMAL, SHIPPED, run, run_in_terminal, write_base

AS_OF = "2004-07-28"
CACI = "caci-2004-07-28"


def note_of(path: Path = SHIPPED, as_of: str = AS_OF, pair: str | None = None) -> Note:
    return briefing(bilateral.api.open_base(str(path), use_cache=False, as_of=as_of), pair)


def parsed(text: str) -> tuple[list[Token], dict[str, Any]]:
    """Tokens of CommonMark with footnotes, and the parser's record of the definitions."""
    env: dict[str, Any] = {}
    tokens = MarkdownIt("commonmark").use(footnote_plugin).parse(text, env)
    return tokens, env


def plain(inline: Token) -> str:
    """An inline token's text as a reader sees it, each footnote reference as [n]."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "footnote_ref":
            parts.append(f"[{child.meta['label']}]")
        elif child.type == "softbreak":
            parts.append("\n")
    return "".join(parts)


def inlines(tokens: list[Token]) -> list[str]:
    return [plain(token) for token in tokens if token.type == "inline"]


def footnotes(tokens: list[Token]) -> dict[str, str]:
    """Each footnote's label and its text."""
    found: dict[str, str] = {}
    label = None
    for token in tokens:
        if token.type == "footnote_open":
            label = token.meta["label"]
        elif token.type == "inline" and label is not None:
            found[label] = plain(token)
            label = None
    return found


def without_refs(text: str) -> str:
    return re.sub(r"\[\d+\]", "", text)


def source(source_id: str) -> dict[str, Any]:
    return bilateral.api.open_base(str(SHIPPED), use_cache=False).sources_by_id()[source_id]


def cite(source_id: str, paragraph: int | None = None, sentence: int | None = None) -> str:
    located = {"source": source_id, "paragraph": paragraph, "sentence": sentence}
    return full_citation(located, source(source_id))


# ---------------------------------------------------------------- Markdown


def test_every_footnote_reference_resolves_and_every_definition_is_used() -> None:
    text = markdown(note_of())
    tokens, env = parsed(text)
    references = {
        child.meta["label"]
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "footnote_ref"
    }
    defined = {key.removeprefix(":"): used for key, used in env["footnotes"]["refs"].items()}
    assert references == set(defined) == {str(n) for n in range(1, len(defined) + 1)}
    assert all(used != -1 for used in defined.values())  # -1: defined, never referenced
    assert len(defined) == 37
    assert not any("[^" in line for line in inlines(tokens))  # no reference left as text


def test_footnotes_are_full_citations_numbered_in_order_of_first_use() -> None:
    tokens, _ = parsed(markdown(note_of()))
    notes = footnotes(tokens)
    assert notes["1"] == cite(CACI, 1, 3)  # the first relation: shared ties
    assert notes["2"] == cite("news-az-pakistan-embassy")
    assert notes["13"] == cite(CACI, 3, 2)
    assert notes["31"] == (
        "TRT World, 2023-10-18, https://www.trtworld.com/article/15449760 "
        "(trt-world-turkey-recognition)"
    )
    assert len(set(notes.values())) == len(notes)  # one number per citation


def test_addresses_are_links_in_the_footnotes() -> None:
    tokens, _ = parsed(markdown(note_of()))
    links = [
        child.attrs["href"]
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "link_open"
    ]
    assert links[0] == source(CACI)["url"]
    assert "https://menafocus.qa/%EF%BB%BFformer-state-adviser-vafa-guluzade-dies-updated/" in links


def test_the_note_states_its_date_first() -> None:
    tokens, _ = parsed(markdown(note_of(as_of="2026-01-01")))
    heading, preface = inlines(tokens)[:2]
    assert heading == "Briefing note: Azerbaijan and Pakistan"
    assert preface.startswith("As of 2026-01-01. From the fact base \u201cAzerbaijan-Pakistan")


def test_the_relationship_in_two_sentences_made_from_records() -> None:
    tokens, _ = parsed(markdown(note_of()))
    [summary] = [line for line in inlines(tokens) if line.startswith("The base records")]
    assert without_refs(summary) == (
        "The base records 3 relations between Azerbaijan and Pakistan (ties; diplomatic, "
        "since 1992-06-09; support) and 13 cooperation areas (by strongest commitment: "
        "5 signed, 2 agreed, 1 pledged, 1 promised, 3 possible and 1 with none). The latest "
        "event to begin by 2004-07-28 is the address at Baku, 2004-07-09 (participants: "
        "Pervez Musharraf, Azerbaijan)."
    )
    assert summary.endswith("Azerbaijan).[9]")  # the address cites Khawaja's article
    assert footnotes(tokens)["9"] == cite("caci-2004-07-28-khawaja")


def test_records_later_than_the_date_are_left_out_and_counted() -> None:
    tokens, _ = parsed(markdown(note_of(as_of="1995")))
    lines = inlines(tokens)
    assert lines[1].endswith("Left out as later than 1995-12-31: 3 trade figures, 6 events.")
    assert "The base holds no trade figure of the pair." in lines
    assert not any("Musharraf addressed" in line for line in lines)
    assert any(
        line.startswith("The base records 3 relations") and "establishment, 1992-06-09" in line
        for line in lines
    )


def test_officials_held_at_the_date_and_the_rest_apart() -> None:
    lines = inlines(parsed(markdown(note_of(as_of="2026-01-01")))[0])
    start = lines.index("Officials at 2026-01-01")
    assert without_refs(lines[start + 1]) == (
        "Ilham Aliyev (Azerbaijan): President of Azerbaijan, from 2003-10-31, status at "
        "2026-01-01 unknown (last confirmed 2004-07-28)"
    )
    assert lines[start + 2] == "Not in a recorded post at 2026-01-01:"
    assert without_refs(lines[start + 3]) == (
        "Pervez Musharraf (Pakistan): President of Pakistan, 2001-06-20 to 2008-08-18, ended"
    )
    held = inlines(parsed(markdown(note_of()))[0])
    assert (
        "Safar Abiyev (Azerbaijan)[7]: Minister of Defence (Azerbaijan), 1995-02-06 to "
        "2013-10-28[7][22]"
    ) in held
    assert any(
        without_refs(line).startswith("Nouraiz Shakoor Khan (Pakistan): Federal Minister")
        and "status at 2004-07-28 unknown: its dates do not settle it" in line
        for line in held
    )


def test_trade_with_its_range_and_certainty_and_notes() -> None:
    lines = inlines(parsed(markdown(note_of()))[0])
    export = lines.index(
        "2003, exports from Azerbaijan to Pakistan (Azerbaijan\u2019s figure): "
        "$25,000-30,000, stated: the source says it[13]"
    )
    assert lines[export + 1] == (
        "The article gives a range, 25 to 30 thousand dollars, not a single number.[13]"
    )
    assert (
        "2003, total trade between Azerbaijan and Pakistan (Azerbaijan\u2019s figure): "
        "$1,050,000-1,150,000, inferred: a reading of what the source says; its note says how[13]"
    ) in lines


def test_disputes_list_every_value_with_its_own_footnote() -> None:
    tokens, _ = parsed(markdown(note_of()))
    lines = inlines(tokens)
    notes = footnotes(tokens)
    start = lines.index("Where sources disagree")
    assert lines[start + 1] == (
        "The visit of 2004-07-08 to 2004-07-10 (musharraf-visit-baku-2004): its end is given as"
    )
    khawaja, geo = lines[start + 2], lines[start + 3]
    assert khawaja == "2004-07-10 \u2014 an official three-day visit (Khawaja)[9]"
    assert geo.startswith("2004-07-09 \u2014 a two-day visit")
    assert notes[geo.rsplit("[", 1)[1].rstrip("]")] == cite("geo-tv-2004-07-08")
    assert lines[start + 5].startswith("Pakistan was the second country")
    assert lines[start + 6].startswith("Romania recognized Azerbaijan on 11 December 1991")


def test_a_disputed_relation_of_the_first_sentence_is_listed(tmp_path: Path) -> None:
    dispute = (
        '[[relations.disputes]]\nfield = "kind"\nvalues = [\n'
        '  { value = "ties", says = "the article", sources = [{ source = "article", '
        "paragraph = 1, sentence = 2 }] },\n"
        '  { value = "alliance", says = "a reference", sources = [{ source = "background" }] },'
        "\n]\n\n[[facts]]"
    )
    text = MINIMAL.read_text(encoding="utf-8").replace("[[facts]]", dispute, 1)
    tokens, _ = parsed(markdown(note_of(write_base(tmp_path, text))))
    lines = inlines(tokens)
    start = lines.index("Where sources disagree")
    assert lines[start + 1 : start + 4] == [
        "The ties relation (pk-az-ties): its kind is given as",
        "ties \u2014 the article[1]",
        "alliance \u2014 a reference[4]",
    ]
    assert footnotes(tokens)["4"] == "Background Reference (background)"


def test_assessments_each_with_its_holder() -> None:
    lines = inlines(parsed(markdown(note_of()))[0])
    assert (
        "According to Vafa Guluzade: The Americans were well informed about Musharraf's "
        "visit. In their words: \u201cI am sure the Americans are well informed about "
        "Musharraf's visit\u201d[28]"
    ) in lines
    claims = [line for line in lines if line.startswith("According to ")]
    assert len(claims) == 10


def test_every_statement_cites_records() -> None:
    """Each list item, and each sentence of the relationship, ends in footnotes."""
    note = note_of()

    def items(found: list[Item]) -> list[Item]:
        return [item for item in found for item in [item, *items(item.children)]]

    every = [
        item for block in note.blocks if isinstance(block, Bullets) for item in items(block.items)
    ]
    disputed_heads = [
        item for item in every if item.children and "is given as" in item.spans[-1].text
    ]
    for item in every:
        if item not in disputed_heads:
            assert item.spans[-1].style == "ref", item.spans
    [relationship] = [
        block
        for block in note.blocks
        if isinstance(block, Paragraph) and block.spans[0].text.startswith("The base records")
    ]
    sentence_ends = [i for i, span in enumerate(relationship.spans) if span.text.endswith(".")]
    for end in sentence_ends:
        assert relationship.spans[end + 1].style == "ref"


def test_the_minimal_base_as_a_whole_note() -> None:
    assert markdown(note_of(MINIMAL)) == MINIMAL_NOTE


MINIMAL_NOTE = """\
# Briefing note: Azerbaijan and Pakistan

As of 2004-07-28. From the fact base \u201cMinimal base for tests\u201d, written about \
2004-07-28. Each statement cites its sources in the numbered notes; assessments are the views \
of those named as holding them. Areas count only the commitments in force at that date.

## The relationship

The base records 1 relation between Azerbaijan and Pakistan (ties)[^1] and 1 cooperation area \
(by strongest commitment: 1 signed).[^2] The latest event to begin by 2004-07-28 is the visit \
at Baku, 2004-07-08 to 2004-07-10 (participants: Pakistan, Azerbaijan).[^3]

## Cooperation areas by status

### Signed

- **Military cooperation**: Defence ties.[^2]
    - signed, by Azerbaijan, Pakistan: Agreements on training.[^2]

## Officials at 2004-07-28

- **Safar Abiyev** (Azerbaijan)[^2]: Minister of Defence (Azerbaijan), 1995-02-06 to \
2013-10-28[^4]

## Trade

- **2003**, exports from Azerbaijan to Pakistan (Azerbaijan\u2019s figure): \\$25,000-30,000, \
stated: the source says it[^1]

## Events

- **2004-07-08 to 2004-07-10**, visit, Baku: A visit to Baku.[^3]

## Assessments

Views, each given with who holds it; none is stated as fact.

- According to **local analysts**: Pakistan is a good ally.[^3]

## Where sources disagree

No statement in this note is disputed in the base.

[^1]: Test Publisher, 2004-07-28, \u00b61.2 (article)

[^2]: Test Publisher, 2004-07-28, \u00b61.1 (article)

[^3]: Test Publisher, 2004-07-28, \u00b62.1 (article)

[^4]: Background Reference (background)
"""


# ---------------------------------------------------------------- hostile data

HOSTILE_NAME = (
    'Arms <script>alert("x")</script> & *bold* _u_ [^1] [a](javascript:alert(1)) `c` '
    "$m$ @cite ~s~ ^p^ {#id} | \\ &amp; \x1b[31mred"
)
HOSTILE_SUMMARY = "1. Not a list\n# Not a heading\n\n- not an item <img src=x onerror=alert(1)>"
HOSTILE_CLAIM = "Pakistan is a good ally.</li></ul><script>steal()</script>"
HOSTILE_PUBLISHER = 'Pub <b>bold</b> & "quotes"'


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def hostile_base(tmp_path: Path) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    for old, new in [
        ('name = "Military cooperation"', f"name = {toml_string(HOSTILE_NAME)}"),
        ('summary = "Defence ties."', f"summary = {toml_string(HOSTILE_SUMMARY)}"),
        ('claim = "Pakistan is a good ally."', f"claim = {toml_string(HOSTILE_CLAIM)}"),
        (
            'publisher = "Test Publisher"',
            f'publisher = {toml_string(HOSTILE_PUBLISHER)}\nurl = "javascript:alert(1)"',
        ),
        (
            'publisher = "Background Reference"',
            'publisher = "Background Reference"\nurl = "https://example.org/a_(b)?x=1&y=2"',
        ),
    ]:
        assert old in text
        text = text.replace(old, new, 1)
    return write_base(tmp_path, text)


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_data_never_becomes_markdown(tmp_path: Path) -> None:
    text = markdown(note_of(hostile_base(tmp_path)))
    tokens, env = parsed(text)
    kinds = {token.type for token in tokens} | {
        child.type for token in tokens for child in token.children or []
    }
    made = {"html_inline", "html_block", "image", "code_inline", "em_open", "blockquote_open"}
    assert not kinds & made
    assert "ordered_list_open" not in kinds
    headings = [
        plain(tokens[i + 1]) for i, token in enumerate(tokens) if token.type == "heading_open"
    ]
    assert headings == [
        "Briefing note: Azerbaijan and Pakistan",
        "The relationship",
        "Cooperation areas by status",
        "Signed",
        "Officials at 2004-07-28",
        "Trade",
        "Events",
        "Assessments",
        "Where sources disagree",
    ]
    lines = inlines(tokens)
    assert any(line.startswith(f"{HOSTILE_NAME}: {one_line(HOSTILE_SUMMARY)}[") for line in lines)
    assert f"According to local analysts: {HOSTILE_CLAIM}[3]" in lines
    hrefs = [
        child.attrs["href"]
        for token in tokens
        for child in token.children or []
        if child.type == "link_open"
    ]
    assert hrefs == ["https://example.org/a_(b)?x=1&y=2"]  # javascript: stays text
    assert (
        footnotes(tokens)["1"]
        == f"{HOSTILE_PUBLISHER}, 2004-07-28, \u00b61.2, javascript:alert(1) (article)"
    )
    assert all(used != -1 for used in env["footnotes"]["refs"].values())


class Page(HTMLParser):
    """Every tag, attribute and piece of text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            self.text.append(data)


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "article", "h1", "h2", "h3", "p",
    "ul", "li", "strong", "sup", "a", "section", "ol",
}  # fmt: skip


def read_page(text: str) -> Page:
    parser = Page()
    parser.feed(text)
    parser.close()
    return parser


def test_html_holds_data_only_as_text(tmp_path: Path) -> None:
    html = page(note_of(hostile_base(tmp_path)))
    parsed_page = read_page(html)
    assert set(parsed_page.tags) <= ALLOWED_TAGS
    assert parsed_page.tags.count("script") == 0
    assert not [name for _tag, name, _value in parsed_page.attributes if name.startswith("on")]
    text = "".join(parsed_page.text)
    assert one_line(HOSTILE_SUMMARY) in one_line(text)
    assert HOSTILE_CLAIM in text
    assert HOSTILE_NAME.replace("\x1b", "\ufffd") in text  # HTML holds no control characters
    hrefs = [value for tag, name, value in parsed_page.attributes if name == "href"]
    assert "https://example.org/a_(b)?x=1&y=2" in hrefs
    assert not [href for href in hrefs if href and "javascript" in href]


def test_html_is_one_self_contained_page_whose_links_resolve() -> None:
    html = page(note_of())
    parsed_page = read_page(html)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "@media print" in html
    assert not {"script", "link", "img", "iframe"} & set(parsed_page.tags)
    assert not [name for _tag, name, _value in parsed_page.attributes if name == "src"]
    ids = [value for _tag, name, value in parsed_page.attributes if name == "id"]
    assert len(ids) == len(set(ids)) == 37
    internal = {
        value
        for _t, name, value in parsed_page.attributes
        if name == "href" and value and value.startswith("#")
    }
    assert {f"#{value}" for value in ids} == internal
    assert "<title>Briefing note: Azerbaijan and Pakistan, as of 2004-07-28</title>" in html
    assert (
        '<sup class="refs"><a href="#fn3">3</a>\u2013<a href="#fn18">18</a></sup>' in html
    )  # three or more in a row as a range


def test_at_a_terminal_nothing_moves_the_cursor(tmp_path: Path) -> None:
    laid_out = terminal.laid_out(note_of(hostile_base(tmp_path)), io.StringIO(), True)
    assert "\x1b[31mred" not in laid_out
    assert "\\u001b[31mred" in laid_out
    assert 'Arms <script>alert("x")</script> & *bold* _u_ [^1]' in laid_out  # text, not markup


# ---------------------------------------------------------------- the command


def test_in_a_pipe_the_note_is_markdown() -> None:
    result = run("--facts", str(MINIMAL), "--as-of", AS_OF, "brief")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == MINIMAL_NOTE


def test_html_from_the_command() -> None:
    result = run("--facts", str(MINIMAL), "--as-of", AS_OF, "brief", "--format", "html")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout.endswith("</html>\n")


def test_an_unknown_pair_is_a_usage_error() -> None:
    result = run("--facts", str(MINIMAL), "brief", "--pair", "AZ-RU")
    assert result.exit_code == 2
    assert result.stderr == "bilateral: no pair 'AZ-RU' in this fact base; the pairs are: AZ-PK\n"
    assert result.stdout == ""


def test_a_base_of_several_pairs_is_on_its_own_pair_or_needs_one(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "[[places]]",
        '[[countries]]\nid = "TR"\nname = "Turkey"\n'
        'sources = [{ source = "article", paragraph = 1, sentence = 1 }]\n\n[[places]]',
    )
    text += '\n[[events]]\nid = "tr-event"\nkind = "visit"\npair = "AZ-TR"\n'
    text += 'participants = ["TR"]\nsummary = "A Turkish visit."\n'
    text += 'sources = [{ source = "article", paragraph = 1, sentence = 1 }]\n'
    path = write_base(tmp_path, text)
    own = run("--facts", str(path), "--as-of", AS_OF, "brief")
    assert own.exit_code == 0, own.stderr  # the base's `pair`, AZ-PK
    assert own.stdout.startswith("# Briefing note: Azerbaijan and Pakistan\n")
    unpaired_text = text.replace('pair = "AZ-PK"\n', "", 1)
    for table in ("[[areas]]\n", '[[events]]\nid = "visit', "[[assessments]]\n"):
        unpaired_text = unpaired_text.replace(table, f'{table.split("]]")[0]}]]\npair = "AZ-PK"\n'
                                              + table.split("]]\n", 1)[1], 1)  # fmt: skip
    unpaired = write_base(tmp_path, unpaired_text, "unpaired.toml")
    result = run("--facts", str(unpaired), "brief")
    assert result.exit_code == 2, result.stdout
    assert "choose one with --pair" in result.stderr
    chosen = run("--facts", str(path), "--as-of", AS_OF, "brief", "--pair", "TR-AZ")
    assert chosen.exit_code == 0, chosen.stderr
    assert chosen.stdout.startswith("# Briefing note: Azerbaijan and Turkey\n")
    assert "- **Undated**, visit: A Turkish visit.[^" in chosen.stdout


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_at_a_terminal_the_note_fits_the_width(columns: int) -> None:
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1", "TERM": "xterm"}
    shown = run_in_terminal(["--no-cache", "--as-of", AS_OF, "brief"], env).replace("\r\n", "\n")
    body, _, sources = shown.partition("\nSources\n")
    assert "Briefing note: Azerbaijan and Pakistan" in body
    assert all(len(line.rstrip()) <= columns for line in body.splitlines())
    assert "[3-18]" in body.replace("\n", " ")
    lines = sources.splitlines()
    address = str(source(CACI)["url"])
    ends = [line.strip() for line in lines].index(address)  # whole, on a line of its own
    first = " ".join(line.strip() for line in lines[:ends])
    assert first == "[1] " + cite(CACI, 1, 3).replace(f", {address}", "")
    assert all(len(line) <= columns for line in lines if not line.strip().startswith("http"))
    assert "[^" not in shown
    assert "\x1b[" not in shown


# ---------------------------------------------------------------- helpers


def test_escaping_leaves_no_markup() -> None:
    assert escape("*a* [b](c) <d> &e; #f `g` $h$ @i ~j~ ^k^ |l| \\m {n}") == (
        "\\*a\\* \\[b\\](c) \\<d\\> \\&e; \\#f \\`g\\` \\$h\\$ \\@i \\~j\\~ \\^k\\^ \\|l\\| "
        "\\\\m \\{n\\}"
    )
    assert escape("two\nlines\r\n\n  and more") == "two lines and more"
    assert guarded("1. x") == "1\\. x"
    assert guarded("12) x") == "12\\) x"
    assert guarded("- x") == "\\- x"
    assert guarded("+ x") == "\\+ x"
    assert guarded(": x") == "\\: x"
    assert guarded("2004-07-28 x") == "2004-07-28 x"


def test_references_in_a_row_read_as_a_range() -> None:
    assert runs(["3", "4", "5", "9"]) == [(3, 5), (9, 9)]
    assert runs(["1", "2"]) == [(1, 1), (2, 2)]
    assert runs([]) == []


def test_a_damaged_store_is_rebuilt(tmp_path: Path, isolated_cache: Path) -> None:
    base = write_base(tmp_path, MINIMAL.read_text(encoding="utf-8"))
    expected = run("--facts", str(base), "--as-of", AS_OF, "brief").stdout
    with contextlib.closing(sqlite3.connect(cache_file(str(isolated_cache), str(base)))) as db:
        db.execute("UPDATE records SET data = randomblob(length(data)) WHERE type = 'country'")
        db.commit()
    result = run("--facts", str(base), "--as-of", AS_OF, "brief")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
