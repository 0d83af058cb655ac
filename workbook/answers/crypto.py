"""Encrypted answers: AES-256-GCM with a key from the reader's passphrase (scrypt).

Layout of a sealed file (all of it before the ciphertext is the header, authenticated as
associated data):

    magic "WBANSWERS" | version (1 byte) | log2 N (1) | r (1) | p (1) | salt (16) | nonce (12)
    | passphrase check (16) | ciphertext + GCM tag

The scrypt output (64 bytes) gives the AES key and, separately, a key whose HMAC of a fixed
label is the passphrase check: so a wrong passphrase and a changed file get different messages.
`cryptography` is imported on first use (about 8 MiB per kernel), when a reader keeps answers.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct

MAGIC = b"WBANSWERS"
VERSION = 1
LOG2_N, R, P = 17, 8, 1
SALT_BYTES, NONCE_BYTES, CHECK_BYTES, TAG_BYTES = 16, 12, 16, 16
HEADER = struct.Struct(f"!{len(MAGIC)}sBBBB{SALT_BYTES}s{NONCE_BYTES}s{CHECK_BYTES}s")
MAX_FILE_BYTES = 1024 * 1024
MIN_PASSPHRASE = 8
CHECK_LABEL = b"workbook passphrase check"


class SealError(ValueError):
    """A sealed answers file could not be opened; the message is meant for the reader."""


class TooLarge(SealError):
    pass


class NotAnAnswersFile(SealError):
    pass


class Truncated(SealError):
    pass


class NewerVersion(SealError):
    pass


class WrongPassphrase(SealError):
    pass


class Tampered(SealError):
    pass


def derive_keys(passphrase: str, salt: bytes, log2_n: int = LOG2_N, r: int = R, p: int = P):
    """(AES key, passphrase-check key) from the passphrase; about 0.3 s and 128 MiB by design."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    material = Scrypt(salt=salt, length=64, n=2**log2_n, r=r, p=p).derive(passphrase.encode("utf-8"))
    return material[:32], material[32:]


def passphrase_check(check_key: bytes) -> bytes:
    return hmac.new(check_key, CHECK_LABEL, hashlib.sha256).digest()[:CHECK_BYTES]


def seal_with_keys(plaintext: bytes, keys, salt: bytes) -> bytes:
    """Encrypt with keys already derived for `salt`; a fresh nonce every time."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aes_key, check_key = keys
    nonce = os.urandom(NONCE_BYTES)
    header = HEADER.pack(MAGIC, VERSION, LOG2_N, R, P, salt, nonce, passphrase_check(check_key))
    sealed = header + AESGCM(aes_key).encrypt(nonce, plaintext, header)
    if len(sealed) > MAX_FILE_BYTES:
        raise TooLarge("These answers are too long to save (the limit is 1 MiB).")
    return sealed


def seal(plaintext: bytes, passphrase: str) -> bytes:
    """Encrypt `plaintext` with a new random salt and nonce."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValueError(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters.")
    salt = os.urandom(SALT_BYTES)
    return seal_with_keys(plaintext, derive_keys(passphrase, salt), salt)


def read_header(sealed: bytes):
    """Check size, kind, version and parameters before any expensive work; return the header."""
    if not isinstance(sealed, (bytes, bytearray)):
        raise NotAnAnswersFile("This is not a workbook answers file.")
    if len(sealed) > MAX_FILE_BYTES:
        raise TooLarge("This file is larger than any answers file the workbook makes (1 MiB).")
    start = bytes(sealed[: len(MAGIC)])
    if not start or MAGIC[: len(start)] != start:
        raise NotAnAnswersFile("This is not a workbook answers file.")
    if len(sealed) < HEADER.size + TAG_BYTES:
        raise Truncated("This answers file is incomplete; it may have been cut short while copying.")
    magic, version, log2_n, r, p, salt, nonce, check = HEADER.unpack_from(sealed)
    if magic != MAGIC:
        raise NotAnAnswersFile("This is not a workbook answers file.")
    if version != VERSION:
        raise NewerVersion("This answers file was made by a different version of the workbook.")
    if (log2_n, r, p) != (LOG2_N, R, P):
        raise Tampered("This answers file has been changed since it was saved, so it cannot be opened.")
    return salt, nonce, check


def open_with_keys(sealed: bytes, keys) -> bytes:
    """Decrypt with keys derived for this file's salt; raise a SealError the reader can act on."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    _salt, nonce, check = read_header(sealed)
    aes_key, check_key = keys
    if not hmac.compare_digest(passphrase_check(check_key), check):
        raise WrongPassphrase("That passphrase does not open these answers. Check it and try again.")
    header, body = bytes(sealed[: HEADER.size]), bytes(sealed[HEADER.size :])
    try:
        return AESGCM(aes_key).decrypt(nonce, body, header)
    except InvalidTag:
        raise Tampered("This answers file has been changed since it was saved, so it cannot be "
                       "opened. Your answers on this page are unchanged.") from None


def keys_for(sealed: bytes, passphrase: str) -> tuple[bytes, tuple[bytes, bytes]]:
    """The file's salt and the keys `passphrase` gives for it; the header is checked first."""
    salt, _nonce, _check = read_header(sealed)
    return bytes(salt), derive_keys(passphrase, bytes(salt))


def open_sealed(sealed: bytes, passphrase: str) -> bytes:
    return open_with_keys(sealed, keys_for(sealed, passphrase)[1])
