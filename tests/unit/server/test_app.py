"""The server's settings: the workbook template, private defaults, and nothing logged about readers."""

from __future__ import annotations

import json
import logging
import os

import pytest
from tornado.httputil import HTTPHeaders, HTTPServerRequest

from workbook.server.app import WorkbookApp
from workbook.server.hardening import SECURITY_HEADERS, SecurityHeaders, log_without_addresses


@pytest.fixture(autouse=True)
def survey_db_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_SURVEY_DB", f"sqlite:///{tmp_path / 'survey.sqlite'}")
    return tmp_path / "survey.sqlite"


def started(*argv):
    app = WorkbookApp()
    app.initialize(["--no-browser", *argv])
    return app


def test_private_defaults(survey_db_in_tmp):
    app = started()
    assert survey_db_in_tmp.exists(), "the app creates the survey's tables before any kernel runs"
    assert app.ip == "127.0.0.1" and app.port == 8866
    assert app.voila_configuration.template == "workbook"
    assert app.config.KernelManager.transport == "ipc"
    assert app.config.MappingKernelManager.cull_idle_timeout == 30 * 60
    assert app.config.MappingKernelManager.cull_connected is False
    assert app.config.IdentityProvider.cookie_options == {"expires_days": None, "samesite": "Strict"}
    resources = app.voila_configuration.config.VoilaConfiguration.resources["workbook"]
    assert resources["quick_exit_url"] == "/weather"


def test_settings_can_be_changed_from_the_command_line():
    app = started("--WorkbookApp.quick_exit_url=https://example.org/", "--WorkbookApp.kernel_idle_minutes=5",
                  "--port=9999")
    assert app.port == 9999
    assert app.config.MappingKernelManager.cull_idle_timeout == 300
    resources = app.voila_configuration.config.VoilaConfiguration.resources["workbook"]
    assert resources["quick_exit_url"] == "https://example.org/"


class FakeHandler:
    def __init__(self, request, status=200):
        self.request, self.status = request, status

    def get_status(self):
        return self.status


def test_no_address_reaches_handlers_or_the_log(caplog):
    request = HTTPServerRequest(method="GET", uri="/voila/render/x.ipynb?secret=1",
                                headers=HTTPHeaders({"X-Forwarded-For": "203.0.113.9"}))
    request.remote_ip = "198.51.100.7"
    transform = SecurityHeaders(request)
    assert request.remote_ip == "-"
    headers = HTTPHeaders()
    transform.transform_first_chunk(200, headers, b"", True)
    assert all(headers[name] == value for name, value in SECURITY_HEADERS.items())
    with caplog.at_level(logging.DEBUG, logger="workbook.access"):
        log_without_addresses(FakeHandler(request, 404))
    line = caplog.records[-1].getMessage()
    assert line.startswith("404 GET /voila/render/x.ipynb")
    assert "198.51" not in line and "203.0" not in line and "secret" not in line


def test_workbook_settings_come_from_workbook_config(content_copy, tmp_path):
    """`--WorkbookConfig.*` (or `--content`) sets the server's settings and hands them to kernels."""
    from tests.conftest import PROJECT
    from workbook.config import CHANNEL

    app = started(f"--WorkbookConfig.content_dir={content_copy}")
    assert app.workbook_config.content_path == content_copy
    assert app.root_dir == str(PROJECT / "notebooks")
    assert json.loads(os.environ[CHANNEL])["content_dir"] == str(content_copy)
    db = f"sqlite:///{tmp_path / 'other.sqlite'}"
    app = started("--content", str(tmp_path), f"--WorkbookConfig.survey_db_url={db}")
    assert json.loads(os.environ[CHANNEL])["content_dir"] == str(tmp_path)
    assert (tmp_path / "other.sqlite").exists(), "the app prepares the database the config names"


def test_workbook_config_from_a_config_file(tmp_path):
    (tmp_path / "voila.json").write_text(json.dumps(
        {"WorkbookConfig": {"notebooks_dir": str(tmp_path)}}), encoding="utf-8")
    app = started(f"--Voila.config_file_paths={tmp_path}")
    assert app.workbook_config.notebooks_path == tmp_path and app.root_dir == str(tmp_path)


def test_readers_kernels_are_forked_from_the_template_unless_turned_off():
    from jupyter_client.provisioning import KernelProvisionerFactory

    from workbook.server.forked_kernels import ForkProvisioner

    factory = KernelProvisionerFactory.instance()
    factory.default_provisioner_name = "local-provisioner"
    try:
        started()
        assert factory.default_provisioner_name == "workbook-fork"
        assert factory.provisioners["workbook-fork"].load() is ForkProvisioner
        factory.default_provisioner_name = "local-provisioner"
        started("--WorkbookApp.fork_kernels=False")
        assert factory.default_provisioner_name == "local-provisioner"
    finally:
        factory.default_provisioner_name = "local-provisioner"
