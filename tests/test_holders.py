"""Two people holding one post on the same day is a warning at the later role (issue 25),
unless the post says it has several holders."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MINIMAL, run, write_base

POST = """
[[posts]]
id = "minister-of-defence-az"
name = "Minister of Defence of Azerbaijan"
country = "AZ"
{holders}sources = [{{ source = "background" }}]
"""
SECOND = """
[[people]]
id = "other-minister"
name = "Other Minister"
country = "AZ"
sources = [{ source = "background" }]

[[people.roles]]
title = "Minister of Defence"
organization = "AZ"
post = "minister-of-defence-az"
start = 2000-01-01
end = 2005-01-01
sources = [{ source = "background" }]
"""


def base(tmp_path: Path, holders: str = "") -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace(
        'title = "Minister of Defence"\n',
        'title = "Minister of Defence"\npost = "minister-of-defence-az"\n',
        1,
    )
    text = text.replace(
        "[[organizations]]", SECOND + POST.format(holders=holders) + "\n[[organizations]]", 1
    )
    return write_base(tmp_path, text)


def test_two_holders_of_one_post_at_once_are_a_warning_at_the_later_role(tmp_path: Path) -> None:
    path = base(tmp_path)
    result = run("check", str(path))
    assert result.exit_code == 0
    lines = path.read_text().splitlines()
    line = lines.index("[[people.roles]]", lines.index('id = "other-minister"')) + 1
    warnings = [w for w in result.stderr.splitlines() if "holds post" in w]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}:{line}: ")
    assert (
        "people[1] (other-minister).roles[0]: warning: holds post 'minister-of-defence-az' "
        "from 2000-01-01 while abiyev-safar holds it (" in warnings[0]
    )
    assert warnings[0].endswith(
        "give the earlier role its end, or say the post has several holders with "
        "`holders_at_once = N` on the post"
    )


def test_a_post_with_several_holders_is_not_warned_about(tmp_path: Path) -> None:
    result = run("check", str(base(tmp_path, "holders_at_once = 2\n")))
    assert result.exit_code == 0
    assert "holds post" not in result.stderr


def test_the_warning_is_in_the_json_findings(tmp_path: Path) -> None:
    result = run("check", "--format", "json", str(base(tmp_path)))
    assert '"severity": "warning"' in result.stdout
    assert "holds post 'minister-of-defence-az'" in result.stdout
