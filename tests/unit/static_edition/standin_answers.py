"""workbook.answers.crypto on the cryptography stand-in, its JavaScript run by node; for the tests.

    python standin_answers.py BUNDLE < operations.json > results.json

Each operation is {"seal": plaintext, "passphrase": ...} or {"open": sealed, "passphrase": ...,
"flips": [byte positions]} with bytes in base64. An open derives the keys once and reports the
plaintext or the error class name, then the same for a copy of the file with each flipped byte.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[3]
STANDINS = CHECKOUT / "workbook" / "static_edition" / "standins"


def outcome(crypto, sealed: bytes, keys) -> dict:
    try:
        return {"plaintext": base64.b64encode(crypto.open_with_keys(sealed, keys)).decode()}
    except crypto.SealError as error:
        return {"error": type(error).__name__}


def run(operation: dict, crypto) -> dict:
    if "seal" in operation:
        sealed = crypto.seal(base64.b64decode(operation["seal"]), operation["passphrase"])
        return {"sealed": base64.b64encode(sealed).decode()}
    sealed = base64.b64decode(operation["open"])
    _salt, keys = crypto.keys_for(sealed, operation["passphrase"])
    result = outcome(crypto, sealed, keys)
    flipped = []
    for position in operation.get("flips", []):
        changed = bytearray(sealed)
        changed[position] ^= 0x01
        flipped.append(outcome(crypto, bytes(changed), keys))
    return {**result, "flipped": flipped}


def main() -> int:
    sys.path.insert(0, str(STANDINS))  # `import cryptography` now finds the stand-in
    import cryptography
    from cryptography._bridge import BundleError, use_bridge
    from node_bridge import NodeBridge

    from workbook.answers import crypto

    bridge = NodeBridge(Path(sys.argv[1]), BundleError)
    use_bridge(bridge)
    try:
        results = [run(operation, crypto) for operation in json.load(sys.stdin)]
    finally:
        bridge.close()
    json.dump({"cryptography": cryptography.__file__, "modules": sorted(sys.modules), "results": results},
              sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
