"""Workbook pages within what the server can hold; past that, a calm "busy" page, not an error.

Two limits apply to a page load that needs a new kernel:
- the kernel manager's cap on kernels (memory), see kernels.py;
- how many such pages are being prepared at once (processor): later loads wait their turn for a
  while, then get the busy page instead of a page that would take minutes.
A load served by a ready standby kernel passes straight through.

A reader's first request for a notebook gets its prepared first page (shells.py) at once, with no
kernel; the page then asks for the reader's own page (the `LIVE_HEADER` request), which is where
the limits above apply. Until a notebook's first page is prepared, readers get theirs the old way.
"""

from __future__ import annotations

import asyncio

from tornado.web import authenticated
from voila.tornado.handler import TornadoVoilaHandler

from workbook.content.load import ContentError, load_support
from workbook.render import render
from workbook.server import upstream
from workbook.server.kernels import ServerBusy
from workbook.server.shells import LIVE_HEADER, ShellCache

RETRY_AFTER_SECONDS = 60


def busy_page(base_url: str) -> str:
    """The busy page with the support details, from content/support.yml."""
    try:
        support = load_support()
    except ContentError:
        return render("plain_page.html.j2", base_url=base_url, title="The workbook is busy",
                      body="Please try again in a minute.", support=None)
    return render("plain_page.html.j2", base_url=base_url, title=support.busy.title,
                  body=support.busy.text, support=support)


class StartGate:
    """At most `size` pages being prepared on new kernels; others wait up to `wait` seconds."""

    def __init__(self, size: int, wait: float):
        self.size, self.wait = max(1, size), wait
        self._slots = asyncio.Semaphore(self.size)

    async def enter(self) -> None:
        try:
            await asyncio.wait_for(self._slots.acquire(), self.wait)
        except asyncio.TimeoutError:
            raise ServerBusy("too many pages are being prepared") from None

    def leave(self) -> None:
        self._slots.release()


class WorkbookVoilaHandler(TornadoVoilaHandler):
    """Voilà's page handler, with the kernel cap and start gate turned into the busy page."""

    def initialize(self, **kwargs):
        self.start_gate: StartGate = kwargs.pop("start_gate")
        self.shells: ShellCache | None = kwargs.pop("shells", None)
        super().initialize(**kwargs)

    def send_shell(self, path: str | None) -> bool:
        """Send the notebook's prepared first page, if this is a reader's first request for it and
        the page is ready; whether it was sent."""
        if self.shells is None or self.request.headers.get(LIVE_HEADER) == "live":
            return False
        page = self.shells.page(self.notebook_path or path)
        if page is None:
            return False
        self.set_header("Content-Type", "text/html")
        self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
        self.finish(page)
        return True

    @authenticated
    async def head(self, path=None):
        """Whether the notebook's first page is ready (200) or not yet (503; it is made next).
        Starts no kernel; the tests and benches wait on it."""
        ready = self.shells is not None and self.shells.page(self.notebook_path or path) is not None
        self.set_status(200 if ready else 503)
        self.set_header("Cache-Control", "no-store")
        self.finish()

    def _standby_ready(self, path: str | None) -> bool:
        """Whether the next standby kernel for this page is ready (not still being prepared).

        A load that would wait for a standby kernel still starting goes through the gate too:
        otherwise each load of a burst would take the pool's next, unstarted, kernel.
        """
        pool = upstream.standby_tasks(self.kernel_manager, self.notebook_path or path)
        return bool(pool) and upstream.task_ready(pool[0])

    @authenticated  # as Voilà's own get: under JupyterHub, only the server's owner gets its pages
    async def get(self, path=None):
        # Set the _xsrf cookie: the page's request to shut its kernel down when it closes carries it.
        self.xsrf_token  # noqa: B018
        if self.send_shell(path):
            return
        discard = getattr(self.kernel_manager, "discard_broken_standby", None)
        if discard is not None:
            discard(self.notebook_path or path)
        tidy = getattr(self.kernel_manager, "tidy_pools", None)
        if tidy is not None:
            tidy()
        gated = not self._standby_ready(path)
        try:
            if gated and not getattr(self.kernel_manager, "can_start_for_reader", lambda: True)():
                raise ServerBusy("no room for another kernel")
            if gated:
                await self.start_gate.enter()
            try:
                await super().get(path)
            finally:
                if gated:
                    self.start_gate.leave()
        except ServerBusy as reason:
            self.log.warning("Busy page sent: %s.", reason)
            self.clear()
            self.set_status(503)
            self.set_header("Retry-After", str(RETRY_AFTER_SECONDS))
            self.set_header("Cache-Control", "no-store")
            self.finish(busy_page(self.base_url))
