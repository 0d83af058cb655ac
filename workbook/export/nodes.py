"""The notebook objects export documents are made of: nbformat's, or in the reader's browser
(the static edition, where nbformat cannot load: it needs jsonschema's compiled parts) plain
mappings with the same keys and attribute access, which is all the print template reads."""

from __future__ import annotations

import uuid

try:
    from nbformat import NotebookNode
    from nbformat.v4 import new_notebook, new_raw_cell
except ImportError:  # Pyodide
    from workbook.content.structure import Node as NotebookNode

    def new_raw_cell(source: str = "", **kwargs) -> NotebookNode:
        return NotebookNode(cell_type="raw", id=uuid.uuid4().hex[:8], source=source,
                            metadata=NotebookNode(kwargs.get("metadata", {})))

    def new_notebook(**kwargs) -> NotebookNode:
        return NotebookNode(nbformat=4, nbformat_minor=5, cells=kwargs.get("cells", []),
                            metadata=NotebookNode(kwargs.get("metadata", {})))

__all__ = ["NotebookNode", "new_notebook", "new_raw_cell"]
