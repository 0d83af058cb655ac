"""nbconvert exporters for the workbook, registered as entry points (`jupyter nbconvert --to ...`).

- `workbook_html`: a module as one self-contained, script-free HTML page (print-ready);
- `workbook_pdf`: the same printed to PDF by the system Chromium (a WebPDFExporter, see upstream.py);
- `workbook_worksheets`: one blank PDF per exercise;
- `workbook_slides`: reveal.js slides with facilitator notes as speaker notes, reveal.js beside them.

Each takes a module notebook (or a document notebook from `documents.py`) and builds the
printable document from content, so a trainer's adapted content exports with its changes.
"""

from __future__ import annotations

from pathlib import Path

from nbconvert.exporters import HTMLExporter, SlidesExporter
from traitlets import Enum, HasTraits, Instance, default

from workbook.config import WorkbookConfig
from workbook.content.load import Workbook, load_workbook
from workbook.export.documents import (
    EDITIONS,
    module_document,
    slides_document,
    worksheet_document,
    worksheets_document,
)
from workbook.export.printer import PdfPrinter
from workbook.export.upstream import PrintedPDFExporter

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
REVEAL = HERE / "reveal"
REVEAL_FILES = ("reveal.js", "reveal.css", "notes.js", "LICENSE")


def module_id_of(nb, resources: dict) -> str:
    """The module a notebook shows: its `workbook.module` metadata, else its file name."""
    module_id = nb.metadata.get("workbook", {}).get("module")
    if module_id:
        return module_id
    name = (resources or {}).get("metadata", {}).get("name")
    if name:
        return name
    raise ValueError("not a workbook module notebook: no workbook metadata and no file name")


class WorkbookDocuments(HasTraits):
    """What every workbook exporter shares: which content, which edition, and the document."""

    workbook_config = Instance(WorkbookConfig, help="Where the content comes from (set "
                               "--WorkbookConfig.content_dir to export an adapted copy).")
    edition = Enum(["reader", "facilitator"], "reader",
                   help="reader: the module as readers see it; facilitator: with the facilitator "
                   "notes and timings (the handbook).").tag(config=True)
    stylesheet = "print.css"
    template_folder = "workbook_print"

    @default("workbook_config")
    def _workbook_config_default(self):
        return WorkbookConfig(parent=self)

    @default("template_name")
    def _template_name_default(self):
        return self.template_folder

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(TEMPLATES)]

    def workbook(self) -> Workbook:
        return load_workbook(self.workbook_config.content_path)

    def document(self, nb, resources: dict):
        """The printable document for `nb` (unchanged if `nb` already is one)."""
        if nb.metadata.get("workbook", {}).get("edition") in (*EDITIONS, "worksheet", "slides"):
            return nb
        workbook = self.workbook()
        return self.build(workbook, workbook.module(module_id_of(nb, resources)))

    def build(self, workbook: Workbook, module):
        return module_document(workbook, module, edition=self.edition)

    def workbook_resources(self, resources: dict | None) -> dict:
        resources = dict(resources or {})
        resources["workbook"] = {"css": (HERE / self.stylesheet).read_text(encoding="utf-8"),
                                 "reveal_prefix": "reveal"}
        return resources

    def from_notebook_node(self, nb, resources=None, **kw):
        resources = self.workbook_resources(resources)
        return super().from_notebook_node(self.document(nb, resources), resources, **kw)


class ModuleHTMLExporter(WorkbookDocuments, HTMLExporter):
    """A module as one self-contained HTML page: no scripts, no links to other hosts."""

    export_from_notebook = "Workbook module (HTML)"


class ModulePDFExporter(WorkbookDocuments, PrintedPDFExporter):
    """A module as a PDF, printed by the system Chromium. Set `printer` to reuse one browser."""

    export_from_notebook = "Workbook module (PDF)"
    printer = Instance(PdfPrinter, allow_none=True, help="A running PdfPrinter to reuse (a batch).")

    def print_html(self, html: str) -> bytes:
        """Print with the printer given, else with a browser started for this one export."""
        if self.printer is not None:
            return self.printer.pdf(html)
        with PdfPrinter() as printer:
            return printer.pdf(html)


class WorksheetsExporter(ModulePDFExporter):
    """Every exercise as its own blank PDF (in `resources["outputs"]`); the main output has them all."""

    export_from_notebook = "Workbook worksheets (PDF)"
    edition = Enum(["reader"], "reader", help="Worksheets are always the readers' edition.")

    def worksheets(self, workbook: Workbook, module) -> dict[str, bytes]:
        """File name -> PDF, one per exercise, numbered in reading order."""
        return {f"{number:02d}-{exercise.id}.pdf": self.worksheet_pdf(workbook, module, exercise.id)
                for number, exercise in enumerate(module.exercises, start=1)}

    def worksheet_pdf(self, workbook: Workbook, module, exercise_id: str) -> bytes:
        document = worksheet_document(workbook, module, exercise_id)
        pdf, _ = super().from_notebook_node(document, {"metadata": {"name": exercise_id}})
        return pdf

    def from_notebook_node(self, nb, resources=None, **kw):
        workbook = self.workbook()
        module = workbook.module(module_id_of(nb, resources or {}))
        pdf, resources = super().from_notebook_node(worksheets_document(workbook, module), resources, **kw)
        folder = f"{module.id}-worksheets"
        resources.setdefault("outputs", {}).update(
            {f"{folder}/{name}": data for name, data in self.worksheets(workbook, module).items()})
        return pdf, resources


class ModuleSlidesExporter(WorkbookDocuments, SlidesExporter):
    """Workshop slides; reveal.js comes from files written beside them (resources["outputs"])."""

    export_from_notebook = "Workbook slides (reveal.js)"
    edition = Enum(["facilitator"], "facilitator", help="Slides always carry the facilitator notes.")
    stylesheet = "slides.css"
    template_folder = "workbook_slides"

    def build(self, workbook: Workbook, module):
        return slides_document(workbook, module)

    def from_notebook_node(self, nb, resources=None, **kw):
        html, resources = super().from_notebook_node(nb, resources, **kw)
        resources.setdefault("outputs", {}).update(reveal_files())
        return html, resources


def reveal_files() -> dict[str, bytes]:
    """reveal.js, its stylesheet, the speaker-notes plugin and licence, as `reveal/<name>`."""
    return {f"reveal/{name}": (REVEAL / name).read_bytes() for name in REVEAL_FILES}
