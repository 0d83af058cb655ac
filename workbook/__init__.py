"""The self-help workbook application.

Sub-packages say where their code runs: `server/` in the Voilà server process; `reader/` and
`answers/` in each reader's kernel; `content/`, `export/` and `survey/` wherever they are used.
The notebooks need only `open_module` (or `show_module`), `show_plan` and `show_home`, imported
here on first use so that the server process never loads reader code.
`_jupyter_server_extension_points` makes the package a Jupyter server extension.
"""

__version__ = "0.1.0"


def open_module(module_id: str):
    """Open one module's page (in a reader's kernel); its notebook then shows it chapter by chapter."""
    from workbook.reader.page import open_module as open_page

    return open_page(module_id)


def show_module(module_id: str):
    """Show one module's page (in a reader's kernel)."""
    from workbook.reader.page import show_module as show

    return show(module_id)


def show_plan():
    """Show the My plan page (in a reader's kernel)."""
    from workbook.reader.plan import show_plan as show

    return show()


def show_home():
    """Show the home page (in a reader's kernel)."""
    from workbook.reader.home import show_home as show

    return show()


def _jupyter_server_extension_points():
    """The workbook as a jupyter_server extension (server/extension.py): enable it with
    `--ServerApp.jpserver_extensions='{"workbook": true}'`."""
    from workbook.server.extension import WorkbookExtension

    return [{"module": "workbook.server.extension", "app": WorkbookExtension}]
