"""The "If you need help now" pages, from `help_now` in content/support.yml. Served without a
kernel, and from support.yml alone, so they open even when the server is busy or a module's
content has a mistake."""

from __future__ import annotations

from tornado.web import RequestHandler

from workbook.content.load import ContentError, load_support
from workbook.render import render

HELP_NOW_PATH = "help-now"
NOT_AVAILABLE = ("These pages cannot be shown just now. If you need help, call Samaritans free on "
                 "116 123 at any time, or 999 if a life is at risk.")


class HelpNowHandler(RequestHandler):
    """`/help-now`: the list of pages; `/help-now/<id>`: one page, its sources, the support details."""

    def initialize(self, base_url: str = "/") -> None:
        self.base_url = base_url

    def get(self, page_id: str | None = None) -> None:
        self.set_header("Cache-Control", "no-store")
        try:
            support = load_support()
        except ContentError:
            support = None
        help_now = support.help_now if support else None
        if help_now is None:
            self.set_status(503)
            self.finish(self.plain("Help now", NOT_AVAILABLE))
            return
        if not page_id:
            self.finish(render("help_now.html.j2", base_url=self.base_url, title=help_now.title,
                               support=support, page=None, details=support))
            return
        page = next((item for item in help_now.pages if item.id == page_id), None)
        if page is None:
            self.set_status(404)
            self.finish(self.plain(help_now.title, "There is no such page. The list of pages is linked at "
                                   "the top of this page.", support))
            return
        self.finish(render("help_now.html.j2", base_url=self.base_url, title=page.title,
                           support=None if page.crisis_lines else support, page=page,
                           details=support))

    def plain(self, title: str, body: str, support=None) -> str:
        return render("plain_page.html.j2", base_url=self.base_url, title=title, body=body, support=support)
