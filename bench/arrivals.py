"""Readers arriving on a timetable and staying, on one workbook server (prints a markdown table).

Each arrival is a simulated reader (bench/common.py: plain HTTP, then the kernel's websocket and
the widget states, then an answer changed every few seconds until the end) or, for a few sampled
arrivals, a real headless Chromium. Timed for every arrival:
- page: from the request to the first enabled text box of an early copy in the streamed HTML;
- static: the same moment, the same way, for the module's static HTML export (`workbook export
  --to html`, served by `python -m http.server`), fetched at the same time: the baseline. The
  export has no text boxes, so its mark is the start of its first exercise;
- connected: from the request until the kernel's websocket is open and the widget states are in.
Browser readers are timed by the page's own clock: the first enabled early-copy field in the DOM,
and every early copy replaced by its widget; the static page is opened just before, in the same
browser. The server is started as `make run` does and left to settle before the first arrival.
Usage: .venv/bin/python bench/arrivals.py [--rate 1 --duration 60 | --burst 30] [--browsers 3]
       .venv/bin/python bench/arrivals.py --quick   (rate 1 for 8 s, then a burst of 5)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from arrivals_browser import BrowserReaders
from common import (
    KERNEL_ID,
    LIVE_HEADER,
    PROJECT,
    SEED,
    SEED_PATH,
    SimulatedReader,
    free_port,
    kernels,
    memory,
    percentile,
    start_workbook,
    stop,
    wait_for,
)
from concurrency import run_reader

# An early copy's text box or text input without `disabled`, in the module page's HTML.
PAGE_FIELD = re.compile(rb'<(?:textarea|input) id="wb-early-[^>]*(?<! disabled)>')
STATIC_FIELD = re.compile(rb'class="wb-print-exercise')
OVERLAP = 4096  # bytes searched again when a chunk arrives, so a tag split between chunks is found


def timetable(rate: float, duration: float, burst: int) -> list[float]:
    """Seconds from the start at which each reader arrives: all at 0 for a burst."""
    if burst:
        return [0.0] * burst
    return [i / rate for i in range(int(rate * duration))]


def sampled(arrivals: int, browsers: int) -> set[int]:
    """Which arrivals are real browsers: `browsers` of them, spread evenly."""
    browsers = min(browsers, arrivals)
    return {int((k + 0.5) * arrivals / browsers) for k in range(browsers)}


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator > 0 else float("nan")


def verdicts(figures: dict, burst: bool) -> list[tuple[str, str, bool]]:
    """(target, what was measured, met) for the issue's targets of this scenario."""
    errors, busy = len(figures["errors"]), len(figures["busy"])
    if burst:
        return [("nobody gets an error", f"{errors} errors", errors == 0),
                ("everybody can read and type at once (no busy page)", f"{busy} busy", busy == 0)]
    times = ratio(percentile(figures["page"], 0.95), percentile(figures["static"], 0.95))
    connected = percentile(figures["connected"], 0.95)
    rows = [("p95 page HTML to first usable field ≤ 2× the static page's", f"{times:.1f}×", times <= 2)]
    gaps = [usable - static for usable, static
            in zip(figures["browser usable"], figures["browser static"], strict=True)]
    if gaps:
        rows.append(("browser readers usable within 0.5 s of the static page",
                     f"worst {max(gaps):+.2f} s", max(gaps) <= 0.5))
    rows.append(("p95 connected ≤ 3 s", f"{connected:.2f} s", connected <= 3))
    return rows


async def first_mark(client, url: str, mark: re.Pattern) -> tuple[float | None, bytes]:
    """Seconds from the request to `mark` in the streamed body (None if it never came), and the body."""
    started, body, seen = time.monotonic(), bytearray(), None

    def take(chunk: bytes) -> None:
        nonlocal seen
        search_from = max(0, len(body) - OVERLAP)
        body.extend(chunk)
        if seen is None and mark.search(body, search_from):
            seen = time.monotonic() - started

    await client.fetch(url, streaming_callback=take, request_timeout=300, connect_timeout=300)
    return seen, bytes(body)


async def live_page(client, url: str, figures: dict) -> bytes:
    """The reader's own page, asked for as attach.js does: again every 5 s while the server is full."""
    from tornado.httpclient import HTTPClientError

    for _ in range(60):
        try:
            response = await client.fetch(url, headers={LIVE_HEADER: "live"}, request_timeout=300,
                                          connect_timeout=300)
            return response.body
        except HTTPClientError as error:
            if error.code != 503:
                raise
            figures["waits"].append(url)
            await asyncio.sleep(5)
    raise TimeoutError("no kernel within 5 minutes")


async def http_reader(client, url: str, static_url: str, every: float, figures: dict,
                      staying: list) -> None:
    """One simulated arrival: the module page and the static page at once, then connect and stay."""
    from tornado.httpclient import HTTPClientError

    static = asyncio.ensure_future(first_mark(client, static_url, STATIC_FIELD))
    reader, started = SimulatedReader(url), time.monotonic()
    try:
        seen, page = await first_mark(client, url + SEED_PATH, PAGE_FIELD)
        if seen is None:
            raise ValueError("no enabled early-copy field in the module page")
        figures["page"].append(seen)
        if not KERNEL_ID.search(page.decode()):  # a first page made with no reader: ask for a kernel
            page = await live_page(client, url + SEED_PATH, figures)
        await reader.connect(page.decode())
        figures["connected"].append(time.monotonic() - started)
        staying.append((reader, asyncio.ensure_future(run_reader(reader, every, figures["errors"]))))
    except HTTPClientError as error:
        (figures["busy"] if error.code == 503 else figures["errors"]).append(repr(error))
    except Exception as error:  # noqa: BLE001 - every failure is a figure here
        figures["errors"].append(repr(error))
    try:
        figures["static"].append((await static)[0])
    except Exception as error:  # noqa: BLE001
        figures["errors"].append(f"static page: {error!r}")


def first_page_ready(url: str, timeout: float = 600) -> None:
    """Wait until the module's first page (workbook/server/shells.py) is prepared: a HEAD request
    says whether it is, and puts it first in line, without taking a kernel."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10)
            return
        except OSError:
            time.sleep(1)
    raise TimeoutError("the module's first page was not prepared")


def settle(process: subprocess.Popen, timeout: float = 180) -> None:
    """Wait until the standby kernels are started and prepared: their number steady for 5 s and
    the server and its kernels using under a tenth of a core."""
    deadline, counts, calm = time.monotonic() + timeout, [], 0
    while time.monotonic() < deadline and calm < 5:
        tree = [psutil.Process(process.pid), *kernels(process)]
        for proc in tree:
            proc.cpu_percent(None)
        time.sleep(1)
        used = sum(proc.cpu_percent(None) for proc in tree if proc.is_running())
        counts.append(len(tree) - 1)
        steady = len(counts) >= 5 and len(set(counts[-5:])) == 1 and counts[-1] > 0
        calm = calm + 1 if steady and used < 10 else 0


async def scenario(args, url: str, static_url: str) -> dict:
    from tornado.httpclient import AsyncHTTPClient

    figures = {name: [] for name in ("page", "static", "connected", "browser usable", "browser static",
                                     "browser connected", "errors", "busy", "waits")}
    client, staying = AsyncHTTPClient(max_clients=1024), []
    times = timetable(args.rate, args.duration, args.burst)
    chosen = sampled(len(times), args.browsers)
    async with BrowserReaders(len(chosen), figures) as browsers:
        started, loads = time.monotonic(), []
        for index, at in enumerate(times):
            await asyncio.sleep(max(0.0, started + at - time.monotonic()))
            if index in chosen:
                loads.append(asyncio.ensure_future(browsers.arrive(url + SEED_PATH, static_url)))
            else:
                loads.append(asyncio.ensure_future(
                    http_reader(client, url, static_url, args.every, figures, staying)))
        await asyncio.gather(*loads)
        await asyncio.sleep(args.stay)
    for reader, task in staying:
        task.cancel()
        reader.close()
    figures["readers"] = len(times)
    return figures


def seconds(values: list[float]) -> tuple[str, str]:
    if not values:
        return "n/a", "n/a"
    return f"{percentile(values, 0.5):.3f} s", f"{percentile(values, 0.95):.3f} s"


def report(figures: dict, title: str, burst: bool) -> str:
    rows = [("module page HTML: request to first usable field", figures["page"]),
            ("static page HTML, same run: request to first exercise", figures["static"]),
            ("connected: websocket open, widget states in", figures["connected"]),
            ("browser, page clock: first usable field", figures["browser usable"]),
            ("browser, page clock: static page's first exercise", figures["browser static"]),
            ("browser, page clock: widgets connected", figures["browser connected"])]
    lines = [title, "", "| measure | n | p50 | p95 |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {len(values)} | {' | '.join(seconds(values))} |" for name, values in rows]
    ratios = [ratio(percentile(figures["page"], share), percentile(figures["static"], share))
              for share in (0.5, 0.95)]
    lines.append(f"\nModule page HTML / static page HTML: {ratios[0]:.1f}× at p50, {ratios[1]:.1f}× at p95")
    lines.append(f"Errors: {len(figures['errors'])}; busy pages: {len(figures['busy'])}; "
                 f"5-second waits for a kernel behind a first page: {len(figures['waits'])}"
                 + (f" (first error: {figures['errors'][0][:160]})" if figures["errors"] else ""))
    lines += ["", "| target | measured | met |", "|---|---:|---|"]
    lines += [f"| {target} | {measured} | {'yes' if met else 'NO'} |"
              for target, measured, met in verdicts(figures, burst)]
    return "\n".join(lines)


def static_site(folder: Path) -> tuple[subprocess.Popen, str]:
    """The seed module's static HTML export, served by python's own HTTP server on 127.0.0.1."""
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    subprocess.run([sys.executable, "-m", "workbook.cli", "export", SEED, "--to", "html", "-o",
                    str(folder), "--quiet"], check=True, capture_output=True, env=env, cwd=PROJECT)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(folder)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{SEED}.html"
    wait_for(url)
    return server, url


def run(args, title: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        static, static_url = static_site(Path(tmp) / "static")
        process, url = start_workbook(Path(tmp))
        try:
            first_page_ready(url + SEED_PATH)
            settle(process)
            load = os.getloadavg()[0]
            figures = asyncio.run(scenario(args, url, static_url))
            held = memory(process)
        finally:
            stop(process)
            stop(static)
    print(report(figures, f"{title}; {figures['readers']} readers, {args.browsers} of them browsers, "
                 f"load average {load:.1f} at the first arrival, {os.getloadavg()[0]:.1f} at the end, "
                 f"{held['kernels']} kernels at the end", bool(args.burst)), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=1.0, help="arrivals a second")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of arrivals")
    parser.add_argument("--burst", type=int, default=0, help="this many readers at once instead")
    parser.add_argument("--browsers", type=int, default=3, help="arrivals that are real browsers")
    parser.add_argument("--every", type=float, default=5.0, help="seconds between a reader's changes")
    parser.add_argument("--stay", type=float, default=5.0, help="seconds held after the last arrival")
    parser.add_argument("--quick", action="store_true", help="a smoke run: rate 1 for 8 s, burst of 5")
    args = parser.parse_args()
    if not args.quick:
        title = (f"Burst of {args.burst} readers at once" if args.burst else
                 f"{args.rate:g} arrival(s) a second for {args.duration:g} s, readers staying")
        run(args, title)
        return
    args.browsers, args.stay = 1, 2.0
    args.rate, args.duration, args.burst = 1.0, 8.0, 0
    run(args, "Quick: 1 arrival a second for 8 s, readers staying")
    args.burst = 5
    run(args, "Quick: burst of 5 readers at once")


if __name__ == "__main__":
    main()
