"""What one reader's kernel costs: time to start, processor to start and show the seed module,
and memory (resident and unique) once the page is shown; `uss_on`: unique memory once a reader
is connected (every widget's state asked for, as Voilà's page does when it loads). Plain kernels,
or forked from the template (workbook/server/forked_kernels.py), started one after another.

Usage: .venv/bin/python bench/kernel_start.py [--kernels 8] [--plain]
To measure another checkout's kernel-side code, put it first on PYTHONPATH (kernels inherit it).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
import uuid
from pathlib import Path

import psutil

PROJECT = Path(__file__).resolve().parent.parent
SEED = "sexual-communication-with-children-online"
MIB = 1024 * 1024
PAGE = (f"from workbook import open_module\npage = open_module({SEED!r})\n"
        "for chapter in page.module.chapters:\n    page.chapter(chapter.id)\npage.end()\n")


async def connect(client) -> None:
    """Ask for every widget's state as Voilà's page does, and wait for the kernel to be idle."""
    comm_id = uuid.uuid4().hex
    client.shell_channel.send(client.session.msg(
        "comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
        metadata={"version": "1.0.0"}))
    client.shell_channel.send(client.session.msg(
        "comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}}))
    idle = 0
    while idle < 2:  # one busy/idle pair per message
        msg = await client.get_iopub_msg(timeout=60)
        idle += msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"


async def one(notebooks: Path) -> dict:
    from jupyter_client.manager import AsyncKernelManager

    manager = AsyncKernelManager(kernel_name="python3")
    started = time.monotonic()
    await manager.start_kernel(cwd=str(notebooks))
    client = manager.client()
    client.start_channels()
    await client.wait_for_ready(timeout=300)
    ready = time.monotonic() - started
    await client.execute_interactive(PAGE, timeout=300, output_hook=lambda _msg: None)
    shown = time.monotonic() - started
    process = psutil.Process(manager.provisioner.pid)
    cpu = process.cpu_times()
    info = process.memory_full_info()
    await connect(client)
    connected = process.memory_full_info()
    client.stop_channels()
    await manager.shutdown_kernel(now=True)
    return {"ready": ready, "shown": shown, "cpu": cpu.user + cpu.system,
            "rss": info.rss / MIB, "uss": info.uss / MIB, "uss_on": connected.uss / MIB}


async def measure(count: int, notebooks: Path) -> list[dict]:
    await one(notebooks)  # the first starts the template, if any, and warms the disk cache
    return [await one(notebooks) for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernels", type=int, default=8)
    parser.add_argument("--plain", action="store_true", help="plain `python -m ipykernel` kernels")
    args = parser.parse_args()
    template = None
    if not args.plain:
        sys.path.insert(0, str(PROJECT))
        from jupyter_client.provisioning import KernelProvisionerFactory

        from workbook.server import forked_kernels

        forked_kernels.register()
        KernelProvisionerFactory.instance().default_provisioner_name = forked_kernels.NAME
        template = forked_kernels.KernelTemplate.shared()
    rows = asyncio.run(measure(args.kernels, PROJECT / "notebooks"))
    kind = "plain" if args.plain else "forked"
    print(f"{kind} kernels, {len(rows)} one after another, load average {psutil.getloadavg()[0]:.1f}:")
    units = {"ready": "s", "shown": "s", "cpu": "s", "rss": "MiB", "uss": "MiB", "uss_on": "MiB"}
    for key, unit in units.items():
        values = [row[key] for row in rows]
        print(f"  {key:6} median {statistics.median(values):8.2f} {unit}   max {max(values):8.2f} {unit}")
    if template is not None and template.pid:
        info = psutil.Process(template.pid).memory_full_info()
        print(f"  template: {info.rss / MIB:.0f} MiB resident, {info.uss / MIB:.0f} MiB unique")
        template.stop()


if __name__ == "__main__":
    main()
