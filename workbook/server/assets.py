"""The page's scripts, styles and fonts: compressed on the way out, and kept by the browser.

A module page pulls about 5 MB of scripts and styles from Voilà and JupyterLab's widget code;
gzip makes that about a quarter, which matters on a phone's connection. The browser may keep
them for a day without asking again. Only these static files are touched: pages with a reader's
kernel in them are neither compressed nor cached.
"""

from __future__ import annotations

from tornado import httputil
from tornado.web import GZipContentEncoding

from workbook.server.upstream import restrict_gzip

STATIC_PREFIXES = ("voila/static/", "voila/labextensions/", "voila/templates/")
CACHE_SECONDS = 24 * 60 * 60


class StaticAssets(GZipContentEncoding):
    """gzip and a day's caching for static files under the server's base URL; nothing else."""

    base_url = "/"
    GZIP_LEVEL = 5

    def __init__(self, request: httputil.HTTPServerRequest) -> None:
        super().__init__(request)
        path = request.path[len(self.base_url):] if request.path.startswith(self.base_url) else ""
        self._static = path.startswith(STATIC_PREFIXES)
        restrict_gzip(self, self._static)

    def transform_first_chunk(self, status_code: int, headers: httputil.HTTPHeaders, chunk: bytes,
                              finishing: bool):
        if not self._static:
            return status_code, headers, chunk
        if status_code in (200, 304):
            headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        return super().transform_first_chunk(status_code, headers, chunk, finishing)

    def transform_chunk(self, chunk: bytes, finishing: bool) -> bytes:
        return super().transform_chunk(chunk, finishing) if self._static else chunk


def static_assets(base_url: str) -> type[StaticAssets]:
    """The transform for a server whose pages live under `base_url`."""
    return type("StaticAssets", (StaticAssets,), {"base_url": base_url})
