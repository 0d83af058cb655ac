"""What a trainer changes in a module's notebook (order, chapters left out, their own Markdown
cells) is in every export: the reader's PDF, the slides, the handbook and the Word copies."""

from __future__ import annotations

import re
import shutil
import zipfile

import nbformat
import pytest

from tests.conftest import PROJECT, SEED
from tests.unit.export.test_exports import html_of
from workbook.cli import main
from workbook.content.load import load_workbook_uncached
from workbook.export.documents import module_document, slides_document

OWN_TITLE = "Ground rules for tonight"
OWN_TEXT = "WE KEEP WHAT IS SAID IN THIS ROOM <script>alert(1)</script>"
UNTITLED = "UNTITLED LINE AFTER THE FIRST CHAPTER"


@pytest.fixture
def adapted(tmp_path, content_copy):
    """An edition whose seed notebook starts with 'different-stages', leaves out 'different-groups'
    and has two Markdown cells of the trainer's."""
    shutil.copytree(PROJECT / "notebooks", tmp_path / "notebooks")
    path = tmp_path / "notebooks" / f"{SEED}.ipynb"
    nb = nbformat.read(path, as_version=4)
    by_chapter = {re.search(r'"([^"]+)"', cell.source)[1]: cell for cell in nb.cells[1:-1]}
    nb.cells = [nb.cells[0],
                nbformat.v4.new_markdown_cell(f"## {OWN_TITLE}\n\n{OWN_TEXT}"),
                by_chapter["different-stages"],
                nbformat.v4.new_markdown_cell(UNTITLED),
                by_chapter["what-it-means"], by_chapter["grooming-cycle"],
                by_chapter["childs-perspective"], by_chapter["reflection"], nb.cells[-1]]
    nbformat.write(nb, path)
    return tmp_path


def positions(text: str, *needles: str) -> list[int]:
    found = [text.find(needle) for needle in needles]
    assert -1 not in found, [n for n, at in zip(needles, found, strict=True) if at == -1]
    return found


def titles(workbook):
    module = workbook.modules[SEED]
    return {chapter.id: chapter.title for chapter in
            load_workbook_uncached(module.folder.parent, notebooks=False).modules[SEED].chapters}


def test_the_readers_copy_follows_the_notebook(adapted):
    workbook = load_workbook_uncached(adapted / "content")
    named = titles(workbook)
    html = html_of(module_document(workbook, workbook.modules[SEED]))
    order = positions(html, OWN_TITLE, "WE KEEP WHAT IS SAID", f"1.</span> {named['different-stages']}",
                      UNTITLED, f"2.</span> {named['what-it-means']}", f"3.</span> {named['grooming-cycle']}")
    assert order == sorted(order)
    assert 'id="different-groups"' not in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_the_slides_follow_the_notebook(adapted):
    workbook = load_workbook_uncached(adapted / "content")
    html = html_of(slides_document(workbook, workbook.modules[SEED]))
    order = positions(html, OWN_TITLE, "WE KEEP WHAT IS SAID", UNTITLED)
    assert order == sorted(order)
    assert titles(workbook)["different-groups"] not in html
    assert "<script>alert(1)</script>" not in html


def test_the_handbook_follows_the_notebook(adapted):
    workbook = load_workbook_uncached(adapted / "content")
    html = html_of(module_document(workbook, workbook.modules[SEED], "facilitator"))
    named = titles(workbook)
    order = positions(html, f"<td>{OWN_TITLE}", f"<td>{named['different-stages']}",
                      f"<td>{named['what-it-means']}", "WE KEEP WHAT IS SAID", UNTITLED)
    assert order == sorted(order)
    assert f"<td>{named['different-groups']}" not in html


@pytest.mark.slow
def test_the_word_copy_follows_the_notebook(adapted, tmp_path):
    if not shutil.which("pandoc"):
        pytest.fail("pandoc is missing: `make test` installs Debian's pandoc")
    out = tmp_path / "build"
    assert main(["export", SEED, "--to", "docx", "--content", str(adapted / "content"), "-o", str(out),
                 "--quiet"]) == 0
    with zipfile.ZipFile(out / f"{SEED}.docx") as docx:
        text = docx.read("word/document.xml").decode("utf-8")
    order = positions(text, OWN_TITLE, "WE KEEP WHAT IS SAID", UNTITLED)
    assert order == sorted(order)
