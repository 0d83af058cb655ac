"""The workbook as a jupyter_server extension, set up in a real ServerApp (everything but listening):
the same defaults and additions as `workbook serve`, its options, and a refusal on broken content."""

from __future__ import annotations

import subprocess
import sys

import pytest
from jupyter_server.serverapp import ServerApp

from tests.conftest import PROJECT
from workbook.server.busy import WorkbookVoilaHandler
from workbook.server.extension import ServerKernelManager
from workbook.server.hardening import SecurityHeaders, log_without_addresses

ENABLED = "--ServerApp.jpserver_extensions=workbook=True"


@pytest.fixture(autouse=True)
def survey_db_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_SURVEY_DB", f"sqlite:///{tmp_path / 'survey.sqlite'}")
    monkeypatch.chdir(tmp_path)


def started(*argv) -> ServerApp:
    app = ServerApp()
    app.initialize(argv=[ENABLED, "--no-browser", "--allow-root", *argv], new_httpserver=False)
    return app


def handler_for(app: ServerApp, path: str):
    """The handler class tornado would pick for a GET of `path` (the first rule that matches)."""
    request = type("Request", (), {"path": path, "host": "127.0.0.1", "host_name": "127.0.0.1"})()
    for rule in app.web_app.default_router.rules:
        if rule.matcher.match(request) is None:
            continue
        for inner in getattr(rule.target, "rules", []):
            if inner.matcher.match(request) is not None:
                return inner.target
    return None


def test_the_server_gets_the_workbook_s_defaults(survey_db_in_tmp):
    app = started()
    assert isinstance(app.kernel_manager, ServerKernelManager), "the kernel cap of `workbook serve`"
    assert app.root_dir == str(PROJECT / "notebooks")
    assert app.default_url == "/voila/render/index.ipynb"
    assert app.config.KernelManager.transport == "ipc"
    assert app.config.MappingKernelManager.cull_idle_timeout == 30 * 60
    assert app.config.VoilaConfiguration.template == "workbook"
    assert app.web_app.settings["log_function"] is log_without_addresses
    assert SecurityHeaders in app.web_app.transforms
    assert app.web_app.settings["mathjax_url"] is None, "no MathJax from a CDN"
    assert handler_for(app, "/voila/render/index.ipynb") is WorkbookVoilaHandler
    assert "voila.server_extension" not in app.extension_manager.extensions


def test_options_are_set_as_for_workbook_serve(tmp_path):
    app = started("--WorkbookExtension.kernel_idle_minutes=5",
                  "--WorkbookServing.quick_exit_url=https://example.org/", f"--ServerApp.root_dir={tmp_path}")
    assert app.config.MappingKernelManager.cull_idle_timeout == 300
    assert app.config.VoilaConfiguration.resources["workbook"]["quick_exit_url"] == "https://example.org/"
    assert app.root_dir == str(tmp_path), "a configured folder wins"


def test_broken_content_stops_the_server_with_the_problems_listed(content_copy, tmp_path):
    (content_copy / "triggers" / "module.yml").write_text("title: [unclosed\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "jupyter_server", ENABLED, "--allow-root", "--no-browser", "--port=0",
         f"--WorkbookConfig.content_dir={content_copy}"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "triggers" in done.stderr and "The workbook was not started" in done.stderr


def test_readers_only_allows_what_a_page_needs_and_nothing_else():
    app = started("--WorkbookExtension.readers_only=True")
    allowed = app.authorizer.is_authorized
    assert allowed(None, object(), "execute", "kernels") and allowed(None, object(), "write", "kernels")
    for action, resource in (("write", "contents"), ("read", "contents"), ("execute", "terminals"),
                             ("write", "sessions"), ("write", "server"), ("read", "nbconvert")):
        assert not allowed(None, object(), action, resource), (action, resource)
    assert "execute_request" not in app.kernel_manager.allowed_message_types
    assert "comm_msg" in app.kernel_manager.allowed_message_types


def test_without_readers_only_the_server_is_left_as_it_was():
    app = started()
    assert app.authorizer.is_authorized(None, object(), "write", "contents")
    assert app.kernel_manager.allowed_message_types == []
