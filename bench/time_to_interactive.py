"""Time to interactive for the seed module, side by side, on this machine (prints figures).

Three ways of serving the same module, each loaded N times in headless Chromium:
- static:   nbconvert's HTML export of the executed notebook, served by a plain HTTP server
            (the floor: no kernel, nothing interactive; measured to the load event);
- voila:    plain `voila` with default settings on the same notebook;
- workbook: the workbook as `make run` serves it.
For the last two, "interactive" means every exercise of the module is on the page with its
controls. Each is loaded cold (a fresh browser profile) and warm (reloads with the cache in use).
Usage: .venv/bin/python bench/time_to_interactive.py [--loads 20] [--pause 2]
"""

from __future__ import annotations

import argparse
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

from common import PROJECT, SEED, free_port, stop, wait_for

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class QuietFiles(http.server.SimpleHTTPRequestHandler):
    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # the browser moved on
            pass

    def log_message(self, *args) -> None:
        pass


def static_export(folder: Path) -> Path:
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute",
                    "--output-dir", str(folder), str(PROJECT / "notebooks" / f"{SEED}.ipynb")],
                   check=True, capture_output=True, env=env, cwd=PROJECT / "notebooks")
    return folder / f"{SEED}.html"


def measure(url: str, ready_js: str | None, loads: int, pause: float) -> dict[str, list[float]]:
    """Seconds to interactive: `loads` cold loads (a fresh browser profile each: nothing cached)
    and `loads` warm loads (one profile reloading the page: the browser's cache in use)."""
    from playwright.sync_api import sync_playwright

    def one(page) -> float:
        time.sleep(pause)
        started = time.perf_counter()
        page.goto(url, wait_until="load" if ready_js is None else "commit", timeout=120_000)
        if ready_js:
            page.wait_for_function(ready_js, timeout=120_000, polling=20)
        return time.perf_counter() - started

    times: dict[str, list[float]] = {"cold": [], "warm": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(loads):
            context = browser.new_context()
            times["cold"].append(one(context.new_page()))
            context.close()
        context = browser.new_context()
        page = context.new_page()
        one(page)  # fills the cache
        times["warm"] = [one(page) for _ in range(loads)]
        context.close()
        browser.close()
    return times


def summary(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return (f"{name:15} first {times[0]:6.2f}s  median {statistics.median(times):6.2f}s  "
            f"p95 {p95:6.2f}s  (n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=20)
    parser.add_argument("--pause", type=float, default=2.0,
                        help="seconds between loads (a standby kernel is prepared again meanwhile)")
    args = parser.parse_args()
    sys.path.insert(0, str(PROJECT))
    from widgets.content import load_workbook

    exercises = len(load_workbook().module(SEED).exercises)
    ready = (f"document.querySelectorAll('.wb-exercise').length === {exercises} && "
             "document.querySelectorAll('.wb-cycle-stage').length > 0 && "
             "document.querySelectorAll('.wb-exercise textarea').length > 0")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        html = static_export(Path(tmp))
        port = free_port()
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(QuietFiles, directory=tmp))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        results["static"] = measure(f"http://127.0.0.1:{port}/{html.name}", None, args.loads, args.pause)
        httpd.shutdown()

        servers = {
            "voila": [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1",
                      str(PROJECT / "notebooks" / f"{SEED}.ipynb")],
            "workbook": [sys.executable, "-m", "widgets.cli", "serve"],
        }
        for name, command in servers.items():
            port = free_port()
            env = dict(os.environ, PYTHONPATH=str(PROJECT),
                       WORKBOOK_SURVEY_DB=f"sqlite:///{tmp}/s.sqlite")
            process = subprocess.Popen([*command, f"--port={port}"], cwd=tmp, env=env,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wait_for(f"http://127.0.0.1:{port}/voila/static/voila.js", timeout=60)
                time.sleep(10 if name == "workbook" else 1)  # standby kernels are being prepared
                path = "/" if name == "voila" else f"/voila/render/{SEED}.ipynb"
                results[name] = measure(f"http://127.0.0.1:{port}{path}", ready, args.loads, args.pause)
            finally:
                stop(process)
    load = os.getloadavg()[0]
    print(f"\nTime to interactive, seed module ({exercises} exercises), {os.cpu_count()} cores, "
          f"load average {load:.2f} at the end, {args.pause:g}s between loads:")
    for name, series in results.items():
        for kind, times in series.items():
            print(summary(f"{name} {kind}", times))
    for kind in ("cold", "warm"):
        floor = statistics.median(results["static"][kind])
        workbook = statistics.median(results["workbook"][kind])
        voila = statistics.median(results["voila"][kind])
        print(f"{kind}: workbook / static floor {workbook / floor:.1f}x; "
              f"plain voila / workbook {voila / workbook:.1f}x (medians)")


if __name__ == "__main__":
    main()
