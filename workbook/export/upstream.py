"""The one place the exports lean on nbconvert beyond the API it documents.

nbconvert's `WebPDFExporter` renders HTML, then hands it to its `run_playwright` method, which
starts a browser of its own. The workbook prints with the system Chromium instead (printer.py),
so it takes over that method here. If an upgrade renames it, tests/unit/test_upstream.py fails;
fix it here only.
"""

from __future__ import annotations

from nbconvert.exporters import WebPDFExporter

PRINT_STEP = "run_playwright"


class PrintedPDFExporter(WebPDFExporter):
    """nbconvert's HTML-to-PDF exporter, with the printing step left to `print_html`."""

    def print_html(self, html: str) -> bytes:
        raise NotImplementedError

    def run_playwright(self, html: str) -> bytes:
        return self.print_html(html)
