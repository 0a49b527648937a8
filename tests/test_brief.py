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
from bilateral.handoff.note import Bullets, Heading, Note, Paragraph, runs
from bilateral.schema.wording import full_citation
from bilateral.store.directory import cache_name
from tests.conftest import MINIMAL, SHIPPED, run, run_in_terminal, write_base
from tests.decades import decades_base

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


@pytest.mark.slow
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
    assert not any("[^" in line for line in inlines(tokens))  # no reference left as text


@pytest.mark.slow
def test_one_note_per_source_listing_the_places_cited_in_it() -> None:
    tokens, _ = parsed(markdown(note_of()))
    notes = footnotes(tokens)
    caci = source(CACI)
    [first] = [text for text in notes.values() if text.startswith(caci["publisher"])]
    assert first.startswith(f"{caci['publisher']}, 2004-07-28, \u00b61.")
    places = re.findall(r"\u00b6(\d+)\.(\d+)", first)
    assert places == sorted(places, key=lambda p: (int(p[0]), int(p[1])))
    assert len(places) == len(set(places)) > 3
    assert first.endswith(str(caci["url"]))
    names = [text.split(", \u201c")[0].split(", 20")[0] for text in notes.values()]
    assert len(notes) < 20  # a note a source, not a note a citation
    assert len(set(notes.values())) == len(notes)
    assert names  # every note names its publisher


@pytest.mark.slow
def test_addresses_are_links_in_the_footnotes() -> None:
    tokens, _ = parsed(markdown(note_of()))
    links = [
        child.attrs["href"]
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "link_open"
    ]
    assert source(CACI)["url"] in links


def body(note: Note) -> list[str]:
    """The note's text before its sources, line by line, without the marks."""
    return [without_refs(line) for line in inlines(parsed(markdown(note))[0])]


def section(lines: list[str], heading: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    ends = [i for i, line in enumerate(lines) if line.startswith(HEADINGS) and i > start]
    return lines[start + 1 : ends[0] if ends else None]


HEADINGS = (
    "Bottom line",
    "Key points by area",
    "Changed since ",
    "In office on ",
    "Trade by year",
    "Views and disputes",
)


@pytest.mark.slow
def test_the_bottom_line_comes_first_and_says_what_happened() -> None:
    lines = body(note_of())
    assert lines[0] == "Briefing note: Azerbaijan and Pakistan"
    assert lines[1].startswith("As of 2004-07-28, from the fact base \u201cAzerbaijan-Pakistan")
    assert lines[2] == "Bottom line"
    assert lines[3].startswith(
        "Pervez Musharraf's visit to Baku, July 2004: President Pervez Musharraf paid an "
        "official visit to Azerbaijan"
    )
    assert "Disputed (end): " in lines[3]  # flagged where it stands
    assert "During it, commitments were signed on " in lines[3]
    assert "diplomatic relations since 1992-06-09" in lines[3]
    assert lines[4] == "Key points by area"


@pytest.mark.slow
def test_key_points_by_area_with_their_strongest_status_and_its_date() -> None:
    points = section(body(note_of()), "Key points by area")
    assert "Trade: signed, 2004-07-08" in points
    assert "Oil and gas: agreed, reported 2004-07-28" in points
    ladder = ["signed", "agreed", "pledged", "promised", "possible"]
    found = [re.search(r": (signed|agreed|pledged|promised|possible)\b", line) for line in points]
    statuses = [match[1] for match in found if match]
    assert len(statuses) > 5
    assert statuses == sorted(statuses, key=ladder.index)  # strongest first


@pytest.mark.slow
def test_what_changed_since_a_date() -> None:
    base = bilateral.api.open_base(str(SHIPPED), use_cache=False, as_of=AS_OF)
    lines = body(briefing(base, None, "2004-07-09"))
    changed = section(lines, "Changed since 2004-07-09")
    assert "2004-07-09: Pervez Musharraf's address in Baku, July 2004" in changed
    dated = [line.split(": ")[0] for line in changed if line[0].isdigit()]
    assert dated == sorted(dated, reverse=True)  # the latest first
    assert min(dated) >= "2004-07"  # what began or ran in the period (a month: its days)
    assert changed[-1].startswith("And ")
    assert changed[-1].endswith("more: bilateral changes --from 2004-07-09 --to 2004-07-28.")
    result = run("--facts", str(SHIPPED), "--as-of", AS_OF, "brief", "--since", "2004-07")
    assert "## Changed since 2004-07-31" in result.stdout
    bad = run("--facts", str(SHIPPED), "brief", "--since", "July")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("bilateral: --since 'July' is not a date; write YYYY-MM-DD")


@pytest.mark.slow
def test_people_in_office_at_the_date_with_nothing_later() -> None:
    office = section(body(note_of()), "In office on 2004-07-28")
    assert office[0].startswith("Azerbaijan: Safar Abiyev, Minister of Defence, since 1995-02-06;")
    assert "Ilham Aliyev, President of Azerbaijan, since 2003-10-31" in office[0]
    assert "Pervez Musharraf, President of Pakistan, since 2001-06-20" in office[1]
    assert "2008" not in " ".join(office)
    assert "2013" not in " ".join(office)


@pytest.mark.slow
def test_no_internal_ids_and_nothing_later_unless_marked() -> None:
    base = bilateral.api.open_base(str(SHIPPED), use_cache=False, as_of=AS_OF)
    ids = {
        str(document["id"])
        for kind in ("person", "event", "assessment", "relation", "commitment", "area")
        for document in base.documents(kind)
    } | set(base.sources_by_id())
    tokens, _ = parsed(markdown(note_of()))
    text = " ".join(inlines(tokens))
    ids = {key for key in ids if key.count("-") > 1 or any(c.isdigit() for c in key)}
    assert len(ids) > 20
    assert not [key for key in ids if key in text]
    for line in inlines(tokens)[2:]:  # after the title and the base's own title
        for later in re.findall(r"\b(\d{4}-\d{2}-\d{2}|(?<!-)\d{4}(?!-))\b", line):
            if later > AS_OF:
                marked = f"later ({later[:4]}" in line or "(later than the note's date)" in line
                assert marked, (later, line)


@pytest.mark.slow
def test_the_disputed_claim_is_flagged_where_it_stands() -> None:
    views = section(body(note_of()), "Views and disputes")
    [claim] = [line for line in views if "the second country" in line]
    assert claim.startswith("According to the article's author: Pakistan was the second")
    assert "Disputed (claim): the article: as stated;" in claim
    assert "Romania's foreign ministry, later (2017-06-19): Romania recognized" in claim


@pytest.mark.slow
def test_trade_over_the_years_as_a_chart() -> None:
    chart = section(body(note_of()), "Trade by year")
    assert chart[0].startswith("Total trade of Azerbaijan with Pakistan, as its sources give it")
    assert "2003: $1,050,000-1,150,000, inferred" in chart[0]
    assert "<svg" not in page(note_of())  # a year a line: the key says it all
    assert '<svg class="chart"' in page(note_of(as_of="2026-01-01"))  # years: a chart


@pytest.mark.slow
def test_both_reporters_lines_where_figures_mirror(tmp_path: Path) -> None:
    note = note_of(decades_base(tmp_path), "today")
    chart = section(body(note), "Trade by year")
    assert chart[0].startswith("Goods from Pakistan to Azerbaijan, Azerbaijan\u2019s report: ")
    assert chart[1].startswith("Goods from Pakistan to Azerbaijan, Pakistan\u2019s report: ")
    assert "1995-2025; 2025: $15,175,000, reported" in chart[0]
    html = page(note)
    assert html.count("<polyline") == 4  # two charts, two lines each


@pytest.mark.slow
def test_every_statement_cites_its_sources() -> None:
    """Each item ends in footnotes, save those that count what is left out; so does each
    sentence of the bottom line."""
    note = note_of()
    for block in note.blocks:
        if isinstance(block, Bullets):
            for item in block.items:
                said = "".join(span.text for span in item.spans)
                if not said.startswith(("And ", "Also ")) and not said.endswith("officials)"):
                    assert item.spans[-1].style == "ref", said
    bottom = note.blocks[note.blocks.index(Heading(2, "Bottom line")) + 1]
    assert isinstance(bottom, Paragraph)
    ends = [i for i, span in enumerate(bottom.spans) if span.text.endswith(".")]
    assert all(bottom.spans[end + 1].style == "ref" for end in ends)


def test_the_minimal_base_as_a_whole_note() -> None:
    assert markdown(note_of(MINIMAL)) == MINIMAL_NOTE


MINIMAL_NOTE = """\
# Briefing note: Azerbaijan and Pakistan

As of 2004-07-28, from the fact base \u201cMinimal base for tests\u201d. Bracketed numbers \
are the sources at the end; \u201clater\u201d marks a source dated after the note\u2019s date.

## Bottom line

Pakistan's visit to Baku, July 2004: A visit to Baku.[^1] By 2004-07-28, Azerbaijan and \
Pakistan had signed commitments in their one area of cooperation.[^1] The latest trade \
figure, exports from Azerbaijan to Pakistan in 2003, was \
\\$25,000-30,000, stated.[^1]

## Key points by area

- **Military cooperation**: signed, reported 2004-07-28[^1]

## Changed since 2003-07-28

- 2004-07-08: Pakistan's visit to Baku, July 2004[^1]

## In office on 2004-07-28

- **Azerbaijan**: Safar Abiyev, Minister of Defence, since 1995-02-06[^2]

## Trade by year

- Exports from Azerbaijan to Pakistan, as its sources give it: `\u2588` 2003: \
\\$25,000-30,000, stated

Each figure with its certainty; a range stays a range.[^1]

## Views and disputes

- According to **local analysts**: Pakistan is a good ally.[^1]

[^1]: Test Publisher, 2004-07-28, \u00b61.1, \u00b61.2, \u00b62.1

[^2]: Background Reference
"""


# ---------------------------------------------------------------- hostile data

HOSTILE_NAME = (
    'Arms <script>alert("x")</script> & *bold* _u_ [^1] [a](javascript:alert(1)) `c` '
    "$m$ @cite ~s~ ^p^ {#id} | \\ &amp; \x1b[31mred"
)
HOSTILE_SUMMARY = "1) Not a list\n# Not a heading\n\n- not an item <img src=x onerror=alert(1)>"
HOSTILE_CLAIM = "Pakistan is a good ally.</li></ul><script>steal()</script>"
HOSTILE_PUBLISHER = 'Pub <b>bold</b> & "quotes"'


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def hostile_base(tmp_path: Path) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    for old, new in [
        ('name = "Military cooperation"', f"name = {toml_string(HOSTILE_NAME)}"),
        ('summary = "A visit to Baku."', f"summary = {toml_string(HOSTILE_SUMMARY)}"),
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
    made = {"html_inline", "html_block", "image", "em_open", "blockquote_open"}
    assert not kinds & made
    code = [c.content for t in tokens for c in t.children or [] if c.type == "code_inline"]
    assert code == ["\u2588"]  # the trade chart's sparkline alone
    assert "ordered_list_open" not in kinds
    headings = [
        plain(tokens[i + 1]) for i, token in enumerate(tokens) if token.type == "heading_open"
    ]
    assert headings == [
        "Briefing note: Azerbaijan and Pakistan",
        "Bottom line",
        "Key points by area",
        "Changed since 2003-07-28",
        "In office on 2004-07-28",
        "Trade by year",
        "Views and disputes",
    ]
    lines = inlines(tokens)
    assert f"{HOSTILE_NAME}: signed, reported 2004-07-28[1]" in lines
    assert any(f"July 2004: {one_line(HOSTILE_SUMMARY)}.[" in line for line in lines)
    assert f"According to local analysts: {HOSTILE_CLAIM}[1]" in lines
    hrefs = [
        child.attrs["href"]
        for token in tokens
        for child in token.children or []
        if child.type == "link_open"
    ]
    assert hrefs == ["https://example.org/a_(b)?x=1&y=2"]  # javascript: stays text
    assert (
        footnotes(tokens)["1"]
        == f"{HOSTILE_PUBLISHER}, 2004-07-28, \u00b61.1, \u00b61.2, \u00b62.1, javascript:alert(1)"
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
    "ul", "li", "strong", "sup", "a", "section", "ol", "figure", "figcaption", "span",
    "svg", "line", "polyline", "circle", "text",
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


@pytest.mark.slow
def test_html_is_one_self_contained_page_whose_links_resolve() -> None:
    html = page(note_of())
    parsed_page = read_page(html)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "@media print" in html
    assert not {"script", "link", "img", "iframe"} & set(parsed_page.tags)
    assert not [name for _tag, name, _value in parsed_page.attributes if name == "src"]
    ids = [value for _tag, name, value in parsed_page.attributes if name == "id"]
    assert len(ids) == len(set(ids)) == len(note_of().citations)
    internal = {
        value
        for _t, name, value in parsed_page.attributes
        if name == "href" and value and value.startswith("#")
    }
    assert {f"#{value}" for value in ids} == internal
    assert "<title>Briefing note: Azerbaijan and Pakistan, as of 2004-07-28</title>" in html
    assert '<sup class="refs"><a href="#fn1">1</a></sup>' in html


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
    assert "## In office on 2004-07-28\n\n- **Azerbaijan**: Safar Abiyev" in chosen.stdout


@pytest.mark.slow
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_at_a_terminal_the_note_fits_the_width(columns: int) -> None:
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1", "TERM": "xterm"}
    shown = run_in_terminal(["--no-cache", "--as-of", AS_OF, "brief"], env).replace("\r\n", "\n")
    body, _, sources = shown.partition("\nSources\n")
    assert "Briefing note: Azerbaijan and Pakistan" in body
    assert all(len(line.rstrip()) <= columns for line in body.splitlines())
    assert re.search(r"\[\d+(-\d+)?(,\d+)*\]", body)
    lines = sources.splitlines()
    address = str(source(CACI)["url"])
    ends = [line.strip() for line in lines].index(address)  # whole, on a line of its own
    first = " ".join(line.strip() for line in lines[:ends])
    assert first == "[1] " + note_of().citations[0].head()
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
    with contextlib.closing(sqlite3.connect(cache_name(str(isolated_cache), str(base)))) as db:
        db.execute(
            "UPDATE packs SET data = randomblob(length(data)) "
            "WHERE block IN (SELECT rowid >> 4 FROM records WHERE type = 'country')"
        )
        db.commit()
    result = run("--facts", str(base), "--as-of", AS_OF, "brief")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


def test_the_sources_are_read_once_whatever_the_assessments(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every source was read again for each of the pair's assessments: 14 s for a brief of
    10,000 records, minutes for 100,000. Once to date the assessments, once to cite."""
    base = bilateral.api.open_base(str(SHIPPED), use_cache=False, as_of="2026-01-01")
    whole_reads: list[None] = []
    reading = bilateral.api.Base.sources_by_id

    def counted(self: bilateral.api.Base, ids: Any = None) -> dict[str, Any]:
        if ids is None:
            whole_reads.append(None)
        return reading(self, ids)

    monkeypatch.setattr(bilateral.api.Base, "sources_by_id", counted)
    assert len(base.documents("assessment", pair="AZ-PK")) > 10
    briefing(base, None)
    assert len(whole_reads) <= 2
