"""Small form parts shared by the panels: labelled passphrase boxes, buttons, sections."""

from __future__ import annotations

import ipywidgets as w


def password(label: str) -> w.Password:
    box = w.Password(description=label, style={"description_width": "initial"},
                     layout=w.Layout(width="100%", max_width="28rem"))
    box.add_class("wb-field")
    return box


def button(label: str, kind: str = "") -> w.Button:
    made = w.Button(description=label, layout=w.Layout(width="auto"))
    made.add_class("wb-button")
    if kind:
        made.add_class(f"wb-button-{kind}")
    return made


def section(*children, shown: bool = True) -> w.VBox:
    box = w.VBox(list(children), layout=w.Layout(display="flex" if shown else "none"))
    box.add_class("wb-answers-section")
    return box


def show(box: w.Widget, visible: bool) -> None:
    box.layout.display = "flex" if visible else "none"
