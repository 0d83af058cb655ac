"""Generated hostile answers files: never a crash, never a hang, always a clear refusal."""

from __future__ import annotations

import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.answers.test_crypto import keys_for
from workbook.answers import crypto
from workbook.answers import document as store

SALT = b"h" * crypto.SALT_BYTES
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children,
                                                                      max_size=5),
    max_leaves=30)
documents = st.fixed_dictionaries({
    "format": st.sampled_from([store.FORMAT, "other", ""]) | st.text(max_size=5),
    "version": st.integers(-2, 3) | st.text(max_size=3),
    "modules": json_values,
})


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
    json_values.map(lambda v: sealed(json.dumps(v).encode())),       # well sealed, any JSON
    st.binary(max_size=500).map(sealed),                             # well sealed, not JSON
    st.integers(1, 60).map(lambda n: sealed(b"[" * (n * 1000))),     # deeply nested
    st.just(sealed(b"x") + b"\0" * crypto.MAX_FILE_BYTES),           # oversized
)


@settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
@given(hostile_files)
def test_hostile_files_are_refused_cleanly(data):
    started = time.monotonic()
    try:
        document = open_document(data)
    except (crypto.SealError, store.DocumentError):
        document = None
    assert time.monotonic() - started < 2
    if document is not None:
        assert store.check_document(document) is document
