"""Writes that cannot lose an update or clobber a file (issue 18, must show 4), and
directory bases that never skip what they cannot read (must show 6)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from bilateral.curate import files as curate_files
from bilateral.export.files import CannotWrite, replacing
from bilateral.store import writing
from tests.base_edits import split_by_table
from tests.conftest import MINIMAL, ROOT, run

NOBODY = 65534
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="gives a file to another user")
PLACE = ("--field", "kind=city", "--field", "country=AZ", "--cite", "article:1:2")


def copy_of_minimal(tmp_path: Path, name: str = "facts.toml") -> Path:
    path = tmp_path / name
    shutil.copyfile(MINIMAL, path)
    return path


def new_place(facts: Path, number: int) -> list[str]:
    return [sys.executable, "-m", "bilateral", "--facts", str(facts), "new", "place",
            "--id", f"town-{number}", "--name", f"Town {number}", *PLACE]  # fmt: skip


def test_parallel_writers_lose_no_record(tmp_path: Path) -> None:
    facts = copy_of_minimal(tmp_path)
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    writers = [
        subprocess.Popen(new_place(facts, n), env=environment, stderr=subprocess.PIPE)
        for n in range(6)
    ]
    formatter = subprocess.Popen(
        [sys.executable, "-m", "bilateral", "fmt", str(facts)], env=environment
    )
    assert [writer.wait() for writer in writers] == [0] * 6
    assert formatter.wait() == 0
    text = facts.read_text(encoding="utf-8")
    assert [n for n in range(6) if f'id = "town-{n}"' in text] == list(range(6))
    assert run("--facts", str(facts), "check").exit_code == 0


def test_a_symlinked_fact_file_is_edited_through_the_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = copy_of_minimal(tmp_path / "real")
    real.chmod(0o640)
    link = tmp_path / "facts.toml"
    link.symlink_to(real)
    result = run("--facts", str(link), "new", "place", "--id", "ganja", "--name", "Ganja", *PLACE)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert 'id = "ganja"' in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert run("--facts", str(link), "fmt").exit_code == 0
    assert link.is_symlink()


@as_root
def test_a_fact_file_keeps_its_owner(tmp_path: Path) -> None:
    facts = copy_of_minimal(tmp_path)
    os.chown(facts, NOBODY, NOBODY)
    result = run("--facts", str(facts), "new", "place", "--id", "ganja", "--name", "Ganja", *PLACE)
    assert result.exit_code == 0, result.stderr
    assert (facts.stat().st_uid, facts.stat().st_gid) == (NOBODY, NOBODY)


@pytest.mark.parametrize("command", ["new", "fmt"])
def test_a_read_only_fact_file_is_refused(tmp_path: Path, command: str) -> None:
    facts = copy_of_minimal(tmp_path)
    facts.write_text(facts.read_text(encoding="utf-8").replace("\n\n", "\n\n\n"), "utf-8")
    facts.chmod(0o444)
    before = facts.read_bytes()
    args = ["new", "place", "--id", "ganja", "--name", "Ganja", *PLACE] if command == "new" else []
    result = run("--facts", str(facts), *(args or ["fmt"]))
    assert result.exit_code == 3
    assert "is read-only; make it writable (chmod u+w)" in result.stderr
    assert facts.read_bytes() == before


@pytest.mark.parametrize("force", [(), ("--force",)])
def test_export_never_overwrites_a_file_of_a_directory_base(
    tmp_path: Path, force: tuple[str, ...]
) -> None:
    split_by_table(MINIMAL, tmp_path / "base")
    victim = tmp_path / "base" / "kinds" / "00-sources.toml"
    before = victim.read_bytes()
    result = run("--facts", str(tmp_path / "base"), "export", "--format", "json",
                 "-o", str(victim), *force)  # fmt: skip
    assert result.exit_code == 2
    assert "is a file of the fact base being exported" in result.stderr
    assert victim.read_bytes() == before


def test_export_never_overwrites_a_file_that_appeared_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    appeared = pytest.raises(CannotWrite, match="appeared while bilateral was writing")
    with appeared, replacing([str(target)]) as [temporary]:
        Path(temporary).write_text("the export", encoding="utf-8")
        target.write_text("someone else's", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "someone else's"
    assert os.listdir(tmp_path) == ["out.json"]


def test_output_dash_is_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--facts", str(MINIMAL), "export", "--format", "json", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("{")
    assert os.listdir(tmp_path) == []


def test_temporaries_of_killed_writes_are_swept(tmp_path: Path) -> None:
    facts = copy_of_minimal(tmp_path)
    dead = 2**22 + 12345  # above the kernel's default pid_max: no such process
    left = [tmp_path / f".facts.toml.{dead}.{time.time_ns()}.tmp",
            tmp_path / f".out.json.{dead}.{time.time_ns()}.tmp"]  # fmt: skip
    for path in left:
        path.write_text("half", encoding="utf-8")
    theirs = tmp_path / ".notes.tmp"
    theirs.write_text("the user's own", encoding="utf-8")
    os.utime(theirs, (1, 1))
    assert (
        run("--facts", str(facts), "new", "place", "--id", "x1", "--name", "X", *PLACE).exit_code
        == 0
    )
    assert run("--facts", str(facts), "export", "--format", "json", "-o",
               str(tmp_path / "out.json")).exit_code == 0  # fmt: skip
    assert [path.exists() for path in left] == [False, False]
    assert theirs.exists()


@pytest.mark.parametrize("command", [["new", "place", "--id", "x", "--name", "X", *PLACE], ["fmt"]])
def test_the_installed_copy_of_the_base_is_not_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    installed = copy_of_minimal(tmp_path)
    monkeypatch.setattr(curate_files, "installed_facts", lambda: str(installed))
    before = installed.read_bytes()
    result = run("--facts", str(installed), *command)
    assert result.exit_code == 2
    assert "is the copy of the base installed with bilateral" in result.stderr
    assert "start a base of your own" in result.stderr
    assert installed.read_bytes() == before


def test_the_one_writer_refuses_bytes_changed_under_it(tmp_path: Path) -> None:
    facts = copy_of_minimal(tmp_path)
    with writing.locked(str(facts)), pytest.raises(OSError, match="changed while"):
        writing.replace_file(str(facts), b"new", expected=b"not what it holds")
    assert facts.read_bytes() == MINIMAL.read_bytes()


# directory bases: read or refused, never skipped


def test_a_symlinked_folder_of_a_base_is_read(tmp_path: Path) -> None:
    split_by_table(MINIMAL, tmp_path / "real")
    (tmp_path / "base").mkdir()
    shutil.move(tmp_path / "real" / "base.toml", tmp_path / "base" / "base.toml")
    (tmp_path / "base" / "kinds").symlink_to(tmp_path / "real" / "kinds")
    result = run("--facts", str(tmp_path / "base"), "check")
    assert result.exit_code == 0, result.stderr
    assert "1 trade figures" in result.stdout or "1 trade figure" in result.stdout


def test_a_link_back_into_the_base_is_refused(tmp_path: Path) -> None:
    split_by_table(MINIMAL, tmp_path / "base")
    (tmp_path / "base" / "kinds" / "loop").symlink_to(tmp_path / "base")
    result = run("--facts", str(tmp_path / "base"), "check")
    assert result.exit_code == 2
    assert "loop: a link back to a folder that holds it" in result.stderr


def test_a_dangling_link_in_a_base_is_named(tmp_path: Path) -> None:
    split_by_table(MINIMAL, tmp_path / "base")
    (tmp_path / "base" / "kinds" / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    result = run("--facts", str(tmp_path / "base"), "trade")
    assert result.exit_code == 2
    assert "gone.toml: no such file" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_of_a_base_is_refused(tmp_path: Path) -> None:
    split_by_table(MINIMAL, tmp_path / "base")
    (tmp_path / "base" / "kinds").chmod(0)
    try:
        result = run("--facts", str(tmp_path / "base"), "check")
    finally:
        (tmp_path / "base" / "kinds").chmod(0o755)
    assert result.exit_code == 2
    assert "kinds: a folder of the base" in result.stderr


@as_root
def test_an_unreadable_folder_of_a_base_is_refused_for_another_user() -> None:
    with tempfile.TemporaryDirectory() as scratch:  # /tmp, which another user can enter
        os.chmod(scratch, 0o755)
        split_by_table(MINIMAL, Path(scratch) / "base")
        (Path(scratch) / "base" / "kinds").chmod(0o700)
        stderr = refused_for_nobody(Path(scratch))
    assert "kinds: a folder of the base" in stderr


@as_root
def test_an_unreadable_file_of_a_base_is_refused_for_another_user() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        os.chmod(scratch, 0o755)
        split_by_table(MINIMAL, Path(scratch) / "base")
        (Path(scratch) / "base" / "kinds" / "00-sources.toml").chmod(0o600)
        stderr = refused_for_nobody(Path(scratch))
    assert "00-sources.toml: permission denied; make the file readable" in stderr


def refused_for_nobody(tmp_path: Path) -> str:
    """What `check` of the base at tmp_path says to user 65534, who must be refused."""
    command = ["setpriv", "--reuid", str(NOBODY), "--regid", str(NOBODY), "--clear-groups",
               sys.executable, "-m", "bilateral", "--no-cache", "--facts", str(tmp_path / "base"),
               "check"]  # fmt: skip
    environment = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(tmp_path))
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    assert result.returncode == 2, result.stderr
    return result.stderr
