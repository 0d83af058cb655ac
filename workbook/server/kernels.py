"""Kernels for readers, within what the machine can hold.

`WorkbookKernelManager` counts every kernel, standby (preheated) or in use, and every kernel being
started, and refuses to start one past `max_kernels`. The count is taken and reserved before any
await, so a burst of page loads cannot slip past it. A reader who needs a kernel at the cap takes
the room of a standby kernel of another page, if there is one. Voilà's preheating class is built
on top of this one (see `VoilaConfiguration.multi_kernel_manager_class`).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import os
import resource
from pathlib import Path

import psutil
import zmq
from jupyter_client.provisioning import KernelProvisionerFactory
from jupyter_core.utils import ensure_async
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Int

from workbook.render import page_end
from workbook.server import upstream
from workbook.server.forked_kernels import NAME as FORK_PROVISIONER

MIB = 1024 * 1024
FORKED_KERNEL_MIB = 45
PLAIN_KERNEL_MIB = 90
SOCKETS_PER_KERNEL = 10  # ZeroMQ sockets the server holds per kernel, with room to spare
# A reader's kernel writes nothing of theirs to the server's disk: IPython keeps no history database
# (the template adds the same to every kernel it forks).
PRIVATE_KERNEL_ARGS = ("--HistoryManager.enabled=False",)


class ServerBusy(Exception):
    """No kernel can be started for this reader now; they are asked to come back shortly."""


def available_memory() -> int:
    """Bytes this process can still use: the machine's free memory, or a container's limit."""
    available = psutil.virtual_memory().available
    cgroup = Path("/sys/fs/cgroup")
    try:
        limit = (cgroup / "memory.max").read_text().strip()
        if limit != "max":
            used = int((cgroup / "memory.current").read_text())
            available = min(available, int(limit) - used)
    except (OSError, ValueError):
        pass
    return max(available, 0)


def allow_many_sockets(context: zmq.Context) -> int:
    """Let the server's one ZeroMQ context open a socket per channel of hundreds of kernels.

    ZeroMQ allows 1023 sockets per context unless told otherwise, and each reader's kernel holds
    about five (the page's execution, the websocket's channels): past about 200 kernels new
    connections failed with "Too many open files" (the load errors at 200 readers). The process's
    own file limit is raised to its hard limit too. Returns the context's new socket limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    files = soft if soft != resource.RLIM_INFINITY else context.get(zmq.SOCKET_LIMIT)
    limit = max(context.get(zmq.MAX_SOCKETS), min(context.get(zmq.SOCKET_LIMIT), files))
    context.set(zmq.MAX_SOCKETS, limit)
    return limit


class WorkbookKernelManager(AsyncMappingKernelManager):
    """A mapping kernel manager with a hard cap on kernels and a grace period for new readers."""

    max_kernels = Int(
        0, config=True,
        help="Most kernels (readers plus preheated standby kernels) running at once. Readers past "
        "it get a 'busy, try again in a minute' page. 0: set from the memory available at start.",
    )
    kernel_memory_mib = Int(
        0, config=True,
        help="Memory one reader's kernel takes, in MiB, used to set max_kernels from memory. "
        f"0: {FORKED_KERNEL_MIB} when kernels are forked from the kernel template (what they do not "
        f"share with it), {PLAIN_KERNEL_MIB} for plain kernels. bench/concurrency.py measures it.",
    )
    memory_reserve_mib = Int(
        1024, config=True,
        help="Memory in MiB kept back for the server and the system when setting max_kernels.",
    )

    def __init__(self, **kwargs):
        self._starting = 0
        self._seen_by_culler: set[str] = set()
        self._stopping = False
        self._restarted: set[str] = set()
        super().__init__(**kwargs)
        sockets = allow_many_sockets(self.context)  # before any kernel's socket is made
        if self.max_kernels <= 0:
            spare = available_memory() - self.memory_reserve_mib * MIB
            self.max_kernels = max(2, min(spare // (self.memory_per_kernel_mib() * MIB),
                                          sockets // SOCKETS_PER_KERNEL))
        self.log.info("At most %d kernels at once (%d cores).", self.max_kernels, os.cpu_count() or 1)

    def memory_per_kernel_mib(self) -> int:
        if self.kernel_memory_mib > 0:
            return self.kernel_memory_mib
        forked = KernelProvisionerFactory.instance().default_provisioner_name == FORK_PROVISIONER
        return FORKED_KERNEL_MIB if forked else PLAIN_KERNEL_MIB

    # ---- counting ---------------------------------------------------------------------------
    def kernels_in_use(self) -> int:
        """Kernels running, starting, or being shut down to make room."""
        return len(upstream.running_kernel_ids(self)) + self._starting

    def has_room(self) -> bool:
        return self.kernels_in_use() < self.max_kernels

    def can_start_for_reader(self) -> bool:
        """Whether a reader's kernel could start now (with room, or room a standby kernel gives)."""
        return self.has_room() or any(upstream.ready_tasks(self))

    async def start_kernel(self, *args, **kwargs) -> str:
        standby = upstream.is_standby_start(kwargs)
        making_room = None
        if not self.has_room():
            making_room = None if standby or self._stopping else self._take_standby()
            if making_room is None:
                raise ServerBusy(f"{self.max_kernels} kernels are running")
        extra = list(kwargs.get("extra_arguments") or ())
        kwargs["extra_arguments"] = extra + [arg for arg in PRIVATE_KERNEL_ARGS if arg not in extra]
        self._starting += 1  # reserved before the first await: concurrent loads see it
        try:
            if making_room is not None:
                await ensure_async(self.shutdown_kernel(making_room))
            kernel_id = await super().start_kernel(*args, **kwargs)
        finally:
            self._starting -= 1
        self._watch_restarts(kernel_id)
        return kernel_id

    @contextlib.asynccontextmanager
    async def room_outside(self, every: float = 2.0):
        """Room, within the cap, for a kernel this manager does not hold (the one a first page is
        made in, shells.py): waits until there is room, and counts that kernel while it runs."""
        while self._stopping or not self.has_room():
            await asyncio.sleep(every)
        self._starting += 1
        try:
            yield
        finally:
            self._starting -= 1
            self.tidy_pools()

    def _watch_restarts(self, kernel_id: str) -> None:
        """Remember a kernel that died or was restarted: it no longer holds the page prepared on it."""
        kernel = upstream.running_kernel(self, kernel_id)
        if kernel is not None:
            for event in ("restart", "dead"):
                kernel.add_restart_callback(lambda: self._restarted.add(kernel_id), event)

    # ---- standby kernels (Voilà's pools, when preheating is on) ------------------------------
    def _take_standby(self) -> str | None:
        """Take a ready standby kernel out of its pool (to give its room to a reader)."""
        for pool, task in upstream.ready_tasks(self):
            pool.remove(task)
            return upstream.kernel_id_of(task)
        return None

    def standby_problem(self, task) -> str | None:
        """Why a ready standby kernel must not be handed to a reader, or None if it may."""
        kernel_id = upstream.kernel_id_of(task)
        if kernel_id not in upstream.running_kernel_ids(self):
            return "lost its kernel"
        if kernel_id in self._restarted:
            return "is on a kernel that died or was restarted"
        page = upstream.standby_page(task)
        if not page.done():
            return None  # still being prepared: the reader waits for the rest, as Voilà does
        if page.cancelled() or page.exception() is not None:
            return "failed"
        if page_end() not in upstream.prepared_html(page):
            return "was cut short"
        return None

    def discard_broken_standby(self, notebook: str | None) -> None:
        """Take out of this notebook's pool the standby kernels whose page must not reach a reader,
        shut them down and prepare others instead."""
        pool = upstream.standby_tasks(self, notebook)
        for task in [t for t in pool if upstream.task_ready(t)]:
            problem = self.standby_problem(task)
            if problem:
                self.log.warning("A standby page %s; its kernel is replaced.", problem)
                pool.remove(task)
                asyncio.ensure_future(self._replace(upstream.kernel_id_of(task)))

    async def _replace(self, kernel_id: str) -> None:
        if kernel_id in upstream.running_kernel_ids(self):
            await ensure_async(self.shutdown_kernel(kernel_id))  # which refills the pools
        else:
            self.tidy_pools()

    def tidy_pools(self) -> None:
        """Drop standby slots whose start failed (at the cap) and refill pools while there is room."""
        if self._stopping:
            return
        for pool in upstream.standby_pools(self).values():
            for task in [t for t in pool if upstream.task_failed(t)]:
                pool.remove(task)
        for name, pool in list(upstream.standby_pools(self).items()):
            if not self.has_room():
                break
            if len(pool) < upstream.pool_size(self, name):
                upstream.refill_pool(self, name)

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs):
        self._seen_by_culler.discard(kernel_id)
        self._restarted.discard(kernel_id)
        result = await ensure_async(super().shutdown_kernel(kernel_id, *args, **kwargs))
        self.tidy_pools()
        return result

    async def shutdown_all(self, *args, **kwargs):
        self._stopping = True
        return await ensure_async(super().shutdown_all(*args, **kwargs))

    # ---- culling ----------------------------------------------------------------------------
    async def cull_kernel_if_idle(self, kernel_id: str):
        """Cull as usual, but count a kernel's idle time from when the culler first sees it in use.

        A standby kernel may have waited longer than the idle timeout before a reader took it; its
        reader's browser must have time to connect. Voilà never passes standby kernels here.
        """
        if kernel_id not in self._seen_by_culler:
            self._seen_by_culler.add(kernel_id)
            kernel = upstream.running_kernel(self, kernel_id)
            if kernel is not None:
                kernel.last_activity = datetime.datetime.now(datetime.timezone.utc)
            return None
        return await ensure_async(super().cull_kernel_if_idle(kernel_id))
