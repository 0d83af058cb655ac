"""What a trainer prints and projects: slides with their own text, the session handbook, colophons."""

from __future__ import annotations

import datetime
import re
from types import SimpleNamespace

import pytest

from tests.conftest import SEED
from tests.unit.export.test_exports import Tags, html_of
from workbook.cli import main
from workbook.content.load import load_workbook_uncached
from workbook.export.documents import module_document, slides_document, worksheet_document
from workbook.export.exporters import (
    ModuleHTMLExporter,
    ModulePDFExporter,
    ModuleSlidesExporter,
    WorksheetsExporter,
)
from workbook.export.handbook import parse_start, session_plan

WELCOME = [
    "Welcome to the group. We meet for ninety minutes and we finish on time.",
    "What is said in this room stays in this room, with one exception that we explain before we start.",
    "Nobody has to speak. You can pass on any question and still take part in the session.",
]
LONG = " ".join(["Take a slow breath and notice how you feel right now before we go on."] * 12)


def slides_of(workbook, module) -> str:
    html, _ = ModuleSlidesExporter().from_notebook_node(slides_document(workbook, module), {})
    return html


def shown_text(html: str) -> str:
    """What a slide shows: the markup without scripts, styles and speaker notes."""
    html = re.sub(r"<(script|style)>.*?</\1>", "", html, flags=re.DOTALL)
    html = re.sub(r'<aside class="notes">.*?</aside>', "", html, flags=re.DOTALL)
    return " ".join(" ".join(Tags(html).text).split())


def top_level_sections(html: str) -> list[str]:
    """The reveal.js slides (outer <section>s), each with its sub-slides."""
    body = html[html.index('<div class="slides">'):]
    sections, depth, start = [], 0, 0
    for match in re.finditer(r"<section>|</section>", body):
        if match.group() == "<section>":
            depth += 1
            if depth == 1:
                start = match.end()
        else:
            depth -= 1
            if depth == 0:
                sections.append(body[start:match.start()])
    return sections


@pytest.fixture
def adapted(content_copy):
    """A trainer's copy: a welcome chapter of their own first, and an edition with their name."""
    module_dir = content_copy / SEED
    (module_dir / "our-welcome.md").write_text(
        "---\nminutes: 10\n---\n\n### Our group agreement\n\n" + "\n\n".join(WELCOME)
        + "\n\n### A pause\n\n" + LONG + "\n", encoding="utf-8")
    module_file = module_dir / "module.yml"
    module_file.write_text(module_file.read_text(encoding="utf-8").replace(
        "chapters:\n", "chapters:\n  - id: our-welcome\n    title: Welcome and group agreement\n", 1),
        encoding="utf-8")
    catalogue = content_copy / "catalogue.yml"
    text = catalogue.read_text(encoding="utf-8")
    text = re.sub(r"edition:\n(  .*\n)+", "", text)
    catalogue.write_text(text.replace("where_to_start:", "edition:\n  name: Tuesday group\n"
                                      "  adapted_by: Sam at North Hope\n  version: \"2.3\"\n"
                                      "  date: 2026-12-01\nwhere_to_start:", 1), encoding="utf-8")
    workbook = load_workbook_uncached(content_copy)
    return workbook, workbook.module(SEED)


# Slides

def test_inserted_markdown_appears_as_slides(adapted):
    workbook, module = adapted
    html = slides_of(workbook, module)
    text = shown_text(html)
    for paragraph in WELCOME:
        assert paragraph in text
    assert "Our group agreement" in text and "Take a slow breath" in text
    welcome = top_level_sections(html)[2]  # title, aims, then the trainer's first chapter
    assert "Welcome and group agreement" in welcome
    sub_slides = welcome.count("<section>")
    assert sub_slides >= 3, "the chapter slide, then its prose split over sub-slides"
    assert "wb-long-prose" in welcome, "a paragraph too long for one slide gets smaller type"


def test_every_support_channel_and_crisis_line_is_on_the_last_slide(workbook, seed):
    last = shown_text(top_level_sections(slides_of(workbook, seed))[-1])
    support = workbook.support
    assert support.crisis.lines and support.channels
    for item in [*support.channels, *support.crisis.lines]:
        assert item.label in last and item.value in last, item.label


def test_long_titles_are_marked_to_fit(workbook, seed):
    html = slides_of(workbook, seed)
    assert len(seed.meta.title) > 40 and 'class="wb-title wb-long-title"' in html
    assert "text-wrap" in html and ".wb-long-title" in html


# Names that keep editions apart (the nbconvert route)

def test_nbconvert_names_editions_apart(workbook, seed, monkeypatch):
    monkeypatch.setattr(ModulePDFExporter, "print_html", lambda self, html: b"%PDF-1.4")
    document = module_document(workbook, seed)
    names = {}
    for exporter in (ModulePDFExporter(), ModulePDFExporter(edition="facilitator"),
                     ModuleHTMLExporter(), ModuleHTMLExporter(edition="facilitator"),
                     WorksheetsExporter(), ModuleSlidesExporter()):
        _, resources = exporter.from_notebook_node(document, {"metadata": {"name": SEED}})
        names[(type(exporter).__name__, exporter.edition)] = resources["output_extension"]
    assert names == {("ModulePDFExporter", "reader"): ".pdf",
                     ("ModulePDFExporter", "facilitator"): "-facilitator.pdf",
                     ("ModuleHTMLExporter", "reader"): ".html",
                     ("ModuleHTMLExporter", "facilitator"): "-facilitator.html",
                     ("WorksheetsExporter", "reader"): "-worksheets.pdf",
                     ("ModuleSlidesExporter", "facilitator"): ".slides.html"}


# The facilitator's handbook

def test_session_plan_times_and_breaks_from_the_start(seed):
    minutes = [chapter.front.minutes for chapter in seed.chapters]
    assert minutes == [25, 25, 20, 35, 25, 20]
    plan = session_plan(seed)
    start = parse_start("18:30")
    assert [(row.clock(start), row.what) for row in plan] == [
        ("18:30", seed.chapters[0].title), ("18:55", seed.chapters[1].title), ("19:20", "Break"),
        ("19:30", seed.chapters[2].title), ("19:50", seed.chapters[3].title), ("20:25", "Break"),
        ("20:35", seed.chapters[4].title), ("21:00", seed.chapters[5].title), ("21:20", "End")]
    assert [row.clock(None) for row in plan][:3] == ["0:00", "0:25", "0:50"]


def plan_of(*minutes: int) -> list[tuple[str, int]]:
    chapters = [SimpleNamespace(title=f"c{n}", front=SimpleNamespace(minutes=m), trainer=False)
                for n, m in enumerate(minutes)]
    return [(row.what, row.starts) for row in session_plan(SimpleNamespace(running_order=chapters))]


def test_breaks_come_after_45_to_60_minutes_of_work():
    assert plan_of(20, 20, 20, 20) == [("c0", 0), ("c1", 20), ("c2", 40), ("Break", 60), ("c3", 70),
                                       ("End", 90)]
    assert plan_of(25, 25, 25) == [("c0", 0), ("c1", 25), ("Break", 50), ("c2", 60), ("End", 85)]
    # an early break after 30 minutes rather than 65 minutes on end
    assert plan_of(30, 35) == [("c0", 0), ("Break", 30), ("c1", 40), ("End", 75)]
    assert plan_of(40) == [("c0", 0), ("End", 40)], "no break before the first or after the last"


def test_start_time_must_look_like_a_clock_time():
    assert parse_start("9:05") == datetime.time(9, 5)
    with pytest.raises(ValueError, match="18:30"):
        parse_start("half six")


def test_handbook_has_the_plan_aims_materials_room_and_group_versions(workbook, seed):
    html = html_of(module_document(workbook, seed, "facilitator", start=datetime.time(18, 30)))
    text = " ".join(" ".join(Tags(html).text).split())
    for clock in ("18:30", "19:20", "21:20"):
        assert clock in text
    assert "Break" in text and "Session plan" in text
    for objective in seed.meta.objectives:
        assert objective in text
    assert seed.meta.materials and seed.meta.room
    for item in seed.meta.materials:
        assert item in text
    assert " ".join(seed.meta.room.split())[:60] in text
    grouped = [e for e in seed.exercises if e.group]
    assert len(grouped) >= 3
    for exercise in grouped:
        assert " ".join(exercise.group.split())[:60] in text
    for chapter in seed.chapters:
        assert " ".join(chapter.front.facilitator_notes.split())[:50] in text
    for exercise in seed.exercises:
        assert exercise.title in text


def test_handbook_has_no_empty_boxes(workbook):
    for module in workbook.modules.values():
        html = re.sub(r"<style>.*?</style>", "", html_of(module_document(workbook, module, "facilitator")),
                      flags=re.DOTALL)
        for blank in ("wb-lines", "wb-blank", "wb-print-exercise", "space to write", "☐", "wb-facilitator\""):
            assert blank not in html, (module.id, blank)


def test_cli_handbook_takes_a_start_time(tmp_path):
    out = tmp_path / "out"
    assert main(["export", SEED, "--to", "html", "--edition", "facilitator", "--start", "18:30",
                 "-o", str(out), "--quiet"]) == 0
    assert "19:20" in (out / f"{SEED}-facilitator.html").read_text(encoding="utf-8")
    assert main(["export", SEED, "--to", "html", "--start", "soon", "-o", str(out), "--quiet"]) == 2


# Every printout says what it is

def test_every_printout_names_module_edition_version_and_licence(adapted):
    workbook, module = adapted
    slides = top_level_sections(slides_of(workbook, module))
    printouts = {
        "reader": html_of(module_document(workbook, module)),
        "handbook": html_of(module_document(workbook, module, "facilitator")),
        "worksheet": html_of(worksheet_document(workbook, module, module.exercises[0].id)),
        "slides title": slides[0],
        "slides last": slides[-1],
    }
    for kind, html in printouts.items():
        text = shown_text(html)
        for expected in (module.meta.title, "Tuesday group", "adapted by Sam at North Hope",
                         "Content version 2.3", "1 December 2026", "CC BY-NC-SA 4.0",
                         "creativecommons.org/licenses/by-nc-sa/4.0/"):
            assert expected in text, (kind, expected)


def test_a_copy_without_an_edition_says_so(content_copy, seed):
    catalogue = content_copy / "catalogue.yml"
    catalogue.write_text(re.sub(r"edition:\n(  .*\n)+", "", catalogue.read_text(encoding="utf-8")),
                         encoding="utf-8")
    workbook = load_workbook_uncached(content_copy)
    text = shown_text(html_of(module_document(workbook, workbook.module(SEED))))
    assert "Edition not named" in text and "Content version not set" in text and "CC BY-NC-SA 4.0" in text
