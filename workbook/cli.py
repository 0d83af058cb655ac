"""The `workbook` command: serve the app, check content, write notebooks, print the schemas."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from workbook.cli_authoring import cmd_notebooks, cmd_quality
from workbook.cli_deploy import add_deploy_command
from workbook.cli_edition import add_edition_commands, announce_edition
from workbook.cli_static import add_static_commands
from workbook.config import WorkbookConfig
from workbook.content.load import ContentError, load_workbook_uncached

FOLLOWERS = ("check", "quality", "notebooks", "export", "survey-report")  # and serve (server/app.py)


def settings(args) -> WorkbookConfig:
    """The workbook's settings, with this command's flags (--content, --db) set on them."""
    config = WorkbookConfig()
    if getattr(args, "content", None):
        config.content_dir = str(args.content)
        beside = Path(args.content).parent / "notebooks"
        if beside.is_dir():  # an adapted copy's own notebooks set its modules' running order
            config.notebooks_dir = str(beside)
    if getattr(args, "db", None):
        config.survey_db_url = args.db
    return config


def shown(path: Path) -> str:
    """`path` as the person at the terminal would type it: inside this folder, relative to it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)


def report_content_error(error: ContentError) -> None:
    """Every problem the error holds, numbered, each naming its file and line, on stderr."""
    problems = error.problems
    if len(problems) == 1:
        print(f"content error: {problems[0].describe(shown(problems[0].path))}", file=sys.stderr)
        return
    lines = [f"content error: {len(problems)} problems to fix (each names the file and line):"]
    lines += [f"{number}. {problem.describe(shown(problem.path))}"
              for number, problem in enumerate(problems, start=1)]
    print("\n".join(lines), file=sys.stderr)


def load_or_report(args):
    """The workbook of the content folder the settings name, or None after printing the problems."""
    try:
        config = settings(args)
        return load_workbook_uncached(config.content_path, config.notebooks_path)
    except ContentError as error:
        report_content_error(error)
        return None


def cmd_check(args) -> int:
    if args.module:
        return check_one_module(args)
    return check_content(settings(args).content_path)


def check_content(folder: Path) -> int:
    """`workbook check` of the content in `folder`: 0 and a summary, or 1 and every problem."""
    try:
        workbook = load_workbook_uncached(folder)
    except ContentError as error:
        report_content_error(error)
        return 1
    ready = sum(module.ready for module in workbook.modules.values())
    exercises = sum(len(module.exercises) for module in workbook.modules.values())
    print(f"content OK: {len(workbook.modules)} modules ({ready} ready), {exercises} exercises")
    if workbook.support.configurable:
        print(f"note: support.yml still gives {workbook.support.organisation}'s details; put your own "
              "service's there, then set configurable: false")
    return 0


def check_one_module(args) -> int:
    """Check one module folder on its own, while other modules are still being written."""
    from workbook.content.load import load_module

    folder = settings(args).content_path / args.module
    try:
        module = load_module(folder)
    except ContentError as error:
        report_content_error(error)
        return 1
    print(f"module OK: {module.id} ({module.meta.status}), {len(module.chapters)} chapters, "
          f"{len(module.exercises)} exercises")
    return 0


def cmd_survey_report(args) -> int:
    from workbook.survey.report import report_html
    from workbook.survey.store import SurveyStore

    workbook = load_or_report(args)
    if workbook is None:
        return 1
    store = SurveyStore(settings(args).survey_db_url)
    html = report_html(store, workbook.survey, workbook)
    html_path = args.output.with_suffix(".html")
    html_path.write_text(html, encoding="utf-8")
    if args.output.suffix == ".pdf":
        from workbook.export.printer import PrintError
        from workbook.survey.report import html_to_pdf

        try:
            html_to_pdf(html_path, args.output)
        except PrintError as error:
            print(f"survey-report: {error} (the HTML report is in {html_path})", file=sys.stderr)
            return 1
    print(f"wrote {args.output} ({len(store.submissions())} submissions)")
    return 0


def cmd_export(args) -> int:
    from workbook.export.batch import KINDS, export
    from workbook.export.docx import PandocMissing
    from workbook.export.handbook import parse_start
    from workbook.export.printer import PrintError

    if bool(args.module) == bool(args.all):
        print("export: name one MODULE, or use --all", file=sys.stderr)
        return 2
    workbook = load_or_report(args)
    if workbook is None:
        return 1
    ready = [m for m in workbook.modules.values() if m.ready]
    if args.module and args.module not in workbook.modules:
        known = ", ".join(m.id for m in ready)
        print(f"export: no module '{args.module}'; modules: {known}", file=sys.stderr)
        return 2
    modules = ready if args.all else [workbook.modules[args.module]]
    kinds = args.to or list(KINDS if args.all else KINDS[:4])  # DOCX when asked, or with --all
    editions = [args.edition] if args.edition else (["reader", "facilitator"] if args.all else ["reader"])
    try:
        start = parse_start(args.start)
    except ValueError as error:
        print(f"export: {error}", file=sys.stderr)
        return 2
    try:
        written = export(workbook, modules, kinds, editions, args.output, progress=not args.quiet,
                         start=start)
    except (PrintError, PandocMissing) as error:
        print(f"export: {error}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files into {args.output}")
    return 0


def cmd_schema(args) -> int:
    if args.answers:
        from workbook.answers.document import answers_json_schema

        print(json.dumps(answers_json_schema(), indent=2, sort_keys=True))
        return 0
    from workbook.content.schema import CatalogueFile, ChapterFrontMatter, ModuleFile, SupportFile, SurveyFile

    schema = {name: model.model_json_schema() for name, model in (
        ("catalogue.yml", CatalogueFile), ("support.yml", SupportFile), ("survey.yml", SurveyFile),
        ("module.yml", ModuleFile), ("chapter front matter", ChapterFrontMatter))}
    print(json.dumps(schema, indent=2, sort_keys=True))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="workbook", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the workbook through Voilà (options: --help-all)",
                           add_help=False)
    serve.set_defaults(func=None)
    check = sub.add_parser("check", help="validate content/ and list every problem, numbered")
    check.add_argument("--content", type=Path, default=None, help="content folder to check")
    check.add_argument("--module", default=None, help="check only this module's folder")
    check.set_defaults(func=cmd_check)
    quality = sub.add_parser("quality", help="reading ease (Flesch) of every chapter's prose")
    quality.add_argument("--content", type=Path, default=None)
    quality.add_argument("--module", default=None)
    quality.add_argument("--markdown", action="store_true",
                         help="print docs/content-quality.md (per-module figures)")
    quality.set_defaults(func=cmd_quality)
    notebooks = sub.add_parser("notebooks", help="write notebooks/ from content/")
    notebooks.add_argument("--content", type=Path, default=None)
    notebooks.add_argument("--folder", type=Path, default=None,
                           help="notebooks folder (default: the one the server serves)")
    notebooks.add_argument("--check", action="store_true", help="only report notebooks that are missing, "
                           "or unedited and out of step (an edited notebook is yours and never stale)")
    notebooks.add_argument("--reset", action="append", metavar="MODULE", help="write this module's "
                           "notebook afresh from content even if edited (the old one is kept beside it "
                           "as MODULE.before-reset.ipynb)")
    notebooks.set_defaults(func=cmd_notebooks)
    report = sub.add_parser("survey-report", help="write the anonymous survey report (HTML)")
    report.add_argument("--db", default=None, help="SQLAlchemy URL (sets WorkbookConfig.survey_db_url; "
                        "default $WORKBOOK_SURVEY_DB or a SQLite file in this user's data folder)")
    report.add_argument("--content", type=Path, default=None)
    report.add_argument("-o", "--output", type=Path, default=Path("survey-report.html"),
                        help="report.html, or report.pdf (printed by the system Chromium)")
    report.set_defaults(func=cmd_survey_report)
    export = sub.add_parser("export", help="module PDFs, HTML, worksheets and workshop slides",
                            description="Export modules through nbconvert into a folder. "
                            "Example: workbook export triggers --to pdf --edition facilitator")
    export.add_argument("module", nargs="?", help="module id (see `workbook check`)")
    export.add_argument("--all", action="store_true", help="every ready module, every kind, "
                        "both editions (what `make exports` runs)")
    export.add_argument("--to", action="append", choices=("pdf", "html", "worksheets", "slides", "docx"),
                        help="what to write (repeatable; default: pdf, html, worksheets and slides; "
                        "docx: Word copies of the module or handbook and the worksheets, to edit)")
    export.add_argument("--edition", choices=("reader", "facilitator"), default=None,
                        help="reader (default), or facilitator: with notes and timings (the handbook)")
    export.add_argument("-o", "--output", type=Path, default=Path("build"), help="folder (default build/)")
    export.add_argument("--content", type=Path, default=None, help="content folder (an adapted copy)")
    export.add_argument("--start", default=None, metavar="HH:MM", help="the session's start time, such as "
                        "18:30: the facilitator's handbook gives clock times and breaks from it")
    export.add_argument("--quiet", action="store_true", help="no progress bar")
    export.set_defaults(func=cmd_export)
    schema = sub.add_parser("schema", help="print the JSON Schema of the content files")
    schema.add_argument("--answers", action="store_true",
                        help="print the JSON Schema of the answers document instead")
    schema.set_defaults(func=cmd_schema)
    add_edition_commands(sub)
    add_deploy_command(sub)
    add_static_commands(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:
        from workbook.server.app import WorkbookApp  # it announces the edition it follows

        WorkbookApp.launch_instance(argv[1:])
        return 0
    args = parser().parse_args(argv)
    if args.command in FOLLOWERS:
        problem = announce_edition(settings(args))
        if problem:
            return problem
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
