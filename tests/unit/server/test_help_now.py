"""The "If you need help now" pages, served without a kernel: sections, sources, support details,
escaping, and the "Help now" link on every kind of page."""

from __future__ import annotations

import asyncio
import re
from urllib.parse import urljoin

import pytest
import yaml
from tornado.httpclient import AsyncHTTPClient
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port
from tornado.web import Application

from tests.conftest import SEED
from workbook.render import render
from workbook.server.busy import busy_page
from workbook.server.help_now import HelpNowHandler
from workbook.server.staying_safe import StayingSafeHandler

HELP_LINK = re.compile(r'href="(/|\.\./\.\./)help-now"')


def serve(paths: list[str]) -> dict[str, tuple[int, str]]:
    """GET each path from a server holding the help-now and staying-safe handlers."""
    app = Application([
        (r"/help-now", HelpNowHandler, {"base_url": "/"}),
        (r"/help-now/([a-z0-9-]+)", HelpNowHandler, {"base_url": "/"}),
        (r"/staying-safe", StayingSafeHandler, {"base_url": "/"}),
    ])

    async def fetch_all():
        sock, port = bind_unused_port()
        server = HTTPServer(app)
        server.add_sockets([sock])
        client = AsyncHTTPClient()
        found = {}
        for path in paths:
            response = await client.fetch(f"http://127.0.0.1:{port}{path}", raise_error=False,
                                          request_timeout=30)
            found[path] = (response.code, response.body.decode("utf-8"))
        server.stop()
        return found

    return asyncio.run(fetch_all())


def headings(markdown: str) -> list[str]:
    return [line[4:].strip() for line in markdown.splitlines() if line.startswith("### ")]


def test_each_help_page_has_its_sections_sources_and_the_support_details(workbook):
    support = workbook.support
    pages = support.help_now.pages
    assert {page.id for page in pages} == {"in-contact-with-a-child", "police-contact", "feeling-desperate"}
    served = serve([f"/help-now/{page.id}" for page in pages])
    for page in pages:
        status, html = served[f"/help-now/{page.id}"]
        assert status == 200, page.id
        assert f"<h1>{page.title}</h1>" in html
        for heading in headings(page.text):
            assert f">{heading}</h3>" in html, (page.id, heading)
        assert ">Sources</h2>" in html
        for source in page.sources:
            assert f'href="{source.url}"' in html, (page.id, source.url)
        assert support.channels[0].value in html, "the helpline's number"
        assert 'id="wb-quick-exit"' in html and HELP_LINK.search(html), "the top bar"
        if page.crisis_lines:
            for line in support.crisis.lines:
                assert line.value in html and f'href="{line.source}"' in html, line.label
            assert "Open: " + support.channels[0].hours in html
            assert "If the helpline is closed" in html
        else:
            assert 'id="support"' in html
            assert "we will pass that information on" in html, "the service's own confidentiality rule"


def test_the_index_lists_every_page_and_an_unknown_page_is_not_found(workbook):
    served = serve(["/help-now", "/help-now/no-such-page"])
    status, html = served["/help-now"]
    assert status == 200
    for page in workbook.support.help_now.pages:
        assert f'href="/help-now/{page.id}"' in html
    assert served["/help-now/no-such-page"][0] == 404


def test_help_pages_open_when_a_module_has_a_mistake(content_copy, monkeypatch):
    module = next(content_copy.glob("*/module.yml"))
    module.write_text("title: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("WORKBOOK_CONTENT", str(content_copy))
    status, html = serve(["/help-now/feeling-desperate"])["/help-now/feeling-desperate"]
    assert status == 200 and "116 123" in html


def edit_support(folder, change):
    path = folder / "support.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_hostile_text_in_support_yml_is_escaped(content_copy, monkeypatch):
    def hostile(data):
        page = data["help_now"]["pages"][2]
        page["title"] = "<script>alert(1)</script>"
        page["text"] = "Hello <img src=x onerror=alert(2)>"
        page["sources"][0]["label"] = "<b onclick=alert(3)>x</b>"
        data["crisis"]["lines"][0]["label"] = "<iframe src=javascript:alert(4)>"
        data["crisis"]["lines"][0]["hours"] = "<svg onload=alert(5)>"

    edit_support(content_copy, hostile)
    monkeypatch.setenv("WORKBOOK_CONTENT", str(content_copy))
    status, html = serve(["/help-now/feeling-desperate"])["/help-now/feeling-desperate"]
    assert status == 200
    for raw in ("<script>alert(1)", "<img src=x", "<b onclick", "<iframe", "<svg onload"):
        assert raw not in html, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_source_link_must_be_https(content_copy):
    from workbook.cli import main

    edit_support(content_copy, lambda d: d["crisis"]["lines"][0].update(source="javascript:alert(1)"))
    assert main(["check", "--content", str(content_copy)]) == 1


def test_a_crisis_line_without_a_source_fails_the_check_plainly(content_copy, capsys):
    from workbook.cli import main

    edit_support(content_copy, lambda d: d["crisis"]["lines"][1].pop("source"))
    assert main(["check", "--content", str(content_copy)]) == 1
    message = capsys.readouterr().err
    assert "support.yml" in message and "'source' is missing" in message


# Every kind of page has a "Help now" link -------------------------------------------------------

def test_module_header_and_home_link_to_help_now_from_where_they_are_served(workbook, seed):
    header = render("module_header.html.j2", module=seed, support=workbook.support)
    home = render("home.html.j2", workbook=workbook, catalogue=workbook.catalogue, support=workbook.support)
    for html in (header, home):
        href = HELP_LINK.search(html).group(0)[6:-1]
        # Module pages and the home page are served at <base>voila/render/<name>.ipynb.
        assert urljoin("https://host/base/voila/render/seed.ipynb", href) == "https://host/base/help-now"
    panel = render("support_panel.html.j2", support=workbook.support)
    for page in workbook.support.help_now.pages:
        assert f'href="../../help-now/{page.id}"' in panel, "the support panel lists the help pages"


def test_voila_pages_start_with_a_top_bar_that_links_to_help_now():
    from workbook.server.app import SHARE, top_bar

    bar = top_bar("/base/help-now", "/base/staying-safe")
    assert 'href="/base/help-now"' in bar and 'id="wb-quick-exit"' in bar
    template = (SHARE / "voila" / "templates" / "workbook" / "index.html.j2").read_text(encoding="utf-8")
    body_header = template[template.index("block body_header"):template.index("endblock body_header")]
    assert "resources.workbook.top_bar" in body_header, "the bar is HTML in the page, not added by a script"


def test_staying_safe_and_busy_pages_link_to_help_now():
    status, staying_safe = serve(["/staying-safe"])["/staying-safe"]
    assert status == 200 and 'href="/help-now"' in staying_safe
    assert 'href="/help-now"' in busy_page("/")
    assert 'href="/wb/help-now"' in busy_page("/wb/")


@pytest.mark.parametrize("with_support", [True, False])
def test_content_error_and_incomplete_notice_link_to_help_now(workbook, with_support):
    support = workbook.support if with_support else None
    error = render("content_error.html.j2", details="a mistake", support=support)
    incomplete = render("page_incomplete.html.j2", support=support)
    for html in (error, incomplete):
        assert HELP_LINK.search(html), "even when the content cannot be loaded"


def test_staying_safe_opens_while_a_module_is_broken_and_never_shows_a_path(content_copy, monkeypatch):
    (content_copy / SEED / "reflection.md").write_text("no front matter", encoding="utf-8")
    monkeypatch.setenv("WORKBOOK_CONTENT", str(content_copy))
    status, html = serve(["/staying-safe"])["/staying-safe"]
    assert status == 200 and "Not available" not in html
    (content_copy / "support.yml").write_text("channels: [", encoding="utf-8")
    status, html = serve(["/staying-safe"])["/staying-safe"]
    assert status == 500 and str(content_copy) not in html and "support.yml" not in html
