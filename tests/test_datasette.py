"""The SQLite export served by Datasette on 127.0.0.1, browsed as an analyst would: search
by any name, a person's page linking to their events, citations and notes, the plumbing
tables hidden, and canned queries for the questions asked most."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run

AS_OF = "2004-07-28"
DATASETTE = shutil.which("datasette") or str(Path(sys.executable).parent / "datasette")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Datasette serving the shipped base's export; yields its address."""
    if not Path(DATASETTE).exists():
        pytest.skip(
            "Datasette is not installed (it is in the test extras: pip install -e '.[test]')"
        )
    folder = tmp_path_factory.mktemp("site")
    result = run("--no-cache", "export", "--sqlite", str(folder / "bilateral.db"), "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    port = _free_port()
    server = subprocess.Popen(
        [
            DATASETTE,
            "serve",
            str(folder / "bilateral.db"),
            "--metadata",
            str(folder / "metadata.json"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{address}/-/versions.json", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Datasette did not start: {server.stderr.read()!r}")  # type: ignore[union-attr]
                time.sleep(0.2)
        yield address
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch(address: str, path: str) -> str:
    with urllib.request.urlopen(address + path, timeout=30) as response:
        text: str = response.read().decode("utf-8")
        return text


def rows(address: str, path: str) -> list[dict[str, Any]]:
    separator = "&" if "?" in path else "?"
    found: list[dict[str, Any]] = json.loads(fetch(address, f"{path}{separator}_shape=array"))
    return found


@pytest.mark.slow
def test_table_search_finds_a_person_by_an_alias(served: str) -> None:
    found = rows(served, "/bilateral/people.json?_search=guluzadeh")
    assert [row["id"] for row in found] == ["guluzade-vafa"]


@pytest.mark.slow
def test_table_search_finds_a_country_by_its_demonym(served: str) -> None:
    found = rows(served, "/bilateral/countries.json?_search=azeri")
    assert [row["id"] for row in found] == ["AZ"]


def test_a_persons_page_links_to_their_events_citations_and_notes(served: str) -> None:
    page = fetch(served, "/bilateral/people/musharraf-pervez")
    assert "Links from other tables" in page
    for link in (
        "/bilateral/events_participants?person_id=musharraf-pervez",
        "/bilateral/citations?of_person=musharraf-pervez",
        "/bilateral/notes?of_person=musharraf-pervez",
    ):
        assert link in page, link
    visits = rows(served, "/bilateral/events_participants.json?person_id=musharraf-pervez")
    assert "musharraf-visit-baku-2004" in {row["record_id"] for row in visits}


def test_the_landing_page_lists_facts_not_plumbing(served: str) -> None:
    tables = json.loads(fetch(served, "/bilateral.json"))["tables"]
    hidden = {table["name"] for table in tables if table["hidden"]}
    shown = {table["name"] for table in tables if not table["hidden"]}
    assert {"records", "export_info", "people_fts"} <= hidden
    assert {"people", "events", "areas", "citations"} <= shown


def test_canned_query_who_held_which_post_at_a_date(served: str) -> None:
    held = rows(served, "/bilateral/holders_at_date.json?date=2004-07-28")
    people = {row["person"] for row in held}
    assert {"musharraf-pervez", "aliyev-ilham", "abiyev-safar"} <= people
    assert "aliyev-heydar" not in people
    assert "yeltsin-boris" not in people


@pytest.mark.slow
def test_canned_query_what_happened_in_a_year(served: str) -> None:
    happened = rows(served, "/bilateral/events_in_year.json?year=1991")
    assert [row["id"] for row in happened] == [
        "turkey-recognizes-azerbaijan-1991",
        "az-oic-cooperation-begins-1991",
        "pakistan-recognizes-azerbaijan-1991",
    ]
