"""Write a build as an npm package: wasm, JavaScript entry points,
declarations, README.

Place in the pipeline: the last stage (`frontend -> ir -> passes -> backend
-> package`). Input: a backend `Build` (wasm bytes + manifest, see
docs/internals.md section 4), or several Builds of one module for different
targets (builds.py picks which to ship; the loader chooses one at run time).
Output: a directory `npm install` accepts, offline, directly or through its
`npm pack` tarball:

    package.json   name, version, metadata (metadata.py), "type": "module",
                   exports (entries.py: import / require / default, and
                   "./manual"), files, sideEffects, engines
    index.js, index.cjs, manual.js, manual.cjs, core.js, core.cjs
                   the entry points (entries.py): the runtime pieces (js/),
                   the loader (loader.py), one checked wrapper per function
                   (javascript.py)
    index.d.ts ... exact TypeScript types for every entry (typescript.py)
    <module>.wasm  the module (the baseline build), unless inlined
    <module>.relaxed.wasm  the relaxed-SIMD build, when there is one
    README.md      install, each toolchain, every function (readme.py)
    .py2wasm-manifest.json  what py2wasm wrote (outdir.py); not published

The pure generators (`typescript_declarations`, `javascript_module`,
`package_json`, `readme`) are also used by the playground.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .builds import manifest_builds, package_manifest, stale_builds
from .entries import entry_files, exports_map, package_file_list, should_inline
from .javascript import javascript_module
from .metadata import merge_package_json, metadata_fields
from .npm_name import check_name, check_version
from .outdir import MANIFEST_FILE, check_outdir, manifest_json, removable
from .readme import readme
from .signature import UnsupportedSignature, check_manifest
from .typescript import typescript_declarations

DIST_NAME = "py2wasm-numeric"  # on PyPI; the import and the command are `py2wasm`


def _py2wasm_version() -> str:
    """The installed version ("dev" in a source tree that was never
    installed; checkouts installed before the rename are still "py2wasm")."""
    from importlib.metadata import PackageNotFoundError, distribution
    for name in (DIST_NAME, "py2wasm"):
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue
        # "py2wasm" only if it is this project (PyPI's py2wasm is another one)
        if name == DIST_NAME or (dist.metadata["Summary"] or "").startswith("Compile numeric Python functions"):
            return dist.version
    return "dev"


def package_json(manifest: dict, *, name: str, version: str, inline: bool = False,
                 metadata: dict | None = None) -> dict:
    """The package.json object for a (package) manifest. `metadata`:
    description, license, author, repository, keywords (metadata.py)."""
    return {
        "name": name,
        "version": version,
        **metadata_fields(metadata or {}, default_description=
                          f"{manifest.get('source') or 'Python'} compiled to WebAssembly by py2wasm"),
        "type": "module",
        "main": "./index.cjs",
        "module": "./index.js",
        "types": "./index.d.ts",
        "exports": exports_map(manifest, inline=inline),
        "files": package_file_list(manifest, inline=inline),
        # index.js/index.cjs load the module when imported: bundlers must keep them
        "sideEffects": ["./index.js", "./index.cjs"],
        "engines": {"node": ">=20"},
    }


def package_files(builds, *, name: str, version: str, inline: bool | None = None,
                  metadata: dict | None = None) -> dict[str, bytes]:
    """Every file of the package (relative path -> content). `builds` is one
    Build or a sequence of Builds of the same module for different targets
    (builds.py: which ship, under which names). `inline`: carry the wasm
    inside the JavaScript (None: when small, entries.INLINE_THRESHOLD).
    Validates the name, version and manifests first and raises ValueError
    on any problem."""
    check_name(name)
    check_version(version)
    manifest, wasms = package_manifest([builds] if hasattr(builds, "manifest") else builds)
    check_manifest(manifest)
    wasm_bytes = {file: bytes(b.wasm) for file, b in wasms}
    inline = should_inline(wasm_bytes, inline)
    header = (f"{name} {version}: {manifest.get('source') or 'Python'} compiled by py2wasm "
              f"{_py2wasm_version()}; generated, do not edit.")
    pj = package_json(manifest, name=name, version=version, inline=inline, metadata=metadata)
    return {
        "package.json": (json.dumps(pj, indent=2) + "\n").encode(),
        **entry_files(manifest, wasm_bytes, name=name, header=header, inline=inline),
        **({} if inline else wasm_bytes),
        "README.md": readme(manifest, name=name, version=version, inline=inline,
                            license=pj.get("license")).encode(),
    }


def write_package(builds, outdir, *, name: str, version: str, inline: bool | None = None,
                  metadata: dict | None = None, force: bool = False) -> Path:
    """Write the npm package for `builds` (one Build or several, as for
    `package_files`) into `outdir` (created if needed).

    Everything is generated and checked before the first file is written, so
    an invalid name, version or an unsupported signature writes nothing, and
    neither does an output folder holding files py2wasm did not write
    (outdir.check_outdir: OutputDirError, unless `force`). A package.json
    already there keeps the keys py2wasm does not generate (merge). Each
    file is replaced atomically. Returns the output directory.
    """
    files = package_files(builds, name=name, version=version, inline=inline, metadata=metadata)
    out = Path(outdir)
    previous = check_outdir(out, files, force=force)
    old_pj = out / "package.json"
    if old_pj.is_file():
        files["package.json"] = merge_package_json(old_pj.read_bytes(), files["package.json"], metadata or {})
    files[MANIFEST_FILE] = manifest_json(files)
    out.mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        fd, tmp = tempfile.mkstemp(dir=out, prefix=f".{rel}.")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, out / rel)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    for stale in removable(out, previous, files):  # what an earlier run wrote and this one does not
        stale.unlink()
    if previous is None:  # extra builds of a package written before the manifest existed
        for stale in stale_builds(out, files):
            stale.unlink()
    return out


__all__ = ["write_package", "DIST_NAME", "package_files", "package_json", "javascript_module",
           "typescript_declarations", "readme", "UnsupportedSignature"]
