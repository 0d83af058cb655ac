"""The `workbook` command: serve the app, check content, write notebooks, print the schema."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .content import ContentError, load_workbook_uncached

PROJECT = Path(__file__).resolve().parent.parent


def load_or_report(content):
    """The workbook, or None after printing the content problem."""
    try:
        return load_workbook_uncached(content)
    except ContentError as error:
        print(f"content error: {error}", file=sys.stderr)
        return None


def cmd_check(args) -> int:
    workbook = load_or_report(args.content)
    if workbook is None:
        return 1
    ready = sum(module.ready for module in workbook.modules.values())
    exercises = sum(len(module.exercises) for module in workbook.modules.values())
    print(f"content OK: {len(workbook.modules)} modules ({ready} ready), {exercises} exercises")
    return 0


def cmd_notebooks(args) -> int:
    from .notebooks import stale_notebooks, write_notebooks

    workbook = load_or_report(args.content)
    if workbook is None:
        return 1
    if args.check:
        stale = stale_notebooks(workbook, args.folder)
        for name in stale:
            print(f"out of step with content: {args.folder / name}", file=sys.stderr)
        return 1 if stale else 0
    for name in write_notebooks(workbook, args.folder):
        print(f"wrote {args.folder / name}")
    return 0


def cmd_schema(_args) -> int:
    from .schema import CatalogueFile, ChapterFrontMatter, ModuleFile, SupportFile

    schema = {name: model.model_json_schema() for name, model in (
        ("catalogue.yml", CatalogueFile), ("support.yml", SupportFile),
        ("module.yml", ModuleFile), ("chapter front matter", ChapterFrontMatter))}
    print(json.dumps(schema, indent=2, sort_keys=True))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="workbook", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the workbook through Voilà (options: --help-all)",
                           add_help=False)
    serve.set_defaults(func=None)
    check = sub.add_parser("check", help="validate content/ and report the first problem")
    check.add_argument("--content", type=Path, default=None, help="content folder to check")
    check.set_defaults(func=cmd_check)
    notebooks = sub.add_parser("notebooks", help="write notebooks/ from content/")
    notebooks.add_argument("--content", type=Path, default=None)
    notebooks.add_argument("--folder", type=Path, default=PROJECT / "notebooks")
    notebooks.add_argument("--check", action="store_true", help="only report stale notebooks")
    notebooks.set_defaults(func=cmd_notebooks)
    schema = sub.add_parser("schema", help="print the JSON Schema of the content files")
    schema.set_defaults(func=cmd_schema)
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:
        from .app import WorkbookApp

        WorkbookApp.launch_instance(argv[1:])
        return 0
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
