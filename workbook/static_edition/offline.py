"""The static edition as one zip file, to keep and use with no network.

The zip holds the built site, a copy of serve.py (a small web server that needs only Python, on
this computer only) and a short note on how to open it. Browsers do not run the workbook from
files opened directly (Pyodide's worker needs a web address), so a local server is needed.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

HERE = Path(__file__).parent
SERVER_NAME = "serve-workbook.py"
NOTE = """Self-help workbook: offline copy

1. Unzip this folder anywhere on your computer.
2. In a terminal, in the unzipped folder, run:  python3 serve-workbook.py
3. Open http://127.0.0.1:8867/ in your browser.

Everything runs on your own computer: nothing you type leaves it. The server answers only this
computer (127.0.0.1). Any other static web server works too, serving this folder at its root.
"""


def zip_site(site: Path, target: Path) -> Path:
    """`site` (a built static edition) with the server and the note, as the zip file `target`."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} is not a built static edition (no index.html)")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(site).as_posix())
        archive.write(HERE / "serve.py", SERVER_NAME)
        archive.writestr("README.txt", NOTE)
    return target
