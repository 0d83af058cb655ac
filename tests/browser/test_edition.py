"""A trainer's edition, end to end: made with `workbook edition new`, adapted in its text files and
in a module's notebook, then served and exported from inside its folder with no other setting.
The app, the reader's PDF, the slides, the handbook and the Word copy all show the adaptation."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from tests.browser.conftest import Server, open_page
from tests.conftest import SEED
from workbook.cli import main

pytestmark = pytest.mark.browser
OWN_TITLE = "Ground rules for the Tuesday group"
OWN_TEXT = "WHAT IS SAID IN THE ROOM STAYS IN THE ROOM"
HOSTILE = '<img src=x onerror="window.hacked=1">'
CANARY = "TUESDAY-CANARY-4417"
LEFT_OUT = "different-groups"


def adapt(edition: Path) -> None:
    """Text route: a line in a chapter. JupyterLab route: the seed notebook starts with the
    grooming cycle, leaves out a chapter and has a Markdown cell of the trainer's."""
    chapter = edition / "content" / SEED / "what-it-means.md"
    front, body = chapter.read_text(encoding="utf-8").split("\n---\n", 1)
    chapter.write_text(f"{front}\n---\n{CANARY} opens this chapter.\n\n{body}", encoding="utf-8")
    path = edition / "notebooks" / f"{SEED}.ipynb"
    nb = nbformat.read(path, as_version=4)
    cells = {re.search(r'"([^"]+)"', cell.source)[1]: cell for cell in nb.cells[1:-1]}
    nb.cells = [nb.cells[0], cells["grooming-cycle"],
                nbformat.v4.new_markdown_cell(f"## {OWN_TITLE}\n\n{OWN_TEXT} {HOSTILE}"),
                cells["what-it-means"], cells["different-stages"], cells["childs-perspective"],
                cells["reflection"], nb.cells[-1]]
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    home = tmp_path_factory.mktemp("trainer")
    before = Path.cwd()
    os.chdir(home)
    try:
        assert main(["edition", "new", "tuesday-group", "--adapted-by", "Sam, Tuesday group"]) == 0
    finally:
        os.chdir(before)
    adapt(home / "tuesday-group")
    assert main(["check", "--content", str(home / "tuesday-group" / "content")]) == 0
    return home / "tuesday-group"


@pytest.fixture(scope="module")
def served(edition):
    clean = {name: os.environ.pop(name) for name in ("WORKBOOK_CONTENT", "WORKBOOK_EDITION")
             if name in os.environ}
    running = Server(edition)  # started inside the edition's folder: nothing else names it
    running.wait_for_kernels(len(list((edition / "notebooks").glob("*.ipynb"))), timeout=240)
    yield running
    running.stop()
    os.environ.update(clean)


def test_the_app_shows_the_adapted_module_and_its_exercises_work(served, page):
    page.set_default_navigation_timeout(120_000)  # the standby page may still be in the making
    open_page(page, f"{served.url}/voila/render/{SEED}.ipynb", ".wb-support")
    headings = page.locator("h2").evaluate_all("hs => hs.map(h => h.textContent.trim())")
    own = next(i for i, text in enumerate(headings) if text == OWN_TITLE)
    chapters = page.locator("h2.wb-chapter-title").evaluate_all("hs => hs.map(h => h.id)")
    assert chapters == ["grooming-cycle", "what-it-means", "different-stages", "childs-perspective",
                        "reflection"]
    assert headings.index(next(h for h in headings if h.startswith("1."))) < own < headings.index(
        next(h for h in headings if h.startswith("2."))), "the trainer's cell sits between chapters 1 and 2"
    body = page.inner_text("body")
    assert OWN_TEXT in body and HOSTILE in body, "the trainer's HTML is shown as text"
    assert CANARY in body
    assert page.locator(f"#{LEFT_OUT}").count() == 0
    assert page.evaluate("window.hacked || 0") == 0
    box = page.locator(".wb-exercise textarea:visible").first
    box.fill("typed in the adapted module")
    box.blur()
    page.wait_for_timeout(500)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my answers (not locked)").click()
    assert "typed in the adapted module" in Path(info.value.path()).read_text(encoding="utf-8")


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())  # lines broken anywhere in the layout join up again


def in_order(text: str, *needles: str) -> bool:
    found = [text.find(needle) for needle in needles]
    return -1 not in found and found == sorted(found)


def test_exports_made_inside_the_edition_show_the_adaptation(edition, tmp_path):
    if not shutil.which("pandoc"):
        pytest.fail("pandoc is missing: `make test` installs Debian's pandoc")
    env = {k: v for k, v in os.environ.items() if k not in ("WORKBOOK_CONTENT", "WORKBOOK_EDITION")}
    workbook = [sys.executable, "-m", "workbook.cli", "export", SEED, "-o", str(tmp_path), "--quiet"]
    for extra in (["--to", "pdf", "--to", "slides", "--to", "docx"],
                  ["--to", "pdf", "--edition", "facilitator"]):
        done = subprocess.run(workbook + extra, cwd=edition / "notebooks", env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert 'Following the edition "tuesday-group"' in done.stderr
    reader = pdf_text(tmp_path / f"{SEED}.pdf")
    assert in_order(reader, OWN_TITLE, OWN_TEXT, CANARY)
    assert "tuesday-group" in reader and "Sam, Tuesday group" in reader
    handbook = pdf_text(tmp_path / f"{SEED}-facilitator.pdf")
    assert in_order(handbook, OWN_TITLE, OWN_TEXT) and "Sam, Tuesday group" in handbook
    slides = (tmp_path / f"{SEED}.slides.html").read_text(encoding="utf-8")
    assert in_order(slides, OWN_TITLE, OWN_TEXT) and HOSTILE not in slides
    with zipfile.ZipFile(tmp_path / f"{SEED}.docx") as docx:
        word = docx.read("word/document.xml").decode("utf-8")
    assert in_order(word, OWN_TITLE, OWN_TEXT, CANARY)
