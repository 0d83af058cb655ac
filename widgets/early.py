"""Early forms: plain HTML copies of a page's widgets, sent with the page itself.

A module page arrives long before the browser has loaded the widget code and connected to the
kernel. So that the reader can read and start typing at once, each widget output also carries
an HTML copy of the form (under EARLY_MIME, which only the workbook's Voilà template shows).
`early.js` in the template moves whatever the reader typed or ticked into the real widgets once
they are drawn, then removes the copy. Buttons wait for the real widgets (they need the kernel).

The copy is made from the widgets as they are when the page is prepared, before any reader
arrives: it never holds a reader's answers. Every text is escaped; HTML widgets hold our own
HTML, built from escaped templates, which the real page shows as HTML too.
"""

from __future__ import annotations

import itertools
from functools import singledispatch
from html import escape

import ipywidgets as w

from workbook.static_mode import static_edition

EARLY_MIME = "application/vnd.workbook.early+html"
_static_keys = itertools.count(1)


def field_key(widget: w.DOMWidget) -> str:
    """The id that joins a widget to its copy. Served, its model id (attach.js maps a first
    page's ids to the reader's own page). In the static edition the page is prepared by one
    kernel and made live by another, in the browser, which makes the same widgets in the same
    order: so each widget is numbered in the order it is copied, the same in both."""
    if not static_edition():
        return widget.model_id
    if not hasattr(widget, "_wb_static_key"):
        widget._wb_static_key = f"s{next(_static_keys)}"
    return widget._wb_static_key


def attribute(value) -> str:
    return escape(str(value), quote=True)


def classes(widget: w.DOMWidget, *extra: str) -> str:
    return attribute(" ".join([*extra, *widget._dom_classes]))


def hidden(widget: w.DOMWidget) -> str:
    layout = getattr(widget, "layout", None)
    return " hidden" if layout is not None and layout.display == "none" else ""


class EarlyForm:
    """Builds one output's early copy and remembers what the real widgets must be waited for."""

    def __init__(self) -> None:
        self.waits: list[str] = []

    def field(self, widget: w.DOMWidget) -> str:
        """Mark `widget` so early.js can find its view, and return the id its copy carries."""
        key = field_key(widget)
        marker = f"wb-m-{key}"
        if marker not in widget._dom_classes:
            widget.add_class(marker)
        self.waits.append(f"m:{key}")
        return key

    def anywidget(self, name: str) -> None:
        """An anywidget of ours that takes over its copy's values itself (see early.js)."""
        self.waits.append(f"a:{name}")

    def html(self, widget: w.Widget) -> str:
        return early_part(widget, self)


@singledispatch
def early_part(widget: w.Widget, form: EarlyForm) -> str:
    """Widgets without a copy (such as the invisible device bridge) show nothing early."""
    return ""


@early_part.register
def _box(widget: w.Box, form: EarlyForm) -> str:
    inner = "".join(form.html(child) for child in widget.children)
    kind = "wb-early-row" if isinstance(widget, w.HBox) else "wb-early-box"
    return f'<div class="{classes(widget, kind)}"{hidden(widget)}>{inner}</div>'


@early_part.register
def _html(widget: w.HTML, form: EarlyForm) -> str:
    return f'<div class="{classes(widget)}"{hidden(widget)}>{widget.value}</div>'


def labelled_field(widget: w.DOMWidget, form: EarlyForm, element: str, attributes: str,
                   content: str | None = None) -> str:
    """A text control's copy under its label: `<element ...>`, closed around `content` if given."""
    ident = form.field(widget)
    control = (f'<{element} id="wb-early-{ident}" data-wb-model="{ident}"{attributes}'
               f' placeholder="{attribute(widget.placeholder)}"'
               f'{" disabled" if widget.disabled else ""}>')
    if content is not None:
        control += f"{content}</{element}>"
    label = (f'<label for="wb-early-{ident}">{escape(widget.description)}</label>'
             if widget.description else "")
    return f'<div class="{classes(widget, "wb-early-field")}"{hidden(widget)}>{label}{control}</div>'


@early_part.register
def _textarea(widget: w.Textarea, form: EarlyForm) -> str:
    rows = f' rows="{int(widget.rows)}"' if widget.rows else ""
    return labelled_field(widget, form, "textarea", rows, escape(widget.value))


@early_part.register
def _text(widget: w.Text, form: EarlyForm) -> str:
    if isinstance(widget, w.Password):
        return labelled_field(widget, form, "input", ' type="password" autocomplete="off" value=""')
    return labelled_field(widget, form, "input", f' type="text" value="{attribute(widget.value)}"')


@early_part.register(w.Button)
@early_part.register(w.FileUpload)
def _button(widget: w.Button | w.FileUpload, form: EarlyForm) -> str:
    return (f'<button type="button" class="{classes(widget, "wb-early-button")}"{hidden(widget)}'
            f' disabled title="Ready in a moment">{escape(widget.description)}</button>')


def early_copy(widget: w.Widget) -> str:
    """The early HTML copy of `widget` (and its children), wrapped with what to wait for."""
    form = EarlyForm()
    inner = form.html(widget)
    if not inner:
        return ""
    return (f'<div class="wb-early" data-wb-wait="{attribute(" ".join(form.waits))}">'
            f"{inner}</div>")


def early_bundle(widget: w.Widget) -> dict:
    """`widget`'s display data with its early copy added (shown only by the workbook template)."""
    data = widget._repr_mimebundle_()
    copy = early_copy(widget)
    if copy:
        data[EARLY_MIME] = copy
    return data
