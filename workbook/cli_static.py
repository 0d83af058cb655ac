"""`workbook build-static` and `workbook serve-static`: the static edition (docs/static-edition.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_TOOLS = Path(".venv-static") / "bin" / "python"


def cmd_build_static(args: argparse.Namespace) -> int:
    from workbook.cli import check_content
    from workbook.config import WorkbookConfig
    from workbook.static_edition.build import build

    if check_content(WorkbookConfig().content_path):  # every problem listed, as `workbook check`
        print("The static edition was not built: fix the problems above, then build it again.",
              file=sys.stderr)
        return 1
    tools = Path(args.tools_python)
    if not tools.is_file():
        print(f"The build tools are not installed ({tools} is missing). Run `make static-deps` "
              "first, or name their Python with --tools-python.", file=sys.stderr)
        return 2
    try:
        build(Path(args.output), tools, Path(args.cache), quick_exit_url=args.quick_exit_url)
    except Exception as error:  # a build step failed: say which, keep the traceback for developers
        print(f"The static edition was not built: {error}", file=sys.stderr)
        raise
    if args.zip:
        from workbook.static_edition.offline import zip_site

        print(f"Offline copy: {zip_site(Path(args.output), Path(args.zip))}")
    return 0


def cmd_serve_static(args: argparse.Namespace) -> int:
    from workbook.static_edition.serve import main

    main([args.site, str(args.port)])
    return 0


def add_static_commands(sub) -> None:
    build = sub.add_parser("build-static", help="the whole workbook as a folder for any static web "
                           "server: Python runs in the reader's browser (docs/static-edition.md)")
    build.add_argument("-o", "--output", default="static-site", help="the folder to build (replaced)")
    build.add_argument("--tools-python", default=str(DEFAULT_TOOLS),
                       help="the Python of the build tools' venv (make static-deps makes it)")
    build.add_argument("--cache", default=".static-cache",
                       help="downloads kept between builds (Pyodide, wheels)")
    build.add_argument("--quick-exit-url", default="",
                       help="where quick exit goes (default: the site's own neutral page)")
    build.add_argument("--zip", default="", help="also write the site as this zip file, to use offline")
    build.set_defaults(func=cmd_build_static)
    serve = sub.add_parser("serve-static", help="serve a built static edition on 127.0.0.1")
    serve.add_argument("site", nargs="?", default="static-site")
    serve.add_argument("--port", type=int, default=8867)
    serve.set_defaults(func=cmd_serve_static)
