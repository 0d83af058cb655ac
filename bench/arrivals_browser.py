"""Real browser readers for bench/arrivals.py: headless Debian Chromium through Playwright.

Each one opens the static page in a fresh browser profile, then the module page in another and
keeps it open to the end. Times are the page's own (performance.now(), from the start of
navigation), noted in the first frame in which each condition holds (time_to_interactive.WATCH).
"""

from __future__ import annotations

import json
import sys

from common import PROJECT, SEED
from time_to_interactive import ARGS, WATCH

USABLE = ("!!document.querySelector('.wb-early textarea:not([disabled]), "
          ".wb-early input:not([disabled])')")
CONNECTED = ("!document.querySelector('.wb-early') && document.querySelectorAll('.wb-exercise').length "
             "=== %d && document.querySelectorAll('.wb-cycle-stage').length > 0")
STATIC_USABLE = "!!document.querySelector('.wb-print-exercise')"
TIMEOUT_MS = 120_000


def watch(conditions: dict[str, str]) -> str:
    return WATCH % ("{" + ", ".join(f"{json.dumps(n)}: () => ({js})" for n, js in conditions.items())
                    + "}")


class BrowserReaders:
    """One Chromium for all the sampled readers (none started when `count` is 0)."""

    def __init__(self, count: int, figures: dict):
        self.count, self.figures, self.contexts = count, figures, []
        self.playwright = self.browser = None

    async def __aenter__(self) -> BrowserReaders:
        if self.count:
            from playwright.async_api import async_playwright

            sys.path.insert(0, str(PROJECT))
            from workbook.content.load import load_workbook

            self.exercises = len(load_workbook().module(SEED).exercises)
            self.playwright = await async_playwright().start()
            self.browser = await self.playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                                 args=ARGS)
        return self

    async def __aexit__(self, *exc) -> None:
        if self.browser:
            await self.browser.close()
            await self.playwright.stop()

    async def seen(self, tab, name: str) -> float:
        await tab.wait_for_function(f"window.__benchTimes && {json.dumps(name)} in window.__benchTimes",
                                    timeout=TIMEOUT_MS, polling=20)
        return await tab.evaluate(f"window.__benchTimes[{json.dumps(name)}]") / 1000

    async def open(self, url: str, conditions: dict[str, str]):
        context = await self.browser.new_context()
        await context.add_init_script(watch(conditions))
        tab = await context.new_page()
        response = await tab.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        return context, tab, response

    async def arrive(self, page_url: str, static_url: str) -> None:
        figures = self.figures
        try:
            context, tab, _ = await self.open(static_url, {"usable": STATIC_USABLE})
            static = await self.seen(tab, "usable")
            await context.close()
            context, tab, response = await self.open(
                page_url, {"usable": USABLE, "connected": CONNECTED % self.exercises})
            self.contexts.append(context)  # the reader stays: closed with the browser
            if response is not None and response.status == 503:
                figures["busy"].append("browser reader: busy page")
                return
            usable = await self.seen(tab, "usable")
            figures["browser static"].append(static)
            figures["browser usable"].append(usable)
            figures["browser connected"].append(await self.seen(tab, "connected"))
        except Exception as error:  # noqa: BLE001 - every failure is a figure here
            figures["errors"].append(f"browser reader: {error!r}")
