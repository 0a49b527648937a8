"""Every command in every format, with the expected output inline (on the minimal base)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bilateral.cli import cli
from bilateral.cli.group import COMMAND_MODULES
from tests.conftest import MINIMAL, SHIPPED, run

AS_OF = "2004-07-28"


def on_minimal(*args: str) -> tuple[int, str, str]:
    """A command on the minimal base, answered as of the date the base describes."""
    result = run("--facts", str(MINIMAL), "--as-of", AS_OF, *args)
    return result.exit_code, result.stdout, result.stderr


TSV = {
    "officials": "abiyev-safar\tSafar Abiyev\tAZ\tMinister of Defence\tAzerbaijan\t1995-02-06"
    "\t2013-10-28\theld\tbackground\t\t2004-07-28\n",
    "areas": "military\tMilitary cooperation\tsigned\t2004-07-28\t1\tAzerbaijan, Pakistan"
    "\tDefence ties.\tarticle:1.1\t\t2004-07-28\n",
    "trade": "trade-2003-az-export\t2003\tAZ\tPK\texport\t25000\t30000\tUSD\t$25,000-30,000"
    "\tstated\tarticle:1.2\t\t\t\t\t\t\t2004-07-28\n",
    "events": "visit-baku-2004\t2004-07-08\t2004-07-10\tvisit\tBaku\tPakistan, Azerbaijan"
    "\tA visit to Baku.\tarticle:2.1\t\t2004-07-28\n",
    "sources": "article\tTest Publisher\t\t2004-07-28\t\t12\t2004-07-28\n"
    "background\tBackground Reference\t\t\t\t1\t2004-07-28\n",
}

CSV = {
    "officials": "id,name,country,title,organization,start,end,status,sources,disputed,as_of\n"
    "abiyev-safar,Safar Abiyev,AZ,Minister of Defence,Azerbaijan,1995-02-06,2013-10-28,held,"
    "background,,2004-07-28\n",
    "areas": "area,name,status,last_confirmed,commitments,by,summary,sources,disputed,as_of\n"
    'military,Military cooperation,signed,2004-07-28,1,"Azerbaijan, Pakistan",Defence ties.,'
    "article:1.1,,2004-07-28\n",
    "trade": "id,year,reporter,partner,flow,low,high,currency,value,certainty,sources,disputed,"
    "mirror_id,mirror_low,mirror_high,mirror_value,gap,as_of\n"
    'trade-2003-az-export,2003,AZ,PK,export,25000,30000,USD,"$25,000-30,000",stated,'
    "article:1.2,,,,,,,2004-07-28\n",
    "events": "id,date,end,kind,place,participants,summary,sources,disputed,as_of\n"
    'visit-baku-2004,2004-07-08,2004-07-10,visit,Baku,"Pakistan, Azerbaijan",A visit to Baku.,'
    "article:2.1,,2004-07-28\n",
    "sources": "id,publisher,title,date,url,supports,as_of\n"
    "article,Test Publisher,,2004-07-28,,12,2004-07-28\n"
    "background,Background Reference,,,,1,2004-07-28\n",
}

JSON_FIRST = {
    "officials": {
        "id": "abiyev-safar",
        "name": "Safar Abiyev",
        "country": "AZ",
        "country_name": "Azerbaijan",
        "aliases": ["Səfər Əbiyev"],
        "born": None,
        "died": None,
        "roles": [
            {
                "title": "Minister of Defence",
                "organization": "AZ",
                "organization_name": "Azerbaijan",
                "post": None,
                "start": "1995-02-06",
                "end": "2013-10-28",
                "last_confirmed": "2004-07-28",
                "notes": [],
                "disputes": [],
                "sources": [{"source": "background", "paragraph": None, "sentence": None}],
                "status": "held",
            }
        ],
        "notes": [],
        "disputes": [],
        "sources": [{"source": "article", "paragraph": 1, "sentence": 1}],
        "as_of": AS_OF,
    },
    "trade": {
        "id": "trade-2003-az-export",
        "reporter": "AZ",
        "partner": "PK",
        "pair": "AZ-PK",
        "flow": "export",
        "year": 2003,
        "value": {"low": 25000, "high": 30000, "currency": "USD"},
        "certainty": "stated",
        "notes": [],
        "disputes": [],
        "sources": [{"source": "article", "paragraph": 1, "sentence": 2}],
        "mirror": None,
        "as_of": AS_OF,
    },
    "events": {
        "id": "visit-baku-2004",
        "kind": "visit",
        "pair": "AZ-PK",
        "date": "2004-07-08",
        "end": "2004-07-10",
        "approximate": False,
        "place": "baku",
        "place_name": "Baku",
        "participants": ["PK", "AZ"],
        "participant_names": ["Pakistan", "Azerbaijan"],
        "summary": "A visit to Baku.",
        "notes": [],
        "disputes": [],
        "sources": [{"source": "article", "paragraph": 2, "sentence": 1}],
        "as_of": AS_OF,
    },
    "areas": {
        "id": "military",
        "name": "Military cooperation",
        "pair": "AZ-PK",
        "status": "signed",
        "summary": "Defence ties.",
        "aliases": [],
        "commitments": [
            {
                "id": "military-agreements",
                "summary": "Agreements on training.",
                "status": "signed",
                "by": ["AZ", "PK"],
                "by_names": ["Azerbaijan", "Pakistan"],
                "date": None,
                "end": None,
                "last_confirmed": "2004-07-28",
                "notes": [],
                "disputes": [],
                "sources": [{"source": "article", "paragraph": 1, "sentence": 1}],
                "standing": "in-force",
            }
        ],
        "last_confirmed": "2004-07-28",
        "notes": [],
        "disputes": [],
        "sources": [{"source": "article", "paragraph": 1, "sentence": 1}],
        "as_of": AS_OF,
    },
}


@pytest.mark.parametrize("command", sorted(TSV))
def test_piped_output_is_tsv_without_headers(command: str) -> None:
    assert on_minimal(command) == (0, TSV[command], "")


@pytest.mark.parametrize("command", sorted(TSV))
def test_format_tsv_matches_the_default_when_piped(command: str) -> None:
    assert on_minimal(command, "--format", "tsv") == (0, TSV[command], "")


@pytest.mark.parametrize("command", sorted(CSV))
def test_csv_has_a_header(command: str) -> None:
    assert on_minimal(command, "--format", "csv") == (0, CSV[command], "")


@pytest.mark.parametrize("command", sorted(JSON_FIRST))
def test_json_is_the_documented_record(command: str) -> None:
    code, out, err = on_minimal(command, "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == [JSON_FIRST[command]]


@pytest.mark.parametrize("command", sorted(JSON_FIRST))
def test_jsonl_is_one_record_a_line(command: str) -> None:
    code, out, _ = on_minimal(command, "--format", "jsonl")
    assert code == 0
    assert [json.loads(line) for line in out.splitlines()] == [JSON_FIRST[command]]


def test_sources_json_lists_what_each_supports() -> None:
    code, out, _ = on_minimal("sources", "--json")
    assert code == 0
    background = json.loads(out)[1]
    assert background == {
        "id": "background",
        "title": None,
        "author": None,
        "publisher": "Background Reference",
        "date": None,
        "url": None,
        "paragraphs": None,
        "sentences": None,
        "note": None,
        "supports": [{"id": "abiyev-safar", "kind": "person"}],
        "as_of": AS_OF,
    }


def test_show_json_is_an_array_of_records_with_their_kind() -> None:
    code, out, _ = on_minimal("show", "baku", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "kind": "place",
            "record": {
                "id": "baku",
                "name": "Baku",
                "names": [],
                "aliases": [],
                "type": "city",
                "country": "AZ",
                "country_name": "Azerbaijan",
                "notes": [],
                "sources": [{"source": "article", "paragraph": 1, "sentence": 2}],
                "as_of": AS_OF,
            },
            "mentioned_in": [
                {
                    "id": "visit-baku-2004",
                    "kind": "event",
                    "text": "2004-07-08 to 2004-07-10: A visit to Baku.",
                }
            ],
            "as_of": AS_OF,
        }
    ]


def test_show_tsv() -> None:
    assert on_minimal("show", "Baku", "--format", "tsv") == (
        0,
        "place\tbaku\tBaku\t1\tarticle:1.2\t2004-07-28\n",
        "",
    )


def test_show_in_a_pipe_prints_the_whole_record_as_plain_text() -> None:
    assert on_minimal("show", "Baku") == (
        0,
        "kind: place\n"
        "id: baku\n"
        "name: Baku\n"
        "type: city\n"
        "country: Azerbaijan (AZ)\n"
        "sources: article:1.2\n"
        "mentioned_in:\n"
        "  - id: visit-baku-2004\n"
        "    kind: event\n"
        "    text: 2004-07-08 to 2004-07-10: A visit to Baku.\n"
        "as_of: 2004-07-28\n",
        "",
    )


def test_show_in_a_pipe_indents_roles_and_their_notes_beneath() -> None:
    code, out, _ = on_minimal("show", "Safar Abiyev")
    assert code == 0
    assert out.startswith("kind: person\nid: abiyev-safar\nname: Safar Abiyev\n")
    assert "roles:\n  - title: Minister of Defence\n    organization: Azerbaijan (AZ)\n" in out
    assert "\n    start: 1995-02-06\n" in out
    assert "\x1b" not in out
    assert "\t" not in out


def test_areas_commitments_lists_one_row_per_commitment() -> None:
    assert on_minimal("areas", "--commitments") == (
        0,
        "military\tMilitary cooperation\tsigned\tmilitary-agreements\tsigned\t\t\tin-force"
        "\t2004-07-28\tAzerbaijan, Pakistan\tAgreements on training.\tarticle:1.1\t\t2004-07-28\n",
        "",
    )


def test_search_json_fields() -> None:
    code, out, _ = on_minimal("search", "--json", "defence", "minister")
    assert code == 0
    first = json.loads(out)[0]
    assert sorted(first) == [
        "as_of",
        "corrected",
        "date_words",
        "id",
        "kind",
        "pair",
        "rank",
        "score",
        "sources",
        "text",
        "unknown",
    ]
    assert (first["id"], first["kind"], first["rank"]) == ("abiyev-safar", "person", 1)
    assert isinstance(first["score"], float)


def test_search_tsv() -> None:
    code, out, _ = on_minimal("search", "--limit", "1", "defence", "minister")
    assert code == 0
    rank, score, kind, record_id, text, sources, as_of = out.rstrip("\n").split("\t")
    assert (rank, kind, record_id, text, sources, as_of) == (
        "1",
        "person",
        "abiyev-safar",
        "Safar Abiyev, Minister of Defence (AZ)",
        "article:1.1",
        AS_OF,
    )
    assert float(score) > 0


FILTERS = [
    (("trade", "--year", "2003"), 0, 1),
    (("trade", "--year", "2004"), 1, 0),
    (("trade", "--flow", "import"), 1, 0),
    (("trade", "--reporter", "pk"), 1, 0),
    (("trade", "--reporter", "Azerbaijan"), 0, 1),
    (("events", "--year", "2004"), 0, 1),
    (("events", "--place", "baku"), 0, 1),
    (("events", "--place", "bakuu"), 0, 1),
    (("officials", "--country", "az", "--current"), 0, 1),
    (("officials", "--former"), 1, 0),
    (("areas", "--status", "signed"), 0, 1),
    (("areas", "--status", "pledged"), 1, 0),
    (("areas", "--country", "PK"), 0, 1),
    (("trade", "--pair", "PK-AZ"), 0, 1),
]


@pytest.mark.parametrize(("args", "code", "count"), FILTERS, ids=[" ".join(f[0]) for f in FILTERS])
def test_filters(args: tuple[str, ...], code: int, count: int) -> None:
    exit_code, out, _ = on_minimal(*args, "--json")
    assert exit_code == code
    assert len(json.loads(out)) == count


def test_nothing_matched_exits_1_with_empty_json_and_a_message() -> None:
    assert on_minimal("trade", "--year", "1999", "--json") == (
        1,
        "[]\n",
        "bilateral: as of 2004-07-28, no trade figure matches; the base holds figures for: 2003\n",
    )


def test_nothing_matched_in_tsv_prints_nothing_on_stdout() -> None:
    assert on_minimal("trade", "--year", "1999") == (
        1,
        "",
        "bilateral: as of 2004-07-28, no trade figure matches; the base holds figures for: 2003\n",
    )


def test_unknown_name_suggests_a_close_one() -> None:
    result = run("show", "Musharaff Pervaz", "--json")
    code, out, err = result.exit_code, result.stdout, result.stderr
    assert code == 1
    assert out == "[]\n"
    assert err == (
        "bilateral: nothing is named 'Musharaff Pervaz'; did you mean Pervez Musharraf?\n"
    )


def test_unknown_country_code_is_a_usage_error_listing_the_valid_ones() -> None:
    code, out, err = on_minimal("officials", "--country", "XX")
    assert (code, out) == (2, "")
    assert err == "bilateral: unknown country 'XX'; use one of: AZ (Azerbaijan), PK (Pakistan)\n"


def test_unknown_pair_is_a_usage_error() -> None:
    code, _, err = on_minimal("trade", "--pair", "AZ-RU")
    assert code == 2
    assert err == "bilateral: no pair 'AZ-RU' in this fact base; the pairs are: AZ-PK\n"


def usage_error(command: str, usage: str, message: str) -> str:
    """Click's report of a bad command line, as `bilateral` prints it."""
    return (
        f"Usage: bilateral {command} {usage}\n"
        f"Try 'bilateral {command} --help' for help.\n"
        f"\nError: {message}\n"
    )


def on_minimal_as_bilateral(*args: str) -> tuple[int, str, str]:
    """Like on_minimal, with the program named as the console script names it."""
    result = CliRunner().invoke(
        cli, ["--facts", str(MINIMAL), *args], prog_name="bilateral", catch_exceptions=False
    )
    return result.exit_code, result.stdout, result.stderr


def test_conflicting_formats_are_a_usage_error() -> None:
    assert on_minimal_as_bilateral("trade", "--json", "--format", "csv") == (
        2,
        "",
        usage_error("trade", "[OPTIONS]", "--json conflicts with --format csv; give one of them"),
    )


@pytest.mark.parametrize(
    ("args", "usage", "message"),
    [
        (
            ("trade", "--year", "twenty"),
            "[OPTIONS]",
            "Invalid value for '--year': 'twenty' is not a valid integer range.",
        ),
        (
            ("trade", "--year", "99999"),
            "[OPTIONS]",
            "Invalid value for '--year': 99999 is not in the range 1800<=x<=2200.",
        ),
        (
            ("trade", "--flow", "sideways"),
            "[OPTIONS]",
            "Invalid value for '--flow': 'sideways' is not one of 'export', 'import', 'total', "
            "'re-export', 're-import'.",
        ),
        (("areas", "--bogus"), "[OPTIONS]", "No such option '--bogus'."),
        (
            ("search", " "),
            "[OPTIONS] QUERY...",
            "the query is empty; give some words to look for",
        ),
        (
            ("search", "x" * 10_000),
            "[OPTIONS] QUERY...",
            "the query is 10,000 characters; keep it under 1,000",
        ),
    ],
    ids=[
        "year-not-a-number",
        "year-out-of-range",
        "unknown-flow",
        "unknown-option",
        "empty-query",
        "long-query",
    ],
)
def test_bad_command_lines_exit_2(args: tuple[str, ...], usage: str, message: str) -> None:
    assert on_minimal_as_bilateral(*args) == (2, "", usage_error(args[0], usage, message))


def test_overview_names_the_base_and_the_commands() -> None:
    code, out, _ = on_minimal()
    assert code == 0
    assert out.splitlines()[:10] == [
        "Minimal base for tests",
        "Answers as of 2004-07-28 (choose another date with --as-of DATE).",
        "Its facts span 1995-02-06 to 2013-10-28; the base was written about 2004-07-28.",
        "Its sources speak up to 2004-07-28 for countries, people, organizations, places, areas,"
        " commitments,",
        "  trade figures, events, relations, facts, assessments.",
        "Pairs: AZ-PK",
        "Countries: AZ Azerbaijan, PK Pakistan",
        "1 people, 0 posts, 1 organizations, 1 places, 1 areas, 1 commitments, 1 trade figures, "
        "1 events, 1",
        "  relations, 1 facts, 1 assessments, from 2 sources",
        "",
    ]
    assert "  bilateral show Musharraf      everything about one name" in out


def test_invalid_base_makes_queries_exit_2(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "facts.toml"
    path.write_text(MINIMAL.read_text().replace('currency = "USD"', 'currency = "DOL"'))
    result = run("--facts", str(path), "trade")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "bilateral: the fact base has 1 problem(s); run `bilateral check`"
    )


def test_facts_environment_variable_chooses_the_base(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BILATERAL_FACTS", str(MINIMAL))
    assert run("--as-of", AS_OF, "trade").stdout == TSV["trade"]


def test_rich_markup_and_escapes_in_data_print_literally(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "facts.toml"
    hostile = "[bold]Baku[/bold] \\u001b[31mred\\u202e"
    path.write_text(
        MINIMAL.read_text().replace('summary = "A visit to Baku."', f'summary = "{hostile}"')
    )
    result = run("--facts", str(path), "events", "--format", "table")
    assert result.exit_code == 0
    assert "[bold]Baku[/bold] \\u001b[31mred\\u202e" in result.stdout
    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout
    jsonl = run("--facts", str(path), "events", "--format", "jsonl").stdout
    assert json.loads(jsonl)["summary"] == "[bold]Baku[/bold] \x1b[31mred\u202e"


def test_shipped_trade_prints_ranges_as_ranges() -> None:
    result = run("--facts", str(SHIPPED), "trade", "--flow", "export", "--format", "table")
    assert result.exit_code == 0
    assert "$25,000-30,000" in result.stdout


EXAMPLE_MARK = "Example:"


def test_every_command_has_help_ending_with_an_example() -> None:
    for name in COMMAND_MODULES:
        command = cli.get_command(click.Context(cli), name)
        assert command is not None, name
        help_text = command.help or ""
        assert EXAMPLE_MARK in help_text, name
        example = help_text.split(EXAMPLE_MARK)[1].strip()
        assert example.startswith("bilateral "), name


def test_every_command_is_found_in_the_module_said() -> None:
    import importlib

    for name, where in COMMAND_MODULES.items():
        module, attribute = where.split(":")
        command = getattr(importlib.import_module(f"bilateral.cli.{module}"), attribute)
        assert isinstance(command, click.Command), where
        assert command.name == name, where
    assert sorted(cli.list_commands(click.Context(cli))) == sorted(COMMAND_MODULES)


@pytest.mark.parametrize("name", sorted(COMMAND_MODULES))
def test_every_command_help_runs(name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout


def _complete(words: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    monkeypatch.setenv("_BILATERAL_COMPLETE", "bash_complete")
    result = CliRunner().invoke(cli, [], prog_name="bilateral")
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


def test_show_completes_names_from_any_word(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _complete("bilateral show Mushar", monkeypatch) == ["Pervez\\ Musharraf"]
    names = _complete("bilateral show aliy", monkeypatch)
    assert {"Heydar\\ Aliyev", "Ilham\\ Aliyev", "Aydin\\ Aliyev"} <= set(names)


def test_zsh_completes_whole_names_unescaped(monkeypatch: pytest.MonkeyPatch) -> None:
    """zsh quotes what it inserts; bash inserts values as given, so those are escaped."""
    monkeypatch.setenv("COMP_WORDS", "bilateral show Mus")
    monkeypatch.setenv("COMP_CWORD", "2")
    monkeypatch.setenv("_BILATERAL_COMPLETE", "zsh_complete")
    result = CliRunner().invoke(cli, [], prog_name="bilateral")
    assert result.stdout.splitlines()[:2] == ["plain", "Pervez Musharraf"]


def test_country_options_complete_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    codes = _complete("bilateral officials --country ", monkeypatch)
    assert codes[:8] == ["AZ", "PK", "TR", "AM", "RU", "US", "SE", "FI"]
    assert len(codes) == 25  # every country of the base, in its order
    assert codes[-1] == "IN"
    assert _complete("bilateral trade --reporter p", monkeypatch) == ["PK"]


def test_a_search_for_a_misspelt_name_finds_it() -> None:
    result = run("search", "--json", "Stepashn")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert hits[0]["id"] == "stepashin-sergei"
    assert hits[0]["corrected"] == {"stepashn": "stepashin"}


def test_a_search_with_no_match_suggests_names() -> None:
    result = run("search", "--json", "Stepshinov")
    assert (result.exit_code, result.stdout) == (1, "[]\n")
    assert result.stderr == (
        "bilateral: nothing found for 'Stepshinov'; did you mean Sergei Stepashin?\n"
    )


def test_a_search_with_nothing_near_says_so() -> None:
    result = run("search", "zzqqxx")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "bilateral: nothing found for 'zzqqxx'\n"


def _check_minimal_with(tmp_path: Path, old: str, new: str) -> tuple[Path, int, str, str]:
    """`check` on the minimal base with one text replaced."""
    text = MINIMAL.read_text(encoding="utf-8")
    if old not in text:
        pytest.fail(f"the minimal base no longer has {old!r}; update this test")
    path = tmp_path / "facts.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = run("check", str(path))
    return path, result.exit_code, result.stdout, result.stderr


def _minimal_line(start: str) -> int:
    """The number of the minimal base's first line that starts with `start`."""
    lines = MINIMAL.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def test_a_missing_trade_value_says_it_is_missing(tmp_path: Path) -> None:
    value = 'value = { low = 25000, high = 30000, currency = "USD" }\n'
    path, code, out, err = _check_minimal_with(tmp_path, value, "")
    line = _minimal_line("[[trade]]")  # the key is gone: its table's header
    assert (code, out) == (1, "")
    first, last = err.splitlines()
    assert first.startswith(f"{path}:{line}: trade[0] (trade-2003-az-export).value: missing; "), (
        first
    )
    assert last == f"bilateral: {path}: 1 problem(s) found"
