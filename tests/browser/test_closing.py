"""Nothing of a reader's outlives their page: closing or leaving it shuts its kernel down.

A server of its own with one standby kernel (seed module only) and the usual 30-minute idle
cull, so only the page's own request on closing can bring the count back down in time.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import Server, open_page
from tests.conftest import SEED

pytestmark = pytest.mark.browser
STANDBY = 1


@pytest.fixture(scope="module")
def lone(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("closing"), flags=(
        '--VoilaKernelManager.preheat_denylist=["^(?!.*sexual-communication)"]',))
    running.wait_for_kernels(STANDBY)
    yield running
    running.stop()


def open_module(browser, server: Server):
    context = browser.new_context()
    tab = context.new_page()
    open_page(tab, f"{server.url}/voila/render/{SEED}.ipynb", ".wb-cycle-stage")
    return context, tab


@pytest.mark.parametrize("how", ["close-the-tab", "leave-for-another-site", "quick-exit"])
def test_leaving_a_module_page_shuts_its_kernel_down(browser, lone, how):
    assert lone.kernels_come_down_to(STANDBY, 60), "the standby kernel did not settle before the test"
    context, tab = open_module(browser, lone)
    assert lone.kernels_come_down_to(STANDBY + 1, 60), "reader's kernel plus a new standby one"
    if how == "close-the-tab":
        tab.close(run_before_unload=True)
    elif how == "leave-for-another-site":
        tab.goto("about:blank")
    else:
        tab.get_by_role("button", name="Quick exit").click()
        tab.wait_for_url(f"{lone.url}/weather")
    try:
        left = lone.kernels_come_down_to(STANDBY, 15)
        assert left, f"{lone.kernel_count()} kernels after the page was left"
    finally:
        context.close()


def test_several_pages_opened_and_closed_leave_only_the_standby_kernel(browser, lone):
    pages = [open_module(browser, lone) for _ in range(3)]
    for context, tab in pages:
        tab.close(run_before_unload=True)
        context.close()
    assert lone.kernels_come_down_to(STANDBY, 30), f"{lone.kernel_count()} kernels after closing 3 pages"
