"""What the server adds so it keeps nothing about readers: headers, cookie rules, a quiet log.

- every response, error pages and static files included, carries the security headers below;
- the access log records method, path (without query), status and time: never an address;
- a neutral page that quick exit lands on, served by the server itself.
"""

from __future__ import annotations

import logging

from tornado import httputil
from tornado.web import OutputTransform, RequestHandler

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    # Voilà writes small inline scripts into the page; anywidget imports its modules from blob: URLs.
    "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

access_log = logging.getLogger("workbook.access")


class SecurityHeaders(OutputTransform):
    """Set the security headers on every response, whichever handler made it.

    Made for each request before its handler runs, it also blanks the client's address, so no
    handler, log line or error message of the server can record where a reader came from.
    """

    def __init__(self, request: httputil.HTTPServerRequest) -> None:
        super().__init__(request)
        request.remote_ip = "-"

    def transform_first_chunk(self, status_code: int, headers: httputil.HTTPHeaders, chunk: bytes,
                              finishing: bool):
        for name, value in SECURITY_HEADERS.items():
            headers[name] = value
        return status_code, headers, chunk


def log_without_addresses(handler: RequestHandler) -> None:
    """Access log line with no IP, no query string, no user agent, no referrer."""
    status = handler.get_status()
    level = logging.DEBUG if status < 300 or status == 304 else (
        logging.INFO if status < 400 else logging.WARNING if status < 500 else logging.ERROR)
    access_log.log(level, "%d %s %s %.1fms", status, handler.request.method, handler.request.path,
                   1000.0 * handler.request.request_time())


NEUTRAL_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Weather and travel</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;
line-height:1.6;color:#222}h1{font-size:1.6rem}</style></head>
<body><main><h1>Weather and travel</h1>
<p>Check the forecast before you set out, and allow extra time when the weather turns.</p>
<p>Pack a light waterproof layer: showers can arrive quickly at this time of year.</p>
</main></body></html>"""


class NeutralPageHandler(RequestHandler):
    """The page quick exit opens by default: plain, unrelated, and served by this server."""

    def get(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(NEUTRAL_PAGE)
