"""Concurrent readers on one workbook server, in steps, until answers get slow (prints figures).

Each simulated reader (bench/common.py) loads the seed module, connects to its kernel, fetches
the widget states and changes an answer every few seconds. At each step the script adds readers,
then times every change until the kernel has handled it (p50, p95), and measures memory. It stops
at the first step whose p95 passes --target-ms, that has errors or busy pages, or at --max.
Usage: .venv/bin/python bench/concurrency.py [--steps 25,50,100,150,200] [--every 3] [--window 20]
       [--server-flag=--WorkbookApp.fork_kernels=False] (plain kernels, to compare)
       [--nginx 2] (two servers behind nginx, `workbook deploy-local`; memory summed over both)
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

from common import (
    SimulatedReader,
    memory,
    percentile,
    server_behind,
    start_behind_nginx,
    start_workbook,
    stop,
    wait_for_kernels,
)


async def run_reader(reader: SimulatedReader, every: float, errors: list) -> None:
    listener = asyncio.ensure_future(reader.listen())
    count = 0
    try:
        while not listener.done():
            await asyncio.sleep(every * random.uniform(0.7, 1.3))
            count += 1
            await reader.change_answer(f"answer {count}")
        listener.result()
    except asyncio.CancelledError:
        listener.cancel()
    except Exception as error:  # noqa: BLE001 - every failure is a figure here
        errors.append(repr(error))


async def load_readers(url: str, count: int, client, errors: list, busy: list, nginx: bool) -> list:
    """Load `count` readers, a few at a time (as page loads arrive, not all in one instant).
    Behind nginx, each reader first asks `/` which server to use, as a browser is redirected."""
    readers, gate = [], asyncio.Semaphore(4)

    async def one():
        async with gate:
            reader = SimulatedReader(await server_behind(url, client) if nginx else url)
            try:
                await reader.load(client)
            except Exception as error:  # noqa: BLE001
                errors.append(repr(error))
                return
            (busy if reader.busy else readers).append(reader)

    await asyncio.gather(*(one() for _ in range(count)))
    return readers


async def main_async(args, process, url) -> list[dict]:
    from tornado.httpclient import AsyncHTTPClient

    client = AsyncHTTPClient(max_clients=64)
    readers, tasks, errors, busy, rows = [], [], [], [], []
    for step in args.steps:
        started = time.monotonic()
        new = await load_readers(url, step - len(readers), client, errors, busy, bool(args.nginx))
        load_seconds = time.monotonic() - started
        readers += new
        tasks += [asyncio.ensure_future(run_reader(r, args.every, errors)) for r in new]
        await asyncio.sleep(args.every)  # let every reader get going
        window_start = time.monotonic()
        await asyncio.sleep(args.window)
        trips = [s for r in readers for when, s in r.round_trips if when >= window_start]
        figures = memory(process)
        row = {"readers": len(readers), "changes": len(trips),
               "p50_ms": 1000 * statistics.median(trips) if trips else float("nan"),
               "p95_ms": 1000 * percentile(trips, 0.95), "errors": len(errors), "busy": len(busy),
               "load_s": load_seconds, **figures}
        if args.nginx:
            row["spread"] = dict(sorted(Counter(r.base_url.rsplit("/", 1)[-1] for r in readers).items()))
        rows.append(row)
        print(f"{row['readers']:4} readers  p50 {row['p50_ms']:6.1f} ms  p95 {row['p95_ms']:6.1f} ms  "
              f"changes {row['changes']:5}  errors {row['errors']}  busy {row['busy']}  kernels "
              f"{row['kernels']}  kernels RSS {row['kernels_rss']:7.0f} MiB  USS "
              f"{row['kernels_uss']:7.0f} MiB  server {row['server_rss']:5.0f} MiB"
              f"{'  readers per server ' + str(row['spread']) if 'spread' in row else ''}", flush=True)
        if (row["p95_ms"] > args.target_ms or errors or busy) and not args.all_steps:
            break
    for task in tasks:
        task.cancel()
    for reader in readers:
        reader.close()
    return rows, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="25,50,100,150,200,250,300")
    parser.add_argument("--every", type=float, default=3.0, help="seconds between a reader's changes")
    parser.add_argument("--window", type=float, default=20.0, help="seconds measured at each step")
    parser.add_argument("--target-ms", type=float, default=150.0)
    parser.add_argument("--max-kernels", type=int, default=0, help="0: the server's own cap")
    parser.add_argument("--log", help="write the server's log to this file")
    parser.add_argument("--all-steps", action="store_true",
                        help="measure every step, even past a slow one (to compare two runs step by step)")
    parser.add_argument("--nginx", type=int, default=0, metavar="N",
                        help="N servers behind nginx (`workbook deploy-local`), readers spread by it")
    parser.add_argument("--server-flag", action="append", default=[],
                        help="a flag for `workbook serve`, e.g. --WorkbookApp.fork_kernels=False")
    args = parser.parse_args()
    args.steps = [int(s) for s in args.steps.split(",")]
    flags = [f"--WorkbookKernelManager.max_kernels={args.max_kernels}"] if args.max_kernels else []
    flags += args.server_flag
    with tempfile.TemporaryDirectory() as tmp:
        log = open(args.log, "w") if args.log else subprocess.DEVNULL  # noqa: SIM115
        if args.nginx:
            process, url = start_behind_nginx(Path(tmp), args.nginx, *flags, log=log)
        else:
            process, url = start_workbook(Path(tmp), *flags, log=log)
        try:
            wait_for_kernels(process, 12 * max(1, args.nginx))
            idle = memory(process)
            rows, errors = asyncio.run(main_async(args, process, url))
        finally:
            stop(process)
    standby = idle["kernels"]
    print(f"\nConcurrent readers, seed module, a change every ~{args.every:g}s per reader, "
          f"{args.window:g}s measured per step (standby kernels at rest: {standby}, "
          f"{idle['kernels_rss'] / max(standby, 1):.0f} MiB RSS each; kernel template "
          f"{idle['template_rss']:.0f} MiB RSS, {idle['template_uss']:.0f} MiB USS; flags {flags}):")
    print("| readers | p50 | p95 | errors | busy | RSS per kernel | USS per kernel | total RSS |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        per_rss = row["kernels_rss"] / max(row["kernels"], 1)
        per_uss = row["kernels_uss"] / max(row["kernels"], 1)
        total = row["kernels_rss"] + row["server_rss"]
        print(f"| {row['readers']} | {row['p50_ms']:.0f} ms | {row['p95_ms']:.0f} ms | {row['errors']} | "
              f"{row['busy']} | {per_rss:.0f} MiB | {per_uss:.0f} MiB | {total / 1024:.1f} GiB |")
    good = [row["readers"] for row in rows
            if row["p95_ms"] <= args.target_ms and not row["errors"] and not row["busy"]]
    if errors:
        print("Errors:", dict(Counter(error.split("(")[0] for error in errors)), "first:", errors[0][:200])
    print(f"Largest step held at p95 <= {args.target_ms:g} ms with no errors: "
          f"{max(good) if good else 0} readers")


if __name__ == "__main__":
    main()
