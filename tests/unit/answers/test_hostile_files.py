"""Generated hostile answers files: never a crash, never a hang, always a clear refusal."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.unit.answers.test_crypto import keys_for
from widgets.base import MAX_TEXT
from workbook.answers import crypto
from workbook.answers import document as store
from workbook.content.schema import ID_PATTERN

pytestmark = pytest.mark.slow

SALT = b"h" * crypto.SALT_BYTES
DEEPEST, MOST_ITEMS = 4, 200  # docs/answers-format.md: "at most 200 entries", "nest at most four deep"
texts = st.text(max_size=50) | st.integers(MAX_TEXT - 1, MAX_TEXT + 1).map(lambda n: "é" * n)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | texts,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children,
                                                                      max_size=5),
    max_leaves=30)
documents = st.fixed_dictionaries({
    "format": st.sampled_from([store.FORMAT, "other", ""]) | st.text(max_size=5),
    "version": st.integers(-2, 3) | st.text(max_size=3),
    "modules": json_values,
}, optional={"plan": json_values})
ids = st.from_regex(ID_PATTERN, fullmatch=True)
answer_values = st.recursive(  # near the limits of text, numbers and nesting, on both sides
    st.none() | st.booleans() | st.integers(-1001, 1001) | texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children,
                                                                      max_size=3),
    max_leaves=8)
nearly_right = st.fixed_dictionaries({  # right ids and shape: many of these are accepted
    "format": st.just(store.FORMAT),
    "version": st.just(store.VERSION),
    "modules": st.dictionaries(ids, st.dictionaries(ids, answer_values, max_size=3), max_size=3),
}, optional={"plan": st.dictionaries(ids, st.lists(texts, max_size=3), max_size=3)})


def open_document(data: bytes) -> dict:
    """What opening a file does after the passphrase: decrypt, parse, check."""
    salt, _nonce, _check = crypto.read_header(data)
    return store.from_bytes(crypto.open_with_keys(data, keys_for(bytes(salt) if salt == SALT else SALT)))


def sealed(plaintext: bytes) -> bytes:
    return crypto.seal_with_keys(plaintext, keys_for(SALT), SALT)


hostile_files = st.one_of(
    st.binary(max_size=2000),                                        # random bytes
    st.binary(max_size=300).map(lambda b: crypto.MAGIC + b),         # right magic, then junk
    documents.map(lambda d: sealed(json.dumps(d).encode())),         # well sealed, wrong shape
    nearly_right.map(lambda d: sealed(json.dumps(d).encode())),      # well sealed, right ids
    json_values.map(lambda v: sealed(json.dumps(v).encode())),       # well sealed, any JSON
    st.binary(max_size=500).map(sealed),                             # well sealed, not JSON
    st.integers(1, 60).map(lambda n: sealed(b"[" * (n * 1000))),     # deeply nested
    st.just(sealed(b"x") + b"\0" * crypto.MAX_FILE_BYTES),           # oversized
)


def walk(value, depth: int = 1):
    """Every (depth, key or value) inside an exercise's answers."""
    yield depth, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield depth, key
            yield from walk(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, depth + 1)


def assert_within_limits(document: dict) -> None:
    assert store.from_bytes(store.to_bytes(document)) == document
    for exercises in document["modules"].values():
        for answers in exercises.values():
            for depth, part in walk(answers):
                assert depth <= DEEPEST
                assert part is None or isinstance(part, (bool, int, str, list, dict))
                if isinstance(part, str):
                    assert len(part) <= MAX_TEXT
                elif isinstance(part, int) and not isinstance(part, bool):
                    assert -1000 <= part <= 1000  # "numbers stay small"
                elif isinstance(part, (list, dict)):
                    assert len(part) <= MOST_ITEMS and depth < DEEPEST
    for lines in document.get("plan", {}).values():  # My plan: lists of short texts only
        assert len(lines) <= 30 and all(isinstance(line, str) and len(line) <= MAX_TEXT for line in lines)


def assert_plain_refusal(error: Exception) -> None:
    """Our own error kinds with a short message; a SealError's is a sentence shown to the reader."""
    assert type(error) in {store.DocumentError, *crypto.SealError.__subclasses__()}
    message = str(error)
    assert 0 < len(message) <= 500
    if isinstance(error, crypto.SealError):
        assert message[0].isupper() and message.endswith(".") and "\n" not in message
        assert "\\x" not in message and "b'" not in message


@given(hostile_files)
def test_hostile_files_are_refused_cleanly(data):
    started = time.monotonic()
    try:
        document = open_document(data)
    except (crypto.SealError, store.DocumentError) as error:
        event(f"refused: {type(error).__name__}")
        assert_plain_refusal(error)
    else:
        event("accepted")
        assert_within_limits(document)
    assert time.monotonic() - started < 2
