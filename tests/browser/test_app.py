"""The served workbook in a real browser: pages, exercises, keyboard, privacy of requests, a11y."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.browser.conftest import AXE, open_page
from tests.conftest import SEED, catalogue_module_ids

pytestmark = pytest.mark.browser
MODULE_READY = ".wb-cycle-stage"


@pytest.fixture
def module_page(page, server):
    return open_page(page, f"{server.url}/voila/render/{SEED}.ipynb", MODULE_READY)


def test_root_opens_the_home_page_with_every_module(page, server, workbook):
    open_page(page, server.url + "/", ".wb-module-card")
    assert page.url == f"{server.url}/voila/render/index.ipynb"
    assert page.locator(".wb-module-card").count() == len(catalogue_module_ids())
    titles = page.locator(".wb-module-card h3").all_inner_texts()
    assert all(any(m.meta.title in t for t in titles) for m in workbook.modules.values())
    assert page.locator("#support").is_visible()
    assert page.get_attribute("html", "lang") == "en"


def test_no_file_listing_anywhere(server):
    for path in ("/voila/tree", "/voila/tree/", "/voila/api/contents", "/voila/api/contents/"):
        with urllib.request.urlopen(server.url + path) as response:
            assert response.url.endswith("/voila/render/index.ipynb"), path
            assert response.headers["Content-Type"].startswith("text/html"), "a page, not a listing"
            assert b"index.ipynb" not in response.read().split(b"</head>")[0]


def test_module_shows_all_chapters_with_contents_links(module_page, seed):
    headings = module_page.locator("h2.wb-chapter-title").all_inner_texts()
    assert [h.split(". ", 1)[1] for h in headings] == [c.title for c in seed.chapters]
    module_page.click(f"nav.wb-contents a[href='#{seed.chapters[3].id}']")
    module_page.wait_for_function(
        f"document.activeElement && document.activeElement.id === '{seed.chapters[3].id}'")
    assert module_page.url.endswith(f"#{seed.chapters[3].id}")


def test_reader_fills_every_exercise_kind(module_page):
    tab = module_page
    tab.locator(".wb-rating fieldset").first.locator("label").nth(1).click()
    assert tab.locator(".wb-rating fieldset").first.locator("input").nth(1).is_checked()
    tab.locator(".wb-checklist fieldset").first.locator("input").first.check()
    assert tab.locator(".wb-checklist fieldset").first.locator("input").first.is_checked()
    tab.locator(".wb-questions textarea").first.fill("my own words")
    tab.locator(".wb-table textarea").first.fill("what I did first")
    tab.locator(".wb-cycle-stage").first.click()
    tab.locator(".wb-cycle-panel textarea").fill("notes on the first stage")

    table = tab.locator(".wb-responses")
    rows_before = table.locator("textarea").count()
    table.locator("textarea").nth(0).fill("alpha")
    table.locator("textarea").nth(2).fill("beta")
    table.get_by_role("button", name="Add a row").click()
    tab.wait_for_function(
        f"document.querySelectorAll('.wb-responses textarea').length === {rows_before + 2}")
    assert "added" in table.get_by_role("status").inner_text()
    # Removing row 1 makes the kernel rebuild the rows from the text it received: proof it arrived.
    table.locator("textarea").nth(4).click()
    table.get_by_role("button", name="Remove row 1").click()
    tab.wait_for_function("document.querySelector('.wb-responses textarea')?.value === 'beta'")
    for selector in (".wb-questions textarea", ".wb-table textarea"):
        assert tab.locator(selector).first.input_value()
    assert tab.locator(".wb-cycle-panel textarea").input_value() == "notes on the first stage"


def test_cycle_opens_a_stage_with_the_keyboard_alone(module_page, seed):
    stages = next(ex for ex in seed.exercises if ex.kind == "cycle").stages
    tab = module_page
    tab.locator(".wb-cycle").scroll_into_view_if_needed()
    tab.locator(".wb-cycle .wb-exercise-intro, .wb-cycle-ring").first.click(position={"x": 2, "y": 2})
    first = tab.locator(".wb-cycle-stage").first
    for _ in range(20):
        if first.evaluate("el => el === document.activeElement"):
            break
        tab.keyboard.press("Tab")
    assert first.evaluate("el => el === document.activeElement"), "Tab reaches the first stage"
    tab.keyboard.press("ArrowRight")
    second = tab.locator(".wb-cycle-stage").nth(1)
    assert second.evaluate("el => el === document.activeElement")
    tab.keyboard.press("Enter")
    panel = tab.locator(".wb-cycle-panel")
    panel.wait_for(state="visible")
    assert panel.locator("h4").inner_text() == stages[1].title
    assert second.get_attribute("aria-expanded") == "true"
    tab.keyboard.press("End")
    tab.keyboard.press(" ")
    tab.wait_for_function(f"document.querySelector('.wb-cycle-panel h4').textContent === "
                          f"{json.dumps(stages[-1].title)}")


def test_no_request_leaves_the_server(page, server, requests_seen):
    open_page(page, server.url + "/", ".wb-module-card")
    open_page(page, f"{server.url}/voila/render/{SEED}.ipynb", MODULE_READY)
    page.locator(".wb-cycle-stage").first.click()
    page.goto(f"{server.url}/voila/render/no-such-page.ipynb")
    assert len(requests_seen) > 20
    outside = [url for url in requests_seen
               if not url.startswith((server.url + "/", "blob:" + server.url, "data:"))]
    assert outside == []


def test_no_python_source_in_the_page(module_page):
    html = module_page.content()
    for code in ("from widgets", "show_module(", "import "):
        assert code not in html
    assert "Traceback" not in html


def test_usable_at_375_pixels_wide(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = open_page(context.new_page(), f"{server.url}/voila/render/{SEED}.ipynb", MODULE_READY)
    overflow = tab.evaluate("""() => Array.from(document.querySelectorAll('#rendered_cells *'))
        .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
        .map(el => el.tagName + '.' + el.className).slice(0, 5)""")
    context.close()
    assert overflow == []


def test_error_pages_are_the_workbooks_own(page, server):
    response = page.goto(f"{server.url}/voila/render/no-such-page.ipynb")
    assert response.status == 404
    assert "Page not found" in page.content()
    assert page.locator("a[href='/']").count() == 1


def serious_accessibility_problems(page) -> list:
    """axe-core's serious and critical findings on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                                     'best-practice']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target)}));
    }""")


def test_axe_finds_no_serious_or_critical_problems_on_the_home_page(page, server):
    open_page(page, server.url + "/", ".wb-support")
    page.wait_for_timeout(500)
    assert serious_accessibility_problems(page) == []


def test_cycle_is_one_tab_stop_and_marks_the_stages_with_notes(page, server):
    tab = open_page(page, f"{server.url}/voila/render/{SEED}.ipynb", MODULE_READY)
    first = tab.locator(".wb-cycle-stage").first
    first.click()
    tab.locator(".wb-cycle-panel").wait_for(state="visible")
    first.focus()
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.closest('.wb-cycle-panel') !== null"), \
        "after the open stage, Tab goes to its notes, not to the next stage"
    tab.keyboard.type("what I was telling myself then")
    tab.locator(".wb-cycle-stage").nth(1).click()
    tab.wait_for_selector(".wb-cycle-stage.wb-has-notes", timeout=10_000)
    assert first.locator(".wb-stage-done").is_visible()
    assert "notes written" in first.evaluate("el => el.innerText")
    assert not tab.locator(".wb-cycle-stage").nth(1).locator(".wb-stage-done").is_visible()
    assert [b.get_attribute("tabindex") for b in tab.locator(".wb-cycle-stage").all()].count("0") == 1
