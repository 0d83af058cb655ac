"""Run as a script: print the seed module's answers page, filled with hostile payloads, to a PDF.

A separate process, because the test session's own Playwright owns its thread's event loop.
Usage: python -m tests.browser.print_payloads OUT.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.conftest import SEED
from tests.payloads import PAYLOADS
from workbook.content.load import load_workbook
from workbook.export.answers import answers_html
from workbook.export.printer import PdfPrinter


def payload_answers(module) -> dict:
    """Every payload typed into the module's one-column boxes (questions, cycle notes), in turn."""
    places = [(ex.id, q.id) for ex in module.exercises if ex.kind == "questions" for q in ex.questions]
    places += [(ex.id, s.id) for ex in module.exercises if ex.kind == "cycle" for s in ex.stages]
    typed: dict[tuple[str, str], list[str]] = {}
    for number, payload in enumerate(PAYLOADS):
        typed.setdefault(places[number % len(places)], []).append(payload)
    answers: dict = {}
    for (exercise_id, box_id), payloads in typed.items():
        answers.setdefault(exercise_id, {})[box_id] = "\n".join(payloads)
    return answers


def main(out: Path) -> None:
    workbook = load_workbook()
    module = workbook.module(SEED)
    with PdfPrinter() as printer:
        out.write_bytes(printer.pdf(answers_html(workbook, module, payload_answers(module))))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
