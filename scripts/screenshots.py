"""Screenshots of every exercise kind at 1280 and 375 px wide, for docs/screenshots.md.

Starts a real `workbook serve` on 127.0.0.1, opens module pages in headless Debian Chromium
(never a downloaded browser), waits until every widget has connected, and shoots the first
exercise of each kind in catalogue order: <output>/screenshots/<kind>-<width>.png, then the
table <output>/screenshots.md. Shots are cut at MAX_HEIGHT px so the repository stays small.
Usage: python scripts/screenshots.py [--kinds rating,table] [--output docs]   (make screenshots)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.browser.serving import CHROMIUM, Server, open_page  # noqa: E402
from widgets.registry import WIDGETS  # noqa: E402
from workbook.content.load import Workbook, load_workbook  # noqa: E402
from workbook.export.printer import CHROMIUM_ARGS  # noqa: E402

WIDTHS = (1280, 375)
HEIGHT = 900  # the window's, except while a taller exercise is shot
MAX_HEIGHT = 1400
COLOURS = 128  # shots are saved with a palette of this many: a third of the bytes, same look
COMMAND = "make screenshots"
# The quick-exit bar sticks to the top of the window; in a shot of one exercise it would only
# cover whatever part of the exercise happened to be at the top, so it is hidden while shooting.
HIDE_BAR = ".wb-quick-exit-bar { visibility: hidden !important; }"


@dataclass(frozen=True)
class Target:
    kind: str
    module_id: str
    module_title: str
    exercise_id: str
    exercise_title: str

    def image(self, width: int) -> str:
        return f"{self.kind}-{width}.png"


def first_of_each_kind(workbook: Workbook, kinds: list[str]) -> list[Target]:
    """The first exercise of each kind in catalogue order (ready modules only), in `kinds` order."""
    found: dict[str, Target] = {}
    for module in workbook.modules.values():
        if not module.ready:
            continue
        for exercise in module.exercises:
            if exercise.kind in kinds and exercise.kind not in found:
                found[exercise.kind] = Target(exercise.kind, module.id, module.meta.title,
                                              exercise.id, exercise.title)
    missing = [kind for kind in kinds if kind not in found]
    if missing:
        raise SystemExit(f"no exercise of kind {', '.join(missing)} in the content")
    return [found[kind] for kind in kinds]


def shoot(tab, target: Target, width: int, path: Path) -> None:
    """One exercise, from its top, at most MAX_HEIGHT px of it.

    The page scrolls inside #rendered_cells, not the document, so a "full page" shot would
    still end at the window's bottom: the window is made taller than the shot instead.
    """
    exercise = tab.locator(f'.wb-exercise:has([id="{target.exercise_id}"])').first
    height = min(exercise.bounding_box()["height"], MAX_HEIGHT)
    tab.set_viewport_size({"width": width, "height": max(HEIGHT, int(height) + 200)})
    try:
        exercise.evaluate("el => el.scrollIntoView({block: 'start'})")
        tab.wait_for_timeout(300)
        box = exercise.bounding_box()
        clip = {"x": box["x"], "y": box["y"], "width": box["width"], "height": min(box["height"], MAX_HEIGHT)}
        tab.screenshot(path=str(path), clip=clip, animations="disabled", caret="hide", style=HIDE_BAR)
    finally:
        tab.set_viewport_size({"width": width, "height": HEIGHT})
    shrink(path)


def shrink(path: Path) -> None:
    """Re-save a shot with a small palette (Pillow comes with matplotlib, a dependency)."""
    from PIL import Image

    with Image.open(path) as shot:
        small = shot.convert("RGB").quantize(colors=COLOURS)
    small.save(path, optimize=True)


def take_all(url: str, targets: list[Target], folder: Path) -> None:
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    modules = list(dict.fromkeys(target.module_id for target in targets))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": HEIGHT})
                tab = context.new_page()
                for module_id in modules:
                    open_page(tab, f"{url}/voila/render/{module_id}.ipynb", ".wb-answers-panel")
                    for target in targets:
                        if target.module_id == module_id:
                            shoot(tab, target, width, folder / target.image(width))
                            print(f"{target.image(width)}  ({module_id} / {target.exercise_id})")
                context.close()
        finally:
            browser.close()


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=PROJECT, text=True, capture_output=True, check=True).stdout


def commit() -> str:
    """The checkout's commit, and whether code outside docs/ had changed since."""
    try:
        changed = git("status", "--porcelain", "--", ".", ":!docs").strip()
        return git("rev-parse", "--short", "HEAD").strip() + (" with local changes" if changed else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def cell(text: str) -> str:
    """`text` safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def table(targets: list[Target], made: datetime) -> str:
    lines = [
        "# Screenshots of every exercise kind",
        "",
        "The first exercise of each kind in the workbook, as a reader sees it in Chromium at 1280 px",
        "and at 375 px (a phone) wide, before any answer is typed. Each shot is the exercise's own box,",
        f"so it is narrower than the window; tall exercises are cut at {MAX_HEIGHT} px.",
        "The quick-exit bar, which stays at the top of the window, is hidden while shooting.",
        "",
        f"Made by `{COMMAND}` (scripts/screenshots.py) on {made:%Y-%m-%d %H:%M} UTC from commit "
        f"{commit()}; run it again after changing a widget or the page's style.",
        "",
        "| Kind | 1280 px wide | 375 px wide | Taken from |",
        "| --- | --- | --- | --- |",
    ]
    for target in targets:
        images = [f"![{target.kind} exercise at {width} px wide](screenshots/{target.image(width)})"
                  for width in WIDTHS]
        taken = (f"{cell(target.module_title)} (`{target.module_id}`): "
                 f"{cell(target.exercise_title)} (`{target.exercise_id}`)")
        lines.append(f"| {target.kind} | {images[0]} | {images[1]} | {taken} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(WIDGETS),
                        help="comma-separated exercise kinds (default: every registered kind)")
    parser.add_argument("--output", type=Path, default=PROJECT / "docs",
                        help="folder for screenshots.md and screenshots/ (default: docs)")
    args = parser.parse_args(argv)
    kinds = [kind.strip() for kind in args.kinds.split(",") if kind.strip()]
    unknown = [kind for kind in kinds if kind not in WIDGETS]
    if unknown or not kinds:
        parser.error(f"unknown kind(s) {unknown}; known: {', '.join(WIDGETS)}")
    targets = first_of_each_kind(load_workbook(), kinds)
    # The server's kernels import this checkout's code, whichever install is on the path.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory(prefix="workbook-shots-") as tmp:
        server = Server(Path(tmp))
        try:
            take_all(server.url, targets, args.output / "screenshots")
        finally:
            server.stop()
    made = datetime.now(timezone.utc)
    (args.output / "screenshots.md").write_text(table(targets, made), encoding="utf-8")
    print(f"wrote {args.output / 'screenshots.md'}")


if __name__ == "__main__":
    main()
