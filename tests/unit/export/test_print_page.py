"""The static edition's "My answers" page (print_page.py, plain Jinja) is the page nbconvert makes."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from html.parser import HTMLParser

from tests.conftest import PROJECT
from workbook.content.load import load_workbook_uncached
from workbook.export.answers import answers_html
from workbook.export.documents import module_document
from workbook.export.print_page import print_page

HOSTILE = '<script>alert(1)</script>"&'


class _Parts(HTMLParser):
    """A page as its elements (attributes sorted) and its text, whitespace folded; how an element is
    closed (`<meta>` or `<meta/>`, nbconvert writes the latter) does not matter."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.parts: list = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.parts.append((tag, sorted(attrs)))

    def handle_data(self, data):
        if data.strip():
            self.parts.append(re.sub(r"\s+", " ", data.strip()))


def _same_page(text: str) -> list:
    return _Parts(text).parts


def _answers(module) -> dict:
    answers = {}
    for chapter in module.chapters:
        for kind, block in chapter.blocks:
            if kind == "exercise" and block.kind == "questions":
                answers[block.id] = {question.id: HOSTILE for question in block.questions}
    return answers


def test_the_browsers_answers_page_is_the_one_nbconvert_makes(monkeypatch):
    workbook = load_workbook_uncached(PROJECT / "content")
    module = next(m for m in workbook.modules.values() if _answers(m))
    day = datetime.date(2026, 12, 6)
    served = answers_html(workbook, module, _answers(module), made_on=day)
    monkeypatch.setenv("WORKBOOK_STATIC", "1")
    in_browser = answers_html(workbook, module, _answers(module), made_on=day)
    assert _same_page(in_browser) == _same_page(served)
    assert HOSTILE not in in_browser and "&lt;script&gt;alert(1)&lt;/script&gt;" in in_browser


def test_the_page_needs_neither_nbformat_nor_nbconvert():
    code = ("import sys; sys.modules['nbformat'] = sys.modules['nbconvert'] = None\n"
            "from workbook.content.load import load_workbook_uncached as load_workbook\n"
            "from workbook.export.documents import module_document\n"
            "from workbook.export.print_page import print_page\n"
            f"wb = load_workbook({''!r}); m = next(iter(wb.modules.values()))\n"
            "page = print_page(module_document(wb, m, edition='answers', answers={}))\n"
            "print(page.count('<main>'), m.meta.title in page)\n")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.split() == ["1", "True"]


def test_a_title_is_escaped():
    workbook = load_workbook_uncached(PROJECT / "content")
    module = next(iter(workbook.modules.values()))
    document = module_document(workbook, module, edition="answers", answers={})
    document.metadata["title"] = HOSTILE
    assert "<title>&lt;script&gt;" in print_page(document)
