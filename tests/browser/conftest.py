"""A real Voilà server on 127.0.0.1 and headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import pytest

from tests.browser.serving import CHROMIUM, Server, open_page  # noqa: F401 (the tests import these from here)
from tests.conftest import PROJECT, SEED

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("voila"))
    # As readers find it once it has been up a little while: first pages ready (shells.py).
    running.wait_for_first_pages("index", SEED)
    yield running
    running.stop()


@pytest.fixture
def requests_seen():
    return []


@pytest.fixture
def page(browser, requests_seen):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    tab.on("request", lambda request: requests_seen.append(request.url))
    yield tab
    context.close()
