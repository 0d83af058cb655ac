"""`workbook build-static -o DIR`: the whole workbook as one folder any static web server can serve.

Steps (docs/static-edition.md): every page is run once here and saved with its outputs
(prerender.py); Pyodide's core, every wheel and a lock naming them go into the site
(pyodide_folder.py); `voici build` (in the build tools' own venv) makes the JupyterLite app;
pages.py writes each page again with its prepared outputs; the support pages and a root page
that opens the home page are added. Nothing in the site refers to another host.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from workbook.static_edition import prerender
from workbook.static_edition.bytecode import compile_wheels
from workbook.static_edition.pyodide_folder import (
    CHECKOUT,
    assemble,
    empty_packages,
    standin_wheels,
    workbook_wheel,
)
from workbook.static_edition.wheels import download

PYODIDE_NPM = "pyodide@0.29.0"  # the version jupyterlite-pyodide-kernel 0.7.0 was built for
HERE = Path(__file__).parent
TEMPLATES = [HERE / "share" / "jupyter", CHECKOUT / "workbook" / "server" / "share" / "jupyter"]
# Never ask PyPI. (Loading every package while Pyodide starts, loadPyodideOptions.packages, was
# tried: slower, 9.1 s against 7.8 s cold, bench/static_edition.py.)
LITE_CONFIG = {"jupyter-lite-schema-version": 0, "jupyter-config-data": {"litePluginSettings": {
    "@jupyterlite/pyodide-kernel-extension:kernel": {"disablePyPIFallback": True}}}}
ROOT_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Self-help workbook</title>
<meta http-equiv="refresh" content="0; url=voici/render/index.html"></head>
<body><p><a href="voici/render/index.html">Open the workbook</a></p></body></html>
"""


def say(message: str) -> None:
    print(f"[build-static] {message}", file=sys.stderr, flush=True)


def pyodide_core(cache: Path) -> Path:
    """Pyodide's core (interpreter and standard library) from npm: the checkout's node_modules
    (package.json pins it), else packed from npm once into `cache`."""
    installed = CHECKOUT / "node_modules" / "pyodide"
    if (installed / "pyodide.asm.wasm").is_file() and \
            json.loads((installed / "package.json").read_text())["version"] == PYODIDE_NPM.split("@")[1]:
        return installed
    core = cache / "npm" / "package"
    if not (core / "pyodide.asm.wasm").is_file():
        (cache / "npm").mkdir(parents=True, exist_ok=True)
        packed = subprocess.run(["npm", "pack", "--silent", PYODIDE_NPM], cwd=cache / "npm",
                                check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        shutil.unpack_archive(cache / "npm" / packed, cache / "npm")
    return core


def build(out: Path, static_python: Path, cache: Path, quick_exit_url: str = "") -> dict:
    """Build the site into `out` (replaced); returns what was built, with sizes and times."""
    started = time.monotonic()
    # Absolute, but not resolved: a venv's python is a link, and the venv is found through it.
    static_python, cache, out = (Path(os.path.abspath(path)) for path in (static_python, cache, out))
    work = cache / "work"
    shutil.rmtree(work, ignore_errors=True)
    prepared, lite = work / "prepared", work / "lite"
    say("running every page once, as the static edition shows it first")
    prerender.main(prepared, quick_exit_url)
    say("assembling Python for the browser (Pyodide and its wheels)")
    wheels_dir = work / "wheels"
    wheels_dir.mkdir(parents=True)
    pip = static_python.parent / "pip"
    wheels = download(pip, cache) + standin_wheels(wheels_dir) + empty_packages(wheels_dir)
    from workbook import __version__

    wheels.append(workbook_wheel(wheels_dir, __version__))
    core = pyodide_core(cache)
    say("compiling every wheel's Python with Pyodide's own (node)")
    wheels = compile_wheels(core, wheels, work / "compiled")
    lock = assemble(core, wheels, lite / "static" / "pyodide")
    (lite / "jupyter-lite.json").write_text(json.dumps(LITE_CONFIG), encoding="utf-8")
    # No notebooks for voici build itself: its pages would lose their outputs; pages.py writes them.
    (lite / "notebooks").mkdir()
    say("building the site with Voici")
    env = {**os.environ, "JUPYTER_PATH": os.pathsep.join(str(p) for p in TEMPLATES),
           "PYTHONPATH": str(CHECKOUT)}
    shutil.rmtree(out, ignore_errors=True)
    voici = static_python.parent / "voici"
    subprocess.run([str(voici), "build", "--contents", "notebooks", "--output-dir", str(out.resolve()),
                    "--template", "workbook-static", "--no-sourcemaps", "--no-unused-shared-packages"],
                   cwd=lite, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([str(static_python), "-m", "workbook.static_edition.pages", str(out.resolve()),
                    str(prepared.resolve())], env=env, check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(prepared / "pages", out, dirs_exist_ok=True)
    (out / "index.html").write_text(ROOT_PAGE, encoding="utf-8")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    report = {"site": str(out), "bytes": size, "wheels": len(lock["packages"]),
              "seconds": round(time.monotonic() - started, 1)}
    say(f"built {out}: {size / 1e6:.1f} MB, {report['wheels']} wheels, {report['seconds']} s")
    return report
