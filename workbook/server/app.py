"""The workbook server: Voilà with the workbook's template, home page at `/`, no file listing."""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_server.utils import url_path_join
from tornado.ioloop import IOLoop
from tornado.web import RedirectHandler
from traitlets import Instance, default
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from workbook.config import WorkbookConfig
from workbook.server.additions import (
    HOME_NOTEBOOK,
    NEUTRAL_PATH,
    QUIET_SETTINGS,
    SHARE,
    STAYING_SAFE_PATH,
    WorkbookServing,
    add_page_resources,
    content_is_sound,
    cull_idle_kernels,
    inline_assets,
    make_template_findable,
    own_pages,
    prepare_survey_store,
    security_transforms,
    set_defaults,
    top_bar,
)
from workbook.server.busy import StartGate, WorkbookVoilaHandler
from workbook.server.kernels import WorkbookKernelManager
from workbook.server.shells import ShellCache

__all__ = ["HOME_NOTEBOOK", "NEUTRAL_PATH", "SHARE", "STAYING_SAFE_PATH", "WorkbookApp", "inline_assets",
           "top_bar"]


class WorkbookApp(WorkbookServing, Voila):
    """Serve the workbook's notebooks through Voilà, locked down to the workbook's pages."""

    name = "workbook"
    description = "Serve the self-help workbook through Voilà."
    classes = [*Voila.classes, WorkbookServing, WorkbookKernelManager, WorkbookConfig]
    aliases = {**Voila.aliases, "content": "WorkbookConfig.content_dir"}
    workbook_config = Instance(WorkbookConfig, help="Content, notebooks, survey database, Chromium.")

    @default("port")
    def _default_port(self):
        return int(os.environ.get("PORT", 8866))

    @default("ip")
    def _default_ip(self):
        return "127.0.0.1"

    @default("open_browser")
    def _default_open_browser(self):
        return False

    @default("workbook_config")
    def _default_workbook_config(self):
        return WorkbookConfig(parent=self)

    @default("root_dir")
    def _default_root_dir(self):
        return str(self.workbook_config.notebooks_path)

    def initialize(self, argv=None):
        """Make the workbook template findable and the default, before Voilà reads its config."""
        make_template_findable()
        set_defaults(self.config)
        # Each notebook's page is prepared on a standby kernel before a reader asks for it
        # (--pool_size=N changes how many, --preheat_kernel=False turns it off); kernels are capped.
        self.config.VoilaConfiguration.setdefault("preheat_kernel", True)
        self.config.VoilaConfiguration.setdefault("multi_kernel_manager_class", WorkbookKernelManager)
        super().initialize(argv)
        cull_idle_kernels(self.config, self.kernel_idle_minutes)
        self.use_forked_kernels(self.config, self)
        self.workbook_config = WorkbookConfig(parent=self)  # now that every config file is read
        self.workbook_config.share_with_kernels()
        prepare_survey_store(self.workbook_config.survey_db_url, self.log)
        add_page_resources(self.voila_configuration.config, self.base_url, self.quick_exit_url)

    def start(self):
        """Serve only content that passes `workbook check`: otherwise list every problem and stop.
        Say which edition is served, when it is not the original."""
        from workbook.cli_edition import announce_edition

        if announce_edition(self.workbook_config):
            self.exit(2)
        if not content_is_sound(self.workbook_config.content_path, self.log):
            self.exit(1)
        super().start()

    def init_settings(self):
        """Voilà's settings plus security headers on every response, compressed and cached static
        files (assets.py) and an address-free log."""
        settings = super().init_settings()
        settings["transforms"] = security_transforms(self.base_url)
        settings.update(QUIET_SETTINGS)
        return settings

    def init_handlers(self):
        """Voilà's handlers, with the folder listing and contents API sent to the home page."""
        home = url_path_join(self.base_url, "voila/render", self.home_notebook)
        gate = StartGate(self.max_starting or os.cpu_count() or 1, self.start_wait_seconds)
        self.shells = None
        if self.first_pages:
            self.shells = ShellCache(self.kernel_manager, Path(self.root_dir),
                                     self.workbook_config.content_path, self.log)
            IOLoop.current().add_callback(self.shells.prepare_all)
        handlers = []
        for handler in super().init_handlers():
            pattern, cls = handler[0], handler[1]
            if cls in (TornadoVoilaTreeHandler, VoilaContentsHandler):
                handlers.append((pattern, RedirectHandler, {"url": home}))
            elif cls is TornadoVoilaHandler:
                handlers.append((pattern, WorkbookVoilaHandler, {**handler[2], "start_gate": gate,
                                                                 "shells": self.shells}))
            else:
                handlers.append(handler)
        return [*own_pages(self.base_url), *handlers]
