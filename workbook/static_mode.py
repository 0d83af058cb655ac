"""Whether this kernel serves the static edition: Python in the reader's own browser (Pyodide),
or the build that prepares that edition's pages (`WORKBOOK_STATIC=1`, workbook/static_edition/)."""

from __future__ import annotations

import os
import sys


def static_edition() -> bool:
    """True in the reader's browser and while the static edition's pages are prepared."""
    return sys.platform == "emscripten" or os.environ.get("WORKBOOK_STATIC") == "1"
