"""The command-line conventions people expect from gh and git (issue 21): the group's
options before or after the command, -h, "did you mean", --pair wherever an answer is
about a pair, and exit codes described once."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bilateral.cli import cli
from bilateral.cli.group import group_options_first
from tests.conftest import MINIMAL, run

AS_OF = "2004-07-28"


@pytest.mark.parametrize(
    "args",
    [
        ["--facts", str(MINIMAL), "areas"],
        ["areas", "--facts", str(MINIMAL)],
        ["areas", f"--facts={MINIMAL}"],
        ["areas", "--no-pager", "--facts", str(MINIMAL), "--no-cache"],
        ["--no-pager", "areas", "--no-cache", "--facts", str(MINIMAL)],
    ],
)
def test_group_options_go_before_or_after_the_command(args: list[str]) -> None:
    result = run("--as-of", AS_OF, *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("military\tMilitary cooperation\tsigned\t2004-07-28\t1\t")


def test_only_the_words_after_the_command_move_and_not_past_a_double_dash() -> None:
    assert group_options_first(["show", "--no-pager", "--", "--no-cache"]) == [
        "--no-pager",
        "show",
        "--",
        "--no-cache",
    ]
    assert group_options_first(["--facts", "show", "show", "x"]) == ["--facts", "show", "show", "x"]
    assert group_options_first(["--as-of", "2004", "trade", "--facts", "f"]) == [
        "--as-of",
        "2004",
        "--facts",
        "f",
        "trade",
    ]


@pytest.mark.parametrize("args", [["-h"], ["trade", "-h"], ["show", "-h"], ["check", "-h"]])
def test_dash_h_means_help(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    assert "-h, --help" in result.stdout


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("aeras", "'areas'"), ("offcials", "'officials'"), ("serach", "'search'")],
)
def test_a_mistyped_command_gets_did_you_mean(typed: str, meant: str) -> None:
    result = CliRunner().invoke(cli, [typed])
    assert result.exit_code == 2
    assert f"Error: No such command '{typed}'. Did you mean {meant}?" in result.stderr


def test_a_command_nothing_like_any_gets_no_suggestion() -> None:
    result = CliRunner().invoke(cli, ["zzzzqqq"])
    assert result.exit_code == 2
    assert "Did you mean" not in result.stderr


def test_exit_codes_are_described_once_in_the_groups_help() -> None:
    group = run("--help").stdout
    assert "Exit codes, for every command:" in group
    assert "130  interrupted" in group
    for command in ["areas", "trade", "show", "check", "new", "fmt", "diff", "export", "brief"]:
        assert "Exit codes" not in run(command, "--help").stdout, command


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["areas"],
        ["officials"],
        ["trade"],
        ["events"],
        ["assessments"],
        ["relations"],
        ["timeline"],
        ["search", "baku"],
        ["brief"],
        ["graph"],
    ],
)
def test_every_command_about_a_pair_takes_pair(command: str) -> None:
    assert "--pair AA-BB" in run(*command[:1], "--help").stdout
    result = run("--as-of", AS_OF, *command, "--pair", "PK-AZ")
    assert result.exit_code == 0, result.output
    unknown = run("--as-of", AS_OF, *command, "--pair", "PK-XX")
    assert unknown.exit_code == 2
    assert "no pair 'PK-XX' in this fact base" in unknown.stderr


def test_pair_leaves_out_what_belongs_to_another_pair() -> None:
    paired = run("--as-of", AS_OF, "relations", "--pair", "AZ-PK").stdout.splitlines()
    assert paired
    assert all("Pakistan" in line or "Azerbaijan" in line for line in paired)
    people = run("--as-of", AS_OF, "search", "officials", "--pair", "AZ-PK", "--limit", "50")
    assert people.exit_code == 0
    hits = [line.split("\t") for line in people.stdout.splitlines()]
    assert [int(hit[0]) for hit in hits] == list(range(1, len(hits) + 1))
    assert "stepashin-sergei" not in {hit[3] for hit in hits}
    roles = run("--as-of", AS_OF, "timeline", "--pair", "AZ-PK").stdout
    assert "stepashin-sergei" not in roles
    assert "stepashin-sergei" in run("--as-of", AS_OF, "timeline").stdout
