"""The workbook server: Voilà with the workbook's template, home page at `/`, no file listing."""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler
from traitlets import Unicode, default
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

PROJECT = Path(__file__).resolve().parent.parent
SHARE = Path(__file__).resolve().parent / "share" / "jupyter"
HOME_NOTEBOOK = "index.ipynb"


class WorkbookApp(Voila):
    """Serve the workbook's notebooks through Voilà, locked down to the workbook's pages."""

    name = "workbook"
    description = "Serve the self-help workbook through Voilà."

    content_dir = Unicode(
        "",
        config=True,
        help="Folder of the workbook's content (module text and exercises). "
        "Empty: the project's content/ folder, or $WORKBOOK_CONTENT when set.",
    )
    home_notebook = Unicode(
        HOME_NOTEBOOK, config=True, help="Notebook that `/` and any folder address open."
    )

    @default("port")
    def _default_port(self):
        return int(os.environ.get("PORT", 8866))

    @default("ip")
    def _default_ip(self):
        return "127.0.0.1"

    @default("open_browser")
    def _default_open_browser(self):
        return False

    @default("root_dir")
    def _default_root_dir(self):
        return str(PROJECT / "notebooks")

    def initialize(self, argv=None):
        """Make the workbook template findable and the default, before Voilà reads its config."""
        paths = [str(SHARE), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
        os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
        self.config.VoilaConfiguration.setdefault("template", "workbook")
        self.config.VoilaConfiguration.setdefault("theme", "light")
        super().initialize(argv)
        if self.content_dir:
            os.environ["WORKBOOK_CONTENT"] = str(Path(self.content_dir).resolve())

    def init_handlers(self):
        """Voilà's handlers, with the folder listing and contents API sent to the home page."""
        home = url_path_join(self.base_url, "voila/render", self.home_notebook)
        handlers = []
        for handler in super().init_handlers():
            pattern, cls = handler[0], handler[1]
            if cls in (TornadoVoilaTreeHandler, VoilaContentsHandler):
                handlers.append((pattern, RedirectHandler, {"url": home}))
            else:
                handlers.append(handler)
        return handlers


main = WorkbookApp.launch_instance
