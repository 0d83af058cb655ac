"""A flood of page loads at once, then abandoned tabs, on one workbook server (prints figures).

1. --loads page loads of the seed module arrive at the same moment (plain HTTP, like browsers
   whose readers never get as far as the exercises). Counted: full pages, busy pages, anything
   else; response times; the most kernels and memory seen during the flood.
2. --tabs readers load the page, connect to their kernel, fetch the widgets, and leave without
   a word (the tab is closed or the phone loses signal).
3. After the idle timeout plus two culler intervals, the kernels left are counted: only the
   standby kernels should remain.
The server runs as `make run` does, except for a short idle timeout (--idle-minutes).
Usage: .venv/bin/python bench/flood.py [--loads 500] [--tabs 100] [--idle-minutes 1]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from common import (
    SEED_PATH,
    SUPPORT_PHONE,
    SimulatedReader,
    kernels,
    memory,
    percentile,
    start_workbook,
    stop,
    wait_for_kernels,
)


class Watch:
    """Samples the number of kernels and their memory while something runs."""

    def __init__(self, process):
        self.process, self.most, self.most_rss, self.running = process, 0, 0.0, True
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while self.running:
            figures = memory(self.process)
            self.most = max(self.most, figures["kernels"])
            self.most_rss = max(self.most_rss, figures["kernels_rss"] + figures["server_rss"])
            time.sleep(0.5)


async def flood(url: str, loads: int) -> list[tuple[str, float]]:
    from tornado.httpclient import AsyncHTTPClient, HTTPClientError

    client = AsyncHTTPClient(max_clients=loads)

    async def one():
        started = time.monotonic()
        try:
            response = await client.fetch(url + SEED_PATH, request_timeout=600, connect_timeout=600)
            kind = "page" if b"jupyter-config-data" in response.body else "other 200"
        except HTTPClientError as error:
            body = error.response.body if error.response else b""
            kind = "busy page" if error.code == 503 and SUPPORT_PHONE.encode() in body else f"{error.code}"
        except Exception as error:  # noqa: BLE001 - every failure is a figure here
            kind = type(error).__name__
        return kind, time.monotonic() - started

    return await asyncio.gather(*(one() for _ in range(loads)))


async def abandon(url: str, tabs: int) -> Counter:
    from tornado.httpclient import AsyncHTTPClient

    client, gate, outcome = AsyncHTTPClient(max_clients=16), asyncio.Semaphore(4), Counter()

    async def one():
        async with gate:
            reader = SimulatedReader(url)
            try:
                await reader.load(client)
                outcome["busy page" if reader.busy else "connected, then left"] += 1
            except Exception as error:  # noqa: BLE001
                outcome[type(error).__name__] += 1
            reader.close()

    await asyncio.gather(*(one() for _ in range(tabs)))
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=500)
    parser.add_argument("--tabs", type=int, default=100)
    parser.add_argument("--idle-minutes", type=float, default=1.0)
    args = parser.parse_args()
    timeout = args.idle_minutes * 60
    interval = max(1, min(60, int(timeout) // 4))
    with tempfile.TemporaryDirectory() as tmp:
        process, url = start_workbook(Path(tmp), f"--WorkbookApp.kernel_idle_minutes={args.idle_minutes}")
        try:
            wait_for_kernels(process, 12)
            standby = len(kernels(process))
            watch = Watch(process)
            started = time.monotonic()
            results = asyncio.run(flood(url, args.loads))
            flood_seconds = time.monotonic() - started
            after_flood = len(kernels(process))
            tabs = asyncio.run(abandon(url, args.tabs))
            watch.running = False
            left_at = time.monotonic()
            time.sleep(timeout + 2 * interval)
            left = len(kernels(process))
            waited = time.monotonic() - left_at
        finally:
            stop(process)
    kinds = Counter(kind for kind, _ in results)
    print(f"\nFlood: {args.loads} loads of the seed module at once, {flood_seconds:.0f}s until the last "
          f"answer; standby kernels before: {standby}")
    for kind in sorted(kinds):
        times = [s for k, s in results if k == kind]
        print(f"  {kind:12} {kinds[kind]:4}  median {statistics.median(times):6.2f}s  "
              f"p95 {percentile(times, 0.95):6.2f}s  slowest {max(times):6.2f}s")
    print(f"  kernels after the flood: {after_flood}; most kernels seen: {watch.most}; most memory "
          f"(server and kernels, RSS): {watch.most_rss / 1024:.1f} GiB")
    print(f"Abandoned tabs: {dict(tabs)}")
    print(f"Kernels left {waited:.0f}s later (idle timeout {timeout:.0f}s + 2 x {interval}s "
          f"interval): {left} (standby kernels: {standby})")


if __name__ == "__main__":
    main()
