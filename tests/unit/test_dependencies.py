"""Dependencies: bounds in pyproject.toml, exact pins in constraints.txt, and installs that use them."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys

import tomllib
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import PROJECT

# What the code reaches into or builds on closely: a new major (or 0.x minor) release must be
# tried with `make try-latest` before it is allowed.
COUPLED = ("voila", "nbconvert", "anywidget", "jupyter-server", "ipywidgets", "jupyterlab")


def requirements() -> list[Requirement]:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values()
                                          for r in extra)]
    return [Requirement(line) for line in listed]


def pins() -> dict[str, str]:
    found: dict[str, str] = {}
    for line in (PROJECT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s=;]+)", line)
        assert match, f"not an exact pin: {line!r}"
        name = canonicalize_name(match[1])
        assert name not in found, f"{name} pinned twice"
        found[name] = match[2]
    return found


def test_constraints_say_how_to_regenerate_them():
    header = (PROJECT / "constraints.txt").read_text(encoding="utf-8").split("\n", 4)[:4]
    assert any("make constraints" in line and "pip freeze --exclude-editable" in line for line in header)


def test_every_requirement_is_pinned_to_a_version_its_bounds_allow():
    pinned = pins()
    for requirement in requirements():
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is not in constraints.txt"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"constraints.txt pins {name}=={pinned[name]}, outside {requirement.specifier}")


def test_what_the_code_couples_to_has_an_upper_bound():
    bounded = {canonicalize_name(r.name) for r in requirements()
               if any(spec.operator in ("<", "<=", "==", "~=") for spec in r.specifier)}
    assert set(COUPLED) <= bounded, sorted(set(COUPLED) - bounded)


def test_make_installs_from_the_constraints():
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    installs = re.findall(r"^\t\$\(BIN\)/pip install .*$", makefile, flags=re.M)
    assert installs and all("-c constraints.txt" in line for line in installs), installs
    assert re.search(r"^try-latest:", makefile, flags=re.M)


def base_requirements() -> list[Requirement]:
    """What `make run` installs: the project's dependencies without any extra."""
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(line) for line in project["dependencies"]]


def installed_closure(names: set[str]) -> set[str]:
    """`names` and everything they require (without extras), as installed in this environment."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        for line in importlib.metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


# Code that runs in another Python than the one `make run` installs: the static edition's
# stand-ins run in the reader's browser (Pyodide: `js`, `pyodide`), and its page step in the
# build tools' venv (`make static-deps`: voici_core).
OTHER_PYTHONS = ("workbook/static_edition/standins/", "workbook/static_edition/pages.py")


def imported_top_level_names() -> set[str]:
    """Every third-party package the app's code (workbook/, widgets/) imports, wherever it does."""
    names = set()
    for folder in ("workbook", "widgets"):
        for path in (PROJECT / folder).rglob("*.py"):
            if path.relative_to(PROJECT).as_posix().startswith(OTHER_PYTHONS):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"workbook", "widgets"}


def test_the_exports_and_the_survey_report_need_no_extra():
    base = {canonicalize_name(r.name) for r in base_requirements()}
    assert {"playwright", "matplotlib", "textstat"} <= base, "make run installs no extra"


def test_every_import_of_every_command_comes_with_the_base_install():
    """`workbook export --to pdf`, `survey-report`, `quality`...: what any command imports is a
    base dependency or one of theirs, so it works after `make run` alone."""
    provided = installed_closure({r.name for r in base_requirements()})
    owners = importlib.metadata.packages_distributions()
    missing = {name: owners.get(name) for name in imported_top_level_names()
               if not {canonicalize_name(d) for d in owners.get(name, [])} & provided}
    assert not missing, f"imported, but only installed by an extra (or not at all): {missing}"
