"""`workbook quality` and `workbook notebooks`: the commands a content author runs beside `check`."""

from __future__ import annotations

import sys
from pathlib import Path

from workbook.content.load import ContentError, load_workbook_uncached


def cmd_quality(args) -> int:
    from workbook.cli import report_content_error, settings
    from workbook.content.load import load_module
    from workbook.content.quality import MINIMUM_EASE, module_scores, quality_markdown

    root = settings(args).content_path
    folders = [root / args.module] if args.module else sorted(
        p.parent for p in root.glob("*/module.yml"))
    try:
        modules = [load_module(folder) for folder in folders]
    except ContentError as error:
        report_content_error(error)
        return 1
    scores = [score for module in modules for score in module_scores(module)]
    if not args.module and not args.markdown:
        from workbook.content.load import load_support, load_yaml_file
        from workbook.content.plan import PlanFile
        from workbook.content.quality import help_page_scores, plan_scores

        try:
            scores += help_page_scores(load_support(root))
            if (root / "plan.yml").is_file():
                scores += plan_scores(load_yaml_file(PlanFile, root / "plan.yml"))
        except ContentError as error:
            report_content_error(error)
            return 1
    if args.markdown:
        print(quality_markdown(scores), end="")
        return 0
    print(f"{'module':42} {'chapter':36} {'words':>6} {'ease':>6}")
    for score in scores:
        flag = "" if score.ease >= MINIMUM_EASE else "  < minimum"
        print(f"{score.module_id:42} {score.chapter_id:36} {score.words:6} {score.ease:6.1f}{flag}")
    return 1 if any(score.ease < MINIMUM_EASE for score in scores) else 0


def cmd_notebooks(args) -> int:
    from workbook.cli import report_content_error, settings, shown
    from workbook.content.notebooks import write_notebooks

    config = settings(args)
    try:  # content's own order: a mistake in an edited notebook must not stop --reset mending it
        workbook = load_workbook_uncached(config.content_path, notebooks=False)
    except ContentError as error:
        report_content_error(error)
        return 1
    folder = args.folder or config.notebooks_path
    report = write_notebooks(workbook, folder, reset=tuple(args.reset or ()), check=args.check)
    for name in report.stale:
        print(f"out of step with content (run `workbook notebooks` to bring it up to date; nobody has "
              f"edited it, so nothing is lost): {shown(folder / name)}", file=sys.stderr)
    for name in report.written:
        print(f"wrote {shown(folder / name)}")
    for name, missing in report.kept.items():
        if args.check:
            continue
        line = f"kept your edited {shown(folder / name)}"
        if missing:
            line += (f"; it leaves out {', '.join(missing)}: to show one, add a code cell "
                     f'page.chapter("{missing[0]}") where it belongs')
        print(line + f" (to start it again from content: workbook notebooks --reset {Path(name).stem})")
    return 1 if report.stale else 0
