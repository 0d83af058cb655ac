"""Scrypt with the constructor and `derive` of cryptography's, computed in JavaScript."""

from __future__ import annotations

from ...._bridge import call


def _require_bytes(name: str, value) -> bytes:
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(f"{name} must be bytes-like.")
    return bytes(value)


class Scrypt:
    def __init__(self, salt: bytes, length: int, n: int, r: int, p: int, backend=None):
        if n < 2 or n & (n - 1):
            raise ValueError("n must be greater than 1 and be a power of 2.")
        if r < 1 or p < 1:
            raise ValueError("r and p must be greater than or equal to 1.")
        if length < 1:
            raise ValueError("length must be at least 1.")
        self._salt = _require_bytes("salt", salt)
        self._length, self._n, self._r, self._p = length, n, r, p

    def derive(self, key_material: bytes) -> bytes:
        password = _require_bytes("key_material", key_material)
        return call("scrypt", password, self._salt, self._n, self._r, self._p, self._length)
