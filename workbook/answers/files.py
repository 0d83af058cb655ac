"""Saving the answers to a locked file and opening one, for the answers panel (panel.py).

Opening never loses what is on the page: a wrong passphrase keeps the chosen file, and a page
that already has answers asks first, then combines them (see merge.py).
"""

from __future__ import annotations

import ipywidgets as w

from widgets.base import AnswerError
from workbook.answers import crypto
from workbook.answers.document import AnswerBook, DocumentError, from_bytes
from workbook.answers.merge import SAVED_MARK
from workbook.reader.form_parts import button, password, section, show
from workbook.render import render

FILE_NAME = "workbook-answers.wbanswers"
MAX_PASSPHRASE = 1000


class FileActions:
    """The file part of AnswersPanel (which provides page, book, device, _say and save_now)."""

    def _build_file(self) -> None:
        self.file_passphrase = password("Passphrase for the file (at least 8 characters)")
        self.save_button = button("Save to a file")
        self.save_button.on_click(lambda _b: self.save_file(self.file_passphrase.value))
        self.upload = w.FileUpload(accept=".wbanswers", multiple=False, description="Choose a file")
        self.open_button = button("Open the file")
        self.open_button.on_click(lambda _b: self.open_file(self._uploaded(), self.file_passphrase.value))
        self.replace_yes = button("Open it and keep both", "primary")
        self.replace_no = button("Do not open it")
        self.replace_yes.on_click(lambda _b: self._open_held_file())
        self.replace_no.on_click(lambda _b: self._drop_held_file())
        self.replace_box = section(w.HTML(render("answers_replace.html.j2", mark=SAVED_MARK.strip())),
                                   w.HBox([self.replace_yes, self.replace_no]), shown=False)
        self.file_box = section(w.HTML(render("answers_file.html.j2")), self.file_passphrase,
                                w.HBox([self.save_button, self.upload, self.open_button]),
                                self.replace_box)

    def save_file(self, passphrase: str) -> bool:
        self.file_passphrase.value = ""
        if not self._passphrase_fits(passphrase, "a passphrase for the file"):
            return False
        self._take_page_answers()
        try:
            self.device.download(FILE_NAME, crypto.seal(self.book.to_bytes(), passphrase))
        except (crypto.SealError, DocumentError) as error:
            self._say(str(error), "error")
            return False
        self.device.unsaved = False
        self._say("Your answers file is downloading. It is locked with the passphrase you chose; "
                  "keep the file and the passphrase private.", "success")
        return True

    def _uploaded(self) -> bytes | None:
        files = self.upload.value
        if not files:
            return None
        content = files[0].get("content") if isinstance(files[0], dict) else None
        return bytes(content) if content is not None else None

    def open_file(self, data: bytes | None, passphrase: str) -> bool:
        """Open a saved file; on any problem say what it is and change nothing (the chosen file
        stays chosen, so a mistyped passphrase can be typed again). If the page already has
        answers, ask first; then combine (see answers/merge.py)."""
        self.file_passphrase.value = ""
        self._drop_held_file(quiet=True)
        if data is None:
            self._say("Choose an answers file first.", "error")
            return False
        try:
            _salt, keys = crypto.keys_for(data, passphrase[:MAX_PASSPHRASE])
            book = AnswerBook(from_bytes(crypto.open_with_keys(data, keys)))
            if self.page is not None:
                self.page.check(book.module(self.module_id))
        except crypto.SealError as error:
            self._say(f"{error} Your answers on this page are unchanged.", "error")
            return False
        except (DocumentError, AnswerError):
            self._say("This file's answers do not fit the workbook, so it was not opened. Your "
                      "answers on this page are unchanged.", "error")
            return False
        if self.page is not None and self.page.has_answers:
            self._held_file = book
            show(self.replace_box, True)
            self._say("This page already has answers. Choose below whether to open the file.")
            return False
        return self._open_book(book)

    def _open_held_file(self) -> bool:
        book, self._held_file = self._held_file, None
        show(self.replace_box, False)
        return self._open_book(book) if book is not None else False

    def _drop_held_file(self, quiet: bool = False) -> None:
        show(self.replace_box, False)
        if self._held_file is not None and not quiet:
            self._say("The file was not opened. Your answers on this page are unchanged.")
        self._held_file = None

    def _book_to_page(self, book: AnswerBook | None = ...) -> None:
        """A page that shows more than its own answers (My plan) gets the whole book once it
        is unlocked or opened, and None once everything is forgotten."""
        show_book = getattr(self.page, "show_book", None)
        if show_book is not None:
            show_book(self.book if book is ... else book)

    def _open_book(self, book: AnswerBook) -> bool:
        combined = None
        typed_before = self.page is not None and self.page.has_answers
        if self.page is not None:
            combined = self.page.bring_back(book.module(self.module_id))
        self.upload.value = ()
        self.book.merge(book)
        self._book_to_page()
        self.save_now()
        if not typed_before and not self.remembering:
            self.device.unsaved = False
        self._say("Your answers from the file are back on this page. "
                  + both_kept_note(combined, "opening the file"), "success")
        return True


def both_kept_note(combined, before: str) -> str:
    """Plain words on what happened to answers typed before `before` (unlocking, opening)."""
    if combined is None:
        return ""
    note = ""
    if combined.both_kept:
        count = combined.both_kept
        note += (f"{count} {'box' if count == 1 else 'boxes'} already had different text from before "
                 f"{before}; nothing was lost: {'it holds' if count == 1 else 'each holds'} your new "
                 f"text first, then the saved text after “{SAVED_MARK.strip()}”. ")
    if combined.page_choices:
        count = combined.page_choices
        note += (f"For {count} {'question' if count == 1 else 'questions'} you had already chosen an "
                 f"answer on this page; your choice there was kept. ")
    return note
