"""The standing "Writing safely" note: before every module's first exercise, on the answers panel,
in its early copy, in printed copies and the reader's own copy, and always escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import yaml

from tests.conftest import SEED, catalogue_module_ids
from widgets.early import EARLY_MIME, early_bundle
from workbook.answers.panel import AnswersPanel
from workbook.content.load import load_workbook_uncached
from workbook.export.answers import answers_html
from workbook.export.documents import module_document, worksheets_document
from workbook.reader.page import ModulePage

NOTE = 'class="wb-writing-safely"'
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"




def plain(html: str) -> str:
    """Text of `html` with tags dropped and spaces squeezed, to look for sentences in it."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def says_the_note(html: str, note) -> bool:
    first_sentence = " ".join(note.text.split(".")[0].split())
    return NOTE in html and note.title in html and first_sentence in plain(html)


def panel_html(panel) -> str:
    """The HTML parts the answers panel shows of itself (its texts, not its form controls)."""
    return "".join(child.value for child in panel.children if isinstance(getattr(child, "value", None), str))


class StartTags(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def accessible(html: str) -> bool:
    """Every note has a name: role="note", labelled by a heading that exists."""
    tags = StartTags(html).tags
    notes = [attrs for _tag, attrs in tags if attrs.get("class") == "wb-writing-safely"]
    ids = {attrs.get("id") for tag, attrs in tags if tag in ("h2", "h3")}
    return bool(notes) and all(n.get("role") == "note" and n.get("aria-labelledby") in ids for n in notes)


@pytest.mark.parametrize("module_id", catalogue_module_ids())
def test_every_module_page_has_the_note_just_before_its_first_exercise(workbook, module_id, shown):
    page = ModulePage(module_id, workbook)
    page.show()
    first = page.exercises[workbook.module(module_id).exercises[0].id]
    at = next(index for index, item in enumerate(shown)
              if isinstance(item, dict) and item.get(WIDGET_VIEW, {}).get("model_id") == first.model_id)
    before = shown[at - 1]
    assert isinstance(before, str) and says_the_note(before, workbook.support.writing_safely)
    assert accessible(before)
    page_notes = [item for item in shown if isinstance(item, str) and NOTE in item]
    assert len(page_notes) == 1, "once in the page's text (the answers panel has its own)"


@pytest.mark.parametrize("on_module", [True, False])
def test_the_answers_panel_shows_the_note_early_and_late(workbook, on_module, shown):
    panel = ModulePage(SEED, workbook).answers_panel if on_module else AnswersPanel(workbook)
    html = panel_html(panel)
    assert says_the_note(html, workbook.support.writing_safely) and accessible(html)
    early = early_bundle(panel)[EARLY_MIME]
    assert says_the_note(early, workbook.support.writing_safely), "the copy shown before the kernel connects"


def notes_before_first_exercise(cells: list) -> bool:
    sources = [cell.source for cell in cells]
    first = next(index for index, source in enumerate(sources) if "wb-print-exercise" in source)
    return NOTE in sources[first - 1] and sum(NOTE in source for source in sources) == 1


@pytest.mark.parametrize("module_id", catalogue_module_ids())
def test_printed_copies_have_the_note_before_the_first_exercise(workbook, module_id):
    module = workbook.module(module_id)
    for edition in ("reader", "answers"):
        document = module_document(workbook, module, edition=edition, answers={})
        assert notes_before_first_exercise(document.cells), (module_id, edition)
    handbook = module_document(workbook, module, edition="facilitator")
    assert not any("wb-print-exercise" in cell.source for cell in handbook.cells), "the handbook has no forms"
    sheets = worksheets_document(workbook, module)
    assert sum(NOTE in cell.source for cell in sheets.cells) == len(module.exercises), "one per worksheet"
    ids = re.findall(r'id="(writing-safely[^"]*)"', "".join(cell.source for cell in sheets.cells))
    assert len(ids) == len(set(ids)), "every note's heading has its own id"


def test_my_answers_copy_says_the_note_before_the_first_exercise(workbook, seed):
    html = answers_html(workbook, seed, {})
    assert says_the_note(html, workbook.support.writing_safely) and accessible(html)
    assert html.index(NOTE) < html.index('class="wb-print-exercise')
    assert "Forget everything on this device" in plain(html)


HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)>"


def test_hostile_text_in_the_note_is_escaped(content_copy, shown):
    path = content_copy / "support.yml"
    support = yaml.safe_load(path.read_text(encoding="utf-8"))
    support["writing_safely"] = {"title": HOSTILE, "text": HOSTILE}
    path.write_text(yaml.safe_dump(support), encoding="utf-8")
    workbook = load_workbook_uncached(content_copy)
    page = ModulePage(SEED, workbook)
    page.show()
    printed = "".join(cell.source for cell in module_document(workbook, page.module).cells)
    on_page = "".join(item for item in shown if isinstance(item, str))
    early = early_bundle(page.answers_panel)[EARLY_MIME]
    for html in (on_page, panel_html(page.answers_panel), printed, early):
        assert NOTE in html
        assert "<script" not in html and "<img" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
