"""Write the notebooks from content: one per ready module (a cell per chapter), the home page and
My plan. A notebook a trainer has edited is never overwritten (see content/structure.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from workbook.content.load import Module, Workbook
from workbook.content.plan import PLAN_ID
from workbook.content.structure import CHAPTER, END, OPEN, fingerprint, is_edited, left_out, read_notebook

KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}


def notebook(title: str, sources: list[str], **workbook_metadata) -> nbformat.NotebookNode:
    """A notebook of code cells, marked with the fingerprint of what was written."""
    nb = nbformat.v4.new_notebook(metadata={"title": title, "kernelspec": KERNEL,
                                            "language_info": {"name": "python"},
                                            "workbook": workbook_metadata})
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    for number, cell in enumerate(nb.cells):
        cell.id = "workbook" if number == 0 else f"workbook-{number}"
    nb.metadata.workbook["written"] = fingerprint(nb)
    return nb


def module_notebook(module: Module) -> nbformat.NotebookNode:
    """The module's page in module.yml's order: open, a cell per chapter, end."""
    chapters = [CHAPTER.format(id=entry.id) for entry in module.meta.chapters]
    return notebook(module.meta.title, [OPEN.format(id=module.id), *chapters, END], module=module.id)


def expected_notebooks(workbook: Workbook) -> dict[str, nbformat.NotebookNode]:
    """File name -> notebook, for the home page, every ready module and My plan."""
    result = {"index.ipynb": notebook(workbook.catalogue.title,
                                      ["from workbook import show_home\n\nhome = show_home()"], page="home")}
    for module in workbook.modules.values():
        if module.ready:
            result[f"{module.id}.ipynb"] = module_notebook(module)
    if workbook.plan is not None:
        result[f"{PLAN_ID}.ipynb"] = notebook(
            workbook.plan.title, ["from workbook import show_plan\n\npage = show_plan()"], page=PLAN_ID)
    return result


def as_text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


@dataclass
class NotebookReport:
    """What `write_notebooks` did: written, kept (edited by someone) with what they leave out."""

    written: list[str] = field(default_factory=list)
    kept: dict[str, list[str]] = field(default_factory=dict)  # name -> chapters the edit leaves out
    stale: list[str] = field(default_factory=list)  # unedited and out of step (check only)


def write_notebooks(workbook: Workbook, folder: Path, reset: tuple[str, ...] = (),
                    check: bool = False) -> NotebookReport:
    """Write each notebook that is missing or out of step with content, unless someone has edited it.
    Names in `reset` are written afresh even when edited (their old copy kept as NAME.before-reset.ipynb).
    With `check`, nothing is written: the report says what would be."""
    report = NotebookReport()
    folder.mkdir(parents=True, exist_ok=True) if not check else None
    for name, nb in expected_notebooks(workbook).items():
        path = folder / name
        current = read_notebook(path)
        if current is not None and is_edited(current) and Path(name).stem not in reset:
            module = workbook.modules.get(Path(name).stem)
            report.kept[name] = left_out(module, path) if module else []
            continue
        if path.exists() and path.read_text(encoding="utf-8") == as_text(nb):
            continue
        if check:
            report.stale.append(name)
            continue
        if path.exists() and Path(name).stem in reset:
            path.replace(path.with_name(f"{path.stem}.before-reset.ipynb"))
        path.write_text(as_text(nb), encoding="utf-8")
        report.written.append(name)
    return report


def stale_notebooks(workbook: Workbook, folder: Path) -> list[str]:
    """Names of notebooks missing, or unedited and out of step with content (edited ones are the
    trainer's and are never called stale)."""
    return write_notebooks(workbook, folder, check=True).stale
