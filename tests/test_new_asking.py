"""Interactive `new` (issue 25): each list of choices shown once, a bad value asked for
again, several sources, the optional fields offered, and a record the base refuses asked
for again field by field, keeping what was typed."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from bilateral.cli import cli

PAIRS = Path(__file__).resolve().parent / "data" / "pairs"


def ask(base: Path, *args: str, answers: list[str]) -> Result:
    return CliRunner().invoke(
        cli, ["--facts", str(base), "new", *args, "--prompt"], input="\n".join(answers) + "\n"
    )


def copied(tmp_path: Path) -> Path:
    shutil.copytree(PAIRS, tmp_path / "base")
    return tmp_path / "base"


EVENT_ANSWERS = [
    "Bad Id", "ev-new",              # an id of the wrong shape is asked for again
    "visits", "visit",               # so is a kind not on the list
    "TR, AZ",                        # participants
    "A visit to Ankara.",            # summary
    "tr-article:1:1", "tr-article:1:2", "",  # two sources, then Enter
    "AZ-TR",                         # pair (offered)
    "2010-13-01", "2010-04-21",      # date: a bad one, then a good one
    "",                              # end: skipped
    "ankara",                        # place
]  # fmt: skip


def test_a_bad_value_is_asked_again_and_the_optional_fields_are_offered(tmp_path: Path) -> None:
    base = copied(tmp_path)
    result = ask(base, "event", answers=EVENT_ANSWERS)
    assert result.exit_code == 0, result.output
    assert result.output.count("one of: visit, meeting") == 3  # once for each time asked
    assert "'Bad Id': use lower-case letters, digits and single hyphens" in result.output
    assert "date: '2010-13-01' is not a calendar date" in result.output
    text = (base / "az-tr.toml").read_text(encoding="utf-8")
    block = text[text.index('id = "ev-new"') :]
    assert "date = 2010-04-21\n" in block
    assert 'place = "ankara"\n' in block
    assert "end =" not in block
    assert (
        "sources = [\n"
        '  { source = "tr-article", paragraph = 1, sentence = 1 },\n'
        '  { source = "tr-article", paragraph = 1, sentence = 2 },\n'
        "]\n"
    ) in block


def test_a_refused_field_is_asked_again_keeping_the_rest(tmp_path: Path) -> None:
    base = copied(tmp_path)
    answers = EVENT_ANSWERS[:]
    answers[answers.index("ankara")] = "nowhere"  # a place the base does not hold
    answers += ["ankara"]  # asked again: only the place
    result = ask(base, "event", answers=answers)
    assert result.exit_code == 0, result.output
    assert "events[1] (ev-new).place: 'nowhere' is not an id in this base" in result.output
    assert "bilateral: correct place; the rest is kept" in result.output
    text = (base / "az-tr.toml").read_text(encoding="utf-8")
    assert 'summary = "A visit to Ankara."\nsources' in text[text.index('id = "ev-new"') :]


def test_without_a_terminal_nothing_is_asked(tmp_path: Path) -> None:
    base = copied(tmp_path)
    result = CliRunner().invoke(cli, ["--facts", str(base), "new", "event", "--id", "x"])
    assert result.exit_code == 2
    assert "needs: kind (--field kind=...)" in result.output
