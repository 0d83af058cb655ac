"""Run inside Pyodide by in_pyodide.mjs: workbook.answers.crypto (as answers_crypto) on the stand-in.

Opens /work/from_cpython.bin, seals /work/from_pyodide.bin, and evaluates to a JSON report.
"""

import hashlib
import json
import time

import answers_crypto as crypto
import cryptography

request = json.loads(open("/work/request.json", encoding="utf-8").read())
passphrase, wrong = request["passphrase"], request["wrong"]


def outcome(action) -> str:
    try:
        return action().decode("utf-8")
    except crypto.SealError as error:
        return type(error).__name__


start = time.perf_counter()
sealed = crypto.seal(request["plaintext"].encode("utf-8"), passphrase)
seconds_to_seal = time.perf_counter() - start
with open("/work/from_pyodide.bin", "wb") as file:
    file.write(sealed)

with open("/work/from_cpython.bin", "rb") as file:
    from_cpython = file.read()
_salt, keys = crypto.keys_for(from_cpython, passphrase)
changed = bytearray(from_cpython)
changed[-1] ^= 0x01

json.dumps({
    "hashlib_has_scrypt": hasattr(hashlib, "scrypt"),
    "cryptography": cryptography.__file__,
    "seconds_to_seal": seconds_to_seal,
    "opened": outcome(lambda: crypto.open_with_keys(from_cpython, keys)),
    "changed": outcome(lambda: crypto.open_with_keys(bytes(changed), keys)),
    "wrong": outcome(lambda: crypto.open_sealed(from_cpython, wrong)),
})
