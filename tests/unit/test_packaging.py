"""The project's files agree with each other: environment.yml, pyproject.toml, notebooks."""

from __future__ import annotations

import tomllib
import yaml

from tests.conftest import PROJECT
from widgets.notebooks import stale_notebooks


def test_environment_yml_installs_the_project_from_pyproject():
    env = yaml.safe_load((PROJECT / "environment.yml").read_text(encoding="utf-8"))
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    python = next(dep for dep in env["dependencies"] if isinstance(dep, str) and dep.startswith("python"))
    assert python.replace("python", "") == project["requires-python"]
    pip = next(dep["pip"] for dep in env["dependencies"] if isinstance(dep, dict))
    extras = set(project["optional-dependencies"])
    assert pip == [f"-e .[{','.join(sorted(extras))}]"], "conda users get the same extras as make test"
    names = [dep.split(">")[0].split("=")[0] for dep in env["dependencies"] if isinstance(dep, str)]
    assert set(names) <= {"python", "pip", "nodejs"}, "Python packages come from pyproject.toml only"


def test_notebooks_are_in_step_with_content(workbook):
    assert stale_notebooks(workbook, PROJECT / "notebooks") == []


def test_notebooks_hold_no_prose_and_no_outputs():
    import nbformat

    for path in (PROJECT / "notebooks").glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        assert all(cell.cell_type == "code" and not cell.get("outputs") for cell in nb.cells), path
        assert sum(len(cell.source.splitlines()) for cell in nb.cells) <= 5, path


def test_content_schema_doc_is_in_step(capsys):
    from widgets.cli import main

    assert main(["schema"]) == 0
    assert capsys.readouterr().out == (PROJECT / "docs" / "content-schema.json").read_text(encoding="utf-8")
