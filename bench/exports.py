"""Export timings on this machine (prints figures; not a test).

- blank module PDF of the seed module: cold (a new Chromium for one export, as
  `jupyter nbconvert --to workbook_pdf` does) and warm (one Chromium kept for a batch);
- My answers HTML, made as the reader's kernel makes it: the first click on a page that has just
  been shown (nbconvert loads then, and the memory it adds is printed), and the clicks after it;
- every module's exports (`workbook export --all`: PDFs, handbooks, HTML, worksheets, slides).
Targets (issue 4): warm PDF <= 2 s, My answers <= 0.5 s, all exports <= 60 s.
Usage: .venv/bin/python bench/exports.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
SEED = "sexual-communication-with-children-online"

FIRST_ANSWERS = f"""
import os, time
import ipykernel.kernelapp
from workbook.reader.page import ModulePage
page = ModulePage("{SEED}")
page.show()
rss = lambda: int(open(f"/proc/{{os.getpid()}}/status").read().split("VmRSS:")[1].split()[0]) / 1024
before = rss()
start = time.perf_counter()
page.my_answers.document()
print(time.perf_counter() - start, rss() - before)
"""


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def filled_answers(module) -> dict:
    """A page's worth of answers: every question and cycle box holds a paragraph."""
    text = "A few honest sentences about what happened and what I will do next time. " * 6
    answers = {}
    for exercise in module.exercises:
        if exercise.kind == "questions":
            answers[exercise.id] = {q.id: text for q in exercise.questions}
        elif exercise.kind == "cycle":
            answers[exercise.id] = {s.id: text for s in exercise.stages}
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    from workbook.content.load import load_workbook
    from workbook.export.batch import export
    from workbook.export.documents import module_document
    from workbook.export.exporters import ModulePDFExporter
    from workbook.export.printer import PdfPrinter

    workbook = load_workbook()
    seed = workbook.module(SEED)
    rows = []

    cold = [timed(lambda: ModulePDFExporter().from_notebook_node(module_document(workbook, seed), {}))
            for _ in range(args.repeats)]
    rows.append(("blank module PDF, cold (new Chromium)", cold, None))
    with PdfPrinter() as printer:
        exporter = ModulePDFExporter(printer=printer)
        exporter.from_notebook_node(module_document(workbook, seed), {})
        warm = [timed(lambda: exporter.from_notebook_node(module_document(workbook, seed), {}))
                for _ in range(args.repeats)]
    rows.append(("blank module PDF, warm (one Chromium per batch)", warm, 2.0))

    first, added = [], []
    for _ in range(args.repeats):
        seconds, mib = subprocess.run([sys.executable, "-c", FIRST_ANSWERS], cwd=PROJECT, check=True,
                                      capture_output=True, text=True).stdout.splitlines()[-1].split()
        first.append(float(seconds))
        added.append(float(mib))
    rows.append(("My answers HTML, first click on a fresh page", first, 0.5))
    from workbook.export.answers import answers_html

    answers = filled_answers(seed)
    answers_html(workbook, seed, {})
    again = [timed(lambda: answers_html(workbook, seed, answers)) for _ in range(args.repeats * 4)]
    rows.append(("My answers HTML, later clicks", again, 0.5))

    with tempfile.TemporaryDirectory() as out:
        modules = [m for m in workbook.modules.values() if m.ready]
        files: list = []
        everything = timed(lambda: files.extend(export(
            workbook, modules, ["pdf", "html", "worksheets", "slides"], ["reader", "facilitator"],
            Path(out), progress=False)))
    rows.append((f"all {len(modules)} modules' exports ({len(files)} files)", [everything], 60.0))

    print(f"\n{'export':52} {'median':>8} {'max':>8} {'target':>8}")
    for label, times, target in rows:
        goal = f"<= {target:g} s" if target else ""
        met = "" if target is None else ("  met" if statistics.median(times) <= target else "  NOT met")
        print(f"{label:52} {statistics.median(times):7.2f}s {max(times):7.2f}s {goal:>8}{met}")
    print(f"memory the first My answers click adds to a kernel: {statistics.median(added):.0f} MiB")


if __name__ == "__main__":
    main()
