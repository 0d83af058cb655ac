"""Time to interactive for the seed module, side by side, on this machine (prints figures).

Three ways of serving the same module, each loaded N times in headless Chromium:
- static:   nbconvert's HTML export of the executed notebook, served by a plain HTTP server
            (the floor: no kernel, nothing interactive; measured to the load event);
- voila:    plain `voila` with default settings on the same notebook;
- workbook: the workbook as `make run` serves it.
For the last two, "interactive" means every exercise of the module is on the page, visible, with
controls that take input: the workbook's early copies count (widgets/early.py: plain HTML forms
sent with the page, whose contents move into the widgets when they are drawn). For the workbook
a second figure, "connected", is the time until every early copy has been replaced by its widget
(buttons work from then on). Each is loaded cold (a fresh browser profile) and warm (reloads with
the cache in use). Times are taken by the page's own clock, from the start of navigation to the
first frame in which the condition holds (the static page: to its load event); the same loads
timed by this script's wall clock, which adds Playwright's round trips, are printed as "wall".
Usage: .venv/bin/python bench/time_to_interactive.py [--loads 20] [--pause 2]
"""

from __future__ import annotations

import argparse
import http.server
import json
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


# Runs in every page from its first script: notes, by the page's own clock (milliseconds from the
# start of navigation), the first frame in which each condition holds.
WATCH = """
(() => {
  const conditions = %s;
  const seen = window.__benchTimes = {};
  // The longest task on the page's main thread: how long a key press could wait to be handled.
  window.__benchLongest = 0;
  try {
    new PerformanceObserver((list) => {
      for (const task of list.getEntries()) {
        window.__benchLongest = Math.max(window.__benchLongest, task.duration);
      }
    }).observe({ type: "longtask", buffered: true });
  } catch (error) { /* no long-task timing in this browser */ }
  const tick = () => {
    for (const [name, holds] of Object.entries(conditions)) {
      if (!(name in seen) && holds()) seen[name] = performance.now();
    }
    if (Object.keys(seen).length < Object.keys(conditions).length) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


def measure(url: str, conditions: dict[str, str], loads: int, pause: float) -> dict[str, list[float]]:
    """Seconds from navigation to each condition (JavaScript expressions; none: the load event),
    by the page's own clock, and by the wall clock of this script ("... wall": it includes
    Playwright's own round trips); with conditions, also the longest main-thread task until
    the last of them held ("... longest task"). `loads` cold loads (a fresh browser profile each: nothing
    cached), then `loads` warm loads (one profile reloading the page: the browser's cache in use)."""
    from playwright.sync_api import sync_playwright

    names = list(conditions) or ["load"]
    times: dict[str, list[float]] = {f"{kind} {name}{clock}": [] for kind in ("cold", "warm")
                                     for name in names for clock in ("", " wall")}
    if conditions:
        times.update({"cold longest task": [], "warm longest task": []})
    watch = WATCH % ("{" + ", ".join(f"{json.dumps(n)}: () => ({js})" for n, js in conditions.items())
                     + "}")

    def one(page, kind: str, record: bool = True) -> None:
        time.sleep(pause)
        started = time.perf_counter()
        page.goto(url, wait_until="commit" if conditions else "load", timeout=120_000)
        found = {}
        for name in names:
            if conditions:
                page.wait_for_function(f"window.__benchTimes && {json.dumps(name)} in window.__benchTimes",
                                       timeout=120_000, polling=5)
                found[name] = page.evaluate(f"window.__benchTimes[{json.dumps(name)}]")
            else:
                found[name] = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            wall = time.perf_counter() - started
            if record:
                times[f"{kind} {name}"].append(found[name] / 1000)
                times[f"{kind} {name} wall"].append(wall)
        if conditions and record:
            times[f"{kind} longest task"].append(page.evaluate("window.__benchLongest") / 1000)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(loads):
            context = browser.new_context()
            context.add_init_script(watch)
            one(context.new_page(), "cold")
            context.close()
        context = browser.new_context()
        context.add_init_script(watch)
        page = context.new_page()
        one(page, "warm", record=False)  # fills the cache
        for _ in range(loads):
            one(page, "warm")
        context.close()
        browser.close()
    return times


def measure_floor(folder: str, loads: int, pause: float) -> dict[str, list[float]]:
    """The floor: nbconvert's HTML of the seed module, from a plain HTTP server, to its load event."""
    html = static_export(Path(folder))
    port = free_port()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(QuietFiles, directory=folder))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        return measure(f"http://127.0.0.1:{port}/{html.name}", {}, loads, pause)
    finally:
        httpd.shutdown()


def summary(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return (f"{name:32} first {times[0]:6.2f}s  median {statistics.median(times):6.2f}s  "
            f"p95 {p95:6.2f}s  (n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=20)
    parser.add_argument("--pause", type=float, default=2.0,
                        help="seconds between loads (a standby kernel is prepared again meanwhile)")
    args = parser.parse_args()
    sys.path.insert(0, str(PROJECT))
    from workbook.content.load import load_workbook

    exercises = len(load_workbook().module(SEED).exercises)
    ready = ("(() => { const shown = [...document.querySelectorAll('.wb-exercise')]"
             ".filter((e) => e.offsetParent !== null);"
             f" return shown.length === {exercises} && shown.every((e) => e.querySelector("
             "'textarea:not([disabled]), input:not([disabled]), summary, button.wb-cycle-stage'));"
             " })()")
    connected = (f"!document.querySelector('.wb-early') && "
                 f"document.querySelectorAll('.wb-exercise').length === {exercises} && "
                 "document.querySelectorAll('.wb-cycle-stage').length > 0")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["static"] = measure_floor(tmp, args.loads, args.pause)

        servers = {
            "voila": [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1",
                      str(PROJECT / "notebooks" / f"{SEED}.ipynb")],
            "workbook": [sys.executable, "-m", "workbook.cli", "serve"],
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
                conditions = {"interactive": ready}
                if name == "workbook":
                    conditions["connected"] = connected
                results[name] = measure(f"http://127.0.0.1:{port}{path}", conditions, args.loads,
                                        args.pause)
            finally:
                stop(process)
    load = os.getloadavg()[0]
    print(f"\nTime to interactive, seed module ({exercises} exercises), {os.cpu_count()} cores, "
          f"load average {load:.2f} at the end, {args.pause:g}s between loads:")
    for name, series in results.items():
        for kind, times in series.items():
            print(summary(f"{name} {kind}", times))
    for kind in ("cold", "warm"):
        for clock in ("", " wall"):
            floor = statistics.median(results["static"][f"{kind} load{clock}"])
            workbook = statistics.median(results["workbook"][f"{kind} interactive{clock}"])
            voila = statistics.median(results["voila"][f"{kind} interactive{clock}"])
            print(f"{kind}{clock or ' (page clock)'}: workbook / static floor {workbook / floor:.1f}x; "
                  f"plain voila / workbook {voila / workbook:.1f}x (medians)")


if __name__ == "__main__":
    main()
