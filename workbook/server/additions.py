"""What the workbook adds to a Jupyter web server, whichever server runs it.

Two servers use these pieces: `workbook serve` (Voilà's own stand-alone server, app.py) and any
jupyter_server with the workbook extension enabled (extension.py: `jupyter server`, a JupyterHub
single-user server). Both get the same template, pages, headers, log and kernel settings from here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from jupyter_client.provisioning import KernelProvisionerFactory
from jupyter_server.utils import url_path_join
from traitlets import Bool, Float, Int, Unicode
from traitlets.config import Config, Configurable

from workbook.content.load import support_details
from workbook.render import render
from workbook.server import forked_kernels
from workbook.server.assets import static_assets
from workbook.server.hardening import NeutralPageHandler, SecurityHeaders, log_without_addresses
from workbook.server.help_now import HELP_NOW_PATH, HelpNowHandler
from workbook.server.staying_safe import StayingSafeHandler

SHARE = Path(__file__).resolve().parent / "share" / "jupyter"
TEMPLATE_STATIC = SHARE / "voila" / "templates" / "workbook" / "static"
INLINE_ASSETS = ("workbook.css", "workbook.js", "early.js", "attach.js", "reconnect.js")
HOME_NOTEBOOK = "index.ipynb"
OUTPUT_WAIT_SECONDS = 120  # --VoilaExecutor.iopub_timeout changes it
NEUTRAL_PATH = "weather"
STAYING_SAFE_PATH = "staying-safe"


class WorkbookServing(Configurable):
    """Settings both servers share: `--WorkbookServing.x` sets them for either, and
    `--WorkbookApp.x` or `--WorkbookExtension.x` for one."""

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
        "False: every page waits for its reader's kernel.",
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

    def use_forked_kernels(self, config: Config, parent) -> None:
        """Make the fork provisioner the default for kernels whose spec names none (unless turned
        off, or another default was configured)."""
        if not self.fork_kernels or "default_provisioner_name" in config.KernelProvisionerFactory:
            return
        forked_kernels.register()
        KernelProvisionerFactory.instance(parent=parent).default_provisioner_name = forked_kernels.NAME


def make_template_findable() -> None:
    """Put the workbook's Voilà template on the Jupyter path, before anyone looks for templates."""
    paths = [str(SHARE), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))


def set_defaults(config: Config) -> None:
    """The workbook's defaults for Voilà, kernels and cookies; anything configured wins."""
    config.VoilaConfiguration.setdefault("template", "workbook")
    config.VoilaConfiguration.setdefault("theme", "light")
    # Cookies last for the browser session only and never go with requests from other sites.
    config.IdentityProvider.setdefault("cookie_options", {"expires_days": None, "samesite": "Strict"})
    # Kernels talk to the server over local sockets, and ones left behind are shut down.
    config.KernelManager.setdefault("transport", "ipc")
    # A trainer's own Markdown cells are rendered as content's Markdown is: raw HTML shown as text.
    config.VoilaExporter.setdefault("filters", {"workbook_markdown": "workbook.render.markdown"})
    # A page's outputs can trail its cell's end by seconds on a busy processor. Wait for them
    # (nbclient gives up after 4 s and serves the page cut short); past the wait, fail loudly:
    # a page that cannot be completed says so (see PAGE_END) and is never kept as standby.
    config.VoilaExecutor.setdefault("iopub_timeout", OUTPUT_WAIT_SECONDS)
    config.VoilaExecutor.setdefault("raise_on_iopub_timeout", True)


def cull_idle_kernels(config: Config, idle_minutes: float) -> None:
    """Shut kernels down once no page has used them for `idle_minutes` (unless configured)."""
    idle = int(idle_minutes * 60)
    config.MappingKernelManager.setdefault("cull_idle_timeout", idle)
    config.MappingKernelManager.setdefault("cull_interval", max(1, min(60, idle // 4)))
    config.MappingKernelManager.setdefault("cull_connected", False)


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


def add_page_resources(config: Config, base_url: str, quick_exit_url: str) -> None:
    """What the workbook template needs to draw a page under `base_url`, in Voilà's resources."""
    resources = config.VoilaConfiguration.get("resources")
    resources = dict(resources) if isinstance(resources, dict) else {}
    help_now, staying_safe = (url_path_join(base_url, path) for path in (HELP_NOW_PATH, STAYING_SAFE_PATH))
    resources["workbook"] = {
        "quick_exit_url": quick_exit_url or url_path_join(base_url, NEUTRAL_PATH),
        "staying_safe_url": staying_safe,
        "help_now_url": help_now,
        "top_bar": top_bar(help_now, staying_safe),
        "inline": inline_assets(),
        "incomplete": incomplete_notice(),
    }
    config.VoilaConfiguration.resources = resources


def security_transforms(base_url: str) -> list:
    """Security headers on every response (and no reader's address anywhere), compressed and
    cached static files."""
    return [SecurityHeaders, static_assets(base_url)]


# An access log with no address, and cookies that last for the browser session and stay on this site.
QUIET_SETTINGS = {"log_function": log_without_addresses,
                  "xsrf_cookie_kwargs": {"samesite": "Strict", "expires_days": None}}


def own_pages(base_url: str) -> list[tuple]:
    """The workbook's pages that need no kernel: the neutral page, staying safe, help now."""
    return [
        (url_path_join(base_url, NEUTRAL_PATH), NeutralPageHandler),
        (url_path_join(base_url, STAYING_SAFE_PATH), StayingSafeHandler, {"base_url": base_url}),
        (url_path_join(base_url, HELP_NOW_PATH), HelpNowHandler, {"base_url": base_url}),
        (url_path_join(base_url, HELP_NOW_PATH, "([a-z0-9-]+)"), HelpNowHandler, {"base_url": base_url}),
    ]


def content_is_sound(folder: Path, log) -> bool:
    """Check the content folder once before serving; print every problem if there are any."""
    from workbook.cli import report_content_error
    from workbook.content.load import ContentError, load_workbook_uncached

    try:
        workbook = load_workbook_uncached(folder)
    except ContentError as error:
        report_content_error(error)
        print("The workbook was not started. Fix the problems above, then start it again.", file=sys.stderr)
        return False
    log.info("Serving the content in %s: %d modules", folder, len(workbook.modules))
    return True


def prepare_survey_store(db_url: str, log) -> None:
    """Create or migrate the survey's tables once, before any reader's kernel writes to them."""
    from workbook.survey.store import SurveyStore

    try:
        SurveyStore(db_url).engine.dispose()
    except Exception as error:  # the app still serves the workbook; the survey says it failed
        log.warning("The survey database is not available: %s", type(error).__name__)
