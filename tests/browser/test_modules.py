"""Every module in the browser: all chapters shown, every exercise interactive, nothing broken."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page
from tests.browser.test_app import serious_accessibility_problems
from workbook.content.load import DEFAULT_CONTENT, load_workbook_uncached

pytestmark = pytest.mark.browser
WORKBOOK = load_workbook_uncached(DEFAULT_CONTENT)
READY = [module.id for module in WORKBOOK.modules.values() if module.ready]


def test_home_lists_every_module_as_available(page, server):
    open_page(page, server.url + "/", ".wb-module-card")
    links = page.locator(".wb-module-card h3 a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert sorted(links) == sorted(f"{module_id}.ipynb" for module_id in WORKBOOK.modules)
    assert page.locator(".wb-badge").count() == 0


@pytest.mark.parametrize("module_id", READY)
def test_every_exercise_is_interactive_and_accessible(page, server, module_id):
    module = WORKBOOK.module(module_id)
    open_page(page, f"{server.url}/voila/render/{module_id}.ipynb", ".wb-support")
    page.wait_for_function(f"document.querySelectorAll('.wb-exercise').length === {len(module.exercises)}")
    assert page.locator("h2.wb-chapter-title").count() == len(module.chapters)
    for exercise in module.exercises:
        box = page.locator(f".wb-exercise:has(#{exercise.id})")
        controls = box.locator("input:not([disabled]), textarea:not([disabled]), button:not([disabled])")
        assert controls.count() > 0, exercise.id
    for related in module.meta.related:
        assert page.locator(f".wb-related a[href='{related}.ipynb']").count() == 1
    html = page.content()
    assert "Traceback" not in html and "from widgets" not in html
    assert serious_accessibility_problems(page) == []
