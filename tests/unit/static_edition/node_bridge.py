"""A bridge for the cryptography stand-in under CPython: its calls go to the bundle in one node process."""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

SERVER = Path(__file__).with_name("bundle_server.js")


class NodeBridge:
    """Callable as the stand-in's bridge; raises `error(name, message)` when the JavaScript throws."""

    def __init__(self, bundle: Path, error: type[Exception]):
        self.error = error
        self.process = subprocess.Popen(["node", str(SERVER), str(bundle)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)

    def __call__(self, function: str, *args: bytes | int) -> bytes:
        encoded = [base64.b64encode(arg).decode() if isinstance(arg, bytes) else arg for arg in args]
        self.process.stdin.write(json.dumps({"fn": function, "args": encoded}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the node bridge stopped (exit code {self.process.poll()})")
        reply = json.loads(line)
        if "error" in reply:
            raise self.error(reply["error"]["name"], reply["error"]["message"])
        return base64.b64decode(reply["ok"])

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=10)
