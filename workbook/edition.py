"""Editions: a trainer's adapted copy of the workbook in one folder, made, zipped and opened.

An edition folder holds `edition.yml` (a small marker: format, what it was based on, when it was
made), `content/` and `notebooks/`. Its name, "adapted by" line and version live in one place
only: the `edition:` block of its content/catalogue.yml, which every printout shows.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

import yaml

from workbook.config import MARKER, WorkbookConfig

NAME = re.compile(r"[A-Za-z0-9_-]{1,80}")
SHARED_SUFFIXES = {".yml", ".yaml", ".md", ".ipynb", ".txt", ".png", ".jpg", ".svg"}
LEFT_OUT = {"__pycache__", ".ipynb_checkpoints", "__MACOSX"}
MAX_ENTRIES = 2000
MAX_BYTES = 50 * 1024 * 1024


class EditionError(Exception):
    """A refusal, in one plain sentence."""


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise EditionError(f'"{name}" cannot name an edition: use only letters, digits, - and _ '
                           "(for example my-group)")
    return name


def catalogue_edition(content: Path) -> dict:
    """The `edition:` block of content/catalogue.yml as a dict ({} when absent or unreadable)."""
    try:
        data = yaml.safe_load((content / "catalogue.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    block = data.get("edition") if isinstance(data, dict) else None
    return block if isinstance(block, dict) else {}


def edition_name(folder: Path) -> str:
    """The edition's name from its catalogue, else the folder's name."""
    return str(catalogue_edition(folder / "content").get("name") or folder.name)


def with_edition_block(text: str, fields: dict) -> str:
    """catalogue.yml's text with its top-level `edition:` block replaced (or one appended);
    every other line, comments included, stays as it was."""
    block = ["edition:"] + [f"  {key}: {value}" for key, value in fields.items()]
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"edition\s*:", line)), None)
    if start is None:
        kept = text if text.endswith("\n") or not text else text + "\n"
        return kept + "\n".join(block) + "\n"
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t"):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():  # blank lines after the block stay
        end -= 1
    return "\n".join(lines[:start] + block + lines[end:]) + "\n"


def new_folder(into: Path, name: str) -> Path:
    """A hidden folder in `into` to build in (renamed at the end), with the usual permissions."""
    folder = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=into))
    mask = os.umask(0)
    os.umask(mask)
    folder.chmod(0o777 & ~mask)
    return folder


def left_out(relative: PurePosixPath | Path) -> bool:
    """Hidden files, caches and checkpoints never travel with an edition."""
    return any(part.startswith(".") or part in LEFT_OUT for part in relative.parts)


def build_output(relative: Path) -> bool:
    """Exports written inside an edition (`workbook export` writes build/ where it is run)."""
    return "build" in relative.parts[:-1] and relative.parts[0] != "content"


def copy_folder(source: Path, target: Path) -> None:
    shutil.copytree(source, target, symlinks=False, ignore=lambda folder, names: [
        name for name in names if left_out(Path(name))])


def sources(config: WorkbookConfig, origin: Path | None) -> tuple[Path, Path]:
    """The content and notebooks folders a new edition copies: --from's, else the settings'."""
    content, notebooks = config.content_path, config.notebooks_path
    if origin is not None:
        if (origin / MARKER).is_file():
            content, notebooks = origin / "content", origin / "notebooks"
        elif (origin / "catalogue.yml").is_file():
            content = origin
        else:
            raise EditionError(f"{origin} is neither an edition (edition.yml) nor a content folder "
                               "(catalogue.yml)")
    for folder in (content, notebooks):
        if not folder.is_dir():
            raise EditionError(f"there is no folder {folder} to copy")
    if not (content / "catalogue.yml").is_file():
        raise EditionError(f"{content} has no catalogue.yml, so it is not the workbook's content")
    return content, notebooks


def make_edition(name: str, into: Path, config: WorkbookConfig, origin: Path | None = None,
                 adapted_by: str | None = None, today: datetime.date | None = None) -> Path:
    """Make `into/name`: a copy of the content and notebooks, named in its catalogue.yml."""
    check_name(name)
    target = into / name
    if target.exists():
        raise EditionError(f"{target} is already there; choose another name (nothing was changed)")
    if not into.is_dir():
        raise EditionError(f"there is no folder {into} to make the edition in")
    content, notebooks = sources(config, origin)
    today = today or datetime.date.today()
    original = catalogue_edition(content)
    building = new_folder(into, name)
    try:
        copy_folder(content, building / "content")
        copy_folder(notebooks, building / "notebooks")
        catalogue = building / "content" / "catalogue.yml"
        fields = {"name": json.dumps(name), "version": '"1"', "date": today.isoformat()}
        if adapted_by:
            fields = {"name": fields["name"], "adapted_by": json.dumps(adapted_by, ensure_ascii=False),
                      **fields}
        catalogue.write_text(with_edition_block(catalogue.read_text(encoding="utf-8"), fields),
                             encoding="utf-8")
        based_on = {"name": str(original.get("name", "the original")),
                    "version": str(original.get("version", "not set"))}
        (building / MARKER).write_text(
            "# A workbook edition: an adapted copy to change freely. Its name, adapted_by and\n"
            "# version are in content/catalogue.yml (edition:), the one place every printout reads.\n"
            f"format: 1\nbased_on: {json.dumps(based_on, ensure_ascii=False)}\n"
            f"created: {today.isoformat()}\n",
            encoding="utf-8")
        os.rename(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return target


def zip_edition(folder: Path, output: Path) -> tuple[Path, int, int]:
    """Write `folder` into the zip `output` under its own name; (output, files kept, left out)."""
    if not (folder / MARKER).is_file():
        raise EditionError(f"{folder} is not an edition (it has no {MARKER})")
    kept = skipped = 0
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if path.is_dir() and not path.is_symlink():
                continue
            if (left_out(relative) or build_output(relative) or path.is_symlink()
                    or path.suffix.lower() not in SHARED_SUFFIXES or path.resolve() == output.resolve()):
                skipped += 1
                continue
            archive.write(path, f"{folder.name}/{relative.as_posix()}")
            kept += 1
    return output, kept, skipped


def refusal(info: zipfile.ZipInfo) -> str | None:
    """Why one entry of a zip cannot be opened safely, or None."""
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return f"it holds an absolute path ({info.filename})"
    if ".." in PurePosixPath(name).parts:
        return f"it holds a path that leaves its folder ({info.filename})"
    if stat.S_ISLNK(info.external_attr >> 16):
        return f"it holds a link ({info.filename})"
    if info.flag_bits & 0x1:
        return f"it holds an encrypted file ({info.filename})"
    relative = PurePosixPath(name)
    if not info.is_dir() and not left_out(relative) and relative.suffix.lower() not in SHARED_SUFFIXES:
        return (f"it holds {info.filename}, and an edition holds only "
                + ", ".join(sorted(SHARED_SUFFIXES)) + " files")
    return None


def entries(archive: zipfile.ZipFile, label: str) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """The files to unpack, each with its path; refuses the whole zip on any unsafe entry."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise EditionError(f"{label} was not opened: it holds more than {MAX_ENTRIES} entries")
    files, total = [], 0
    for info in infos:
        reason = refusal(info)
        if reason:
            raise EditionError(f"{label} was not opened: {reason}")
        relative = PurePosixPath(info.filename.replace("\\", "/"))
        if info.is_dir() or left_out(relative):
            continue
        total += info.file_size
        if total > MAX_BYTES:
            raise EditionError(f"{label} was not opened: it unpacks to more than {MAX_BYTES // 2**20} MB")
        files.append((info, relative))
    return files


def layout(files: list, stem: str, label: str) -> tuple[str, list]:
    """The edition's folder name and each file's path inside it (the zip holds one folder, or the
    edition's files at its top, named after the zip)."""
    paths = {relative for _, relative in files}
    if PurePosixPath(MARKER) in paths:
        return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "edition", files
    tops = {relative.parts[0] for relative in paths if len(relative.parts) > 1}
    top = next(iter(tops)) if len(tops) == 1 else None
    if top is None or PurePosixPath(top, MARKER) not in paths or any(len(p.parts) < 2 for p in paths):
        raise EditionError(f"{label} was not opened: it holds no {MARKER}, so it is not a workbook edition")
    return top, [(info, PurePosixPath(*relative.parts[1:])) for info, relative in files]


def open_edition(path: Path, into: Path) -> Path:
    """Unpack the edition zip `path` into a new folder under `into`; refuse anything unsafe."""
    label = path.name
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise EditionError(f"there is no file {path}") from None
    except (zipfile.BadZipFile, OSError):
        raise EditionError(f"{label} is not a zip file") from None
    with archive:
        name, files = layout(entries(archive, label), path.stem, label)
        target = into / name
        if target.exists():
            raise EditionError(f"{target} is already there; nothing was unpacked (move it, or use --into)")
        if not into.is_dir():
            raise EditionError(f"there is no folder {into} to open the edition in")
        building = new_folder(into, name)
        try:
            for info, relative in files:
                destination = building.joinpath(*relative.parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as source, destination.open("wb") as sink:
                    shutil.copyfileobj(source, sink)
            os.rename(building, target)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            shutil.rmtree(building, ignore_errors=True)
            raise EditionError(f"{label} could not be unpacked ({type(error).__name__}); "
                               "ask for a fresh copy") from None
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
    return target


def following_line(config: WorkbookConfig) -> str | None:
    """The one line a command prints when it follows an edition rather than the original."""
    if not config.follows_edition():
        return None
    folder = config.edition_path
    return f'Following the edition "{edition_name(folder)}" in {folder} ({MARKER})'


def edition_problem(config: WorkbookConfig) -> str | None:
    """A plain sentence when the edition setting names a folder that is not an edition."""
    folder = config.edition_path
    if folder is not None and not (folder / MARKER).is_file():
        return (f"{folder} is not an edition (it has no {MARKER}); check $WORKBOOK_EDITION "
                "or --WorkbookConfig.edition_dir")
    return None
