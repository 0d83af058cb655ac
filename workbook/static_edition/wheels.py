"""Wheels for the reader's Python in the browser: written, downloaded, repacked, described.

Pyodide installs only what its lock file lists, from the lock's own folder, and checks each
file's sha256; so every wheel the pages need is put beside the lock with its real hash.
"""

from __future__ import annotations

import base64
import hashlib
import subprocess
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

HERE = Path(__file__).parent
# What a marker in Requires-Dist is evaluated against: Pyodide 0.29 in a browser.
PYODIDE_MARKERS = {
    "extra": "", "sys_platform": "emscripten", "platform_system": "Emscripten",
    "python_version": "3.13", "python_full_version": "3.13.2", "implementation_name": "cpython",
    "platform_machine": "wasm32", "os_name": "posix", "platform_python_implementation": "CPython",
}


def write_wheel(folder: Path, name: str, version: str, files: dict[str, bytes],
                requires: tuple[str, ...] = (), metadata: str | None = None) -> Path:
    """A py3-none-any wheel of `files` (archive name -> bytes), with a RECORD that pip accepts;
    its METADATA is `metadata` if given, else made from the name, version and `requires`."""
    dist = f"{name.replace('-', '_')}-{version}"
    wheel = folder / f"{dist}-py3-none-any.whl"
    if metadata is None:
        metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
        metadata += "".join(f"Requires-Dist: {item}\n" for item in requires)
    entries = dict(sorted(files.items()))
    entries[f"{dist}.dist-info/METADATA"] = metadata.encode()
    entries[f"{dist}.dist-info/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: workbook\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
    records = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for arcname, data in entries.items():
            # A fixed date, so that the same files give the same wheel and the same hash.
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            records.append(f"{arcname},sha256={digest},{len(data)}")
        records.append(f"{dist}.dist-info/RECORD,,")
        archive.writestr(f"{dist}.dist-info/RECORD", "\n".join(records) + "\n")
    return wheel


def folder_files(folder: Path, prefix: str, include_caches: bool = False) -> dict[str, bytes]:
    """Every file under `folder` as {prefix/relative path: bytes} (no prefix: the relative
    path alone), compiled caches left out unless `include_caches`."""
    found = {}
    for path in sorted(folder.rglob("*")):
        cached = "__pycache__" in path.parts or path.suffix == ".pyc"
        if not path.is_file() or (cached and not include_caches):
            continue
        relative = path.relative_to(folder).as_posix()
        found[f"{prefix}/{relative}" if prefix else relative] = path.read_bytes()
    return found


def quietly(command: list[str]) -> None:
    """Run pip; its output only if it fails (a machine's own index settings can be noisy)."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command[:3])} failed:\n{done.stderr[-3000:]}")


def pinned(list_file: Path) -> list[str]:
    lines = list_file.read_text(encoding="utf-8").splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]


def download(pip: Path, cache: Path) -> list[Path]:
    """The pinned pure wheels (wheels.txt) and the repacked source releases (sdists.txt)."""
    wheels, sources = cache / "wheels", cache / "sources"
    wheels.mkdir(parents=True, exist_ok=True)
    sources.mkdir(parents=True, exist_ok=True)
    quietly([str(pip), "download", "-q", "--no-deps", "--only-binary", ":all:",
             "--python-version", "3.13", "--platform", "any", "--implementation", "py",
             "--abi", "none", "-d", str(wheels), "-r", str(HERE / "wheels.txt")])
    repacked = []
    for line in pinned(HERE / "sdists.txt"):
        requirement, inner = line.split()
        name, version = requirement.split("==")
        quietly([str(pip), "download", "-q", "--no-deps", "--no-binary", ":all:",
                 "-d", str(sources), requirement])
        sdist = next(sources.glob(f"{name.lower()}-{version}.tar.gz"))
        repacked.append(repack(sdist, inner, name, version, cache / "repacked"))
    return sorted(wheels.glob("*.whl")) + repacked


def repack(sdist: Path, inner: str, name: str, version: str, folder: Path) -> Path:
    """The Python files of `inner` in a source release, as a py3-none-any wheel."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    with tarfile.open(sdist) as archive:
        for member in archive.getmembers():
            parts = member.name.split("/", 1)
            if len(parts) < 2 or not parts[1].startswith(inner + "/") or not member.isfile():
                continue
            if member.name.endswith((".py", ".pyi", "py.typed")):
                package_path = parts[1][len(inner) - len(inner.split("/")[-1]):]
                files[package_path] = archive.extractfile(member).read()
    return write_wheel(folder, name, version, files)


def describe(wheel: Path, bundled: set[str]) -> dict:
    """One pyodide-lock.json entry for `wheel`; its depends are the bundled names it requires."""
    name, version, _build, _tags = parse_wheel_filename(wheel.name)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(metadata_name).decode("utf-8"))
    depends = []
    for line in metadata.get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate(PYODIDE_MARKERS):
            continue
        if canonicalize_name(requirement.name) in bundled:
            depends.append(canonicalize_name(requirement.name))
    tops = sorted({n.split("/")[0].removesuffix(".py") for n in names
                   if not n.split("/")[0].endswith((".dist-info", ".data"))
                   and (n.endswith(".py") or "/" in n)})
    return {"name": canonicalize_name(name), "version": str(version), "file_name": wheel.name,
            "install_dir": "site", "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
            "package_type": "package", "imports": [top for top in tops if top.isidentifier()],
            "depends": sorted(set(depends)), "unvendored_tests": False, "shared_library": False}
