"""Kernel managers for unit tests: the workbook's real classes over a jupyter_server that starts
no process. `FakeJupyter` sits where AsyncMappingKernelManager's own start and shutdown would
run; Voilà's real preheating class can be built on top, as the app does."""

from __future__ import annotations

import asyncio
import datetime
import itertools
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Int, Unicode
from traitlets.config import Configurable
from voila.voila_kernel_manager import voila_kernel_manager_factory

from workbook.server.kernels import WorkbookKernelManager

LONG_AGO = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)


class FakeKernel(SimpleNamespace):
    """A kernel's manager as far as the workbook uses it: activity time and restart callbacks."""

    def __init__(self):
        super().__init__(last_activity=LONG_AGO, callbacks={"restart": [], "dead": []})

    def add_restart_callback(self, callback, event: str = "restart") -> None:
        self.callbacks[event].append(callback)

    def restart(self) -> None:
        """What jupyter_client's restarter does when the kernel's process dies and is started again."""
        for callback in self.callbacks["restart"]:
            callback()


class FakeJupyter(AsyncMappingKernelManager):
    """Kernels are entries in a dict; starting one takes a turn of the event loop."""

    def __init__(self, **kwargs):
        self.fake_kernels: dict[str, FakeKernel] = {}
        self.started_with: list[dict] = []
        self.shut_down: list[str] = []
        self.culled: list[str] = []
        self._ids = itertools.count(1)
        super().__init__(**kwargs)

    async def start_kernel(self, *args, **kwargs) -> str:
        await asyncio.sleep(0)
        kernel_id = f"k{next(self._ids)}"
        self.fake_kernels[kernel_id] = FakeKernel()
        self.started_with.append(kwargs)
        return kernel_id

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs):
        await asyncio.sleep(0)
        del self.fake_kernels[kernel_id]
        self.shut_down.append(kernel_id)

    async def cull_kernel_if_idle(self, kernel_id: str):
        self.culled.append(kernel_id)

    def list_kernel_ids(self) -> list[str]:
        return list(self.fake_kernels)

    def __contains__(self, kernel_id: str) -> bool:
        return kernel_id in self.fake_kernels

    def get_kernel(self, kernel_id: str):
        return self.fake_kernels[kernel_id]


class CappedFake(WorkbookKernelManager, FakeJupyter):
    """The workbook's manager with FakeJupyter underneath (what `super()` reaches)."""


class FakeVoilaApp(Configurable):
    """What Voilà's kernel manager reads from its parent app."""

    root_dir = Unicode()
    notebook_path = Unicode(None, allow_none=True)
    base_url = Unicode("/")
    server_url = Unicode("/")
    port = Int(8866)


def preheating_manager(root_dir, max_kernels: int, pool_size: int = 1):
    """Voilà's real preheating class built over CappedFake, as `WorkbookApp` has Voilà build it.
    `root_dir` should hold no notebooks, so no pool fills on its own."""
    cls = voila_kernel_manager_factory(CappedFake, preheat_kernel=True, default_pool_size=pool_size)
    return cls(parent=FakeVoilaApp(root_dir=str(root_dir)), max_kernels=max_kernels)


def run(scenario) -> object:
    """`asyncio.run(scenario)` in a thread of its own: in a whole `make test` session Playwright's
    sync API keeps an event loop running in the main thread, where asyncio.run() refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, scenario).result()


def finished(result=None, error: Exception | None = None, cancelled: bool = False) -> asyncio.Future:
    """A standby start task that already ended (call inside a running loop)."""
    future = asyncio.get_running_loop().create_future()
    if cancelled:
        future.cancel()
    elif error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)
    return future


def pending() -> asyncio.Future:
    """A standby start task still running (call inside a running loop)."""
    return asyncio.get_running_loop().create_future()
