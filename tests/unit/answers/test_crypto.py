"""Sealed answers: exact round trips, a change to any part detected, a message for each failure."""

from __future__ import annotations

import functools
import json
import random

import pytest

from workbook.answers import crypto
from workbook.answers import document as store

PASSPHRASE = "a long and private passphrase"


@functools.lru_cache(maxsize=64)
def keys_for(salt: bytes, passphrase: str = PASSPHRASE):
    return crypto.derive_keys(passphrase, salt)


def open_cached(sealed: bytes, passphrase: str = PASSPHRASE) -> bytes:
    """Like crypto.open_sealed, but derives each salt's keys once (scrypt is slow on purpose)."""
    salt, _nonce, _check = crypto.read_header(sealed)
    return crypto.open_with_keys(sealed, keys_for(bytes(salt), passphrase))


def random_text(rng: random.Random, longest: int = 200) -> str:
    alphabet = "abc XYZ 123 <>&\"'\\ é ✓ 😀 \n\t\u202e"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))


def random_document(rng: random.Random) -> dict:
    modules = {}
    for m in range(rng.randint(0, 4)):
        exercises = {}
        for e in range(rng.randint(0, 5)):
            shape = rng.choice(["questions", "rating", "table", "responses"])
            if shape == "questions":
                value = {f"q{i}": random_text(rng) for i in range(rng.randint(0, 6))}
            elif shape == "rating":
                value = {f"s{i}": rng.choice([1, 2, 3, None]) for i in range(rng.randint(0, 4))}
            elif shape == "table":
                value = {f"r{i}": {"mine": random_text(rng)} for i in range(rng.randint(0, 4))}
            else:
                value = [{"left": random_text(rng), "right": random_text(rng)}
                         for _ in range(rng.randint(0, 5))]
            exercises[f"ex-{m}-{e}"] = value
        modules[f"module-{m}"] = exercises
    return {"format": store.FORMAT, "version": store.VERSION, "modules": modules}


def test_a_thousand_random_answer_sets_come_back_exactly():
    rng = random.Random(20261125)
    salt = b"s" * crypto.SALT_BYTES
    nonces = set()
    for _ in range(1000):
        document = random_document(rng)
        sealed = crypto.seal_with_keys(store.to_bytes(document), keys_for(salt), salt)
        nonces.add(crypto.read_header(sealed)[1])
        assert store.from_bytes(crypto.open_with_keys(sealed, keys_for(salt))) == document
    assert len(nonces) == 1000, "a fresh nonce for every save"


def test_passphrase_round_trip_uses_a_new_salt_each_time():
    document = random_document(random.Random(1))
    first = crypto.seal(store.to_bytes(document), PASSPHRASE)
    second = crypto.seal(store.to_bytes(document), PASSPHRASE)
    assert crypto.read_header(first)[0] != crypto.read_header(second)[0]
    assert store.from_bytes(crypto.open_sealed(first, PASSPHRASE)) == document


@pytest.fixture(scope="module")
def sealed_file() -> bytes:
    rng = random.Random(7)
    document = {"format": store.FORMAT, "version": store.VERSION,
                "modules": {"m": {"e": {f"q{i}": random_text(rng, 40) for i in range(40)}}}}
    salt = bytes(range(crypto.SALT_BYTES))
    sealed = crypto.seal_with_keys(store.to_bytes(document), keys_for(salt), salt)
    assert len(sealed) >= 1000
    return sealed


# The layout in docs/answers-format.md: (field, first byte, length); the body and tag follow.
HEADER_FIELDS = [("magic", 0, 9), ("version", 9, 1), ("log2 N", 10, 1), ("r", 11, 1), ("p", 12, 1),
                 ("salt", 13, 16), ("nonce", 29, 12), ("passphrase check", 41, 16)]
HEADER_BYTES = 57
CHANGE_GIVES = {"magic": crypto.NotAnAnswersFile, "version": crypto.NewerVersion,
                "log2 N": crypto.Tampered, "r": crypto.Tampered, "p": crypto.Tampered,
                "salt": crypto.WrongPassphrase,  # other keys, so the check no longer matches
                "nonce": crypto.Tampered, "passphrase check": crypto.WrongPassphrase,
                "body": crypto.Tampered, "tag": crypto.Tampered}


def fields(sealed: bytes) -> list[tuple[str, int, int]]:
    body = len(sealed) - HEADER_BYTES - crypto.TAG_BYTES
    return HEADER_FIELDS + [("body", HEADER_BYTES, body), ("tag", len(sealed) - crypto.TAG_BYTES,
                                                           crypto.TAG_BYTES)]


def test_the_header_is_laid_out_as_documented(sealed_file):
    assert crypto.HEADER.size == HEADER_BYTES
    magic, version, log2_n, r, p, salt, nonce, check = crypto.HEADER.unpack_from(sealed_file)
    unpacked = {"magic": magic, "version": bytes([version]), "log2 N": bytes([log2_n]), "r": bytes([r]),
                "p": bytes([p]), "salt": salt, "nonce": nonce, "passphrase check": check}
    for name, start, length in HEADER_FIELDS:
        assert sealed_file[start: start + length] == unpacked[name], name
    assert (magic, version, log2_n, r, p) == (b"WBANSWERS", 1, 17, 8, 1)
    assert salt == bytes(range(crypto.SALT_BYTES))


@pytest.mark.parametrize("field", list(CHANGE_GIVES))
def test_a_change_in_any_part_of_the_file_is_detected(sealed_file, field):
    """First, middle and last byte of each part, each with a low and a high bit flipped."""
    [(_, start, length)] = [part for part in fields(sealed_file) if part[0] == field]
    for position in sorted({start, start + length // 2, start + length - 1}):
        for flip in (0x01, 0x80):
            changed = bytearray(sealed_file)
            changed[position] ^= flip
            with pytest.raises(CHANGE_GIVES[field]):
                open_cached(bytes(changed))


def test_each_failure_has_its_own_message(sealed_file):
    def message(data, passphrase=PASSPHRASE):
        with pytest.raises(crypto.SealError) as caught:
            open_cached(data, passphrase)
        return type(caught.value), str(caught.value)

    wrong = message(sealed_file, "not the passphrase")
    body = bytearray(sealed_file)
    body[-1] ^= 1
    tampered = message(bytes(body))
    truncated = message(sealed_file[: crypto.HEADER.size + 3])
    oversized = message(sealed_file + b"\0" * crypto.MAX_FILE_BYTES)
    foreign = message(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    newer = bytearray(sealed_file)
    newer[len(crypto.MAGIC)] = 9
    version = message(bytes(newer))
    kinds = [wrong, tampered, truncated, oversized, foreign, version]
    assert [kind for kind, _ in kinds] == [crypto.WrongPassphrase, crypto.Tampered, crypto.Truncated,
                                          crypto.TooLarge, crypto.NotAnAnswersFile, crypto.NewerVersion]
    assert len({text for _, text in kinds}) == len(kinds)
    assert "passphrase" in wrong[1] and "changed" in tampered[1]


def test_short_passphrases_are_refused():
    with pytest.raises(ValueError, match="at least 8"):
        crypto.seal(b"{}", "short")


def test_document_rejects_wrong_shapes():
    good = {"format": store.FORMAT, "version": 1, "modules": {"m": {"e": {"q": "text"}}}}
    assert store.from_bytes(json.dumps(good).encode()) == good
    bad = [
        b"not json", b"\xff\xfe", b"[]", b'{"format": "other", "version": 1, "modules": {}}',
        json.dumps({**good, "version": 3}).encode(),
        json.dumps({**good, "plan": {"reasons": "not a list"}}).encode(),
        json.dumps({**good, "plan": {"reasons": ["x" * 2001]}}).encode(),
        json.dumps({**good, "modules": {"Bad Id": {}}}).encode(),
        json.dumps({**good, "modules": {"m": {"e": "x" * 2001}}}).encode(),
        json.dumps({**good, "modules": {"m": {"e": [[[[["deep"]]]]]}}}).encode(),
        json.dumps({**good, "modules": {"m": {"e": 10**9}}}).encode(),
        b"[" * 100_000 + b"]" * 100_000,
    ]
    for data in bad:
        with pytest.raises(store.DocumentError):
            store.from_bytes(data)
