"""Wheels with their Python already compiled, so the browser does not compile it at every visit.

Pyodide keeps no compiled files between visits: each page would compile IPython, ipywidgets and
the workbook from source again, which is most of a cold start after Pyodide itself. So every
wheel is unpacked, compiled by Pyodide's own Python 3.13 (run by node at build time: the
machine's Python is another version, whose bytecode Pyodide cannot read), and packed again with
`__pycache__/*.cpython-313.pyc` beside each source file, marked "unchecked hash" (PEP 552) so
the import system uses them without comparing file times. Sources stay, for tracebacks.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from workbook.static_edition.wheels import folder_files, write_wheel

# Run by node: Pyodide from the npm core compiles every .py under the mounted folder.
COMPILE_JS = """
const { loadPyodide } = require(process.argv[2] + "/pyodide.js");
(async () => {
  const pyodide = await loadPyodide({ indexURL: process.argv[2] + "/" });
  pyodide.mountNodeFS("/wheels", process.argv[3]);
  pyodide.runPython(`
import compileall, py_compile, sys
ok = compileall.compile_dir("/wheels", quiet=1, workers=1,
                            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
if not ok:
    sys.exit("some files did not compile")
`);
})().catch((error) => { console.error(error); process.exit(1); });
"""


def compile_wheels(core: Path, wheels: list[Path], folder: Path) -> list[Path]:
    """Each of `wheels` again in `folder`, with Pyodide's bytecode added beside its sources."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        unpacked = Path(scratch) / "wheels"
        for wheel in wheels:
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(unpacked / wheel.name)
        script = Path(scratch) / "compile.js"
        script.write_text(COMPILE_JS, encoding="utf-8")
        done = subprocess.run(["node", str(script), str(core.resolve()), str(unpacked)],
                              capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"Pyodide could not compile the wheels:\n{done.stderr[-3000:]}")
        return [repack(wheel, unpacked / wheel.name, folder) for wheel in wheels]


def repack(wheel: Path, tree: Path, folder: Path) -> Path:
    """The wheel `wheel` made again from `tree` (its files and the new bytecode), under its own
    name and dist-info folder, with its own METADATA."""
    dist_info = next(tree.glob("*.dist-info"))
    name, version = dist_info.name.removesuffix(".dist-info").rsplit("-", 1)
    written_anew = {f"{dist_info.name}/{part}" for part in ("METADATA", "WHEEL", "RECORD")}
    files = {path: data for path, data in folder_files(tree, "", include_caches=True).items()
             if path not in written_anew}
    metadata = (dist_info / "METADATA").read_text(encoding="utf-8")
    out = write_wheel(folder, name, version, files, metadata=metadata)
    if out.name != wheel.name:  # the original's own name (tags, spelling) is what the lock lists
        shutil.move(out, folder / wheel.name)
        out = folder / wheel.name
    return out
