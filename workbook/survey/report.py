"""The staff's survey report: counts and ratings per module, charts, and free text (escaped)."""

from __future__ import annotations

import base64
import io
from collections import Counter, defaultdict

from workbook.render import render


def bar_chart(title: str, labels: list[str], counts: list[int]) -> str:
    """A small bar chart as a PNG data URI (the report stays one self-contained file)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    figure, axes = plt.subplots(figsize=(6, 2.6), dpi=100)
    axes.barh(labels[::-1], counts[::-1], color="#1f5f8b")
    axes.set_title(title, fontsize=11, loc="left")
    axes.set_xlabel("answers")
    axes.xaxis.get_major_locator().set_params(integer=True)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def summarise(submissions: list[dict], survey, workbook) -> dict:
    """Per module: count, mean of each scale question, choice counts, free-text answers.

    Written answers to questions since taken out of survey.yml are kept under `retired`, by id."""
    asked = {question.id for question in survey.questions}
    modules: dict[str, dict] = {}
    for module_id in workbook.modules:
        rows = [s for s in submissions if s["module_id"] == module_id]
        if not rows:
            continue
        summary = {"title": workbook.modules[module_id].meta.title, "count": len(rows),
                   "means": {}, "choices": {}, "texts": defaultdict(list)}
        for question in survey.questions:
            values = [r["answers"][question.id] for r in rows if question.id in r["answers"]]
            if question.kind == "scale":
                numbers = [v for v in values if isinstance(v, int)]
                summary["means"][question.id] = (sum(numbers) / len(numbers)) if numbers else None
            elif question.kind == "choice":
                summary["choices"][question.id] = Counter(values)
            else:
                summary["texts"][question.id] = [v for v in values if isinstance(v, str)]
        summary["retired"] = defaultdict(list)
        for row in rows:
            for question_id, value in row["answers"].items():
                if question_id not in asked and isinstance(value, str):
                    summary["retired"][question_id].append(value)
        modules[module_id] = summary
    return modules


def report_html(store, survey, workbook, charts: bool = True) -> str:
    submissions = store.submissions()
    modules = summarise(submissions, survey, workbook)
    images = []
    if charts and submissions:
        images.append(bar_chart("Submissions per module", [m["title"][:40] for m in modules.values()],
                                [m["count"] for m in modules.values()]))
        for question in survey.questions:
            if question.kind == "scale":
                counts = Counter(s["answers"].get(question.id) for s in submissions)
                images.append(bar_chart(question.text, question.labels,
                                        [counts.get(n, 0) for n in range(1, len(question.labels) + 1)]))
    return render("survey_report.html.j2", survey=survey, modules=modules, images=images,
                  total=len(submissions))


def html_to_pdf(html_path, pdf_path) -> None:
    """Print the self-contained report to PDF with the system's Chromium (the exports' printer)."""
    from workbook.export.printer import PdfPrinter

    with PdfPrinter() as printer:
        pdf_path.write_bytes(printer.pdf(html_path.read_text(encoding="utf-8")))
