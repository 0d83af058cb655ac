"""The device bridge: this browser's storage and downloads, seen from the kernel.

Only sealed answers (see crypto.py) and the unlocked key for the current tab ever cross it.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets as t

from workbook.answers.crypto import MAX_FILE_BYTES

STATIC = Path(__file__).resolve().parent / "static"
MAX_STORED_CHARS = (MAX_FILE_BYTES * 4) // 3 + 8
SESSION_KEY_BYTES = 16 + 32 + 32  # salt, AES key, passphrase-check key
MAX_CARRIED_CHARS = 4_000_000  # every answer of the longest module at full length, with room


def decode_b64(text: str, limit: int) -> bytes | None:
    """Bytes from base64 text sent by the browser, or None if it is not that (or too long)."""
    if not isinstance(text, str) or not text or len(text) > limit:
        return None
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None


class DeviceStorage(anywidget.AnyWidget):
    """Invisible helper that reports what this browser keeps and stores what the kernel sends."""

    _esm = STATIC / "device.js"
    stored = t.Unicode("", help="Sealed answers kept in this browser (base64), or empty.").tag(sync=True)
    session_key = t.Unicode("", help="Unlocked key kept for this tab (base64), or empty.").tag(sync=True)
    available = t.Bool(True, help="Whether this browser lets the page keep data.").tag(sync=True)
    ready = t.Bool(False, help="True once the browser has reported.").tag(sync=True)
    unsaved = t.Bool(False, help="Whether answers on the page are kept nowhere yet, so leaving "
                     "the page would lose them (the page then asks first).").tag(sync=True)
    fields = t.Dict(help="Where each answer lives on the page: {widget model id: [exercise id, "
                    "trait, *path]} (answers/carry.py).").tag(sync=True)
    carried = t.Unicode("", help="What a page whose connection was lost carried over to this one "
                        "(JSON, see answers/carry.py), or empty.").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._replies: list[Callable[[dict], None]] = []
        self.on_msg(self._on_reply)

    @t.validate("stored")
    def _stored_size(self, proposal):
        return proposal["value"] if len(proposal["value"]) <= MAX_STORED_CHARS else ""

    @t.validate("carried")
    def _carried_size(self, proposal):
        return proposal["value"] if len(proposal["value"]) <= MAX_CARRIED_CHARS else ""

    @t.validate("session_key")
    def _session_key_shape(self, proposal):
        raw = decode_b64(proposal["value"], 200)
        return proposal["value"] if raw is not None and len(raw) == SESSION_KEY_BYTES else ""

    def on_reply(self, callback: Callable[[dict], None]) -> None:
        self._replies.append(callback)

    def _on_reply(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("op") in ("stored", "forgotten"):
            for callback in self._replies:
                callback({"op": content["op"], "ok": content.get("ok") is True})

    def store(self, sealed: bytes) -> None:
        self.send({"op": "store", "blob": base64.b64encode(sealed).decode("ascii")})

    def keep_key(self, salt: bytes, keys: tuple[bytes, bytes]) -> None:
        self.send({"op": "keep_key", "key": base64.b64encode(salt + keys[0] + keys[1]).decode("ascii")})

    def drop_key(self) -> None:
        self.send({"op": "drop_key"})

    def forget(self) -> None:
        self.send({"op": "forget"})

    def download(self, name: str, data: bytes) -> None:
        self.send({"op": "download", "name": name, "b64": base64.b64encode(data).decode("ascii")})

    def print_page(self, html: str) -> None:
        """Show `html` (a self-contained page) in a hidden frame and open the browser's print window."""
        self.send({"op": "print", "html": html})

    def stored_bytes(self) -> bytes | None:
        return decode_b64(self.stored, MAX_STORED_CHARS)

    def session_keys(self) -> tuple[bytes, tuple[bytes, bytes]] | None:
        raw = decode_b64(self.session_key, 200)
        if raw is None or len(raw) != SESSION_KEY_BYTES:
            return None
        return raw[:16], (raw[16:48], raw[48:])
