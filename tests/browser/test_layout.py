"""Layout against a real server at 1280 and 375 px: nothing under the quick-exit bar, labels
that wrap, tables as tables (cards on phones), a readable timeline, the start rating at the end."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page
from tests.conftest import SEED

from .test_app import serious_accessibility_problems

pytestmark = pytest.mark.browser
WIDTHS = [1280, 375]
LONG = "started spending whole nights in chat rooms with people I did not know"


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def wide_or_narrow(request, browser):
    context = browser.new_context(viewport={"width": request.param, "height": 800})
    tab = context.new_page()
    tab.width = request.param
    yield tab
    context.close()


def module(tab, server, module_id=SEED):
    return open_page(tab, f"{server.url}/voila/render/{module_id}.ipynb", ".wb-answers-panel")


def bar_bottom(tab) -> float:
    return tab.evaluate("document.querySelector('.wb-quick-exit-bar').getBoundingClientRect().bottom")


def visible_at_top(tab, selector: str) -> bool:
    """`selector`'s box is below the bar and hit-testable (not covered) at scroll 0."""
    return tab.evaluate("""([selector, bar]) => {
        const el = document.querySelector(selector);
        const box = el.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + 2, box.top + box.height / 2);
        return box.top >= bar - 0.5 && !!hit && (el === hit || el.contains(hit));
    }""", [selector, bar_bottom(tab)])


def test_nothing_at_the_top_is_under_the_quick_exit_bar(wide_or_narrow, server):
    tab = wide_or_narrow
    open_page(tab, server.url + "/", ".wb-support")
    assert visible_at_top(tab, ".wb-support-compact")
    module(tab, server)
    tab.wait_for_timeout(4500)  # the "page is ready" status has gone: the page moved up
    assert visible_at_top(tab, ".wb-breadcrumb a")
    bar = bar_bottom(tab)
    tab.locator(".wb-breadcrumb a").first.focus()
    for _ in range(12):  # the first controls, tabbed to in order
        focused = tab.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
        assert focused["top"] >= bar - 0.5, tab.evaluate("document.activeElement.outerHTML.slice(0, 120)")
        tab.keyboard.press("Tab")


def test_labels_and_buttons_wrap_and_nothing_is_wider_than_the_screen(wide_or_narrow, server):
    tab = module(wide_or_narrow, server, "understanding-why")
    cut = tab.evaluate("""() => Array.from(document.querySelectorAll(
            '#rendered_cells label, #rendered_cells button, #rendered_cells .widget-label'))
        .filter(el => el.offsetParent && el.scrollWidth > el.clientWidth + 1)
        .map(el => el.textContent.slice(0, 60))""")
    assert cut == []
    # A label that wraps keeps its height: its last line is not left under the box below it.
    covered = tab.evaluate("""() => Array.from(document.querySelectorAll('#rendered_cells .widget-label'))
        .filter(el => el.offsetParent && el.textContent.trim() &&
                (el.scrollHeight > el.clientHeight + 1 || (el.nextElementSibling &&
                 el.nextElementSibling.getBoundingClientRect().top <
                 el.getBoundingClientRect().top + el.scrollHeight - 1)))
        .map(el => el.textContent.slice(0, 60))""")
    assert covered == []
    wide = tab.evaluate("""() => Array.from(document.querySelectorAll('#rendered_cells *'))
        .filter(el => el.offsetParent && el.getBoundingClientRect().right > window.innerWidth + 1)
        .map(el => el.tagName + '.' + el.className + ' ' + el.textContent.slice(0, 40)).slice(0, 5)""")
    assert wide == []


def test_text_boxes_use_the_page_font_and_inputs_show_a_thick_focus_ring(page, server):
    module(page, server)
    fonts = page.evaluate("""() => Array.from(document.querySelectorAll('#rendered_cells textarea'))
        .map(box => getComputedStyle(box).fontFamily)""")
    body = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert fonts and set(fonts) == {body}
    password = page.locator("input[type=password]:visible").first
    password.focus()
    ring = password.evaluate("el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth]")
    assert ring == ["solid", "3px"]


def test_table_hints_are_shown_once_per_row_and_columns_sit_side_by_side(wide_or_narrow, server, workbook):
    tab = module(wide_or_narrow, server, "triggers")
    exercise = next(ex for ex in workbook.module("triggers").exercises
                    if ex.kind == "table" and len(ex.columns) > 1 and any(r.hint for r in ex.rows))
    widget = tab.locator(".wb-table").filter(has_text=exercise.title).first
    assert widget.locator("textarea[placeholder]:not([placeholder=''])").count() == 0
    row = exercise.rows[0]
    first_row = widget.locator(".wb-table-row").first
    assert first_row.locator(".wb-hint").all_text_contents() == [row.hint]
    boxes = [b.bounding_box() for b in first_row.locator("textarea").all()]
    same_line = len({round(b["y"]) for b in boxes}) == 1
    assert same_line == (tab.width == 1280), "a table on wide screens, a card per row on phones"
    assert serious_accessibility_problems(tab) == []


def test_timeline_labels_do_not_overlap_and_read_on_a_phone(wide_or_narrow, server):
    tab = module(wide_or_narrow, server, "understanding-why")
    timeline = tab.locator(".wb-timeline").first
    for age in (32, 33):
        timeline.locator(".wb-add-row").first.click()
        tab.wait_for_function(f"document.querySelectorAll('.wb-timeline-event').length >= {age - 31}")
        event = timeline.locator(".wb-timeline-event").last
        event.locator("textarea").nth(0).fill(str(age))
        event.locator("textarea").nth(1).fill(f"{LONG} {age}")
    tab.wait_for_function("[...document.querySelectorAll('.wb-timeline svg .wb-tl-when')]"
                          ".map(t => t.textContent).join() === '32,33'", timeout=60_000)
    if tab.width == 1280:
        # Measured in one go in the page: the picture is redrawn as the events change.
        tab.wait_for_function("[...document.querySelectorAll('.wb-timeline svg .wb-tl-label')]"
                              ".filter(g => g.getBoundingClientRect().width > 0).length === 2")
        boxes = timeline.evaluate("""el => [...el.querySelectorAll('svg .wb-tl-label')].map(g => {
            const r = g.getBoundingClientRect();
            return {x: r.x, y: r.y, width: r.width, height: r.height};
        })""")
        one, two = boxes
        apart = (one["x"] + one["width"] <= two["x"] or two["x"] + two["width"] <= one["x"]
                 or one["y"] + one["height"] <= two["y"] or two["y"] + two["height"] <= one["y"])
        assert apart, boxes
    else:
        assert not timeline.locator("svg").is_visible()
        tab.wait_for_function("document.querySelectorAll('.wb-timeline .wb-timeline-list li').length === 2")
        # Read in one go in the page: the list is redrawn as the events change.
        shown = timeline.evaluate("""el => [...el.querySelectorAll('.wb-timeline-list li')].map(li => ({
            visible: li.getBoundingClientRect().height > 0,
            size: parseFloat(getComputedStyle(li).fontSize)}))""")
        assert len(shown) == 2 and shown[0]["visible"], shown
        assert shown[0]["size"] >= 15, shown


def test_end_rating_shows_the_start_rating_beside_each_statement(page, server):
    module(page, server)
    ratings = page.locator(".wb-rating")
    start, end = ratings.first, ratings.last
    start.locator("fieldset").first.locator("label").nth(1).click()
    note = end.locator("fieldset").first.locator(".wb-choice-note")
    note.wait_for(state="visible", timeout=30_000)
    assert note.inner_text().startswith("At the start you chose 2")
    assert not end.locator("fieldset").first.locator("input").nth(1).is_checked()
