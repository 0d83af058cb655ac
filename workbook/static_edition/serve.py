"""A tiny web server for a built static edition, on this computer only (127.0.0.1).

Any static web server will do; this one is here so the folder works offline with nothing but
Python: `python -m workbook.static_edition.serve SITE [PORT]` (or `workbook serve-static`).
It answers with the right types for WebAssembly and JavaScript modules, logs no addresses, and
can count what it sent (for the benchmarks).
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".json": "application/json", ".whl": "application/zip"}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Files of the site; nothing about the visitor is logged."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
    sent: list | None = None  # (path, bytes) per request, when counting

    def log_message(self, *args) -> None:
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # the browser moved on to another page
            pass

    def end_headers(self) -> None:
        # Keep files, but ask each time whether they changed (a rebuilt site is seen at once).
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def copyfile(self, source, destination) -> None:
        total = 0
        while chunk := source.read(1 << 16):
            destination.write(chunk)
            total += len(chunk)
        if self.sent is not None:
            self.sent.append((self.path, total))


class StaticSite:
    """A server for `site` on 127.0.0.1 in a background thread (port 0: any free port)."""

    def __init__(self, site: Path, port: int = 0, count: bool = False):
        handler = type("CountingHandler", (SiteHandler,), {"sent": [] if count else None})
        self.handler = handler
        self.server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(site)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def sent(self) -> list:
        return self.handler.sent

    def __enter__(self) -> StaticSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def main(argv: list[str]) -> None:
    here = Path(__file__).resolve().parent  # the copy inside an offline zip serves its own folder
    if argv and argv[0]:
        site = Path(argv[0])
    else:
        site = here if (here / "index.html").is_file() else Path("static-site")
    port = int(argv[1]) if len(argv) > 1 else 8867
    if not (site / "index.html").is_file():
        sys.exit(f"{site} is not a built static edition (it has no index.html): "
                 "build one with `make static` or `workbook build-static -o DIR`.")
    site_server = StaticSite(site, port)
    print(f"The workbook is at {site_server.url} (this computer only). Ctrl+C stops it.", flush=True)
    try:
        site_server.server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main(sys.argv[1:])
