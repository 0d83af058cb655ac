"""The browser stand-in for `cryptography`: its JavaScript bundle and its Python package make sealed
answers that CPython's real `cryptography` opens, and open the ones it makes, byte for byte.

The bundle runs under node here; the Python stand-in reaches it through a bridge to node (the
browser uses Pyodide's run_js instead, see the stand-in's _bridge.py).
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM as RealAESGCM

from workbook.answers import crypto
from workbook.static_edition import bundle_crypto

from .node_bridge import NodeBridge

HERE = Path(__file__).resolve().parent
STANDIN = bundle_crypto.HERE / "standins" / "cryptography"
PASSPHRASE = "a long and private passphrase ✓"
WRONG = "a long and private passphrase ✗"
PLAINTEXT = json.dumps({"plan": "Call Sam when it gets hard — «every time»", "rating": 7}).encode()

# Where a flipped byte lands in a sealed file (the layout is in workbook/answers/crypto.py).
LOG2_N_AT = len(crypto.MAGIC) + 1
NONCE_AT = len(crypto.MAGIC) + 4 + crypto.SALT_BYTES
CHECK_AT = NONCE_AT + crypto.NONCE_BYTES
BODY_AT = crypto.HEADER.size
FLIPS = {LOG2_N_AT: "Tampered", NONCE_AT: "Tampered", CHECK_AT: "WrongPassphrase", BODY_AT: "Tampered",
         -1: "Tampered"}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    if not bundle_crypto.ESBUILD.exists():
        pytest.skip(f"{bundle_crypto.ESBUILD} is missing; `make test` installs it with npm ci")
    return bundle_crypto.build_bundle(tmp_path_factory.mktemp("bundle") / "_bundle.js")


def node_seal(bundle: Path, path: Path, plaintext: bytes, passphrase: str) -> bytes:
    subprocess.run(["node", HERE / "sealed_file.js", bundle, "seal", path, passphrase], input=plaintext,
                   check=True, timeout=60)
    return path.read_bytes()


def node_open(bundle: Path, path: Path, sealed: bytes, passphrase: str) -> bytes | str:
    """The plaintext node gets from `sealed`, or the name of the error it stopped with."""
    path.write_bytes(sealed)
    done = subprocess.run(["node", HERE / "sealed_file.js", bundle, "open", path, passphrase],
                          capture_output=True, timeout=60)
    assert done.returncode in (0, 3), done.stderr
    return done.stdout if done.returncode == 0 else done.stderr.decode()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def flipped(sealed: bytes, position: int) -> bytes:
    changed = bytearray(sealed)
    changed[position] ^= 0x01
    return bytes(changed)


def open_error(sealed: bytes, keys) -> str:
    with pytest.raises(crypto.SealError) as raised:
        crypto.open_with_keys(sealed, keys)
    return type(raised.value).__name__


@pytest.mark.parametrize("evaluate", [
    "(function () { (0, eval)(source); })()",  # as run_js does: the global eval, called indirectly
    "new Function(source)()",  # in a function's scope, where a top-level `var` stays local
])
def test_the_bundle_sets_workbook_crypto_on_the_global_object(bundle, evaluate):
    script = (f"const source = require('fs').readFileSync(process.argv[1], 'utf8'); {evaluate};"
              "console.log(JSON.stringify(Object.keys(globalThis.workbookCrypto).sort()));")
    done = subprocess.run(["node", "-e", script, bundle], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == ["gcmDecrypt", "gcmEncrypt", "scrypt"]
    assert bundle.stat().st_size < 64 * 1024


@pytest.mark.slow  # real-cost scrypt or hundreds of generated cases; make test runs it
def test_node_opens_answers_sealed_by_cpython(bundle, tmp_path):
    sealed = crypto.seal(PLAINTEXT, PASSPHRASE)
    file = tmp_path / "answers.wbanswers"
    assert node_open(bundle, file, sealed, PASSPHRASE) == PLAINTEXT
    assert node_open(bundle, file, flipped(sealed, BODY_AT + 3), PASSPHRASE) == "InvalidTag"


@pytest.mark.slow  # real-cost scrypt or hundreds of generated cases; make test runs it
def test_node_tells_a_wrong_passphrase_from_a_changed_file(bundle, tmp_path):
    sealed = crypto.seal(PLAINTEXT, PASSPHRASE)
    assert node_open(bundle, tmp_path / "a", sealed, WRONG) == "WrongPassphrase"
    assert node_open(bundle, tmp_path / "b", flipped(sealed, NONCE_AT), PASSPHRASE) == "InvalidTag"


@pytest.fixture(scope="module")
def node_sealed(bundle, tmp_path_factory) -> bytes:
    return node_seal(bundle, tmp_path_factory.mktemp("node") / "answers", PLAINTEXT, PASSPHRASE)


@pytest.mark.slow  # real-cost scrypt or hundreds of generated cases; make test runs it
def test_cpython_opens_answers_sealed_in_node(node_sealed):
    assert crypto.open_sealed(node_sealed, PASSPHRASE) == PLAINTEXT
    with pytest.raises(crypto.WrongPassphrase):
        crypto.open_sealed(node_sealed, WRONG)


@pytest.mark.slow  # real-cost scrypt or hundreds of generated cases; make test runs it
def test_a_changed_byte_in_a_file_sealed_in_node_gives_the_readers_error(node_sealed):
    _salt, keys = crypto.keys_for(node_sealed, PASSPHRASE)
    assert crypto.open_with_keys(node_sealed, keys) == PLAINTEXT
    assert {at: open_error(flipped(node_sealed, at), keys) for at in FLIPS} == FLIPS


def load_standin(name: str = "standin_cryptography") -> SimpleNamespace:
    """The stand-in imported under another name, beside the real `cryptography` (relative imports)."""
    spec = importlib.util.spec_from_file_location(name, STANDIN / "__init__.py",
                                                  submodule_search_locations=[str(STANDIN)])
    package = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    spec.loader.exec_module(package)
    modules = {short: importlib.import_module(f"{name}.{dotted}") for short, dotted in {
        "aead": "hazmat.primitives.ciphers.aead", "scrypt": "hazmat.primitives.kdf.scrypt",
        "exceptions": "exceptions", "bridge": "_bridge"}.items()}
    return SimpleNamespace(**modules)


@pytest.fixture(scope="module")
def standin(bundle):
    loaded = load_standin()
    bridge = NodeBridge(bundle, loaded.bridge.BundleError)
    loaded.bridge.use_bridge(bridge)
    yield loaded
    bridge.close()
    for name in [name for name in sys.modules if name.split(".")[0] == "standin_cryptography"]:
        del sys.modules[name]


@pytest.mark.parametrize("log2_n, r, p, length", [(1, 1, 1, 1), (4, 8, 1, 64), (10, 8, 2, 33), (12, 4, 1, 9)])
def test_standin_scrypt_gives_what_cpython_gives(standin, log2_n, r, p, length):
    for password, salt in [(b"", b""), (PASSPHRASE.encode(), os.urandom(16)), (os.urandom(100), b"s" * 40)]:
        expected = hashlib.scrypt(password, salt=salt, n=2**log2_n, r=r, p=p, dklen=length)
        got = standin.scrypt.Scrypt(salt=salt, length=length, n=2**log2_n, r=r, p=p).derive(password)
        assert got == expected


@pytest.mark.parametrize("key_bytes", [16, 24, 32])
@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 1000])
def test_standin_aesgcm_matches_real_cryptography(standin, key_bytes, size):
    key, nonce, data, aad = os.urandom(key_bytes), os.urandom(12), os.urandom(size), os.urandom(size % 40)
    real, stand_in = RealAESGCM(key), standin.aead.AESGCM(key)
    sealed = real.encrypt(nonce, data, aad)
    assert stand_in.encrypt(nonce, data, aad) == sealed
    assert stand_in.decrypt(nonce, sealed, aad) == data
    assert stand_in.encrypt(nonce, data, None) == real.encrypt(nonce, data, b"")
    for wrong_aad in [aad + b"x", None if aad else b"y"]:
        with pytest.raises(standin.exceptions.InvalidTag):
            stand_in.decrypt(nonce, sealed, wrong_aad)
    with pytest.raises(standin.exceptions.InvalidTag):
        stand_in.decrypt(nonce, flipped(sealed, -1), aad)
    with pytest.raises(standin.exceptions.InvalidTag):
        stand_in.decrypt(nonce, sealed[:15], aad)


def test_standin_aesgcm_refuses_what_the_real_one_refuses(standin):
    with pytest.raises(ValueError):
        standin.aead.AESGCM(os.urandom(31))
    with pytest.raises(ValueError):
        standin.aead.AESGCM(os.urandom(32)).encrypt(os.urandom(7), b"data", b"")
    with pytest.raises(TypeError):
        standin.scrypt.Scrypt(salt=b"salt", length=64, n=2**4, r=8, p=1).derive("text, not bytes")


def run_answers_on_the_standin(bundle: Path, operations: list[dict]) -> dict:
    """Run workbook.answers.crypto in a fresh Python whose `cryptography` is the stand-in."""
    env = {**os.environ, "PYTHONPATH": str(bundle_crypto.CHECKOUT)}
    done = subprocess.run([sys.executable, HERE / "standin_answers.py", bundle], input=json.dumps(operations),
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow  # real-cost scrypt or hundreds of generated cases; make test runs it
def test_answers_sealed_on_the_standin_open_with_real_cryptography_and_back(bundle):
    from_cpython = crypto.seal(PLAINTEXT, PASSPHRASE)
    report = run_answers_on_the_standin(bundle, [
        {"seal": b64(PLAINTEXT), "passphrase": PASSPHRASE},
        {"open": b64(from_cpython), "passphrase": PASSPHRASE, "flips": list(FLIPS)},
        {"open": b64(from_cpython), "passphrase": WRONG},
    ])
    assert Path(report["cryptography"]).parent == STANDIN
    assert not [name for name in report["modules"] if name.startswith("cryptography.hazmat.bindings")]
    sealed_there, opened_there, wrong_there = report["results"]

    assert crypto.open_sealed(base64.b64decode(sealed_there["sealed"]), PASSPHRASE) == PLAINTEXT
    assert base64.b64decode(opened_there["plaintext"]) == PLAINTEXT
    assert [outcome["error"] for outcome in opened_there["flipped"]] == list(FLIPS.values())
    assert wrong_there["error"] == "WrongPassphrase"


@pytest.mark.slow
def test_answers_sealed_in_pyodide_open_in_cpython_and_back(bundle, tmp_path):
    # Pyodide is not among package.json's devDependencies; `npm install --no-save pyodide@0.29`
    # adds it for this test, which otherwise skips.
    if not (bundle_crypto.CHECKOUT / "node_modules" / "pyodide").exists():
        pytest.skip("node_modules/pyodide is missing (npm install --no-save pyodide@0.29)")
    request = {"plaintext": PLAINTEXT.decode(), "passphrase": PASSPHRASE, "wrong": WRONG}
    (tmp_path / "request.json").write_text(json.dumps(request), encoding="utf-8")
    (tmp_path / "from_cpython.bin").write_bytes(crypto.seal(PLAINTEXT, PASSPHRASE))
    done = subprocess.run(["node", HERE / "in_pyodide.mjs", STANDIN, bundle, Path(crypto.__file__), tmp_path],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["cryptography"].startswith("/home/pyodide/site/cryptography/")
    assert not report["hashlib_has_scrypt"]  # why the stand-in exists
    assert (report["opened"], report["changed"], report["wrong"]) == (
        PLAINTEXT.decode(), "Tampered", "WrongPassphrase")
    assert crypto.open_sealed((tmp_path / "from_pyodide.bin").read_bytes(), PASSPHRASE) == PLAINTEXT
