""""Help now" is one click from a module page, before and after the kernel connects, and the top
bar holds it at 375 px wide."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page
from tests.browser.test_private_answers import READY, module_url

pytestmark = pytest.mark.browser
VOILA_SCRIPTS = "**/voila/static/**"
HELP_NOW = ".wb-quick-exit-bar a.wb-help-now"


def reaches_help_now(tab, server) -> None:
    tab.locator(HELP_NOW).click()
    tab.wait_for_url(f"{server.url}/help-now", timeout=30_000)
    assert tab.locator("h1").inner_text() == "If you need help now"
    tab.locator("a", has_text="If you feel desperate").first.click()
    tab.wait_for_url(f"{server.url}/help-now/feeling-desperate", timeout=30_000)
    assert tab.get_by_text("116 123").first.is_visible()


def test_help_now_before_the_kernel_connects(page, server):
    held = []
    # Voilà's scripts never arrive: no kernel, no widgets.
    page.route(VOILA_SCRIPTS, lambda route: held.append(route))
    page.goto(module_url(server), wait_until="domcontentloaded")
    page.wait_for_selector(HELP_NOW, state="visible", timeout=60_000)
    assert page.evaluate("typeof window.jupyterapp === 'undefined'")
    reaches_help_now(page, server)
    for route in held:
        route.abort()


def test_help_now_after_the_kernel_connects(page, server):
    open_page(page, module_url(server), READY)
    assert page.locator(".wb-quick-exit-bar").count() == 1, "one bar, not one more from the script"
    reaches_help_now(page, server)


@pytest.mark.parametrize("path", ["/help-now/police-contact", "/staying-safe"])
def test_the_top_bar_fits_at_375_px(browser, server, path):
    context = browser.new_context(viewport={"width": 375, "height": 700})
    tab = context.new_page()
    tab.goto(f"{server.url}{path}")
    bar = tab.locator(".wb-quick-exit-bar")
    assert bar.evaluate("bar => bar.scrollWidth <= bar.clientWidth")
    for item in ("#wb-quick-exit", "a.wb-help-now", "a.wb-staying-safe"):
        box = tab.locator(item).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375, item
    context.close()


@pytest.mark.parametrize("path", ["help-now", "help-now/in-contact-with-a-child", "help-now/police-contact",
                                  "help-now/feeling-desperate", "staying-safe"])
def test_axe_finds_no_serious_or_critical_problems_on_the_pages_without_a_kernel(page, server, path):
    from tests.browser.test_app import serious_accessibility_problems

    page.goto(f"{server.url}/{path}")
    page.wait_for_selector("main, h1", timeout=30_000)
    assert serious_accessibility_problems(page) == []
