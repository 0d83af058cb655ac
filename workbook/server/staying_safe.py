"""The "staying safe" page: what quick exit does and does not do. Served without a kernel."""

from __future__ import annotations

from tornado.web import RequestHandler

from workbook.content.load import ContentError, load_workbook
from workbook.render import render


class StayingSafeHandler(RequestHandler):
    """Renders `staying_safe` from content/support.yml with the support details."""

    def initialize(self, base_url: str = "/") -> None:
        self.base_url = base_url

    def get(self) -> None:
        try:
            support = load_workbook().support
        except ContentError as error:
            self.set_status(500)
            self.finish(render("plain_page.html.j2", base_url=self.base_url, title="Not available",
                               body=f"The workbook's text has a mistake: {error}", support=None))
            return
        self.set_header("Cache-Control", "no-store")
        self.finish(render("plain_page.html.j2", base_url=self.base_url,
                           title=support.staying_safe.title, body=support.staying_safe.text,
                           support=support))
