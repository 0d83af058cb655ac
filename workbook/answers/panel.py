"""Where a reader's answers are kept: this page only, this device (sealed), or a file.

The panel sits on every module page (and, smaller, on the home page). It holds the answers of
every module in memory for this page view, seals them with the reader's passphrase before they
leave the kernel, and loads a module's answers into its page all at once or not at all.
"""

from __future__ import annotations

import asyncio
import os

import ipywidgets as w

from widgets.base import AnswerError
from workbook.answers import crypto
from workbook.answers.carry import field_map, put_back
from workbook.answers.device import DeviceStorage
from workbook.answers.document import AnswerBook, DocumentError, from_bytes
from workbook.answers.files import FILE_NAME, MAX_PASSPHRASE, FileActions, both_kept_note
from workbook.answers.panel_parts import PanelParts
from workbook.reader.form_parts import show
from workbook.render import render
from workbook.static_mode import static_edition

AUTOSAVE_SECONDS = 0.5
__all__ = ["FILE_NAME", "AnswersPanel"]


class AnswersPanel(PanelParts, FileActions, w.VBox):
    """The reader's choice of where answers are kept, and the work that choice implies."""

    def __init__(self, workbook, page=None):
        self.workbook, self.page = workbook, page
        self.module_id = page.module.id if page else None
        self.book = AnswerBook()
        self.salt: bytes | None = None
        self.key_pair: tuple[bytes, bytes] | None = None
        self._pending = None
        self._device_waiting = False  # the browser reported before the page was made (see attach)
        self._held_file: AnswerBook | None = None
        self.device = DeviceStorage()
        self.device.observe(self._device_reported, names="ready")
        self.device.on_reply(self._device_replied)
        self.status = w.HTML()
        self.saved_note = w.HTML()
        self.progress = w.HTML()
        self._build_unlock()
        self._build_forget()
        children = [w.HTML(render("answers_intro.html.j2", on_module=page is not None)),
                    w.HTML(render("writing_safely.html.j2", note=workbook.support.writing_safely,
                                  where="answers"))]
        if page is not None:
            self._build_mode()
            self._build_setup()
            self._build_file()
            children += [self.mode, self.status, self.setup_box, self.unlock_box, self.saved_note,
                         self.file_box]
        else:
            children += [self.unlock_box, self.status, self.progress]
        children += [self.forget_box, self.device]
        super().__init__(children)
        if page is None:
            show(self.forget_box, False)  # until the browser says something is kept to forget
        self.add_class("wb-answers-panel")
        self._say(self._page_only_message() if page is not None else "")

    # ---- messages -------------------------------------------------------------------------
    def _say(self, message: str, kind: str = "info") -> None:
        self.status.value = render("answers_status.html.j2", message=message, kind=kind) if message else ""

    def _page_only_message(self) -> str:
        return ("Your answers are kept on this page only. Reloading or closing the page loses them. "
                "To keep them, choose to remember them on this device or save them to a file.")

    @property
    def remembering(self) -> bool:
        return self.key_pair is not None

    # ---- the device -------------------------------------------------------------------------
    def _device_reported(self, _change=None) -> None:
        if static_edition() and self.page is not None and not getattr(self.page, "finished", True):
            # The browser drew the panel while the page's later cells are still making their
            # exercises (the static edition runs cells one by one as the page shows them; a
            # served page is whole before a browser sees it): unlocking now would leave those
            # exercises empty, and the next save would write them over. attach(), at the
            # page's end, takes the report up.
            self._device_waiting = True
            return
        self._report_device()
        self._take_carried()

    def _report_device(self) -> None:
        if not self.device.available:
            self._say("This browser does not let the workbook keep anything, so answers cannot be "
                      "remembered here. You can still save them to a file.")
            return
        sealed = self.device.stored_bytes()
        if self.page is None:
            show(self.forget_box, sealed is not None)
        if sealed is None:
            self._show_progress()
            if self.page is None:
                self._say("No answers are kept on this device. On any module page you can choose to "
                          "remember them here, locked with a passphrase.")
            return
        remembered = self.device.session_keys()
        if remembered is not None and self._unlock_with(sealed, *remembered, quiet=True):
            return
        show(self.unlock_box, True)
        if self.page is not None:
            self.mode.value = {"keep": "device"}
        self._say("Answers are kept on this device. Enter your passphrase to bring them back.")

    def _take_carried(self) -> None:
        """Put back what a page whose connection was lost carried over (answers/carry.py)."""
        carried, self.device.carried = self.device.carried, ""
        if not carried or self.page is None:
            return
        complete = put_back(self.page.exercises, carried)
        if self.remembering:
            self.save_now()
        self._say("The page lost its connection and has reconnected. "
                  + ("What you had written is back on the page." if complete else
                     "Some of what you had written could not be put back; please check your answers.")
                  + ("" if self.remembering else " It is still kept on this page only."),
                  "success" if complete else "error")

    def _device_replied(self, reply: dict) -> None:
        if reply["op"] == "stored":
            self.saved_note.value = render("answers_saved.html.j2", ok=reply["ok"])
            if reply["ok"] and self._pending is None:
                self.device.unsaved = False
        elif reply["op"] == "forgotten" and not reply["ok"]:
            self._say("The browser did not let the workbook delete its data.", "error")

    def _unlock_with(self, sealed: bytes, salt: bytes, keys, quiet: bool = False) -> bool:
        typed_before = self.page is not None and self.page.has_answers
        combined = None
        try:
            book = AnswerBook(from_bytes(crypto.open_with_keys(sealed, keys)))
            if self.page is not None:
                combined = self.page.bring_back(book.module(self.module_id))
        except (crypto.SealError, DocumentError, AnswerError) as error:
            if not quiet:
                self._say(str(error) if isinstance(error, crypto.SealError) else
                          "The answers kept on this device could not be read. Nothing on this "
                          "page was changed.", "error")
            return False
        self.book, self.salt, self.key_pair = book, salt, keys
        self.device.keep_key(salt, keys)
        show(self.unlock_box, False)
        if self.page is not None:
            show(self.setup_box, False)
            self.mode.value = {"keep": "device"}
        if typed_before:
            self.save_now()  # what was typed before unlocking is kept on the device too
        else:
            self.device.unsaved = False
        self._show_progress()
        self._book_to_page()
        if self.page is None:
            self._say("Your answers are unlocked: your progress is below.", "success")
        else:
            self._say("Your answers from this device are back. " + both_kept_note(combined, "unlocking")
                      + "Changes are saved as you go.", "success")
        return True

    def unlock(self, passphrase: str) -> bool:
        self.unlock_passphrase.value = ""
        sealed = self.device.stored_bytes()
        if sealed is None:
            self._say("There are no answers kept on this device.", "error")
            return False
        try:
            salt, keys = crypto.keys_for(sealed, passphrase[:MAX_PASSPHRASE])
        except crypto.SealError as error:
            self._say(str(error), "error")
            return False
        return self._unlock_with(sealed, salt, keys)

    def start_remembering(self, passphrase: str, again: str) -> bool:
        self.new_passphrase.value = self.new_passphrase_again.value = ""
        if self.device.stored_bytes() is not None:
            show(self.unlock_box, True)
            self._say("Answers are already kept on this device: unlock them with your passphrase.")
            return False
        if not self._passphrase_fits(passphrase, "a passphrase"):
            return False
        if passphrase != again:
            self._say("The two passphrases are not the same. Please type them again.", "error")
            return False
        self.salt = os.urandom(crypto.SALT_BYTES)
        self.key_pair = crypto.derive_keys(passphrase, self.salt)
        self.device.keep_key(self.salt, self.key_pair)
        show(self.setup_box, False)
        self.mode.value = {"keep": "device"}
        self.save_now()
        self._say("Your answers are now kept on this device, locked with your passphrase. They are "
                  "saved as you go. Keep the passphrase safe: it cannot be recovered.", "success")
        return True

    def _mode_changed(self, change) -> None:
        wanted = (change["new"] or {}).get("keep", "page")
        if wanted == "device" and not self.remembering:
            has_stored = self.device.stored_bytes() is not None
            show(self.unlock_box, has_stored)
            show(self.setup_box, not has_stored)
        elif wanted == "page" and self.remembering:
            self.key_pair = self.salt = None
            self.device.drop_key()
            self.device.unsaved = self.page.has_answers
            self._say("From now on your answers are kept on this page only. Answers saved earlier "
                      "stay on this device, locked; use Forget everything to remove them.")
        elif wanted == "page":
            show(self.setup_box, False)
            self._say(self._page_only_message())

    def _passphrase_fits(self, passphrase: str, what: str) -> bool:
        if crypto.MIN_PASSPHRASE <= len(passphrase) <= MAX_PASSPHRASE:
            return True
        self._say(f"Choose {what} of at least {crypto.MIN_PASSPHRASE} characters.", "error")
        return False

    # ---- saving -------------------------------------------------------------------------------
    def _take_page_answers(self) -> None:
        """Copy this page's current answers into the book before it is sealed."""
        if self.page is not None:  # answers to exercises not on this page (a chapter a trainer
            # left out of this edition) are kept as they were, never dropped
            saved = self.book.module(self.module_id)
            elsewhere = {key: value for key, value in saved.items() if key not in self.page.exercises}
            self.book.set_module(self.module_id, {**elsewhere, **self.page.answers})

    def attach(self, exercises: dict) -> None:
        """Save on every change once the reader has chosen to remember; then take up the
        browser's report if it came while the page was still being made."""
        for widget in exercises.values():
            widget.on_change(lambda _widget: self._answers_changed())
        self.device.fields = field_map(exercises)
        if self._device_waiting:
            self._device_waiting = False
            self._device_reported()

    def _answers_changed(self) -> None:
        self.device.unsaved = True  # until a save to the device or a file says otherwise
        self.device.fields = field_map(self.page.exercises)  # rows come and go
        self.schedule_save()

    def schedule_save(self) -> None:
        if not self.remembering:
            return
        if self._pending is not None:
            self._pending.cancel()
        try:
            loop = asyncio.get_running_loop()  # the kernel's loop, while it handles a message
        except RuntimeError:
            self.save_now()
            return
        self._pending = loop.call_later(AUTOSAVE_SECONDS, self.save_now)

    def save_now(self) -> None:
        self._pending = None
        if not self.remembering:
            return
        self._take_page_answers()
        self.device.store(crypto.seal_with_keys(self.book.to_bytes(), self.key_pair, self.salt))

    # ---- forgetting -------------------------------------------------------------------------
    def forget(self) -> None:
        self.device.forget()
        self.book, self.key_pair, self.salt = AnswerBook(), None, None
        if self.page is not None:
            for widget in self.page.exercises.values():
                widget.clear()
            self.mode.value = {"keep": "page"}
        show(self.confirm_box, False)
        show(self.unlock_box, False)
        self.saved_note.value = ""
        self.device.unsaved = False
        if self.page is None:
            show(self.forget_box, False)
        self._show_progress()
        self._book_to_page(None)
        self._say("Everything the workbook kept on this device has been deleted, and this page's "
                  "answers are cleared.", "success")

    def _show_progress(self) -> None:
        if self.page is None:
            self.progress.value = render("answers_progress.html.j2", workbook=self.workbook,
                                         progress=self.book.progress(self.workbook),
                                         unlocked=self.remembering)
