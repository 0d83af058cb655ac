"""Word (DOCX) copies that a trainer can change in any word processor, without the toolchain.

The same print HTML the PDFs come from is turned into DOCX by pandoc (Debian's `pandoc`
package). That HTML refers to nothing outside itself (see test_no_export_points_to_another_host),
and pandoc may look for images only in an empty folder. (`--sandbox` would be stricter, but
Debian 12's pandoc 2.17 cannot write DOCX with it.)
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PANDOC_SECONDS = 120


class PandocMissing(RuntimeError):
    """pandoc is not installed: the message says how to get it, in one sentence."""


def pandoc() -> str:
    found = shutil.which("pandoc")
    if not found:
        raise PandocMissing("Word (DOCX) export needs pandoc: on Debian or Ubuntu run "
                            "`sudo apt install pandoc`, then try again.")
    return found


def html_to_docx(pages: list[str]) -> bytes:
    """One DOCX from one or more self-contained HTML pages, in order."""
    program = pandoc()
    with tempfile.TemporaryDirectory(prefix="workbook-docx-") as folder:
        inputs = []
        for number, page in enumerate(pages):
            path = Path(folder) / f"{number:03d}.html"
            path.write_text(page, encoding="utf-8")
            inputs.append(str(path))
        output = Path(folder) / "out.docx"
        nothing = Path(folder) / "no-resources"
        nothing.mkdir()
        subprocess.run([program, "--from=html", "--to=docx", f"--resource-path={nothing}",
                        "--output", str(output), *inputs],
                       check=True, capture_output=True, timeout=PANDOC_SECONDS, cwd=nothing)
        return output.read_bytes()
