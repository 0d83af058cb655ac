"""Bundle the JavaScript half of the `cryptography` stand-in into one script with esbuild.

The script defines `workbookCrypto` (scrypt, gcmEncrypt, gcmDecrypt) on the global object. The
static edition's build writes it to STANDIN_BUNDLE, inside the stand-in package, which reads it
on first use in the browser. Run `python -m workbook.static_edition.bundle_crypto [OUTPUT]`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent.parent
ENTRY = HERE / "standins" / "cryptography_js" / "entry.js"
STANDIN_BUNDLE = HERE / "standins" / "cryptography" / "_bundle.js"
ESBUILD = CHECKOUT / "node_modules" / ".bin" / "esbuild"
GLOBAL_NAME = "workbookCrypto"


def esbuild_command(output: Path, esbuild: Path = ESBUILD) -> list[str]:
    # An IIFE assigns a top-level `var`, which is global only when the script runs at top level;
    # the footer makes globalThis.workbookCrypto certain however the script is evaluated.
    return [
        str(esbuild), str(ENTRY), "--bundle", "--format=iife", f"--global-name={GLOBAL_NAME}",
        "--minify", "--target=es2020", f"--footer:js=globalThis.{GLOBAL_NAME}={GLOBAL_NAME};",
        "--log-level=warning", f"--outfile={output}",
    ]


def build_bundle(output: Path = STANDIN_BUNDLE, esbuild: Path = ESBUILD) -> Path:
    """Write the bundle to `output` and return its path; esbuild comes from `make` (npm)."""
    if not Path(esbuild).exists():
        raise FileNotFoundError(f"{esbuild} is missing: run `npm ci` in {CHECKOUT} (make does).")
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(esbuild_command(output, esbuild), cwd=CHECKOUT, check=True,
                   capture_output=True, text=True)
    return output


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    written = build_bundle(Path(args[0]) if args else STANDIN_BUNDLE)
    print(f"{written} ({written.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
