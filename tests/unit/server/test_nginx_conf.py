"""The nginx configuration the project ships (deploy/nginx/), as workbook/nginx_conf.py renders it."""

from __future__ import annotations

import re

import pytest

from workbook.nginx_conf import render_main, render_site, split_lines, templates


def site(ports=(8871, 8872, 8873)) -> str:
    return render_site(list(ports), "127.0.0.1:8080", "/logs/access.log", "/logs/error.log",
                       "/conf/workbook_proxy.conf")


def test_each_server_has_its_path_and_port_and_an_equal_share():
    text = site()
    for number, port in enumerate((8871, 8872, 8873), start=1):
        assert (f"location /w{number}/ {{ proxy_pass http://127.0.0.1:{port}; "
                "include /conf/workbook_proxy.conf; }") in text
    assert split_lines(3) == ["    33.33% w1;", "    33.33% w2;", "    * w3;"]
    assert split_lines(2) == ["    50% w1;", "    * w2;"]
    assert split_lines(1) == ["    * w1;"]
    assert 'split_clients "${request_id}" $workbook_server' in text
    assert "return 302 /$workbook_server/;" in text
    assert "listen 127.0.0.1:8080;" in text
    assert not re.search(r"@[A-Z_]+@", text), "a marker was left unfilled"


def test_no_reader_address_is_logged_or_forwarded():
    text = site()
    log_format = re.search(r"log_format workbook_private ([^;]*);", text).group(1)
    for variable in ("$remote_addr", "$http_x_forwarded_for", "$http_user_agent", "$http_referer",
                     "$request_uri", "$args", "$request "):
        assert variable not in log_format
    assert "access_log /logs/access.log workbook_private;" in text
    assert "error_log /logs/error.log crit;" in text
    proxy = (templates() / "workbook_proxy.conf").read_text(encoding="utf-8")
    directives = [line.split("#")[0] for line in (text + proxy).splitlines()]
    assert not any("$remote_addr" in line or "$proxy_add_x_forwarded_for" in line for line in directives)
    for header in ("X-Forwarded-For", "X-Real-IP", "Forwarded"):  # a reader's own proxy may send them
        assert f'proxy_set_header {header} "";' in proxy, header
    for changes_headers in ("add_header", "proxy_hide_header", "more_set_headers"):
        assert not any(changes_headers in line for line in directives), changes_headers


def test_websockets_and_streamed_pages_are_proxied():
    proxy = (templates() / "workbook_proxy.conf").read_text(encoding="utf-8")
    for directive in ("proxy_http_version 1.1;", "proxy_set_header Upgrade $http_upgrade;",
                      "proxy_set_header Connection $workbook_connection;", "proxy_buffering off;",
                      "proxy_set_header Host $http_host;"):
        assert directive in proxy


@pytest.mark.parametrize("root", [True, False])
def test_every_file_of_a_private_nginx_is_in_its_folder(tmp_path, root):
    text = render_main(tmp_path, tmp_path / "workbook.conf", run_as_root=root)
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        assert f"{kind}_temp_path {tmp_path}/temp/{kind};" in text
    assert f"include {tmp_path}/workbook.conf;" in text
    assert ("user nobody nogroup;" in text) is root


def test_no_servers_is_refused():
    with pytest.raises(ValueError):
        site(ports=())


def test_each_server_s_kernel_cap_is_a_share_of_the_free_memory(monkeypatch):
    """`workbook deploy-local` without --max-kernels: forked kernels unless the servers are told
    otherwise (it divided by the per-kernel setting's 0, "decide for me", and crashed)."""
    from workbook.cli_deploy import kernel_share
    from workbook.server.kernels import MIB

    monkeypatch.setattr("workbook.server.kernels.available_memory", lambda: (1024 + 9000) * MIB)
    assert kernel_share(2) == 9000 // 45 // 2
    assert kernel_share(2, ["--WorkbookApp.fork_kernels=False"]) == 9000 // 90 // 2
    assert kernel_share(1) == 9000 // 45
