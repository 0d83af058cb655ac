"""The Python the reader's browser runs: Pyodide's core from npm, every wheel, and a lock naming them.

Pyodide's npm package holds only the interpreter and the standard library; its lock lists
packages whose files are not in it. The folder made here holds the core, the wheels the pages
need (PyPI's pure wheels, repacked source releases, the workbook's own wheel and the stand-ins
for packages with compiled parts) and a pyodide-lock.json that lists exactly those, with their
real hashes, so nothing is ever asked of another host.
"""

from __future__ import annotations

import json
import shutil
from importlib.resources import files as files_of
from pathlib import Path

from packaging.utils import canonicalize_name, parse_wheel_filename

from workbook.static_edition.wheels import describe, folder_files, write_wheel

CORE_FILES = ("pyodide.asm.js", "pyodide.asm.wasm", "pyodide.js", "pyodide.mjs",
              "python_stdlib.zip", "package.json")
PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # workbook/
CHECKOUT = PACKAGE_ROOT.parent
STANDINS = Path(__file__).parent / "standins"
# What the workbook's pages import in the browser (its own wheel depends on these).
WORKBOOK_NEEDS = ("ipywidgets", "anywidget", "traitlets", "pydantic", "cryptography", "pyyaml",
                  "jinja2", "markupsafe", "markdown-it-py", "platformdirs", "typing-extensions")
# Server-only parts of the package: never imported by a page, so not shipped to the browser.
SERVER_ONLY = ("server", "static_edition", "export/reveal", "bundled")


def workbook_wheel(folder: Path, version: str) -> Path:
    """The workbook's own wheel for the browser: widgets/, the reader side of workbook/, and the
    content and notebooks in force (the edition's, if one is; see WorkbookConfig) as
    workbook/bundled/, where the browser's copy finds them with no setting."""
    from workbook.config import WorkbookConfig

    config = WorkbookConfig()
    files = folder_files(Path(str(files_of("widgets"))), "widgets")
    for path, data in folder_files(PACKAGE_ROOT, "workbook").items():
        inner = path.split("/", 1)[1]
        if not any(inner == part or inner.startswith(part + "/") for part in SERVER_ONLY):
            files[path] = data
    for name, source in (("content", config.content_path), ("notebooks", config.notebooks_path)):
        files.update(folder_files(Path(source), f"workbook/bundled/{name}"))
    return write_wheel(folder, "workbook", version, files, WORKBOOK_NEEDS)


def standin_wheels(folder: Path) -> list[Path]:
    """pydantic and cryptography for the browser (see standins/): the same names, pure Python."""
    from workbook.static_edition.bundle_crypto import build_bundle

    made = []
    for package, version in (("pydantic", "2.99.0+workbook"), ("cryptography", "99.0.0+workbook")):
        source = STANDINS / package
        if not source.is_dir():
            continue
        files = {path: data for path, data in folder_files(source, package).items()
                 if not path.endswith("/_bundle.js")}
        if package == "cryptography":  # its JavaScript half (noble's scrypt and AES-GCM), bundled now
            bundle = build_bundle(folder / "_bundle.js")
            files["cryptography/_bundle.js"] = bundle.read_bytes()
        made.append(write_wheel(folder, package, version, files))
    return made


def empty_packages(folder: Path) -> list[Path]:
    """Packages the kernel installs at start that a page never uses, as empty wheels: sqlite3
    (Pyodide's own build, on no package index; IPython's history is off in the kernel) and jedi
    (code completion as one types; IPython does without it). Each saves download and start time."""
    return [write_wheel(folder, name, "0.0.0+empty", {}) for name in ("sqlite3", "jedi")]


def assemble(core: Path, wheels: list[Path], out: Path) -> dict:
    """Copy the core and `wheels` into `out` and write its pyodide-lock.json; returns the lock."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for name in CORE_FILES:
        shutil.copy2(core / name, out / name)
    base = json.loads((core / "pyodide-lock.json").read_text(encoding="utf-8"))
    by_name = {canonicalize_name(parse_wheel_filename(w.name)[0]): w for w in wheels}
    packages = {}
    for name, wheel in sorted(by_name.items()):
        packages[name] = describe(wheel, set(by_name))
        shutil.copy2(wheel, out / wheel.name)
    for name in ("sqlite3", "jedi"):
        if name in packages:
            packages[name]["imports"] = []
    lock = {"info": base["info"], "packages": packages}
    (out / "pyodide-lock.json").write_text(json.dumps(lock, indent=1), encoding="utf-8")
    return lock
