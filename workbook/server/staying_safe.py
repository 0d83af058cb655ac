"""The "staying safe" page: what quick exit does and does not do. Served without a kernel."""

from __future__ import annotations

from tornado.web import RequestHandler

from workbook.content.load import ContentError, load_support
from workbook.render import render


class StayingSafeHandler(RequestHandler):
    """Renders `staying_safe` from content/support.yml with the support details."""

    def initialize(self, base_url: str = "/") -> None:
        self.base_url = base_url

    def get(self) -> None:
        try:
            support = load_support()  # only support.yml: a mistake in a module leaves this page working
        except ContentError:  # the details are for `workbook check`; never a server path for readers
            self.set_status(500)
            self.finish(render("plain_page.html.j2", base_url=self.base_url, title="Not available",
                               body="The workbook's support details have a mistake in them, so this page "
                               "cannot open right now. Please try again later.", support=None))
            return
        self.set_header("Cache-Control", "no-store")
        self.finish(render("plain_page.html.j2", base_url=self.base_url,
                           title=support.staying_safe.title, body=support.staying_safe.text,
                           support=support))
