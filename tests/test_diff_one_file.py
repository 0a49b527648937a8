"""`diff` compares one file of a directory base (issue 25): between revisions or paths,
read with its directory, and through the README's `git difftool` recipe; a version that
cannot be read exits non-zero, naming the version asked for."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run

PAIRS = Path(__file__).resolve().parent / "data" / "pairs"
CHANGE = ('summary = "A visit to Ankara."', 'summary = "A state visit to Ankara."')
CHANGED = (
    "changed\tevent\tvisit-ankara-2010\tsummary\tA visit to Ankara.\tA state visit to Ankara.\n"
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
        cwd=folder, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return done.stdout + done.stderr


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    shutil.copytree(PAIRS, tmp_path / "base")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "one")
    file = tmp_path / "base" / "az-tr.toml"
    file.write_text(file.read_text().replace(*CHANGE), encoding="utf-8")
    return tmp_path


def test_one_file_against_a_revision_is_read_with_its_directory(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository)
    for old in ("HEAD", "HEAD:base/az-tr.toml"):
        result = run("diff", old, "base/az-tr.toml", "--format", "tsv")
        assert (result.exit_code, result.stdout, result.stderr) == (1, CHANGED, "")


def test_one_file_against_a_copy_elsewhere_is_read_with_its_directory(
    repository: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "elsewhere" / "old.toml"
    copy.parent.mkdir()
    copy.write_text((PAIRS / "az-tr.toml").read_text(), encoding="utf-8")
    result = run("diff", str(copy), str(repository / "base" / "az-tr.toml"), "--format", "tsv")
    assert (result.exit_code, result.stdout) == (1, CHANGED)


def test_a_version_that_cannot_be_read_names_itself_and_exits_2(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository)
    file = repository / "base" / "az-tr.toml"
    file.write_text(file.read_text().replace('id = "tr-brother"', 'id = "Bad Id"'), "utf-8")
    line = file.read_text().splitlines().index('id = "Bad Id"') + 1
    result = run("diff", "HEAD", "base/az-tr.toml")
    assert result.exit_code == 2
    assert result.stderr == (
        "bilateral: base/az-tr.toml: the base has 1 problem(s), the first at "
        f"base/az-tr.toml:{line}: assessments[0].id: 'Bad Id' is not a valid id; use "
        "lower-case letters, digits and single hyphens\n"
    )


def difftool(repository: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The README's recipe, as written, with `bilateral` this checkout's."""
    tools = tmp_path / "bin"
    tools.mkdir()
    script = tools / "bilateral"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m bilateral "$@"\n', "utf-8")
    script.chmod(0o755)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = readme.split("git config difftool.bilateral.cmd '", 1)[1].split("'`", 1)[0]
    git(repository, "config", "difftool.bilateral.cmd", command)
    environment = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
                   "PYTHONPATH": str(ROOT)}  # fmt: skip
    return subprocess.run(
        ["git", "difftool", "--no-prompt", "--trust-exit-code", "--tool=bilateral", "HEAD",
         "--", "base/az-tr.toml"],
        cwd=repository, capture_output=True, text=True, env=environment, check=False,
    )  # fmt: skip


def test_the_readme_difftool_recipe_shows_one_file_of_a_directory(
    repository: Path, tmp_path: Path
) -> None:
    done = difftool(repository, tmp_path)
    assert (done.returncode, done.stdout) == (0, CHANGED)


def test_the_difftool_recipe_fails_when_a_version_cannot_be_read(
    repository: Path, tmp_path: Path
) -> None:
    file = repository / "base" / "az-tr.toml"
    file.write_text(file.read_text().replace('id = "tr-brother"', 'id = "Bad Id"'), "utf-8")
    done = difftool(repository, tmp_path)
    assert done.returncode != 0
    assert "'Bad Id' is not a valid id" in done.stderr
