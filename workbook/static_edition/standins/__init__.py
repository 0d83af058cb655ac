"""Pure-Python stand-ins for packages that cannot run in the browser (each usable as a top-level package)."""
