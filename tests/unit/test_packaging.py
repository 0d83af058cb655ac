"""The project's files agree with each other: environment.yml, pyproject.toml, notebooks."""

from __future__ import annotations

import tomllib
import yaml

from tests.conftest import PROJECT
from workbook.content.notebooks import stale_notebooks


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


def test_shipped_notebooks_hold_no_prose_and_no_outputs():
    """The shipped notebooks are as `workbook notebooks` writes them: one line of code per cell
    (open, a chapter, end), no prose (that is in content/) and no outputs."""
    import nbformat

    from workbook.content.structure import is_edited

    for path in (PROJECT / "notebooks").glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        assert not is_edited(nb), path
        assert all(cell.cell_type == "code" and not cell.get("outputs") for cell in nb.cells), path
        assert all(len(cell.source.splitlines()) <= 3 for cell in nb.cells), path


def test_content_schema_doc_is_in_step(capsys):
    from workbook.cli import main

    assert main(["schema"]) == 0
    assert capsys.readouterr().out == (PROJECT / "docs" / "content-schema.json").read_text(encoding="utf-8")


def test_bundled_reveal_js_is_the_pinned_npm_release():
    """The slides' reveal.js ships in the package; it must match the release package.json pins."""
    import json

    pinned = json.loads((PROJECT / "package.json").read_text())["devDependencies"]["reveal.js"]
    npm = PROJECT / "node_modules" / "reveal.js"
    assert json.loads((npm / "package.json").read_text())["version"] == pinned
    bundled = PROJECT / "workbook" / "export" / "reveal"
    for source in ("dist/reveal.js", "dist/reveal.css", "dist/plugin/notes.js", "LICENSE"):
        name = source.rsplit("/", 1)[-1]
        assert (bundled / name).read_bytes() == (npm / source).read_bytes(), f"make vendor-reveal ({name})"


def test_exporters_are_registered_with_nbconvert():
    from nbconvert.exporters import get_exporter

    from workbook.export.exporters import ModulePDFExporter, ModuleSlidesExporter

    assert get_exporter("workbook_pdf") is ModulePDFExporter
    assert get_exporter("workbook_slides") is ModuleSlidesExporter
