"""A module's running order, read from its notebook: which chapters, in what order, and the
trainer's own Markdown cells between them.

One fact, one place: the words and exercises of a chapter live in `content/`; the order a
group meets them in lives in the module's notebook, one code cell per chapter:

    page = open_module("triggers")      # header, contents, the answers panel
    page.chapter("what-triggers-are")   # one cell per chapter, in any order; delete to leave out
    page.end()                          # related modules, support, and the page's end mark

`workbook notebooks` writes a notebook in module.yml's order and records a fingerprint of the
cells it wrote. A notebook whose cells still match it has not been edited, so it follows
module.yml (and `workbook notebooks` may rewrite it); once a trainer has edited it, its order
and Markdown cells are what the app and every export show, and nothing rewrites it silently.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from workbook.config import WorkbookConfig
from workbook.content.errors import ContentError
from workbook.content.schema import ChapterEntry, ChapterFrontMatter

OPEN = 'from workbook import open_module\n\npage = open_module("{id}")'
CHAPTER = 'page.chapter("{id}")'
END = "page.end()"
OPEN_CALL = re.compile(r"""open_module\(\s*["']([^"']*)["']\s*\)""")
CHAPTER_CALL = re.compile(r"""^\s*page\.chapter\(\s*["']([^"']*)["']\s*\)\s*;?\s*$""")
END_CALL = re.compile(r"^\s*page\.end\(\s*\)\s*;?\s*$")
LEGACY_CALL = re.compile(r"""show_module\(\s*["']([^"']*)["']\s*\)""")
LEGACY_PAGE = re.compile(r"^from workbook import (show_module|show_home|show_plan)\n")
HEADING = re.compile(r"^\s{0,3}#{1,3}\s+(.+?)\s*#*\s*$")


@dataclass(frozen=True)
class Part:
    """One cell of a module notebook: "open", "chapter", "end", "text" (Markdown) or "code"."""

    kind: str
    value: str
    cell: int  # its position in the notebook, counted from 1, as JupyterLab shows cells


class Node(dict):
    """A notebook or cell as read from its JSON: keys also read (and set) as attributes, like
    nbformat's NotebookNode (export/nodes.py uses it where nbformat cannot load)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        self[name] = value


def fingerprint(nb: Node) -> str:
    """What the cells say (types and sources), ignoring outputs, counts and metadata."""
    cells = [[cell.cell_type, cell.source] for cell in nb.cells]
    return hashlib.sha256(json.dumps(cells).encode()).hexdigest()[:16]


def is_edited(nb: Node) -> bool:
    """True once someone has changed the cells `workbook notebooks` wrote."""
    written = nb.metadata.get("workbook", {}).get("written")
    if written is None:  # written before fingerprints: the one line it held then, or edited
        return not (len(nb.cells) == 1 and LEGACY_PAGE.search(nb.cells[0].source))
    return written != fingerprint(nb)


def plain_notebook(data) -> Node | None:
    """A version-4 notebook's cells and metadata read straight from its JSON (None otherwise).
    Readers' kernels read notebooks this way: nbformat's validator takes a second and megabytes
    to import, for what is only the order of a module's cells."""
    if not isinstance(data, dict) or data.get("nbformat") != 4 or not isinstance(data.get("cells"), list):
        return None
    cells = []
    for cell in data["cells"]:
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
            return None
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            source = "".join(source)
        if not isinstance(source, str):
            return None
        cells.append(Node(cell, source=source))
    metadata = data.get("metadata", {})
    return Node(data, cells=cells, metadata=metadata if isinstance(metadata, dict) else {})


def read_notebook(path: Path) -> Node | None:
    """The notebook at `path`, or None when there is none or it is not a notebook."""
    try:
        nb = plain_notebook(json.loads(path.read_text(encoding="utf-8")))
        if nb is not None:
            return nb
        import nbformat  # an older notebook version: nbformat converts it

        return nbformat.read(path, as_version=4)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - any unreadable file is reported by the caller
        return None


def parts_of(nb: Node) -> list[Part]:
    parts = []
    for number, cell in enumerate(nb.cells, start=1):
        source = cell.source.strip()
        if cell.cell_type == "markdown":
            if source:
                parts.append(Part("text", cell.source, number))
        elif cell.cell_type == "code":
            if found := OPEN_CALL.search(source):
                parts.append(Part("open", found[1], number))
            elif found := LEGACY_CALL.search(source):
                parts.append(Part("legacy", found[1], number))
            elif found := CHAPTER_CALL.match(source):
                parts.append(Part("chapter", found[1], number))
            elif END_CALL.match(source):
                parts.append(Part("end", "", number))
            elif source:
                parts.append(Part("code", source, number))
    return parts


def trainer_part(module_id: str, part: Part) -> Chapter:  # noqa: F821 - Chapter is load.py's
    """A Markdown cell as a part of the module: titled by its first heading, if it starts with one."""
    from workbook.content.load import Chapter

    lines = part.value.strip().splitlines()
    heading = HEADING.match(lines[0]) if lines else None
    title, body = (heading[1], "\n".join(lines[1:]).strip()) if heading else ("", part.value.strip())
    entry = ChapterEntry.model_construct(id=f"{module_id}-cell-{part.cell}", title=title, summary=None)
    return Chapter(entry=entry, front=ChapterFrontMatter(), blocks=(("markdown", body),) if body else (),
                   trainer=True)


def structure_problems(module, parts: list[Part], path: Path) -> list[ContentError]:
    """What stops an edited notebook from being read, in plain words, each at its cell."""
    known = [chapter.id for chapter in module.chapters]
    problems, seen = [], set()

    def problem(cell: int, text: str) -> None:
        problems.append(ContentError(path, f"cell {cell}", text, module=module.id))

    opening = [part for part in parts if part.kind == "open"]
    code = [part for part in parts if part.kind != "text"]
    if not opening or code[0] is not opening[0]:
        problem(code[0].cell if code else 1, f"the first code cell should be: {OPEN.format(id=module.id)}  "
                "(it shows the module's title, contents and the answers panel)")
    for part in opening:
        if part.value != module.id:
            problem(part.cell, f"this notebook is for module '{module.id}', so the cell should say "
                    f"open_module(\"{module.id}\"), not open_module(\"{part.value}\")")
    for part in parts:
        if part.kind == "chapter" and part.value not in known:
            problem(part.cell, f"there is no chapter '{part.value}' in {module.id}/module.yml; check the "
                    f"spelling (its chapters are: {', '.join(known)})")
        elif part.kind == "chapter" and part.value in seen:
            problem(part.cell, f"chapter '{part.value}' is shown twice; delete one of its cells")
        if part.kind == "chapter":
            seen.add(part.value)
    if not code or code[-1].kind != "end":
        problem(code[-1].cell if code else 1, "the last code cell should be: page.end()  (without it "
                "the page never shows its support details and is treated as unfinished)")
    return problems


def follow_notebook(module, path: Path) -> tuple[object, list[ContentError]]:
    """`module` in the running order its notebook at `path` sets, when a trainer has edited it;
    otherwise `module` unchanged. Also returns the notebook's problems (the module is then
    unchanged, and set aside by the caller)."""
    nb = read_notebook(path)
    if nb is None:
        if path.exists():
            return module, [ContentError(path, "", "this file is not a notebook JupyterLab can open; "
                                         "delete it and run `workbook notebooks` to write it again",
                                         module=module.id)]
        return module, []
    parts = parts_of(nb)
    if any(part.kind == "legacy" for part in parts):
        return module, []  # an older one-cell notebook: show_module() shows the module in content order
    if not is_edited(nb):
        shown = [part.value for part in parts if part.kind == "chapter"]
        in_step = shown == [entry.id for entry in module.meta.chapters]
        # written before module.yml changed: its first cell shows the module in module.yml's order
        return (module if in_step else dataclasses.replace(module, notebook_stale=True)), []
    problems = structure_problems(module, parts, path)
    if problems:
        return module, problems
    by_id = {chapter.id: chapter for chapter in module.chapters}
    order = [by_id[part.value] if part.kind == "chapter" else trainer_part(module.id, part)
             for part in parts if part.kind in ("chapter", "text")]
    chapters = tuple(chapter for chapter in order if not chapter.trainer)
    return dataclasses.replace(module, chapters=chapters, parts=tuple(order)), []


def left_out(module, path: Path) -> list[str]:
    """Chapters in module.yml that an edited notebook does not show (for `workbook notebooks`)."""
    nb = read_notebook(path)
    if nb is None or not is_edited(nb):
        return []
    shown = {part.value for part in parts_of(nb) if part.kind == "chapter"}
    return [entry.id for entry in module.meta.chapters if entry.id not in shown]


def notebooks_beside(root: Path) -> Path | None:
    """The notebooks that set the running order of `root`'s modules: the configured folder when
    `root` is the configured content, else a `notebooks/` folder beside `root`, if there is one."""
    config = WorkbookConfig()
    if config.content_path.resolve() == root.resolve():
        return config.notebooks_path
    folder = root.parent / "notebooks"
    return folder if folder.is_dir() else None


def follow_notebooks(modules: dict, notebooks: Path | None) -> list[ContentError]:
    """Put each ready module in its notebook's running order, in place; the notebooks' problems."""
    problems = []
    for module_id, module in list(modules.items()):
        if notebooks is not None and module.ready:
            modules[module_id], found = follow_notebook(module, notebooks / f"{module_id}.ipynb")
            problems += found
    return problems
