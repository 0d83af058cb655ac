"""Every notebook executes in a real kernel; a trainer's adapted copy of content shows its changes."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
import yaml
from markupsafe import escape
from nbclient import NotebookClient

from tests.conftest import PROJECT, SEED

NOTEBOOKS = sorted((PROJECT / "notebooks").glob("*.ipynb"))


def execute(path, monkeypatch=None, content=None):
    if content is not None:
        monkeypatch.setenv("WORKBOOK_CONTENT", str(content))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def page_text(nb) -> str:
    """All HTML shown plus all widget state (labels, legends, values), as one string."""
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", "".join(output.get("traceback", []))
            assert output.output_type != "stream" or output.name != "stderr", output.text
            parts.append(output.get("data", {}).get("text/html", ""))
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    parts.append(json.dumps(state))
    return "\n".join(parts)


def test_there_are_notebooks_for_home_and_ready_modules(workbook):
    names = {path.stem for path in NOTEBOOKS}
    plan = {"my-plan"} if workbook.plan else set()
    assert names == {"index"} | plan | {m.id for m in workbook.modules.values() if m.ready}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes_cleanly(path, workbook):
    text = page_text(execute(path))
    if path.stem == "index":
        assert text.count("wb-module-card") == len(workbook.modules)
        assert "my-plan" in text
    elif path.stem == "my-plan":
        for section in workbook.plan.sections:
            assert json.dumps(str(escape(section.title)))[1:-1] in text
    else:
        module = workbook.module(path.stem)
        for chapter in module.chapters:
            assert f'id="{chapter.id}"' in text
        for exercise in module.exercises:
            assert json.dumps(str(escape(exercise.title)))[1:-1] in text


def edit_module(content, change):
    path = content / SEED / "module.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_trainer_adaptations_show_without_touching_python(content_copy, monkeypatch):
    folder = content_copy / SEED
    # 1. change a chapter's text
    stages = folder / "different-stages.md"
    front, body = stages.read_text(encoding="utf-8").split("\n---\n", 1)
    stages.write_text(front + "\n---\nOUR GROUP'S OWN OPENING LINE.\n\n" + body, encoding="utf-8")
    # 2. add one question and remove another
    reflection = folder / "reflection.md"
    text = reflection.read_text(encoding="utf-8")
    _, front_text, body = text.split("---\n", 2)
    front_data = yaml.safe_load(front_text)
    questions = next(ex for ex in front_data["exercises"] if ex["kind"] == "questions")["questions"]
    removed = questions.pop(0)
    questions.append({"id": "trainer-added", "text": "What will you do differently this week?"})
    reflection.write_text("---\n" + yaml.safe_dump(front_data, sort_keys=False, allow_unicode=True)
                          + "---\n" + body, encoding="utf-8")
    # 3. reorder chapters, 4. drop one, 5. insert the trainer's own text between chapters
    (folder / "our-session.md").write_text(
        "---\nminutes: 5\n---\n\nTRAINER NOTE FOR THIS GROUP: we take a break here.\n", encoding="utf-8")

    def restructure(data):
        chapters = {c["id"]: c for c in data["chapters"]}
        data["chapters"] = [chapters["different-stages"], chapters["what-it-means"],
                            {"id": "our-session", "title": "Before we go on"},
                            chapters["grooming-cycle"], chapters["childs-perspective"],
                            chapters["reflection"]]
    edit_module(content_copy, restructure)

    text = page_text(execute(PROJECT / "notebooks" / f"{SEED}.ipynb", monkeypatch, content_copy))
    assert "OUR GROUP&#39;S OWN OPENING LINE." in text or "OUR GROUP'S OWN OPENING LINE." in text
    assert "What will you do differently this week?" in text
    assert json.dumps(removed["text"])[1:-1] not in text
    assert "TRAINER NOTE FOR THIS GROUP" in text
    assert 'id="different-groups"' not in text
    order = [m.group(1) for m in re.finditer(r'class="wb-chapter-title" id="([a-z-]+)"', text)]
    assert order == ["different-stages", "what-it-means", "our-session", "grooming-cycle",
                     "childs-perspective", "reflection"]


def test_staff_survey_notebook_executes(tmp_path, monkeypatch):
    from workbook.survey.store import SurveyStore

    url = f"sqlite:///{tmp_path / 'survey.sqlite'}"
    SurveyStore(url).submit(SEED, {"helpful": 5, "what-helped": "<i>the examples</i>"})
    monkeypatch.setenv("WORKBOOK_SURVEY_DB", url)
    text = page_text(execute(PROJECT / "staff" / "survey-report.ipynb"))
    assert "1 anonymous submission" in text and "&lt;i&gt;the examples&lt;/i&gt;" in text


def test_an_editions_notebook_run_as_jupyterlab_runs_it_shows_the_trainers_copy(tmp_path, monkeypatch):
    """JupyterLab starts a notebook's kernel in the notebook's folder with no workbook settings:
    the edition's notebook then shows the edition's content, in the order its cells set."""
    from workbook.cli import main

    for name in ("WORKBOOK_CONTENT", "WORKBOOK_CONFIG", "WORKBOOK_EDITION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["edition", "new", "tuesday-group", "--adapted-by", "A trainer"]) == 0
    edition = tmp_path / "tuesday-group"
    chapter = edition / "content" / SEED / "grooming-cycle.md"
    front, body = chapter.read_text(encoding="utf-8").split("\n---\n", 1)
    chapter.write_text(front + "\n---\nTHE TUESDAY GROUP'S OWN WORDS.\n\n" + body, encoding="utf-8")
    path = edition / "notebooks" / f"{SEED}.ipynb"
    nb = nbformat.read(path, as_version=4)
    cycle = next(cell for cell in nb.cells if '"grooming-cycle"' in cell.source)
    nb.cells.remove(cycle)
    nb.cells.insert(1, cycle)
    nbformat.write(nb, path)
    monkeypatch.chdir(tmp_path)  # the kernel's folder, not ours, must find the edition
    text = page_text(execute(path))
    assert "THE TUESDAY GROUP" in text
    order = [m.group(1) for m in re.finditer(r'class="wb-chapter-title" id="([a-z-]+)"', text)]
    assert order[:2] == ["grooming-cycle", "what-it-means"]
    assert re.search(r'href="#grooming-cycle">[^<]+</a>.*href="#what-it-means"', text, re.S), \
        "the contents list follows the notebook too"
