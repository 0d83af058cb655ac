"""Write the thin notebooks from content: one per ready module, plus the home page."""

from __future__ import annotations

from pathlib import Path

import nbformat

from workbook.content.load import Workbook
from workbook.content.plan import PLAN_ID

KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}


def notebook(title: str, source: str, **workbook_metadata) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(metadata={"title": title, "kernelspec": KERNEL,
                                            "language_info": {"name": "python"},
                                            "workbook": workbook_metadata})
    cell = nbformat.v4.new_code_cell(source)
    cell.id = "workbook"
    nb.cells = [cell]
    return nb


def expected_notebooks(workbook: Workbook) -> dict[str, nbformat.NotebookNode]:
    """File name -> notebook, for the home page, every ready module and My plan."""
    result = {"index.ipynb": notebook(workbook.catalogue.title,
                                      "from workbook import show_home\n\nhome = show_home()", page="home")}
    for module in workbook.modules.values():
        if module.ready:
            result[f"{module.id}.ipynb"] = notebook(
                module.meta.title,
                f'from workbook import show_module\n\npage = show_module("{module.id}")',
                module=module.id)
    if workbook.plan is not None:
        result[f"{PLAN_ID}.ipynb"] = notebook(
            workbook.plan.title, "from workbook import show_plan\n\npage = show_plan()", page=PLAN_ID)
    return result


def write_notebooks(workbook: Workbook, folder: Path) -> list[str]:
    """Write any notebook that differs from content; return the names written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, nb in expected_notebooks(workbook).items():
        text = nbformat.writes(nb) + "\n"
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(name)
    return written


def stale_notebooks(workbook: Workbook, folder: Path) -> list[str]:
    """Names of notebooks missing or out of step with content."""
    return [name for name, nb in expected_notebooks(workbook).items()
            if not (folder / name).exists()
            or (folder / name).read_text(encoding="utf-8") != nbformat.writes(nb) + "\n"]
