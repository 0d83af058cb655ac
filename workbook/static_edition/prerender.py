"""Step one of the static build, in the workbook's own Python: every page run once, as served.

Each notebook is run here by a real kernel with `WORKBOOK_STATIC=1`, so its outputs (text, and
each widget's early copy) go into the page and the reader can read and type at once while
Python starts in their browser. The support pages that need no kernel (help now, staying safe,
the neutral page quick exit opens) are written as plain HTML files. What the page template
needs from the workbook (its top bar, inline scripts) is handed to step two in a JSON file.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from workbook.config import WorkbookConfig
from workbook.content.errors import ContentError
from workbook.content.load import load_support
from workbook.render import markdown, render
from workbook.server.additions import (
    NEUTRAL_PATH,
    STAYING_SAFE_PATH,
    incomplete_notice,
    inline_assets,
    top_bar,
)
from workbook.server.hardening import NEUTRAL_PAGE
from workbook.server.help_now import HELP_NOW_PATH

PYODIDE_KERNEL = {"name": "python", "display_name": "Python (in this browser)", "language": "python"}
STATIC_SCRIPTS = ("static.js",)
HERE = Path(__file__).parent


def run_notebook(source: Path, out: Path, timeout: int = 120) -> Path:
    """`source` run by a fresh kernel in static mode, saved to `out` ready for Voici."""
    notebook = nbformat.read(source, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(source.parent)}})
    client.execute()
    for cell in notebook.cells:
        if cell.cell_type == "markdown":  # a trainer's own text, rendered as content's Markdown is
            cell.metadata["workbook_html"] = str(markdown(cell.source))
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                raise RuntimeError(f"{source.name} failed while it was prepared: "
                                   f"{output.get('ename')}: {output.get('evalue')}")
    notebook.metadata["kernelspec"] = PYODIDE_KERNEL
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, out)
    return out


def run_all(notebooks: Path, out: Path, workers: int = 2) -> list[Path]:
    """Every notebook of `notebooks`, run in static mode (the kernels inherit the variable)."""
    sources = sorted(notebooks.glob("*.ipynb"))
    before = os.environ.get("WORKBOOK_STATIC")
    os.environ["WORKBOOK_STATIC"] = "1"
    try:
        # Processes, not threads: two notebook clients in one process can trip zmq.
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(run_notebook, sources, [out / nb.name for nb in sources]))
    finally:
        if before is None:
            os.environ.pop("WORKBOOK_STATIC")
        else:
            os.environ["WORKBOOK_STATIC"] = before


def page_resources(quick_exit_url: str = "") -> dict:
    """What the workbook template draws around a page, for pages at the root of a static host."""
    help_now, staying_safe = f"/{HELP_NOW_PATH}/", f"/{STAYING_SAFE_PATH}/"
    inline = inline_assets()
    inline["static.js"] = (HERE / "static.js").read_text(encoding="utf-8")
    return {"workbook": {
        "quick_exit_url": quick_exit_url or f"/{NEUTRAL_PATH}/",
        "staying_safe_url": staying_safe, "help_now_url": help_now,
        "top_bar": top_bar(help_now, staying_safe), "inline": inline,
        "incomplete": incomplete_notice(),
    }}


def support_pages(site: Path) -> list[Path]:
    """Help now (each of its pages), staying safe and the neutral page, as files of the site."""
    def plain(title, body, support=None):
        return render("plain_page.html.j2", base_url="/", title=title, body=body, support=support)

    try:
        support = load_support()
    except ContentError:
        support = None
    pages = {NEUTRAL_PATH: NEUTRAL_PAGE}
    if support is not None:
        pages[STAYING_SAFE_PATH] = plain(support.staying_safe.title, support.staying_safe.text, support)
        if support.help_now is not None:
            pages[HELP_NOW_PATH] = render("help_now.html.j2", base_url="/", title=support.help_now.title,
                                          support=support, page=None, details=support)
            for page in support.help_now.pages:
                pages[f"{HELP_NOW_PATH}/{page.id}"] = render(
                    "help_now.html.j2", base_url="/", title=page.title,
                    support=None if page.crisis_lines else support, page=page, details=support)
    written = []
    for path, html in pages.items():
        target = site / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written.append(target)
    return written


def main(out: Path, quick_exit_url: str = "") -> None:
    config = WorkbookConfig()
    run_all(config.notebooks_path, out / "notebooks")
    (out / "resources.json").write_text(json.dumps(page_resources(quick_exit_url)), encoding="utf-8")
    support_pages(out / "pages")
