"""nbconvert exporters for the workbook, registered as entry points (`jupyter nbconvert --to ...`).

- `workbook_html`: a module as one self-contained, script-free HTML page (print-ready);
- `workbook_pdf`: the same printed to PDF by the system Chromium (a WebPDFExporter, see upstream.py);
- `workbook_worksheets`: one blank PDF per exercise;
- `workbook_slides`: reveal.js slides in one file, facilitator notes only in the speaker view;
- `workbook_docx`: the module (or, with the facilitator edition, the handbook) as Word DOCX.

Each takes a module notebook (or a document notebook from `documents.py`) and builds the
printable document from content, so a trainer's adapted content exports with its changes.
Output names tell editions apart: `<name>.pdf` is the readers', `<name>-facilitator.pdf` the
handbook, `<name>-worksheets.pdf` every worksheet.
"""

from __future__ import annotations

import re
from pathlib import Path

from nbconvert.exporters import HTMLExporter, SlidesExporter
from traitlets import Enum, HasTraits, Instance, Unicode, default

from workbook.config import WorkbookConfig
from workbook.content.load import Workbook, load_workbook
from workbook.export.documents import (
    EDITIONS,
    module_document,
    slides_document,
    worksheet_document,
    worksheets_document,
)
from workbook.export.docx import DOCX_MIMETYPE, html_to_docx
from workbook.export.handbook import parse_start
from workbook.export.printer import PdfPrinter
from workbook.export.upstream import PrintedPDFExporter

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
REVEAL = HERE / "reveal"


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
    start = Unicode(None, allow_none=True, help="The handbook's start time, such as 18:30: the "
                    "session plan shows clock times and breaks from it.").tag(config=True)
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
        return module_document(workbook, module, edition=self.edition, start=parse_start(self.start))

    @property
    def name_suffix(self) -> str:
        """Added to the output's name, so the handbook is never saved under the readers' name."""
        return "" if self.edition == "reader" else f"-{self.edition}"

    def workbook_resources(self, resources: dict | None) -> dict:
        resources = dict(resources or {})
        resources["workbook"] = {"css": (HERE / self.stylesheet).read_text(encoding="utf-8")}
        return resources

    def from_notebook_node(self, nb, resources=None, **kw):
        resources = self.workbook_resources(resources)
        output, resources = super().from_notebook_node(self.document(nb, resources), resources, **kw)
        resources["output_extension"] = self.name_suffix + self.file_extension
        return output, resources


class ModuleHTMLExporter(WorkbookDocuments, HTMLExporter):
    """A module as one self-contained HTML page: no scripts, no links to other hosts."""

    export_from_notebook = "Workbook module (HTML)"


class ModuleDocxExporter(ModuleHTMLExporter):
    """A module (or the handbook) as Word DOCX, from the same HTML, for trainers to edit."""

    export_from_notebook = "Workbook module (Word DOCX)"
    output_mimetype = DOCX_MIMETYPE

    @default("file_extension")
    def _file_extension_default(self):
        return ".docx"

    def from_notebook_node(self, nb, resources=None, **kw):
        html, resources = super().from_notebook_node(nb, resources, **kw)
        return html_to_docx([html]), resources


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
    name_suffix = "-worksheets"

    def worksheets(self, workbook: Workbook, module) -> dict[str, bytes]:
        """File name -> PDF, one per exercise, numbered in reading order."""
        return {f"{number:02d}-{exercise.id}.pdf": self.worksheet_pdf(workbook, module, exercise.id)
                for number, exercise in enumerate(module.exercises, start=1)}

    def worksheet_pdf(self, workbook: Workbook, module, exercise_id: str) -> bytes:
        document = worksheet_document(workbook, module, exercise_id)
        pdf, _ = ModulePDFExporter.from_notebook_node(self, document, {"metadata": {"name": exercise_id}})
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
    """Workshop slides as ONE self-contained file: reveal.js and its speaker-notes plugin inline.

    Notes are hidden by the file's own stylesheet and shown only in the speaker view (press S),
    so a copy moved or emailed alone never shows them on the projected page.
    """

    export_from_notebook = "Workbook slides (reveal.js)"
    edition = Enum(["facilitator"], "facilitator", help="Slides always carry the facilitator notes.")
    name_suffix = ""
    stylesheet = "slides.css"
    template_folder = "workbook_slides"

    def build(self, workbook: Workbook, module):
        return slides_document(workbook, module)

    def workbook_resources(self, resources: dict | None) -> dict:
        resources = super().workbook_resources(resources)
        resources["workbook"].update(reveal_inline())
        return resources


def script_safe(source: str) -> str:
    """JavaScript that cannot end the <script> element it is inlined into."""
    return re.sub(r"</(script)", r"<\\/\1", source, flags=re.IGNORECASE)


def reveal_inline() -> dict[str, str]:
    """reveal.js, its stylesheet and the speaker-notes plugin, as text to inline in the slides."""
    read = {name: (REVEAL / name).read_text(encoding="utf-8")
            for name in ("reveal.js", "notes.js", "reveal.css", "LICENSE")}
    return {"reveal_license": script_safe(read["LICENSE"].replace("*/", "* /")),
            "reveal_js": script_safe(read["reveal.js"]), "notes_js": script_safe(read["notes.js"]),
            "reveal_css": read["reveal.css"].replace("</style", "<\\/style")}
