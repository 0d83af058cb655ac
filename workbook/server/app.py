"""The workbook server: Voilà with the workbook's template, home page at `/`, no file listing."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from jupyter_client.provisioning import KernelProvisionerFactory
from jupyter_server.utils import url_path_join
from tornado.ioloop import IOLoop
from tornado.web import RedirectHandler
from traitlets import Bool, Float, Instance, Int, Unicode, default
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from workbook.config import WorkbookConfig
from workbook.content.load import support_details
from workbook.render import render
from workbook.server import forked_kernels
from workbook.server.assets import static_assets
from workbook.server.busy import StartGate, WorkbookVoilaHandler
from workbook.server.hardening import NeutralPageHandler, SecurityHeaders, log_without_addresses
from workbook.server.help_now import HELP_NOW_PATH, HelpNowHandler
from workbook.server.kernels import WorkbookKernelManager
from workbook.server.shells import ShellCache
from workbook.server.staying_safe import StayingSafeHandler

SHARE = Path(__file__).resolve().parent / "share" / "jupyter"
TEMPLATE_STATIC = SHARE / "voila" / "templates" / "workbook" / "static"
INLINE_ASSETS = ("workbook.css", "workbook.js", "early.js", "attach.js", "reconnect.js")


def inline_assets() -> dict[str, str]:
    """The workbook's own small style sheet and scripts, written into each page so that its
    first paint waits for no other request."""
    assets = {name: (TEMPLATE_STATIC / name).read_text(encoding="utf-8") for name in INLINE_ASSETS}
    for name, text in assets.items():
        if "</" in text:  # would end the <style> or <script> element early
            raise ValueError(f"{name} cannot be written into the page: it contains '</'")
    return assets
def incomplete_notice() -> str:
    """What a page cut short shows at its top: it did not load, try again, the support details."""
    return render("page_incomplete.html.j2", support=support_details())


def top_bar(help_href: str, staying_safe_href: str) -> str:
    """The top bar every Voilà page starts with: quick exit, "Help now", staying safe."""
    return render("top_bar.html.j2", help_href=help_href, staying_safe_href=staying_safe_href)


HOME_NOTEBOOK = "index.ipynb"
OUTPUT_WAIT_SECONDS = 120  # --VoilaExecutor.iopub_timeout changes it
NEUTRAL_PATH = "weather"
STAYING_SAFE_PATH = "staying-safe"


class WorkbookApp(Voila):
    """Serve the workbook's notebooks through Voilà, locked down to the workbook's pages."""

    name = "workbook"
    description = "Serve the self-help workbook through Voilà."
    classes = [*Voila.classes, WorkbookKernelManager, WorkbookConfig]
    aliases = {**Voila.aliases, "content": "WorkbookConfig.content_dir"}
    workbook_config = Instance(WorkbookConfig, help="Content, notebooks, survey database, Chromium.")
    home_notebook = Unicode(
        HOME_NOTEBOOK, config=True, help="Notebook that `/` and any folder address open."
    )

    quick_exit_url = Unicode(
        "",
        config=True,
        help="Address quick exit replaces the page with. Empty: a neutral page this server serves "
        f"at /{NEUTRAL_PATH}. Any https:// address works too (it is not loaded until quick exit).",
    )
    kernel_idle_minutes = Float(
        30.0, config=True, help="Minutes after which a kernel with no open page is shut down."
    )
    max_starting = Int(
        0, config=True,
        help="Page loads prepared on new kernels at once (when no ready kernel is left). Later "
        "loads wait their turn. 0: the number of processor cores.",
    )
    first_pages = Bool(
        True, config=True,
        help="Prepare each notebook's first page once, with no reader, and send it at once to every "
        "reader, whatever the state of the kernels; the reader's own kernel is attached when ready. "
        "False: every page waits for its reader's kernel (needs preheat_kernel, on by default).",
    )
    start_wait_seconds = Float(
        20.0, config=True,
        help="How long a page load waits for its turn before the reader gets the busy page.",
    )

    fork_kernels = Bool(
        True, config=True,
        help="Fork each reader's kernel from a warm template process that has already imported "
        "what a page needs (workbook/server/forked_kernels.py): it starts in milliseconds and "
        "shares that code's memory with the other kernels. Each kernel is still its own process "
        "with its own sockets. False: start every kernel as a new `python -m ipykernel` process.",
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

    @default("workbook_config")
    def _default_workbook_config(self):
        return WorkbookConfig(parent=self)

    @default("root_dir")
    def _default_root_dir(self):
        return str(self.workbook_config.notebooks_path)

    def initialize(self, argv=None):
        """Make the workbook template findable and the default, before Voilà reads its config."""
        paths = [str(SHARE), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
        os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
        config = self.config
        config.VoilaConfiguration.setdefault("template", "workbook")
        config.VoilaConfiguration.setdefault("theme", "light")
        # Cookies last for the browser session only and never go with requests from other sites.
        config.IdentityProvider.setdefault("cookie_options", {"expires_days": None, "samesite": "Strict"})
        # Kernels talk to the server over local sockets, and ones left behind are shut down.
        config.KernelManager.setdefault("transport", "ipc")
        # Each notebook's page is prepared on a standby kernel before a reader asks for it
        # (--pool_size=N changes how many, --preheat_kernel=False turns it off); kernels are capped.
        config.VoilaConfiguration.setdefault("preheat_kernel", True)
        config.VoilaConfiguration.setdefault("multi_kernel_manager_class", WorkbookKernelManager)
        # A page's outputs can trail its cell's end by seconds on a busy processor. Wait for them
        # (nbclient gives up after 4 s and serves the page cut short); past the wait, fail loudly:
        # a page that cannot be completed says so (see PAGE_END) and is never kept as standby.
        # A trainer's own Markdown cells are rendered as content's Markdown is: raw HTML shown as text.
        config.VoilaExporter.setdefault("filters", {"workbook_markdown": "workbook.render.markdown"})
        config.VoilaExecutor.setdefault("iopub_timeout", OUTPUT_WAIT_SECONDS)
        config.VoilaExecutor.setdefault("raise_on_iopub_timeout", True)
        super().initialize(argv)
        idle = int(self.kernel_idle_minutes * 60)
        self.config.MappingKernelManager.setdefault("cull_idle_timeout", idle)
        self.config.MappingKernelManager.setdefault("cull_interval", max(1, min(60, idle // 4)))
        self.config.MappingKernelManager.setdefault("cull_connected", False)
        self.use_forked_kernels()
        self.workbook_config = WorkbookConfig(parent=self)  # now that every config file is read
        self.workbook_config.share_with_kernels()
        self.prepare_survey_store()
        resources = self.voila_configuration.config.VoilaConfiguration.resources
        resources = dict(resources) if isinstance(resources, dict) else {}
        resources["workbook"] = {
            "quick_exit_url": self.quick_exit_url or url_path_join(self.base_url, NEUTRAL_PATH),
            "staying_safe_url": url_path_join(self.base_url, STAYING_SAFE_PATH),
            "help_now_url": url_path_join(self.base_url, HELP_NOW_PATH),
            "top_bar": top_bar(url_path_join(self.base_url, HELP_NOW_PATH),
                               url_path_join(self.base_url, STAYING_SAFE_PATH)),
            "inline": inline_assets(),
            "incomplete": incomplete_notice(),
        }
        self.voila_configuration.config.VoilaConfiguration.resources = resources

    def use_forked_kernels(self) -> None:
        """Make the fork provisioner the default for kernels whose spec names none (unless turned
        off, or another default was configured)."""
        if not self.fork_kernels or "default_provisioner_name" in self.config.KernelProvisionerFactory:
            return
        forked_kernels.register()
        KernelProvisionerFactory.instance(parent=self).default_provisioner_name = forked_kernels.NAME

    def start(self):
        """Serve only content that passes `workbook check`: otherwise list every problem and stop.
        Say which edition is served, when it is not the original."""
        from workbook.cli_edition import announce_edition

        if announce_edition(self.workbook_config):
            self.exit(2)
        if not self.content_is_sound():
            self.exit(1)
        super().start()

    def content_is_sound(self) -> bool:
        """Check the content folder once before serving; print every problem if there are any."""
        from workbook.cli import report_content_error
        from workbook.content.load import ContentError, load_workbook_uncached

        folder = self.workbook_config.content_path
        try:
            workbook = load_workbook_uncached(folder)
        except ContentError as error:
            report_content_error(error)
            print("The workbook was not started. Fix the problems above, then start it again.",
                  file=sys.stderr)
            return False
        self.log.info("Serving the content in %s: %d modules", folder, len(workbook.modules))
        return True

    def prepare_survey_store(self) -> None:
        """Create or migrate the survey's tables once, before any reader's kernel writes to them."""
        from workbook.survey.store import SurveyStore

        try:
            SurveyStore(self.workbook_config.survey_db_url).engine.dispose()
        except Exception as error:  # the app still serves the workbook; the survey says it failed
            self.log.warning("The survey database is not available: %s", type(error).__name__)

    def init_settings(self):
        """Voilà's settings plus security headers on every response, compressed and cached static
        files (assets.py) and an address-free log."""
        settings = super().init_settings()
        settings["transforms"] = [SecurityHeaders, static_assets(self.base_url)]
        settings["log_function"] = log_without_addresses
        settings["xsrf_cookie_kwargs"] = {"samesite": "Strict", "expires_days": None}
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
        return [
            (url_path_join(self.base_url, NEUTRAL_PATH), NeutralPageHandler),
            (url_path_join(self.base_url, STAYING_SAFE_PATH), StayingSafeHandler,
             {"base_url": self.base_url}),
            (url_path_join(self.base_url, HELP_NOW_PATH), HelpNowHandler, {"base_url": self.base_url}),
            (url_path_join(self.base_url, HELP_NOW_PATH, "([a-z0-9-]+)"), HelpNowHandler,
             {"base_url": self.base_url}),
            *handlers,
        ]
