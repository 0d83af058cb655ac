"""Standby kernels whose prepared page is not whole never reach a reader (kernels.py).

On Voilà's real preheating class over a jupyter_server that starts no process (kernel_fakes.py);
tests/browser/test_complete_pages.py checks the same with real kernels on a busy processor.
"""

from __future__ import annotations

import asyncio

import pytest

from tests.unit.server.kernel_fakes import finished, pending, preheating_manager, run
from workbook.render import PAGE_END, page_end
from workbook.server import upstream

STANDBY_ENV = {"env": {upstream.PREHEAT_VARIABLE: "True"}}
WHOLE = ["<main>", "<p>text</p>", page_end(), "</main>"]
CUT_SHORT = ["<main>", "<p>text</p>"]


@pytest.fixture
def refills(monkeypatch):
    asked = []
    monkeypatch.setattr(upstream, "refill_pool", lambda _manager, notebook: asked.append(notebook))
    return asked


@pytest.fixture
def manager(tmp_path, refills):
    return preheating_manager(tmp_path, max_kernels=10)


async def standby(manager, page: asyncio.Future) -> tuple[str, asyncio.Future]:
    kernel_id = await manager.start_kernel(**STANDBY_ENV)
    return kernel_id, finished({"kernel_id": kernel_id, "task": page})


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def test_a_page_cut_short_is_taken_out_and_its_kernel_shut_down(manager):
    async def scenario():
        whole_id, whole = await standby(manager, finished((WHOLE, None)))
        cut_id, cut = await standby(manager, finished((CUT_SHORT, None)))
        busy_id, busy = await standby(manager, pending())
        upstream.standby_pools(manager)["m.ipynb"] = [cut, whole, busy]
        manager.discard_broken_standby("m.ipynb")
        await settle()
        return whole_id, cut_id, busy_id, whole, busy

    whole_id, cut_id, busy_id, whole, busy = run(scenario())
    assert manager.shut_down == [cut_id]
    assert upstream.standby_pools(manager)["m.ipynb"][:2] == [whole, busy]
    assert PAGE_END in "".join(WHOLE) and PAGE_END not in "".join(CUT_SHORT)


def test_only_the_page_end_itself_counts_not_the_scripts_that_look_for_it(manager):
    """The page's own scripts name the mark's class; a page cut short still holds them."""
    async def scenario():
        kernel_id, task = await standby(manager, finished((
            ["<script>document.querySelector('.wb-page-end')</script>", *CUT_SHORT], None)))
        upstream.standby_pools(manager)["m.ipynb"] = [task]
        manager.discard_broken_standby("m.ipynb")
        await settle()
        return kernel_id

    assert manager.shut_down == [run(scenario())]



def test_a_failed_page_and_a_lost_kernel_are_taken_out(manager):
    async def scenario():
        failed_id, failed = await standby(manager, finished(error=TimeoutError("iopub")))
        lost_id, lost = await standby(manager, finished((WHOLE, None)))
        del manager.fake_kernels[lost_id]
        upstream.standby_pools(manager)["m.ipynb"] = [failed, lost]
        manager.discard_broken_standby("m.ipynb")
        await settle()
        return failed_id

    failed_id = run(scenario())
    assert manager.shut_down == [failed_id]
    assert upstream.standby_pools(manager)["m.ipynb"] == []


def test_a_kernel_restarted_after_its_page_was_prepared_is_taken_out(manager, refills):
    async def scenario():
        kernel_id, task = await standby(manager, finished((WHOLE, None)))
        upstream.standby_pools(manager)["m.ipynb"] = [task]
        manager.discard_broken_standby("m.ipynb")
        assert upstream.standby_pools(manager)["m.ipynb"] == [task], "a whole page is kept"
        manager.fake_kernels[kernel_id].restart()
        manager.discard_broken_standby("m.ipynb")
        await settle()
        return kernel_id

    kernel_id = run(scenario())
    assert manager.shut_down == [kernel_id]
    assert upstream.standby_pools(manager)["m.ipynb"] == []
    assert refills == ["m.ipynb"], "another standby kernel is prepared in its place"
