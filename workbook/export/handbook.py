"""The facilitator's handbook for one session: a timed plan, aims, materials, notes, group exercises.

No chapter prose and no answer boxes: the handbook lists each exercise's prompts and how to run
it with a group. Clock times come from the start time a trainer gives; a break is put in after
45 to 60 minutes of work.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from workbook.content.load import Module, Workbook
from workbook.export.colophon import colophon
from workbook.export.markup import render_fragment

BREAK_MINUTES = 10
BREAK_AFTER = (45, 60)  # a break once 45 minutes have run, and before going past 60
EARLIEST_BREAK = 30  # ...but an early break after 30 minutes rather than a stretch past 60


@dataclass(frozen=True)
class PlanRow:
    """One line of the session plan: a chapter, a break, or the end."""

    starts: int  # minutes from the start of the session
    minutes: int
    what: str
    chapter: object = None

    def clock(self, start: datetime.time | None) -> str:
        """The time this row starts: a clock time from `start`, else time since the start."""
        if start is None:
            return f"{self.starts // 60}:{self.starts % 60:02d}"
        when = datetime.datetime.combine(datetime.date(2000, 1, 1), start)
        return (when + datetime.timedelta(minutes=self.starts)).strftime("%H:%M")


def session_plan(module: Module, break_minutes: int = BREAK_MINUTES) -> list[PlanRow]:
    """Chapters in order with a break after 45 to 60 minutes of work (or 30, rather than run past
    60), and the end last."""
    rows, elapsed, since_break = [], 0, 0
    for chapter in module.running_order:
        if chapter.trainer and not chapter.title:
            continue  # a trainer's untitled text belongs to the row before it
        minutes = chapter.front.minutes or 0
        soon, latest = BREAK_AFTER
        too_long = since_break >= EARLIEST_BREAK and since_break + minutes > latest
        if rows and (since_break >= soon or too_long):
            rows.append(PlanRow(elapsed, break_minutes, "Break"))
            elapsed, since_break = elapsed + break_minutes, 0
        rows.append(PlanRow(elapsed, minutes, chapter.title, chapter))
        elapsed, since_break = elapsed + minutes, since_break + minutes
    rows.append(PlanRow(elapsed, 0, "End"))
    return rows


def parse_start(text: str | None) -> datetime.time | None:
    """'18:30' or '9:05' as a time; ValueError with a plain message otherwise."""
    if text is None:
        return None
    try:
        return datetime.datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise ValueError(f"start time '{text}' should look like 18:30 "
                         "(hours:minutes, 24-hour clock)") from None


def handbook_cells(workbook: Workbook, module: Module, start: datetime.time | None) -> list[str]:
    """The handbook's HTML fragments, in order."""
    plan = session_plan(module)
    about = colophon(workbook, module, "Facilitator's handbook")
    parts = [render_fragment("print/handbook_cover.html.j2", workbook=workbook, module=module,
                             plan=plan, start=start, colophon=about,
                             break_minutes=BREAK_MINUTES)]
    times = {row.chapter.id: row.clock(start) for row in plan if row.chapter is not None}
    for number, chapter in module.numbered():
        parts.append(render_fragment("print/handbook_chapter.html.j2", chapter=chapter, number=number,
                                     starts=times.get(chapter.id), start=start))
    parts.append(render_fragment("print/handbook_end.html.j2", workbook=workbook, colophon=about))
    return parts
