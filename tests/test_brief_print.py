"""The brief as an analyst prints it: the HTML page printed to PDF by headless Chromium,
one page at the article's date and two at most for a base that covers decades."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import SHIPPED, run
from tests.decades import decades_base

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)
pypdf = pytest.importorskip("pypdf", reason="pypdf counts the pages (a test extra)")


def printed_pages(html: str, directory: Path) -> int:
    """The pages Chromium prints the page on, with its default paper and margins."""
    assert CHROMIUM is not None
    page, pdf = directory / "note.html", directory / "note.pdf"
    page.write_text(html, encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    return len(pypdf.PdfReader(str(pdf)).pages)


def brief_html(path: Path, as_of: str) -> str:
    result = run("--facts", str(path), "--as-of", as_of, "brief", "--format", "html")
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.slow
@needs_chromium
def test_one_printed_page_at_the_articles_date(tmp_path: Path) -> None:
    assert printed_pages(brief_html(SHIPPED, "2004-07-28"), tmp_path) == 1


@pytest.mark.slow
@needs_chromium
def test_two_pages_at_most_today(tmp_path: Path) -> None:
    assert printed_pages(brief_html(SHIPPED, "today"), tmp_path) <= 2


@pytest.mark.slow
@needs_chromium
def test_two_pages_at_most_for_a_base_of_decades(tmp_path: Path) -> None:
    big = decades_base(tmp_path)
    assert printed_pages(brief_html(big, "today"), tmp_path) <= 2
    assert printed_pages(brief_html(big, "2010-06-30"), tmp_path) <= 2
