"""AESGCM with the interface of cryptography's, computed in JavaScript (ciphertext then 16-byte tag)."""

from __future__ import annotations

from ...._bridge import BundleError, call
from ....exceptions import InvalidTag


def _bytes(name: str, value) -> bytes:
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(f"{name} must be bytes-like.")
    return bytes(value)


class AESGCM:
    def __init__(self, key: bytes):
        key = _bytes("key", key)
        if len(key) not in (16, 24, 32):
            raise ValueError("AESGCM key must be 128, 192, or 256 bits.")
        self._key = key

    def _arguments(self, nonce, data, associated_data) -> tuple[bytes, bytes, bytes, bytes]:
        nonce = _bytes("nonce", nonce)
        if not 8 <= len(nonce) <= 128:
            raise ValueError("Nonce must be between 8 and 128 bytes")
        aad = b"" if associated_data is None else _bytes("associated_data", associated_data)
        return self._key, nonce, _bytes("data", data), aad

    def encrypt(self, nonce: bytes, data: bytes, associated_data: bytes | None) -> bytes:
        return call("gcmEncrypt", *self._arguments(nonce, data, associated_data))

    def decrypt(self, nonce: bytes, data: bytes, associated_data: bytes | None) -> bytes:
        try:
            return call("gcmDecrypt", *self._arguments(nonce, data, associated_data))
        except BundleError as error:
            if error.name == "InvalidTag":
                raise InvalidTag() from None
            raise
