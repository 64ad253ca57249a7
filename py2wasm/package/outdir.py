"""The output folder of `py2wasm build`: is it ours to write, can we write it,
and what did we write there last time.

Place in the pipeline: the last stage (`package`), used by the writer
(__init__.write_package) and by the CLI before it compiles anything.

py2wasm records every file it writes, with its SHA-256, in
`.py2wasm-manifest.json` (not published: package.json `files` omits it).
A folder is ours to write when it does not exist, is empty, or holds that
manifest; then a file py2wasm would overwrite must be one it wrote and that
is unchanged since (package.json excepted: it is merged, metadata.py).
Anything else (a folder with a README.md and an index.js of the user's, a
generated file edited by hand) is refused with an `OutputDirError` unless
the caller forces it (`--force`). Files the manifest does not list and
py2wasm would not write are never touched; files an earlier run wrote and
this one does not are removed only if unchanged.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

MANIFEST_FILE = ".py2wasm-manifest.json"
MERGED = {"package.json"}  # overwritten by a merge, so hand edits there are fine


class OutputDirError(ValueError):
    """The output folder cannot or must not be written."""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_json(files: dict[str, bytes]) -> bytes:
    """The manifest of generated files for `files` (relative path -> bytes)."""
    listing = {rel: _sha(data) for rel, data in sorted(files.items()) if rel != MANIFEST_FILE}
    return (json.dumps({"generator": "py2wasm", "files": listing}, indent=2) + "\n").encode()


def read_manifest(out: Path) -> dict[str, str] | None:
    """The files (path -> sha256) py2wasm last wrote into `out`, or None
    when `out` holds no (readable) manifest."""
    try:
        data = json.loads((Path(out) / MANIFEST_FILE).read_text("utf-8"))
        files = data["files"]
        if data.get("generator") == "py2wasm" and isinstance(files, dict):
            return {str(k): str(v) for k, v in files.items()}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _listing(out: Path, limit: int = 5) -> str:
    names = sorted(p.name + ("/" if p.is_dir() else "") for p in out.iterdir())
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def check_writable(out) -> None:
    """Raise OutputDirError unless `out` can be created or written: checked
    by creating (and removing) a temporary file in `out`, or in its nearest
    existing parent if `out` does not exist yet, so read-only mounts,
    immutable folders and paths under a regular file are caught for root
    too (permission bits alone do not stop root)."""
    out = Path(out)
    probe = out
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        what = "is" if probe == out else f"is under {probe}, which is"
        raise OutputDirError(f"cannot write the package to {out}: it {what} a file, not a folder")
    try:
        with tempfile.TemporaryFile(dir=probe, prefix=".py2wasm-write-test."):
            pass
    except OSError as e:
        reason = e.strerror or str(e)
        where = "" if probe == out else f" (cannot create it in {probe})"
        raise OutputDirError(f"cannot write the package to {out}{where}: {reason}") from None


def check_foreign(out, force: bool = False) -> None:
    """Before compiling: refuse a non-empty folder without our manifest."""
    out = Path(out)
    if force or not out.is_dir() or read_manifest(out) is not None:
        return
    if any(out.iterdir()):
        raise OutputDirError(
            f"refusing to write the package into {out}: it holds files py2wasm did not write "
            f"({_listing(out)}); choose an empty or new folder with -o, or pass --force to overwrite")


def check_outdir(out, files: dict[str, bytes], *, force: bool = False) -> dict[str, str] | None:
    """Check that writing `files` into `out` loses nothing of the user's;
    returns the previous manifest's listing (None: no manifest). Raises
    OutputDirError (nothing written) unless `force`."""
    out = Path(out)
    check_writable(out)
    if not out.is_dir():
        return None
    previous = read_manifest(out)
    if force:
        return previous
    if previous is None:
        check_foreign(out)
        return None
    changed = []
    for rel in files:
        path = out / rel
        if rel in MERGED or rel == MANIFEST_FILE or not path.exists():
            continue
        if rel not in previous:
            changed.append(f"{rel} (not written by py2wasm)")
        elif not path.is_file() or _sha(path.read_bytes()) != previous[rel]:
            changed.append(f"{rel} (changed since py2wasm wrote it)")
    if changed:
        raise OutputDirError(
            f"refusing to overwrite {', '.join(changed)} in {out}; pass --force to overwrite, "
            "or move your changes elsewhere")
    return previous


def removable(out, previous: dict[str, str] | None, files: dict[str, bytes]) -> list[Path]:
    """Files an earlier run wrote into `out` that this one does not, and
    that are unchanged since: safe to remove."""
    out = Path(out)
    stale = []
    for rel, digest in (previous or {}).items():
        path = out / rel
        if rel in files or rel == MANIFEST_FILE or os.sep in rel or "/" in rel:
            continue
        if path.is_file() and _sha(path.read_bytes()) == digest:
            stale.append(path)
    return stale


__all__ = ["MANIFEST_FILE", "OutputDirError", "check_writable", "check_foreign", "check_outdir",
           "read_manifest", "manifest_json", "removable"]
