"""Exports built headlessly: documents, nbconvert HTML and slides, editions, hostile answers."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from html.parser import HTMLParser

import nbformat
import pytest

from tests.conftest import PROJECT, SEED
from tests.payloads import PAYLOADS
from workbook.content.load import load_workbook_uncached
from workbook.export.answers import answers_html
from workbook.export.documents import module_document, slides_document, worksheet_document
from workbook.export.exporters import ModuleHTMLExporter, ModuleSlidesExporter, module_id_of
from workbook.reader.page import ModulePage


class Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer would see them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data):
        self.text.append(data)

    def named(self, name: str) -> list[dict]:
        return [attrs for tag, attrs in self.tags if tag == name]

    def handlers(self) -> list[str]:
        return [name for _tag, attrs in self.tags for name in attrs if name.startswith("on")]

    def script_links(self) -> list[str]:
        return [value for _tag, attrs in self.tags for name, value in attrs.items()
                if name in ("href", "src", "action", "data", "formaction")
                and value.strip().lower().startswith("javascript:")]


def html_of(document) -> str:
    html, _ = ModuleHTMLExporter().from_notebook_node(document, {"metadata": {"name": "x"}})
    return html


def every_answer(page: ModulePage, text: str) -> dict:
    """`text` in every free-text place of every exercise of the page."""
    answers = {}
    for exercise_id, widget in page.exercises.items():
        exercise = widget.exercise
        if exercise.kind == "questions":
            answers[exercise_id] = {q.id: text for q in exercise.questions}
        elif exercise.kind == "table":
            answers[exercise_id] = {r.id: {c.id: text for c in exercise.columns} for r in exercise.rows}
        elif exercise.kind == "responses":
            answers[exercise_id] = [{"left": text, "right": text}]
        elif exercise.kind == "cycle":
            answers[exercise_id] = {s.id: text for s in exercise.stages}
        elif exercise.kind == "timeline":
            answers[exercise_id] = {lane.id: [{"when": text[:40], "what": text}] for lane in exercise.lanes}
    return answers


def test_module_html_has_every_chapter_exercise_and_the_support_line(workbook, seed):
    html = html_of(module_document(workbook, seed))
    text = " ".join(Tags(html).text)
    for chapter in seed.chapters:
        assert chapter.title in text
    for exercise in seed.exercises:
        assert exercise.title in text
    assert workbook.support.channels[0].value in text
    assert text.count(workbook.support.channels[0].value) >= 2  # first page and last page


@pytest.mark.parametrize("edition", ["reader", "facilitator"])
def test_facilitator_notes_only_in_the_facilitator_edition(workbook, seed, edition):
    html = html_of(module_document(workbook, seed, edition=edition))
    notes = [c.front.facilitator_notes for c in seed.chapters if c.front.facilitator_notes]
    first_lines = [note.splitlines()[0][:60] for note in notes]
    assert notes
    shown = [line for line in first_lines if line.replace('"', "&#34;") in html or line in html]
    assert (len(shown) == len(first_lines)) if edition == "facilitator" else shown == []
    assert ("Session plan" in html) == (edition == "facilitator")


def test_worksheets_hold_their_own_prompts_and_no_notes(workbook, seed):
    for exercise in seed.exercises:
        html = html_of(worksheet_document(workbook, seed, exercise.id))
        assert exercise.title in html
        assert "Facilitator notes" not in html
        if exercise.kind == "questions":
            for question in exercise.questions:
                assert Tags(question.text).text[0] in " ".join(Tags(html).text)


def test_slides_carry_facilitator_notes_as_speaker_notes(workbook, seed):
    html, resources = ModuleSlidesExporter().from_notebook_node(slides_document(workbook, seed), {})
    asides = html.count('<aside class="notes">')
    with_notes = [c for c in seed.chapters if c.front.facilitator_notes or c.front.minutes]
    with_notes += [e for e in seed.exercises if e.facilitator_notes or e.minutes]
    assert asides == len(with_notes) > 0
    outside_notes = re.sub(r'<aside class="notes">.*?</aside>', "", html, flags=re.DOTALL)
    for chapter in seed.chapters:
        if chapter.front.facilitator_notes:
            assert chapter.front.facilitator_notes.splitlines()[0][:40] not in outside_notes
    assert not resources.get("outputs"), "one self-contained file: nothing written beside it"
    assert [attrs for attrs in Tags(html).named("script") if "src" in attrs] == []
    assert [attrs for attrs in Tags(html).named("link")] == []
    assert "Reveal.initialize" in html and "RevealNotes" in html and "Permission is hereby granted" in html
    assert re.search(r"<style>\s*aside\.notes[^{]*\{\s*display:\s*none", html), "notes hidden by the file"


@pytest.mark.slow
def test_no_export_points_to_another_host(workbook):
    """Support web links and DOIs are printed as text, without a scheme, in every module."""
    for module in workbook.modules.values():
        for document in (module_document(workbook, module), module_document(workbook, module, "facilitator"),
                         module_document(workbook, module, "answers")):
            html = html_of(document)
            assert "http://" not in html and "https://" not in html, module.id
        slides, _ = ModuleSlidesExporter().from_notebook_node(slides_document(workbook, module), {})
        # reveal.js is inline: its code names its home page in comments and messages, never fetched.
        shown = re.sub(r"<(script|style)>.*?</\1>", "", slides, flags=re.DOTALL)
        assert "http://" not in shown and "https://" not in shown, module.id


@pytest.mark.slow
def test_hostile_answers_stay_text_in_the_answers_page(workbook, seed):
    page = ModulePage(SEED, workbook)
    page.show()
    for payload in PAYLOADS:
        html = answers_html(workbook, seed, every_answer(page, payload))
        tags = Tags(html)
        assert tags.named("script") == [], payload
        assert tags.handlers() == [], payload
        assert tags.script_links() == [], payload
        assert {tag for tag, _ in tags.tags} <= ALLOWED_TAGS, payload
        assert "http://" not in html and "https://" not in html
        assert payload.strip() in "".join(tags.text), payload


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section",
                "aside", "nav", "h1", "h2", "h3", "p", "div", "span", "strong", "em", "ul", "ol", "li",
                "table", "thead", "tbody", "tr", "th", "td", "code", "a", "br", "hr", "blockquote"}


def test_answers_page_says_it_is_not_encrypted_and_has_no_prose(workbook, seed):
    html = answers_html(workbook, seed, {})
    assert "not encrypted" in html
    prose = next(block for _kind, block in seed.chapters[1].blocks if _kind == "markdown")
    assert prose.strip().splitlines()[-1][:50] not in html


def test_the_readers_copy_has_a_neutral_title(workbook, seed):
    """The title names the file a browser saves or prints: it must not name the topic."""
    html = answers_html(workbook, seed, {}, made_on=datetime.date(2026, 11, 7))
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title == "Workbook notes, 7 November 2026"


def test_module_id_comes_from_metadata_code_or_file_name():
    nb = nbformat.read(PROJECT / "notebooks" / f"{SEED}.ipynb", 4)
    assert module_id_of(nb, {}) == SEED
    assert module_id_of(nbformat.v4.new_notebook(), {"metadata": {"name": "triggers"}}) == "triggers"
    with pytest.raises(ValueError, match="not a workbook module notebook"):
        module_id_of(nbformat.v4.new_notebook(), {})


def test_an_adapted_module_exports_with_its_changes(content_copy):
    """A trainer renames a chapter and adds a question: both appear in the exports."""
    chapter = content_copy / SEED / "reflection.md"
    text = chapter.read_text(encoding="utf-8")
    question = "What will you do differently in the next group session?"
    marker = "    questions:\n"
    assert marker in text
    added = f"      - id: trainer-added\n        text: {question}\n"
    chapter.write_text(text.replace(marker, marker + added, 1), encoding="utf-8")
    module_file = content_copy / SEED / "module.yml"
    module_file.write_text(module_file.read_text(encoding="utf-8").replace(
        "title: Reflection", "title: Looking back together"), encoding="utf-8")
    adapted = load_workbook_uncached(content_copy)
    module = adapted.module(SEED)
    for document in (module_document(adapted, module), module_document(adapted, module, "facilitator")):
        html = html_of(document)
        assert question in html and "Looking back together" in html
    slides, _ = ModuleSlidesExporter().from_notebook_node(slides_document(adapted, module), {})
    assert question in slides and "Looking back together" in slides


@pytest.mark.slow
def test_jupyter_nbconvert_knows_our_exporters(tmp_path):
    """`jupyter nbconvert --to workbook_html` works on a module notebook, the Jupyter way."""
    notebook = PROJECT / "notebooks" / f"{SEED}.ipynb"
    for kind in ("workbook_html", "workbook_slides"):
        subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", kind, str(notebook),
                        "--output-dir", str(tmp_path)], check=True, capture_output=True, timeout=120)
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "workbook_html",
                    "--ModuleHTMLExporter.edition=facilitator", str(notebook), "--output-dir", str(tmp_path)],
                   check=True, capture_output=True, timeout=120)
    assert "Contents" in (tmp_path / f"{SEED}.html").read_text(encoding="utf-8")
    assert "Session plan" not in (tmp_path / f"{SEED}.html").read_text(encoding="utf-8")
    assert "Session plan" in (tmp_path / f"{SEED}-facilitator.html").read_text(encoding="utf-8")
    assert (tmp_path / f"{SEED}.slides.html").exists()
    assert not (tmp_path / "reveal").exists(), "the slides are one self-contained file"
