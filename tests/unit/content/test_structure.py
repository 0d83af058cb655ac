"""A module's notebook sets its running order; a trainer's edit is followed and never overwritten."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from tests.conftest import PROJECT, SEED
from workbook.cli import main
from workbook.content.load import ContentError, load_workbook_uncached
from workbook.content.notebooks import stale_notebooks, write_notebooks
from workbook.content.structure import is_edited

CHAPTERS = ["what-it-means", "different-groups", "different-stages", "grooming-cycle",
            "childs-perspective", "reflection"]


@pytest.fixture
def edition(tmp_path, content_copy):
    """A content copy with its own notebooks beside it, as `workbook edition new` lays them out."""
    shutil.copytree(PROJECT / "notebooks", tmp_path / "notebooks")
    return tmp_path


def seed_notebook(edition):
    return nbformat.read(edition / "notebooks" / f"{SEED}.ipynb", as_version=4)


def save(edition, nb):
    nbformat.write(nb, edition / "notebooks" / f"{SEED}.ipynb")


def chapter_cell(nb, chapter_id):
    return next(cell for cell in nb.cells if f'"{chapter_id}"' in cell.source and "chapter" in cell.source)


def adapt(edition):
    """What a trainer does in JupyterLab: move a chapter up, delete one, add two Markdown cells."""
    nb = seed_notebook(edition)
    stages, groups = chapter_cell(nb, "different-stages"), chapter_cell(nb, "different-groups")
    nb.cells.remove(stages)
    nb.cells.insert(1, stages)
    nb.cells.remove(groups)
    at = nb.cells.index(chapter_cell(nb, "grooming-cycle"))
    nb.cells.insert(at, nbformat.v4.new_markdown_cell("## Before the break\n\nOUR GROUP TAKES TEN MINUTES."))
    nb.cells.insert(at, nbformat.v4.new_markdown_cell("A LINE THAT CLOSES THE CHAPTER BEFORE."))
    save(edition, nb)


def load(edition):
    return load_workbook_uncached(edition / "content", edition / "notebooks")


def test_written_notebooks_are_one_cell_per_chapter_and_unedited():
    nb = nbformat.read(PROJECT / "notebooks" / f"{SEED}.ipynb", as_version=4)
    assert [cell.source for cell in nb.cells] == (
        [f'from workbook import open_module\n\npage = open_module("{SEED}")']
        + [f'page.chapter("{chapter}")' for chapter in CHAPTERS] + ["page.end()"])
    assert not is_edited(nb)
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="run in JupyterLab")]
    nb.cells[1].execution_count = 3
    assert not is_edited(nb), "running a notebook is not editing it"
    nb.cells.insert(2, nbformat.v4.new_markdown_cell("Hello"))
    assert is_edited(nb)


def test_an_edited_notebook_sets_the_order_and_adds_the_trainers_text(edition):
    adapt(edition)
    module = load(edition).modules[SEED]
    assert [chapter.id for chapter in module.chapters] == [
        "different-stages", "what-it-means", "grooming-cycle", "childs-perspective", "reflection"]
    parts = module.numbered()
    assert [(number, part.title) for number, part in parts][:5] == [
        (1, module.chapters[0].title), (2, module.chapters[1].title), (None, ""), (None, "Before the break"),
        (3, module.chapters[2].title)]
    assert parts[2][1].blocks == (("markdown", "A LINE THAT CLOSES THE CHAPTER BEFORE."),)
    assert parts[3][1].blocks == (("markdown", "OUR GROUP TAKES TEN MINUTES."),)
    assert not any(chapter.id == "different-groups" for chapter in module.running_order)
    in_content = load_workbook_uncached(edition / "content", notebooks=False).modules[SEED]
    deleted = next(c for c in in_content.chapters if c.id == "different-groups")
    assert not {e.id for e in deleted.exercises} & {e.id for e in module.exercises}


def test_without_notebooks_beside_it_content_keeps_module_yml_order(content_copy):
    module = load_workbook_uncached(content_copy).modules[SEED]
    assert [chapter.id for chapter in module.chapters] == CHAPTERS
    assert module.running_order == module.chapters


@pytest.mark.parametrize("change, cell, words", [
    (lambda nb: setattr(nb.cells[2], "source", 'page.chapter("diferent-groups")'), 3,
     ["no chapter 'diferent-groups'", "check the spelling", "what-it-means, different-groups"]),
    (lambda nb: nb.cells.pop(), 7, ["the last code cell should be: page.end()"]),
    (lambda nb: setattr(nb.cells[0], "source", 'page = open_module("triggers")'), 1,
     ["so the cell should say open_module(\"sexual-communication"]),
    (lambda nb: nb.cells.insert(3, nbformat.v4.new_code_cell('page.chapter("different-groups")')), 4,
     ["shown twice"]),
])
def test_a_mistake_in_a_notebook_names_the_cell_in_plain_words(edition, change, cell, words, capsys):
    nb = seed_notebook(edition)
    change(nb)
    save(edition, nb)
    with pytest.raises(ContentError) as raised:
        load(edition)
    problem = next(p for p in raised.value.problems if p.module == SEED)
    assert problem.where == f"cell {cell}"
    for word in words:
        assert word in problem.expected
    assert main(["check", "--content", str(edition / "content")]) == 1
    err = capsys.readouterr().err
    assert f"{SEED}.ipynb (cell {cell})" in err and "Traceback" not in err


def test_workbook_notebooks_never_overwrites_an_edit(edition, capsys):
    adapt(edition)
    path = edition / "notebooks" / f"{SEED}.ipynb"
    before = path.read_text(encoding="utf-8")
    assert main(["notebooks", "--content", str(edition / "content")]) == 0
    assert path.read_text(encoding="utf-8") == before
    out = capsys.readouterr().out
    assert f"kept your edited notebooks/{SEED}.ipynb" in out.replace(str(edition) + "/", "")
    assert "leaves out different-groups" in out and 'page.chapter("different-groups")' in out
    assert main(["notebooks", "--content", str(edition / "content"), "--check"]) == 0, \
        "an edited notebook is the trainer's, never 'out of step'"
    assert main(["check", "--content", str(edition / "content")]) == 0


def test_reset_starts_again_from_content_and_keeps_the_edit_beside_it(edition):
    adapt(edition)
    path = edition / "notebooks" / f"{SEED}.ipynb"
    edited = path.read_text(encoding="utf-8")
    assert main(["notebooks", "--content", str(edition / "content"), "--reset", SEED]) == 0
    assert not is_edited(nbformat.read(path, as_version=4))
    assert (edition / "notebooks" / f"{SEED}.before-reset.ipynb").read_text(encoding="utf-8") == edited


def test_an_unedited_notebook_follows_a_changed_module_yml(edition):
    """The text route: reorder module.yml; the unedited notebook is rewritten, and until then the
    page shows module.yml's order all at once."""
    module_yml = edition / "content" / SEED / "module.yml"
    text = module_yml.read_text(encoding="utf-8")
    first = text.index("  - id: what-it-means")
    second = text.index("  - id: different-groups")
    module_yml.write_text(text[:first] + text[second:text.index("references:")] + text[first:second]
                          + text[text.index("references:"):], encoding="utf-8")
    module = load(edition).modules[SEED]
    assert module.notebook_stale and module.chapters[0].id == "different-groups"
    workbook = load_workbook_uncached(edition / "content", notebooks=False)
    assert stale_notebooks(workbook, edition / "notebooks") == [f"{SEED}.ipynb"]
    assert write_notebooks(workbook, edition / "notebooks").written == [f"{SEED}.ipynb"]
    assert not load(edition).modules[SEED].notebook_stale
