"""`workbook edition new|show|zip|open`: a trainer's own edition (workbook/edition.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from workbook.config import WorkbookConfig


def announce_edition(config: WorkbookConfig) -> int:
    """Say on stderr which edition a command follows; 2 when the setting names no edition."""
    from workbook.edition import edition_problem, following_line

    problem = edition_problem(config)
    if problem:
        print(f"edition: {problem}", file=sys.stderr)
        return 2
    line = following_line(config)
    if line:
        print(line, file=sys.stderr)
    return 0


def checked(folder: Path) -> int:
    """`workbook check` of an edition's content, then the plain next steps."""
    from workbook.cli import check_content, shown

    status = check_content(folder / "content")
    place = shown(folder)
    print(f"\nYour edition is in {place}. Next steps:\n"
          f"  cd {place}\n"
          "  workbook serve                         (the app, with your edition's text)\n"
          "  workbook export MODULE --to pdf        (printouts, written into build/)\n"
          "  workbook edition zip                   (one file to share with a colleague)\n"
          "Change the text in content/ (see docs/trainers.md), then run `workbook check`.")
    return status


def cmd_new(args) -> int:
    from workbook.edition import EditionError, make_edition

    config = WorkbookConfig()
    into = args.into or Path.cwd()
    if args.into is None and config.edition_path and Path.cwd().resolve().is_relative_to(config.edition_path):
        into = config.edition_path.parent  # beside the edition in force, never inside it
    try:
        folder = make_edition(args.name, into, config, origin=args.origin, adapted_by=args.adapted_by)
    except EditionError as error:
        print(f"edition new: {error}", file=sys.stderr)
        return 1
    print(f'made the edition "{args.name}" in {folder}')
    return checked(folder)


def cmd_show(args) -> int:
    from workbook.config import MARKER
    from workbook.edition import catalogue_edition, edition_problem

    config = WorkbookConfig()
    problem = edition_problem(config)
    if problem:
        print(f"edition: {problem}", file=sys.stderr)
        return 2
    details = catalogue_edition(config.content_path)
    if config.follows_edition():
        print(f"Following the edition in {config.edition_path} ({MARKER})")
    else:
        print("Following the original workbook (no edition.yml here or above, no $WORKBOOK_EDITION)")
    print(f"  name:       {details.get('name', 'not named')}")
    print(f"  adapted by: {details.get('adapted_by', '-')}")
    print(f"  version:    {details.get('version', 'not set')}" +
          (f", dated {details['date']}" if details.get("date") else ""))
    print(f"  content:    {config.content_path}\n  notebooks:  {config.notebooks_path}")
    return 0


def cmd_zip(args) -> int:
    from workbook.edition import EditionError, zip_edition

    folder = args.folder or WorkbookConfig().edition_path
    if folder is None:
        print("edition zip: no edition here; name its folder (workbook edition zip my-group)",
              file=sys.stderr)
        return 1
    folder = folder.resolve()
    output = args.output
    if output is None:
        here = Path.cwd().resolve()
        output = (folder.parent if here.is_relative_to(folder) else here) / f"{folder.name}.zip"
    try:
        written, kept, skipped = zip_edition(folder, output)
    except EditionError as error:
        print(f"edition zip: {error}", file=sys.stderr)
        return 1
    note = f"; left out {skipped} other files (exports, caches, hidden files)" if skipped else ""
    print(f"wrote {written} ({kept} files{note})")
    print(f"Your colleague opens it with: workbook edition open {written.name}")
    return 0


def cmd_open(args) -> int:
    from workbook.edition import EditionError, open_edition

    try:
        folder = open_edition(args.archive, args.into or Path.cwd())
    except EditionError as error:
        print(f"edition open: {error}", file=sys.stderr)
        return 1
    print(f"opened {args.archive.name} into {folder}")
    return checked(folder)


def add_edition_commands(sub) -> None:
    edition = sub.add_parser("edition", help="your own adapted edition: new, show, zip, open",
                             description="An edition is a folder with content/, notebooks/ and "
                             "edition.yml. Commands run inside it (or with $WORKBOOK_EDITION) follow it.")
    actions = edition.add_subparsers(dest="action", required=True)
    new = actions.add_parser("new", help="copy the content and notebooks into a new edition NAME/")
    new.add_argument("name", help="folder name: letters, digits, - and _ (for example my-group)")
    new.add_argument("--adapted-by", default=None, help='who adapted it, such as "Leeds group, 2026"')
    new.add_argument("--from", dest="origin", type=Path, default=None,
                     help="copy this edition or content folder (default: what the settings follow)")
    new.add_argument("--into", type=Path, default=None,
                     help="make it in this folder (default: here, or beside the edition you are in)")
    new.set_defaults(func=cmd_new)
    show = actions.add_parser("show", help="which edition the commands follow here")
    show.set_defaults(func=cmd_show)
    pack = actions.add_parser("zip", help="one zip of an edition, to share")
    pack.add_argument("folder", nargs="?", type=Path, default=None,
                      help="the edition's folder (default: the one in force)")
    pack.add_argument("-o", "--output", type=Path, default=None, help="the zip (default: NAME.zip)")
    pack.set_defaults(func=cmd_zip)
    unpack = actions.add_parser("open", help="unpack a colleague's edition zip, safely")
    unpack.add_argument("archive", type=Path, help="the .zip file")
    unpack.add_argument("--into", type=Path, default=None, help="unpack under this folder (default: here)")
    unpack.set_defaults(func=cmd_open)
