"""Under load: a kernel cap that holds, a calm busy page past it, and abandoned kernels culled.

A small server of its own: at most 4 kernels, a 6-second idle timeout checked every second, and
one standby kernel, for the seed module only, and only the home page and the seed module to serve
(so the count left after culling is exact: no other first page is being made).
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser.conftest import Server
from tests.browser.serving import notebooks_folder
from tests.conftest import SEED
from workbook.server.shells import LIVE_HEADER

pytestmark = pytest.mark.browser
CAP, IDLE_SECONDS, INTERVAL = 4, 6, 1
STANDBY = 1


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    running = Server(folder, flags=(
        f"--WorkbookKernelManager.max_kernels={CAP}",
        f"--WorkbookConfig.notebooks_dir={notebooks_folder(folder, 'index', SEED)}",
        f"--WorkbookApp.kernel_idle_minutes={IDLE_SECONDS / 60}",
        '--VoilaKernelManager.preheat_denylist=["^(?!.*sexual-communication)"]'))
    try:
        running.wait_for_kernels(STANDBY)
        running.wait_for_first_pages("index", SEED)
        yield running
    finally:
        running.stop()


def settles_at(server: Server, count: int) -> bool:
    """Whether the kernels come down to `count` within the idle timeout plus two intervals."""
    return server.kernels_come_down_to(count, IDLE_SECONDS + 2 * INTERVAL + 3)  # + time to shut down


def load(url: str) -> tuple[int, str, str | None]:
    """A reader's own page, made in a kernel of their own (the first page, made with no reader,
    is sent without a kernel: test_first_paint.py)."""
    request = urllib.request.Request(url, headers={LIVE_HEADER: "live"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read().decode(), None
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers.get("Retry-After")


def test_a_burst_of_loads_never_passes_the_cap_and_the_rest_get_the_busy_page(small, workbook):
    most, watching = [0], [True]

    def watch():
        while watching[0]:
            most[0] = max(most[0], small.kernel_count())
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(load, [f"{small.url}/voila/render/{SEED}.ipynb"] * 16))
    watching[0] = False
    watcher.join()

    assert most[0] <= CAP
    pages = [body for status, body, _ in results if status == 200]
    busy = [(body, retry) for status, body, retry in results if status == 503]
    assert len(pages) + len(busy) == 16, [status for status, _, _ in results]
    assert 1 <= len(pages) <= CAP and busy
    phone = workbook.support.channels[0].value
    for body, retry in busy:
        assert workbook.support.busy.title in body and phone in body and retry == "60"
        assert "Traceback" not in body and "500" not in body
    assert all("jupyter-config-data" in body for body in pages)

    assert settles_at(small, STANDBY), f"{small.kernel_count()} kernels left"


def test_closed_tabs_leave_no_kernel_behind(small, browser):
    assert settles_at(small, STANDBY)
    contexts = []
    for _ in range(3):
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(f"{small.url}/voila/render/{SEED}.ipynb", wait_until="commit")
        tab.wait_for_selector(".wb-exercise textarea", timeout=90_000)
        # Connected (every early copy has made way for its widget), as a reader's page is once it works.
        tab.wait_for_function("!document.querySelector('.wb-early')", timeout=90_000, polling=100)
        contexts.append(context)
    assert 3 <= small.kernel_count() <= CAP
    for context in contexts:
        context.close()
    assert settles_at(small, STANDBY), f"{small.kernel_count()} kernels left"
