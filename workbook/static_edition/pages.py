"""Step two of the static build, run in the build tools' own Python (.venv-static, Voici).

`voici build` makes the site: the JupyterLite app, Pyodide's kernel and the widget extensions,
and a page per notebook with its outputs cleared. This step writes each page again from the
notebook prepared in step one (prerender.py), keeping its outputs, through the workbook's
static template. Only voici_core, voila and the standard library are imported here.

    python -m workbook.static_edition.pages SITE PREPARED_FOLDER
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from voici_core.exporter import VoiciExporter
from voici_core.tree_exporter import patch_page_config
from voila.configuration import VoilaConfiguration

TEMPLATE = "workbook-static"


class PreparedPageExporter(VoiciExporter):
    """Voici's page exporter, keeping the outputs the notebook was saved with and adding the
    workbook's resources (top bar, inline scripts) that the served edition's server adds."""

    workbook_resources: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The served template names this filter; the static template renders trainers' Markdown
        # at build time instead (prerender.py), so it must never run here.
        self.register_filter("workbook_markdown", _rendered_at_build_time)
        self.register_filter("trusted", _rendered_at_build_time)

    def cell_generator(self, nb, kernel_id):
        yield from nb.cells

    def _init_resources(self, resources):
        resources = super()._init_resources(resources)
        resources.update(self.workbook_resources)
        return resources


def _rendered_at_build_time(_source):
    raise RuntimeError("the static template met a served edition's output or Markdown cell")


def write_pages(site: Path, prepared: Path) -> list[Path]:
    """Each prepared notebook as `voici/render/<name>.html` of the built `site`."""
    lite = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))
    base_config = lite.get("jupyter-config-data", {})
    base_config["baseUrl"] = "/"  # as voici build does before making the paths relative
    PreparedPageExporter.workbook_resources = json.loads(
        (prepared / "resources.json").read_text(encoding="utf-8"))
    configuration = VoilaConfiguration(template=TEMPLATE)
    written = []
    for notebook in sorted((prepared / "notebooks").glob("*.ipynb")):
        page_config = patch_page_config(dict(base_config), Path("."), configuration)
        page_config["notebookPath"] = notebook.name
        exporter = PreparedPageExporter(voici_config=configuration, page_config=page_config,
                                        base_url=page_config["baseUrl"], notebook_path=str(notebook),
                                        files_url_prefix="../../files/")
        html, _resources = exporter.from_filename(str(notebook))
        target = site / "voici" / "render" / f"{notebook.stem}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    for path in write_pages(Path(sys.argv[1]), Path(sys.argv[2])):
        print(path)
