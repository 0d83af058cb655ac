"""The one place the server reads names that Voilà and tornado do not publish as their API.

Voilà keeps its standby (preheated) kernels in `_pools`: notebook path -> list of asyncio tasks,
each ending with a dict holding the kernel's "kernel_id". It refills a pool with `fill_if_needed`,
sizes pools from `kernel_pools_config`, makes each page's renderer with
`_notebook_renderer_factory`, and starts standby kernels with VOILA_PREHEAT=True in
their environment. Tornado's gzip transform decides whether to compress in `_gzipping`.
If an upgrade renames any of these, tests/unit/test_upstream.py fails; fix it here only.

Running kernels are read through jupyter_server's public `list_kernel_ids()` and `get_kernel()`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

from voila.utils import ENV_VARIABLE

PREHEAT_VARIABLE = ENV_VARIABLE.VOILA_PREHEAT.value
POOLS = "_pools"
POOLS_CONFIG = "kernel_pools_config"
RENDERER_FACTORY = "_notebook_renderer_factory"
GZIPPING = "_gzipping"


# ---- jupyter_server (public API) ------------------------------------------------------------
def running_kernel_ids(manager) -> list[str]:
    """Ids of the kernels the manager holds (started or starting), standby ones included."""
    return manager.list_kernel_ids()


def running_kernel(manager, kernel_id: str):
    """The manager's kernel with this id, or None once it is gone."""
    return manager.get_kernel(kernel_id) if kernel_id in manager else None


# ---- Voilà's standby kernels ------------------------------------------------------------------
def is_standby_start(start_kwargs: dict) -> bool:
    """Whether `start_kernel(**start_kwargs)` was called by Voilà to fill a standby pool."""
    return (start_kwargs.get("env") or {}).get(PREHEAT_VARIABLE) == "True"


def standby_pools(manager) -> dict[str, list[asyncio.Future]]:
    """Notebook path -> its standby kernels' start tasks (Voilà's own dict); empty when preheating
    is off."""
    pools = getattr(manager, POOLS, None)
    return {} if pools is None else pools


def standby_tasks(manager, notebook: str | None) -> list[asyncio.Future]:
    """The start tasks of one notebook's standby kernels, oldest first (the next one used)."""
    return standby_pools(manager).get(notebook) or []


def task_ready(task: asyncio.Future) -> bool:
    """Whether a standby kernel's start task finished and its kernel can be used."""
    return task.done() and not task.cancelled() and task.exception() is None


def task_failed(task: asyncio.Future) -> bool:
    """Whether a standby kernel's start task ended without a kernel (cancelled or raised)."""
    return task.done() and (task.cancelled() or task.exception() is not None)


def ready_tasks(manager) -> Iterator[tuple[list, asyncio.Future]]:
    """(pool, task) for every ready standby kernel of every notebook."""
    for pool in standby_pools(manager).values():
        for task in pool:
            if task_ready(task):
                yield pool, task


def kernel_id_of(task: asyncio.Future) -> str:
    """The kernel id a ready standby task ended with."""
    return task.result()["kernel_id"]


def standby_page(task: asyncio.Future) -> asyncio.Future:
    """The task preparing a ready standby kernel's page; it ends with (HTML parts, generator)."""
    return task.result()["task"]


def prepared_html(page: asyncio.Future) -> str:
    """The HTML a finished standby page preparation made."""
    rendered, _generator = page.result()
    return "".join(rendered)


def notebook_renderer(manager, notebook: str):
    """A Voilà NotebookRenderer for `notebook`, set up as for a standby kernel (page config,
    template, resources), or None when preheating is off (the factory comes with it)."""
    factory = getattr(manager, RENDERER_FACTORY, None)
    return None if factory is None else factory(notebook)


def pool_size(manager, notebook: str) -> int:
    """How many standby kernels Voilà keeps for this notebook (its own setting, else the default)."""
    pools = getattr(manager, POOLS_CONFIG, None) or {}
    return pools.get(notebook, pools.get("default", {})).get("pool_size", 0)


def refill_pool(manager, notebook: str) -> None:
    """Ask Voilà to start the standby kernels this notebook's pool lacks, now."""
    manager.fill_if_needed(delay=0, notebook_name=notebook)


# ---- tornado ----------------------------------------------------------------------------------
def restrict_gzip(transform, allowed: bool) -> None:
    """Let tornado's gzip transform compress this response only if `allowed`."""
    setattr(transform, GZIPPING, getattr(transform, GZIPPING) and allowed)
