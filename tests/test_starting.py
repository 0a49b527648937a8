"""Starting a pair (issue 25): `init` starts a base, or a pair's file inside one, that
`check` accepts; `new` files a record in the file of its pair, and can start a file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bilateral.kinds.parts import load
from bilateral.schema.reading import decode
from tests.conftest import run

PAIRS = Path(__file__).resolve().parent / "data" / "pairs"


def test_init_starts_a_base_that_check_accepts(tmp_path: Path) -> None:
    base = tmp_path / "facts"
    result = run("init", str(base), "--pair", "pk-az", "--written", "2004-07-28")
    assert (result.exit_code, result.stderr) == (
        0,
        f"bilateral: started the base in {base / 'az-pk.toml'}\n",
    )
    assert run("check", str(base)).exit_code == 0
    loaded = load(str(base))
    assert (loaded.title, loaded.pair, loaded.as_of) == (
        "Azerbaijan-Pakistan relations",
        "AZ-PK",
        "2004-07-28",
    )


def test_init_starts_a_pair_inside_a_base_with_its_own_title(tmp_path: Path) -> None:
    base = tmp_path / "facts"
    assert run("init", str(base), "--pair", "AZ-PK", "--written", "2004-07-28").exit_code == 0
    result = run("init", str(base), "--pair", "TR-AZ", "--title", "Azerbaijan and Turkey",
                 "--written", "2010-05-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert run("check", str(base)).exit_code == 0
    overview = run("--facts", str(base)).stdout.replace("\n  ", " ")
    assert "AZ-TR (Azerbaijan and Turkey, written about 2010-05-01)" in overview
    assert "without --pair, listings answer for AZ-PK" in overview
    again = run("init", str(base), "--pair", "AZ-TR")
    assert (again.exit_code, again.stderr) == (
        2,
        f"bilateral: {base / 'az-tr.toml'}: exists already; add records to it with "
        "`bilateral new`\n",
    )


def test_init_refuses_a_pair_that_is_not_two_countries(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "facts"), "--pair", "AZ-XX")
    assert (result.exit_code, result.stderr) == (
        2,
        "bilateral: --pair 'AZ-XX' is not two ISO 3166-1 country codes such as AZ-TR\n",
    )
    assert not (tmp_path / "facts").exists()


def copied(tmp_path: Path) -> Path:
    base = tmp_path / "base"
    shutil.copytree(PAIRS, base)
    return base


EVENT = ["new", "event", "--field", "kind=visit", "--field", "summary=S"]


def test_new_files_a_record_in_the_file_of_its_pair(tmp_path: Path) -> None:
    base = copied(tmp_path)
    result = run("--facts", str(base), *EVENT, "--id", "ev-tr", "--field", "pair=TR-AZ",
                 "--field", "participants=TR", "--cite", "tr-article:1:1")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert 'id = "ev-tr"' in (base / "az-tr.toml").read_text()
    result = run("--facts", str(base), *EVENT, "--id", "ev-pk", "--field", "participants=PK",
                 "--cite", "article:1:1")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert 'id = "ev-pk"' in (base / "az-pk.toml").read_text()
    person = ["new", "person", "--id", "erdogan", "--name", "Erdogan", "--field", "country=TR",
              "--cite", "tr-article:1:1"]  # fmt: skip
    assert run("--facts", str(base), *person).exit_code == 0
    assert 'id = "erdogan"' in (base / "az-tr.toml").read_text()
    pairs = json.loads(run("--facts", str(base), "events", "--pair", "all", "--json").stdout)
    assert {(e["id"], e["pair"]) for e in pairs} >= {("ev-tr", "AZ-TR"), ("ev-pk", "AZ-PK")}


def test_new_starts_a_file_of_the_base(tmp_path: Path) -> None:
    base = copied(tmp_path)
    file = base / "az-tr-2010.toml"
    fields = ["--field", "pair=AZ-TR", "--field", "participants=TR", "--cite", "tr-article:1:1"]
    result = run("--facts", str(base), *EVENT, "--id", "ev-new", *fields, "--file", str(file))
    assert result.exit_code == 0, result.stderr
    text = decode(str(file), file.read_bytes())
    assert text.startswith('schema_version = 3\npair = "AZ-TR"\n\n[[events]]\nid = "ev-new"\n')
    assert run("check", str(base)).exit_code == 0


def test_an_empty_file_is_told_the_schema_version_of_today(tmp_path: Path) -> None:
    path = tmp_path / "facts.toml"
    path.write_text("\n", encoding="utf-8")
    result = run("check", str(path))
    assert result.stderr == (
        f"bilateral: {path}: is empty; a fact base starts with schema_version = 3\n"
    )
