"""The workbook as a jupyter_server extension: `jupyter server` (or a JupyterHub single-user
server) with `--ServerApp.jpserver_extensions='{"workbook": true}'` serves the workbook that
`workbook serve` serves, with the same template, pages, headers, log, kernel cap and first pages
(additions.py). Voilà still renders every page; this extension registers Voilà's handlers itself
(with the workbook's page handler), so Voilà's own extension is not loaded beside it.

The server keeps jupyter_server's login: the workbook's pages need whatever the server asks for
(a token, the Hub's login). `workbook serve` stays Voilà's stand-alone server for anonymous
readers, which serves the pages and their kernels' widget messages and nothing else.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

import jinja2
from jupyter_server.base.handlers import FileFindHandler, path_regex
from jupyter_server.extension.application import ExtensionApp
from jupyter_server.utils import url_path_join
from jupyterlab_server.themes_handler import ThemesHandler
from tornado.web import RedirectHandler
from traitlets import Bool
from voila.configuration import VoilaConfiguration
from voila.notebook_renderer import NotebookRenderer
from voila.paths import ROOT, collect_static_paths, collect_template_paths
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.static_file_handler import MultiStaticFileHandler, TemplateStaticFileHandler
from voila.utils import get_data_dir, get_page_config, get_voila_labextensions_path
from voila.voila_kernel_manager import voila_kernel_manager_factory

from workbook.config import WorkbookConfig
from workbook.server.additions import (
    QUIET_SETTINGS,
    WorkbookServing,
    add_page_resources,
    content_is_sound,
    cull_idle_kernels,
    make_template_findable,
    own_pages,
    prepare_survey_store,
    security_transforms,
    set_defaults,
)
from workbook.server.busy import StartGate, WorkbookVoilaHandler
from workbook.server.kernels import WorkbookKernelManager
from workbook.server.readers_only import READER_MESSAGES, readers_only
from workbook.server.shells import ShellCache

# The kernel cap of `workbook serve`, as jupyter_server's kernel manager (no standby kernels:
# the first pages are sent at once, and a forked kernel starts in milliseconds).
ServerKernelManager = voila_kernel_manager_factory(WorkbookKernelManager, False, 0)


class WorkbookExtension(WorkbookServing, ExtensionApp):
    """Serve the self-help workbook from a Jupyter server (`--WorkbookExtension.x` or
    `--WorkbookServing.x` set its options)."""

    name = "workbook"
    description = "The self-help workbook, served by Voilà inside a Jupyter server."
    load_other_extensions = True
    classes = [WorkbookServing, WorkbookKernelManager, WorkbookConfig]
    readers_only = Bool(
        False, config=True,
        help="Allow only what a workbook page needs (readers_only.py): kernels take only the "
        "widgets' messages, and files, terminals, sessions and exports are refused. On for a "
        "workshop's participants (deploy/jupyterhub/); off for a trainer's own Jupyter server.",
    )

    def _link_jupyter_server_extension(self, serverapp) -> None:
        """Before the server makes its kernel manager: the workbook's defaults for it."""
        super()._link_jupyter_server_extension(serverapp)
        make_template_findable()
        config = serverapp.config
        set_defaults(config)
        cull_idle_kernels(config, self.kernel_idle_minutes)
        self.use_forked_kernels(config, serverapp)
        self.workbook_config = WorkbookConfig(parent=self)
        if self.readers_only:
            config.MappingKernelManager.setdefault("allowed_message_types", READER_MESSAGES)
            serverapp.authorizer_class = readers_only(serverapp.authorizer_class)
        if "kernel_manager_class" not in config.ServerApp:
            serverapp.kernel_manager_class = ServerKernelManager
        if "root_dir" not in config.ServerApp and "notebook_dir" not in config.ServerApp:
            serverapp.root_dir = serverapp.preferred_dir = str(self.workbook_config.notebooks_path)
        if "default_url" not in config.ServerApp:
            serverapp.default_url = url_path_join("/voila/render", self.home_notebook)
        extensions = serverapp.extension_manager.extensions
        if [extensions.pop(name) for name in list(extensions) if name.split(".")[0] == "voila"]:
            self.log.info("Voilà's own extension is not loaded: the workbook registers its handlers.")
        if not content_is_sound(self.workbook_config.content_path, self.log):
            raise SystemExit(1)  # as `workbook serve`; an Exception would leave the server up without it
        self.workbook_config.share_with_kernels()
        prepare_survey_store(self.workbook_config.survey_db_url, self.log)
        add_page_resources(config, serverapp.base_url, self.quick_exit_url)

    def initialize_settings(self) -> None:
        """Voilà's page templates, an address-free log, strict cookies and the security headers."""
        self.voila_configuration = VoilaConfiguration(parent=self.serverapp)
        template = self.voila_configuration.template
        self.template_paths = collect_template_paths(["voila", "nbconvert"], template)
        self.voila_static_paths = collect_static_paths(["voila", "nbconvert"], template)
        pages = jinja2.Environment(loader=jinja2.FileSystemLoader(self.template_paths),
                                   extensions=["jinja2.ext.i18n"], autoescape=True)
        pages.install_gettext_translations(
            gettext.translation("nbui", localedir=os.path.join(ROOT, "i18n"), fallback=True), newstyle=False)
        self.settings["voila_jinja2_env"] = pages
        self.settings.update(QUIET_SETTINGS)
        # As `workbook serve`: no MathJax, which Voilà's page would otherwise fetch from a CDN.
        self.settings.setdefault("mathjax_url", None)
        self.settings.setdefault("mathjax_config", None)
        self.serverapp.web_app.transforms.extend(security_transforms(self.serverapp.base_url))

    def initialize_handlers(self) -> None:
        """The workbook's own pages and Voilà's, with the page handler and folder views replaced."""
        serverapp = self.serverapp
        base_url = serverapp.base_url
        self.shells = None
        if self.first_pages:
            self.shells = ShellCache(serverapp.kernel_manager, Path(serverapp.root_dir),
                                     self.workbook_config.content_path, self.log, self.renderer_for)
        gate = StartGate(self.max_starting or os.cpu_count() or 1, self.start_wait_seconds)
        home = {"url": url_path_join(base_url, "voila/render", self.home_notebook)}
        labextensions = get_voila_labextensions_path(self.voila_configuration.extra_labextensions_path)

        def under(path: str) -> str:
            return url_path_join(base_url, path)

        serverapp.web_app.add_handlers(".*$", [
            *own_pages(base_url),
            (under("voila/render/(.*)"), WorkbookVoilaHandler, {
                "config": serverapp.config, "template_paths": self.template_paths,
                "voila_configuration": self.voila_configuration, "start_gate": gate, "shells": self.shells}),
            (under("voila"), RedirectHandler, home),
            (under("voila/tree" + path_regex), RedirectHandler, home),
            (under("voila/api/contents" + path_regex), RedirectHandler, home),
            (under("voila/templates/(.*)"), TemplateStaticFileHandler),
            (under("voila/static/(.*)"), MultiStaticFileHandler, {"paths": self.voila_static_paths}),
            (under("voila/api/themes/(.*)"), ThemesHandler, {
                "themes_url": "/voila/api/themes", "path": os.path.join(get_data_dir(), "themes"),
                "labextensions_path": labextensions, "no_cache_paths": ["/"]}),
            (under("voila/api/shutdown/(.*)"), VoilaShutdownKernelHandler),
            (under("voila/labextensions/(.*)"), FileFindHandler,
             {"path": labextensions, "no_cache_paths": ["/"]}),
        ])

    def renderer_for(self, notebook: str) -> NotebookRenderer:
        """Voilà's renderer for `notebook`, set up as the page handler sets it up."""
        serverapp = self.serverapp
        settings = serverapp.web_app.settings
        page_config = get_page_config(base_url=serverapp.base_url, settings=settings, log=self.log,
                                      voila_configuration=self.voila_configuration)
        return NotebookRenderer(
            voila_configuration=self.voila_configuration, traitlet_config=serverapp.config,
            notebook_path=notebook, template_paths=self.template_paths,
            config_manager=serverapp.config_manager, contents_manager=serverapp.contents_manager,
            base_url=serverapp.base_url, kernel_spec_manager=serverapp.kernel_spec_manager,
            page_config=page_config, mathjax_config=settings.get("mathjax_config"),
            mathjax_url=settings.get("mathjax_url"))

    async def _start_jupyter_server_extension(self, serverapp) -> None:
        """Once the server runs: make every notebook's first page."""
        if self.shells is not None:
            self.shells.prepare_all()


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "workbook.server.extension", "app": WorkbookExtension}]
