"""`workbook export`: write modules' PDFs, handbooks, HTML, worksheets and slides into a folder.

One Chromium prints every PDF of a run; a progress bar counts the files.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from workbook.content.load import Module, Workbook
from workbook.export.documents import module_document, slides_document, worksheet_document
from workbook.export.docx import html_to_docx
from workbook.export.exporters import ModuleHTMLExporter, ModulePDFExporter, ModuleSlidesExporter
from workbook.export.printer import PdfPrinter

KINDS = ("pdf", "html", "worksheets", "slides", "docx")


@dataclass(frozen=True)
class Job:
    """One file (or one worksheet) to write."""

    module: Module
    kind: str
    edition: str = "reader"
    exercise_id: str = ""

    @property
    def label(self) -> str:
        return f"{self.module.id} {self.kind}{' ' + self.edition if self.edition != 'reader' else ''}"


def plan(modules: list[Module], kinds: list[str], editions: list[str]) -> list[Job]:
    jobs = []
    for module in modules:
        for kind in kinds:
            if kind == "worksheets":
                jobs += [Job(module, kind, "reader", ex.id) for ex in module.exercises]
            elif kind == "docx":  # the module or handbook, and the worksheets, to edit
                jobs += [Job(module, kind, edition) for edition in editions]
                if "reader" in editions:
                    jobs.append(Job(module, kind, "worksheets"))
            elif kind == "slides":
                jobs.append(Job(module, kind, "facilitator"))
            else:
                jobs += [Job(module, kind, edition) for edition in editions]
    return jobs


class ModuleExports:
    """The exporters for one run, sharing one content tree and one browser."""

    def __init__(self, workbook: Workbook, output: Path, printer: PdfPrinter | None,
                 start: datetime.time | None = None):
        self.workbook, self.output, self.start = workbook, output, start
        self.html = {e: ModuleHTMLExporter(edition=e) for e in ("reader", "facilitator")}
        self.pdf = {e: ModulePDFExporter(edition=e, printer=printer) for e in ("reader", "facilitator")}
        self.slides = ModuleSlidesExporter()

    def name(self, job: Job, suffix: str) -> Path:
        edition = "" if job.edition == "reader" or job.kind == "slides" else f"-{job.edition}"
        return self.output / f"{job.module.id}{edition}{suffix}"

    def write(self, job: Job) -> Path:
        resources = {"metadata": {"name": job.module.id}}
        if job.kind == "html":
            document = module_document(self.workbook, job.module, job.edition, start=self.start)
            data, _ = self.html[job.edition].from_notebook_node(document, resources)
            path = self.name(job, ".html")
        elif job.kind == "pdf":
            document = module_document(self.workbook, job.module, job.edition, start=self.start)
            data, _ = self.pdf[job.edition].from_notebook_node(document, resources)
            path = self.name(job, ".pdf")
        elif job.kind == "docx" and job.edition == "worksheets":
            pages = [self.html["reader"].from_notebook_node(
                worksheet_document(self.workbook, job.module, exercise.id), resources)[0]
                for exercise in job.module.exercises]
            data, path = html_to_docx(pages), self.name(job, ".docx")
        elif job.kind == "docx":
            document = module_document(self.workbook, job.module, job.edition, start=self.start)
            data = html_to_docx([self.html[job.edition].from_notebook_node(document, resources)[0]])
            path = self.name(job, ".docx")
        elif job.kind == "worksheets":
            document = worksheet_document(self.workbook, job.module, job.exercise_id)
            data, _ = self.pdf["reader"].from_notebook_node(document, resources)
            number = [e.id for e in job.module.exercises].index(job.exercise_id) + 1
            path = self.output / f"{job.module.id}-worksheets" / f"{number:02d}-{job.exercise_id}.pdf"
        else:
            data, _ = self.slides.from_notebook_node(slides_document(self.workbook, job.module), resources)
            path = self.name(job, ".slides.html")
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return path


def export(workbook: Workbook, modules: list[Module], kinds: list[str], editions: list[str],
           output: Path, progress: bool = True, start: datetime.time | None = None) -> list[Path]:
    """Write every requested export; returns the files written, in order (`start`: the handbook's
    session start, for clock times)."""
    jobs = plan(modules, kinds, editions)
    needs_browser = any(job.kind in ("pdf", "worksheets") for job in jobs)
    printer = PdfPrinter() if needs_browser else None
    written = []
    try:
        if printer:
            printer.__enter__()
        exports = ModuleExports(workbook, output, printer, start)
        for job in tqdm(jobs, desc="exports", unit="file", disable=not progress, leave=True):
            written.append(exports.write(job))
    finally:
        if printer:
            printer.close()
    return written
