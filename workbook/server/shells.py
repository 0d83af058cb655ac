"""First pages that wait for no kernel: each notebook's page, prepared once with no reader.

A reader's page used to be made by running the notebook in a kernel of their own, so they saw
nothing until a kernel was free. The page they get first (text, early copies of the forms,
styles, the top bar) holds nothing of any reader's, so it is made once per notebook, here: the
notebook runs through Voilà's own renderer and the workbook template in a throwaway kernel that
no reader ever connects to, which is shut down as soon as the page is made (it counts towards
the cap on kernels while it runs, so a first page is made only when there is room). The page ("shell")
is kept in memory and sent at once to every reader of that notebook; its script then asks for
the reader's own page (`LIVE_HEADER`), which is made in their own kernel as before, and moves
that page's widgets into the one on screen (attach.js).

A shell is keyed by the modification times and sizes of the notebook and of every file in the
content folder: when any changes, readers get the page the old way until the new shell is made.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
import uuid
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from workbook.content.files import stat_signature
from workbook.render import page_end
from workbook.server import upstream
from workbook.server.kernels import PRIVATE_KERNEL_ARGS

LIVE_HEADER = "X-Workbook-Page"  # "live": the reader's own page, made in their own kernel
SHELL_KERNEL_ID = "workbook-shell"  # stands in the shell's page config; no kernel has this id
RETRY_SECONDS = 60  # a first page that could not be made is tried again after this, at the earliest


def files_key(notebook: Path, content: Path) -> tuple:
    """What a shell depends on: the notebook and every content file, by modification time and size."""
    return stat_signature([notebook, *sorted(path for path in content.rglob("*") if path.is_file())])


class ShellCache:
    """Prepared first pages by notebook (path relative to the notebooks folder), made one at a
    time; a notebook a reader has just asked for goes first."""

    def __init__(self, manager, notebooks: Path, content: Path, log, renderer_for=None):
        self.manager, self.notebooks, self.content, self.log = manager, notebooks, content, log
        # Voilà's renderer for a notebook: the standby kernels' factory of `workbook serve`, or
        # the server extension's own (a server without standby kernels).
        self.renderer_for = renderer_for or (lambda notebook: upstream.notebook_renderer(manager, notebook))
        self._pages: dict[str, tuple[tuple, str]] = {}
        self._queue: list[str] = []
        self._worker: asyncio.Future | None = None
        self._failed: dict[str, tuple[tuple, float]] = {}  # notebook -> (its files, when)

    def key(self, notebook: str) -> tuple:
        return files_key(self.notebooks / notebook, self.content)

    def page(self, notebook: str) -> str | None:
        """The shell for `notebook` if one matching its files is ready; otherwise None, and one is
        made next, for the readers who come later."""
        if not notebook or not notebook.endswith(".ipynb"):
            return None
        kept = self._pages.get(notebook)
        if kept and kept[0] == self.key(notebook):
            return kept[1]
        failed = self._failed.get(notebook)
        if not (failed and failed[0] == self.key(notebook) and time.monotonic() - failed[1] < RETRY_SECONDS):
            self.prepare(notebook, first=True)
        return None

    def prepare(self, notebook: str, first: bool = False) -> None:
        """Make `notebook`'s shell in the background (`first`: before the others waiting)."""
        if self.renderer_for(notebook) is None:
            return  # preheating is off: pages are made the old way
        if notebook in self._queue:
            self._queue.remove(notebook)
        self._queue.insert(0 if first else len(self._queue), notebook)
        if self._worker is None or self._worker.done():
            self._worker = asyncio.ensure_future(self._work())

    def prepare_all(self) -> None:
        """Make every notebook's shell, the home page first."""
        names = sorted(str(path.relative_to(self.notebooks)) for path in self.notebooks.glob("*.ipynb"))
        for name in sorted(names, key=lambda name: name != "index.ipynb"):
            self.prepare(name)

    async def _work(self) -> None:
        while self._queue:
            notebook = self._queue.pop(0)
            key = self.key(notebook)
            kept = self._pages.get(notebook)
            if not (kept and kept[0] == key):
                await self._build(notebook, key)

    async def _build(self, notebook: str, key: tuple) -> None:
        try:
            html = await self.render(notebook)
        except Exception as error:  # readers still get their page the old way
            self.log.warning("The first page of %s could not be prepared: %r", notebook, error)
            self._failed[notebook] = (key, time.monotonic())
            return
        if page_end() not in html:
            self.log.warning("The first page of %s was cut short; it is not kept.", notebook)
            self._failed[notebook] = (key, time.monotonic())
        elif key == self.key(notebook):  # nothing changed while it was being made
            self._pages[notebook] = (key, html)
            self.log.info("First page of %s prepared (%d kB).", notebook, len(html) // 1000)

    async def render(self, notebook: str) -> str:
        """`notebook`'s page, made in a kernel started for it alone and shut down after."""
        renderer = self.renderer_for(notebook)
        await renderer.initialize()
        renderer.resources["workbook"] = {**renderer.resources.get("workbook", {}), "shell": True}
        kernel = AsyncKernelManager(
            parent=self.manager, kernel_name=renderer.notebook.metadata.kernelspec.name,
            connection_file=os.path.join(self.manager.connection_dir, f"kernel-shell-{uuid.uuid4()}.json"))
        env = {**os.environ, upstream.PREHEAT_VARIABLE: "True"}
        room = getattr(self.manager, "room_outside", contextlib.nullcontext)
        async with room():  # the throwaway kernel counts towards the cap on kernels
            await kernel.start_kernel(env=env, cwd=str((self.notebooks / notebook).parent),
                                      extra_arguments=list(PRIVATE_KERNEL_ARGS))
            try:
                return await renderer.generate_content_str(kernel_id=SHELL_KERNEL_ID,
                                                           kernel_future=kernel)
            finally:
                await kernel.shutdown_kernel(now=True)
