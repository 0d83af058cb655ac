"""Slides copied alone to an empty folder: they still run, and no speaker note shows on the page."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.conftest import SEED
from workbook.cli import main

pytestmark = pytest.mark.browser


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_slides_copied_alone_show_no_notes_and_fetch_nothing(tmp_path, browser, seed):
    made = tmp_path / "made"
    assert main(["export", SEED, "--to", "slides", "-o", str(made), "--quiet"]) == 0
    alone = tmp_path / "empty-folder"
    alone.mkdir()
    shutil.copy(made / f"{SEED}.slides.html", alone)
    assert [p.name for p in alone.iterdir()] == [f"{SEED}.slides.html"]

    notes = [words(c.front.facilitator_notes)[:40] for c in seed.chapters if c.front.facilitator_notes]
    notes += [words(e.facilitator_notes)[:40] for e in seed.exercises if e.facilitator_notes]
    assert notes
    for scripts in (True, False):  # with reveal.js running, and as a viewer with scripts off would show it
        context = browser.new_context(java_script_enabled=scripts, viewport={"width": 1280, "height": 720})
        tab = context.new_page()
        requested = []
        tab.on("request", lambda request, seen=requested: seen.append(request.url))
        tab.goto((alone / f"{SEED}.slides.html").as_uri())
        if scripts:
            tab.wait_for_function("window.Reveal && Reveal.isReady()", timeout=20_000)
            assert "notes" in tab.evaluate("Object.keys(Reveal.getPlugins())")
            assert tab.evaluate("Reveal.getTotalSlides()") > len(seed.chapters) + len(seed.exercises)
            tab.evaluate("Reveal.slide(2)")  # a chapter with notes
        seen_pages = [words(tab.inner_text("body"))]
        if scripts:
            tab.evaluate("Reveal.slide(Reveal.getHorizontalSlides().length - 1)")
            seen_pages.append(words(tab.inner_text("body")))
        for page in seen_pages:
            for note in notes:
                assert note not in page, (scripts, note)
        hidden = tab.evaluate("[...document.querySelectorAll('aside.notes')]"
                              ".every(n => getComputedStyle(n).display === 'none')")
        assert hidden, scripts
        if scripts:  # the speaker view (S) is where the notes are
            tab.evaluate("Reveal.slide(2)")
            with context.expect_page(timeout=20_000) as opened:
                tab.keyboard.press("s")
            speaker = opened.value
            speaker.wait_for_function("note => document.body && document.body.innerText.includes(note)",
                                      arg=notes[0][:30], timeout=20_000)
        assert [url for url in requested if not url.startswith("file://")] == []
        context.close()
