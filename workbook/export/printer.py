"""PDFs printed by the system's Chromium through Playwright: one browser kept for a whole batch.

Playwright's own browser download is never used (it cannot be fetched offline); the
Debian `chromium` package is. The browser runs in one worker thread, so the printer works
from plain scripts and from inside a running event loop (a kernel, nbconvert) alike.
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor

from workbook.config import WorkbookConfig

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class PrintError(RuntimeError):
    """Chromium is missing or could not print the page."""


def chromium_path() -> str:
    """The Chromium WorkbookConfig names ($WORKBOOK_CHROMIUM, else the system's); a clear error if none."""
    named = WorkbookConfig().chromium
    found = shutil.which(named) if named else None
    if not found:
        where = f"there is none at {named}" if named else "none was found on this computer"
        raise PrintError(f"PDF export needs the Chromium browser and {where}: on Debian or Ubuntu run "
                         "`sudo apt install chromium`, or set WORKBOOK_CHROMIUM (or "
                         "--WorkbookConfig.chromium) to the path of its program.")
    return found


class PdfPrinter:
    """Print self-contained HTML pages to PDF with one headless Chromium. Use as a context manager."""

    def __init__(self, executable: str | None = None):
        self.executable = executable or chromium_path()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbook-pdf")
        self._playwright = self._browser = None

    def __enter__(self) -> PdfPrinter:
        self._worker.submit(self._start).result()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=self.executable, args=CHROMIUM_ARGS,
                handle_sigint=False, handle_sigterm=False, handle_sighup=False)
        except Exception as error:
            self._playwright.stop()
            raise PrintError(f"could not start Chromium at {self.executable}: {error}") from None

    def _print(self, html: str) -> bytes:
        page = self._browser.new_page()
        try:
            # Nothing but this page may load: any request to another address is refused.
            page.route("**/*", lambda route: route.abort())
            page.set_content(html, wait_until="load")
            page.emulate_media(media="print")
            return page.pdf(format="A4", print_background=True, prefer_css_page_size=True,
                            display_header_footer=True, header_template="<span></span>",
                            footer_template=FOOTER, margin={"top": "16mm", "bottom": "18mm",
                                                            "left": "15mm", "right": "15mm"})
        finally:
            page.close()

    def pdf(self, html: str) -> bytes:
        """The PDF of one self-contained HTML page."""
        if self._browser is None:
            self.__enter__()
        return self._worker.submit(self._print, html).result()

    def close(self) -> None:
        def stop():
            if self._browser is not None:
                self._browser.close()
            if self._playwright is not None:
                self._playwright.stop()
            self._browser = self._playwright = None

        self._worker.submit(stop).result()
        self._worker.shutdown()


FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;color:#555">'
          'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>')
