"""Word (DOCX) copies a trainer can edit: the module, the handbook and the worksheets, made by
pandoc from the same HTML as the PDFs, with an adapted copy's changes in them."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SEED
from workbook.cli import main

pytestmark = pytest.mark.slow
CANARY = "canary-question-7f3a"
HOSTILE = "<script>alert(1)</script> & <b>bold</b>"


@pytest.fixture(autouse=True)
def needs_pandoc():
    if not shutil.which("pandoc"):
        pytest.fail("pandoc is missing: `make test` installs Debian's pandoc")


def document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as docx:
        return docx.read("word/document.xml").decode("utf-8")


def adapted(content: Path) -> Path:
    chapter = content / SEED / "what-it-means.md"
    text = chapter.read_text(encoding="utf-8")
    text = text.replace('title: "Starting point: where are you now?"',
                        f'title: "Starting point {CANARY}"', 1)
    text = text.replace("Ask the group which of the four examples",
                        f"Ask the group ({HOSTILE}) which of the four examples", 1)
    chapter.write_text(text, encoding="utf-8")
    return content


def test_the_module_handbook_and_worksheets_come_out_as_word_files_with_the_changes(content_copy, tmp_path):
    content = adapted(content_copy)
    out = tmp_path / "build"
    assert main(["export", SEED, "--to", "docx", "--content", str(content), "-o", str(out), "--quiet"]) == 0
    reader = document_xml(out / f"{SEED}.docx")
    assert CANARY in reader
    assert "Ask the group" not in reader, "facilitator notes stay out of the readers' copy"
    worksheets = document_xml(out / f"{SEED}-worksheets.docx")
    assert CANARY in worksheets
    assert main(["export", SEED, "--to", "docx", "--edition", "facilitator", "--content", str(content),
                 "-o", str(out), "--quiet"]) == 0
    handbook = document_xml(out / f"{SEED}-facilitator.docx")
    assert "Ask the group" in handbook
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in handbook
    assert "<script>" not in handbook


def test_without_pandoc_one_sentence_says_how_to_get_it(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert main(["export", SEED, "--to", "docx", "-o", str(tmp_path), "--quiet"]) == 1
    error = capsys.readouterr().err.strip()
    assert error == ("export: Word (DOCX) export needs pandoc: on Debian or Ubuntu run "
                     "`sudo apt install pandoc`, then try again.")
    assert "Traceback" not in error
