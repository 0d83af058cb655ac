"""The stand-in's only door to JavaScript: `call(function, *args)` runs a function of the bundle.

In Pyodide the bundle (_bundle.js, next to this file) is evaluated once, on first use, and sets
globalThis.workbookCrypto. Elsewhere a substitute can be installed with `use_bridge`: a callable
taking the same arguments and returning bytes, raising BundleError for a JavaScript error.
"""

from __future__ import annotations

from importlib import resources

BUNDLE = "_bundle.js"
GLOBAL_NAME = "workbookCrypto"

_substitute = None
_library = None


class BundleError(Exception):
    """A function of the bundle threw; `name` is the JavaScript error's name."""

    def __init__(self, name: str, message: str = ""):
        super().__init__(f"{name}: {message}" if message else name)
        self.name = name


def use_bridge(bridge) -> None:
    """Send every call to `bridge` instead of Pyodide's JavaScript (None goes back to Pyodide)."""
    global _substitute
    _substitute = bridge


def call(function: str, *args: bytes | int) -> bytes:
    if _substitute is not None:
        return bytes(_substitute(function, *args))
    return _call_in_pyodide(function, *args)


def bundle_source() -> str:
    return resources.files(__package__).joinpath(BUNDLE).read_text(encoding="utf-8")


def _pyodide_library():
    global _library
    if _library is None:
        import js
        from pyodide.code import run_js

        run_js(bundle_source())
        _library = getattr(js, GLOBAL_NAME)
    return _library


def _call_in_pyodide(function: str, *args: bytes | int) -> bytes:
    from pyodide.ffi import JsException, to_js

    js_function = getattr(_pyodide_library(), function)
    js_args = [to_js(arg) if isinstance(arg, bytes) else arg for arg in args]
    try:
        result = js_function(*js_args)
    except JsException as error:
        raise BundleError(getattr(error, "name", "Error"), getattr(error, "message", str(error))) from None
    return result.to_bytes()
