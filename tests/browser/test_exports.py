"""Exports made for real: `workbook export` with the system Chromium, pdftotext, slides in a browser,
and the My answers buttons on a served module page."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import open_page
from tests.browser.print_payloads import payload_answers
from tests.conftest import PROJECT, SEED
from tests.payloads import PAYLOADS
from workbook.export.documents import slides_document

pytestmark = pytest.mark.browser


def words(text: str) -> str:
    """Text with all white space (line breaks, wrapping) folded to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path) -> str:
    return words(subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                                text=True).stdout)


def workbook_command(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbook.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Every export of the seed module, made as a trainer would: reader edition, then the handbook."""
    out = tmp_path_factory.mktemp("exports")
    first = workbook_command("export", SEED, "-o", str(out), "--quiet", cwd=out)
    assert first.returncode == 0, first.stderr
    second = workbook_command("export", SEED, "--to", "pdf", "--edition", "facilitator", "-o", str(out),
                              "--quiet", cwd=out)
    assert second.returncode == 0, second.stderr
    return out


def test_every_export_of_the_seed_module_is_made(exported, seed):
    names = {path.relative_to(exported).as_posix() for path in exported.rglob("*") if path.is_file()}
    assert {f"{SEED}.pdf", f"{SEED}-facilitator.pdf", f"{SEED}.html", f"{SEED}.slides.html"} <= names
    assert not any(name.startswith("reveal/") for name in names), "the slides are one self-contained file"
    sheets = sorted(p.name for p in (exported / f"{SEED}-worksheets").glob("*.pdf"))
    assert sheets == [f"{n:02d}-{e.id}.pdf" for n, e in enumerate(seed.exercises, start=1)]


def test_module_pdf_has_every_chapter_and_the_support_line(exported, seed, workbook):
    text = pdf_text(exported / f"{SEED}.pdf")
    for chapter in seed.chapters:
        assert words(chapter.title) in text
    helpline = workbook.support.channels[0]
    assert f"{helpline.label}: {helpline.value}" in text
    first_page = pdf_text_page(exported / f"{SEED}.pdf", 1)
    last_page = pdf_text_page(exported / f"{SEED}.pdf", None)
    assert helpline.value in first_page and helpline.value in last_page


def pdf_text_page(path: Path, page: int | None) -> str:
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout).group(1))
    number = str(page or count)
    return words(subprocess.run(["pdftotext", "-f", number, "-l", number, str(path), "-"],
                                capture_output=True, text=True, check=True).stdout)


def test_worksheets_hold_their_prompts(exported, seed):
    for number, exercise in enumerate(seed.exercises, start=1):
        text = pdf_text(exported / f"{SEED}-worksheets" / f"{number:02d}-{exercise.id}.pdf")
        assert words(exercise.title) in text
        prompts = [q.text for q in getattr(exercise, "questions", [])]
        prompts += [s.title for s in getattr(exercise, "stages", [])]
        prompts += [r.label for r in getattr(exercise, "rows", [])]
        for prompt in prompts:
            assert words(prompt) in text, (exercise.id, prompt)


def test_facilitator_notes_only_in_the_handbook_and_slides(exported, seed):
    notes = [words(c.front.facilitator_notes)[:45] for c in seed.chapters if c.front.facilitator_notes]
    assert notes
    handbook = pdf_text(exported / f"{SEED}-facilitator.pdf")
    reader = pdf_text(exported / f"{SEED}.pdf")
    sheets = " ".join(pdf_text(p) for p in (exported / f"{SEED}-worksheets").glob("*.pdf"))
    html = (exported / f"{SEED}.html").read_text(encoding="utf-8")
    for note in notes:
        assert note in handbook
        assert note not in reader and note not in sheets and note not in words(html)


def test_slides_run_offline_with_speaker_notes(exported, browser, seed, workbook):
    context = browser.new_context()
    tab = context.new_page()
    requested = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto((exported / f"{SEED}.slides.html").as_uri())
    tab.wait_for_function("window.Reveal && Reveal.isReady()", timeout=20_000)
    slides = [cell for cell in slides_document(workbook, seed).cells
              if cell.metadata.get("slideshow", {}).get("slide_type") in ("slide", "subslide")]
    assert tab.evaluate("Reveal.getTotalSlides()") == len(slides)
    notes = tab.evaluate("[...document.querySelectorAll('aside.notes')].map(n => n.textContent)")
    first_note = words(seed.chapters[0].front.facilitator_notes)[:40]
    assert any(first_note in words(note) for note in notes)
    tab.keyboard.press("ArrowRight")
    assert tab.evaluate("Reveal.getIndices().h") == 1
    assert [url for url in requested if not url.startswith("file://")] == []
    context.close()


def test_hostile_answers_print_literally_in_the_pdf(tmp_path, seed):
    out = tmp_path / "answers.pdf"
    subprocess.run([sys.executable, "-m", "tests.browser.print_payloads", str(out)], cwd=PROJECT,
                   check=True, timeout=120)
    text = pdf_text(out)
    folded = re.sub(r"Page\d+of\d+", "", re.sub(r"\s+", "", text))  # page footers can split a box
    placed = " ".join(text for boxes in payload_answers(seed).values() for text in boxes.values())
    assert all(payload in placed for payload in PAYLOADS)
    for payload in PAYLOADS:
        if any("\u0590" <= ch <= "\u08ff" or ch in "\u202e\u202c" for ch in payload):
            continue  # right-to-left text comes out of pdftotext reordered; checked in the HTML tests
        if any(ord(ch) > 0xFFFF for ch in payload):
            # Emoji print only where the machine has an emoji font (this one has none): the
            # words around them must still be there.
            payload = re.sub(r"[^\x00-\x7f]", " ", payload)
            for word in payload.split():
                assert word in folded, word
            continue
        assert re.sub(r"[\s\u200b]+", "", payload) in folded.replace("\u200b", ""), payload[:80]
    assert "http://" not in text and "https://" not in text


def test_my_answers_download_and_print_from_the_page(page, server, seed):
    payload = '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script> [a](javascript:x)'
    open_page(page, f"{server.url}/voila/render/{SEED}.ipynb", ".wb-my-answers button")
    page.locator(".wb-questions textarea").first.fill(payload)
    page.locator(".wb-questions textarea").first.blur()
    page.wait_for_timeout(500)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my answers (not locked)").click()
    download = info.value
    assert re.fullmatch(r"workbook-notes-\d{4}-\d{2}-\d{2}\.html", download.suggested_filename)
    html = Path(download.path()).read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith("Workbook notes") and seed.meta.title not in title
    assert "not encrypted" in html
    viewer = page.context.new_page()
    viewer.set_content(html)
    found = viewer.evaluate("""() => ({
        scripts: document.scripts.length,
        handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
                   .filter(a => a.name.startsWith('on')).length,
        links: [...document.querySelectorAll('[href^="javascript:" i]')].length,
        hacked: window.hacked || 0,
        text: document.body.innerText})""")
    assert found["scripts"] == found["handlers"] == found["links"] == found["hacked"] == 0
    assert payload in found["text"]
    viewer.close()
    page.get_by_role("button", name="Print my answers or save them as PDF").click()
    frame = page.wait_for_selector("iframe.wb-print-frame", state="attached")
    assert frame.get_attribute("sandbox") == "allow-same-origin allow-modals"
    inner = frame.content_frame()
    inner.wait_for_selector(".wb-answer")
    assert payload in inner.inner_text("body")
    assert inner.evaluate("document.scripts.length") == 0
    assert page.evaluate("window.hacked || 0") == 0
