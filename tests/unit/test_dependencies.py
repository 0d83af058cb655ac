"""Dependencies: bounds in pyproject.toml, exact pins in constraints.txt, and installs that use them."""

from __future__ import annotations

import re

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
