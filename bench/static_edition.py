"""The static edition against a plain static page and the served workbook (prints figures).

The seed module, each way loaded N times cold (a fresh browser profile) and N times warm (the
same profile reloading), in headless Chromium, by the page's own clock:
- static floor:   nbconvert's HTML export of the module on a plain HTTP server, to its load event;
- static edition: `workbook build-static`'s page on the same kind of server. "interactive": every
                  exercise visible and taking input (the early copies count); "connected": Python
                  has started in the browser and every copy has made way for its widget;
- served:         the workbook as `make run` serves it, the same two moments.
Ratios are medians against the floor measured in the same run; the bytes the static edition's
server sent for a cold and a warm load are counted too.
Usage: .venv/bin/python bench/static_edition.py [--loads 5] [--site static-site]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PROJECT, SEED, free_port, stop, wait_for
from time_to_interactive import measure, measure_floor, summary

LIVE = "document.querySelector('.jp-Cell-outputWrapper:not([data-wb-prepared])')"


def conditions(exercises: int, static: bool) -> dict[str, str]:
    ready = ("(() => { const shown = [...document.querySelectorAll('.wb-exercise')]"
             ".filter((e) => e.offsetParent !== null);"
             f" return shown.length >= {exercises} && shown.every((e) => e.querySelector("
             "'textarea:not([disabled]), input:not([disabled]), summary, button.wb-cycle-stage'));"
             " })()")
    connected = ("!document.querySelector('.wb-early') && "
                 "document.querySelectorAll('.wb-cycle-stage').length > 0")
    if static:
        connected += f" && {LIVE}"
    return {"interactive": ready, "connected": connected}


def build_site(site: Path) -> None:
    subprocess.run([sys.executable, "-m", "workbook.cli", "build-static", "-o", str(site),
                    "--tools-python", str(PROJECT / ".venv-static" / "bin" / "python"),
                    "--cache", str(PROJECT / ".static-cache")], cwd=PROJECT, check=True)


def bytes_sent(site: Path, url_path: str) -> tuple[int, int]:
    """What the static server sends for one cold load, then one warm reload."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(PROJECT))
    from workbook.static_edition.serve import StaticSite

    with StaticSite(site, count=True) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context().new_page()
        page.goto(server.url + url_path)
        page.wait_for_function(conditions(1, True)["connected"], timeout=120_000)
        cold = sum(size for _path, size in server.sent)
        server.sent.clear()
        page.reload()
        page.wait_for_function(conditions(1, True)["connected"], timeout=120_000)
        warm = sum(size for _path, size in server.sent)
        browser.close()
    return cold, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--pause", type=float, default=2.0)
    parser.add_argument("--site", default="", help="a built static edition (default: build one)")
    parser.add_argument("--no-served", action="store_true", help="leave out the served workbook")
    args = parser.parse_args()
    sys.path.insert(0, str(PROJECT))
    from workbook.content.load import load_workbook

    exercises = len(load_workbook().module(SEED).exercises)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(args.site) if args.site else Path(tmp) / "site"
        if not args.site:
            build_site(site)
        results["static floor"] = measure_floor(tmp, args.loads, args.pause)
        from workbook.static_edition.serve import StaticSite

        with StaticSite(site) as server:  # as `make serve-static` serves it
            results["static edition"] = measure(f"{server.url}voici/render/{SEED}.html",
                                                conditions(exercises, True), args.loads, args.pause)
        if not args.no_served:
            port = free_port()
            env = dict(os.environ, PYTHONPATH=str(PROJECT), WORKBOOK_SURVEY_DB=f"sqlite:///{tmp}/s.sqlite")
            process = subprocess.Popen([sys.executable, "-m", "workbook.cli", "serve", f"--port={port}"],
                                       cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wait_for(f"http://127.0.0.1:{port}/voila/static/voila.js", timeout=60)
                time.sleep(10)  # standby kernels are being prepared
                results["served"] = measure(f"http://127.0.0.1:{port}/voila/render/{SEED}.ipynb",
                                            conditions(exercises, False), args.loads, args.pause)
            finally:
                stop(process)
        cold, warm = bytes_sent(site, f"voici/render/{SEED}.html")
    print(f"\nStatic edition, seed module ({exercises} exercises), {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f} at the end:")
    for name, series in results.items():
        for kind, times in series.items():
            if "wall" not in kind:
                print(summary(f"{name} {kind}", times))
    for kind in ("cold", "warm"):
        floor = statistics.median(results["static floor"][f"{kind} load"])
        first = statistics.median(results["static edition"][f"{kind} interactive"])
        live = statistics.median(results["static edition"][f"{kind} connected"])
        print(f"{kind}: static edition first usable field / static page {first / floor:.1f}x; "
              f"connected {live:.1f}s (medians)")
    print(f"bytes sent by the static server: cold load {cold / 1e6:.1f} MB, warm reload {warm / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
