"""Package metadata: from CLI flags, from the `[tool.py2wasm]` table of the
user's pyproject.toml, and from a package.json already in the output folder.

Place in the pipeline: the last stage (`package`), used by the CLI and the
package.json writer (__init__.package_json).

Precedence for every field: a CLI flag, then `[tool.py2wasm]` (the nearest
pyproject.toml at or above the source file), then (name, version and the
metadata fields) the package.json of an earlier build, then the default.
On a rebuild, package.json keeps every key py2wasm does not generate (the
user's `scripts`, `dependencies`, `publishConfig`...): `merge_package_json`.

    [tool.py2wasm]
    name = "@me/fma"          # npm package name
    version = "1.2.0"
    description = "..."
    license = "MIT"           # an SPDX expression
    author = "Me <me@example.com>"
    repository = "https://github.com/me/fma"
    keywords = ["wasm", "math"]
    inline-wasm = true        # like --inline-wasm / --no-inline-wasm
"""
from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

FIELDS = ("description", "keywords", "license", "author", "repository")
TOOL_KEYS = {"name": str, "version": str, "description": str, "license": str, "author": (str, dict),
             "repository": (str, dict), "keywords": list, "inline-wasm": bool}
# package.json keys py2wasm writes on every build (the user's values are replaced)
GENERATED = ("name", "version", "type", "main", "module", "types", "exports", "files", "sideEffects", "engines")


class MetadataError(ValueError):
    """A malformed [tool.py2wasm] table."""


def find_pyproject(start) -> Path | None:
    """The nearest pyproject.toml in `start`'s folder or above."""
    here = Path(start).resolve()
    for d in [here, *here.parents] if here.is_dir() else here.parents:
        p = d / "pyproject.toml"
        if p.is_file():
            return p
    return None


def tool_table(pyproject: Path | None) -> dict[str, Any]:
    """The validated `[tool.py2wasm]` table of `pyproject` ({} if none)."""
    if pyproject is None:
        return {}
    try:
        data = tomllib.loads(Path(pyproject).read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise MetadataError(f"{pyproject}: cannot read it: {e}") from None
    table = data.get("tool", {}).get("py2wasm", {})
    if not isinstance(table, dict):
        raise MetadataError(f"{pyproject}: [tool.py2wasm] must be a table")
    for key, value in table.items():
        want = TOOL_KEYS.get(key)
        if want is None:
            raise MetadataError(f"{pyproject}: unknown key {key!r} in [tool.py2wasm] "
                                f"(known: {', '.join(sorted(TOOL_KEYS))})")
        if not isinstance(value, want) or (key == "keywords" and not all(isinstance(k, str) for k in value)):
            raise MetadataError(f"{pyproject}: [tool.py2wasm] {key} has the wrong type ({type(value).__name__})")
    return dict(table)


def repository_field(repo: Any) -> Any:
    """package.json `repository`: a URL becomes {"type": "git", "url":
    "git+https://..."} (npm's normal form); shorthands (`github:me/fma`,
    `me/fma`) and objects are kept."""
    if isinstance(repo, str) and repo.startswith(("https://", "http://")):
        return {"type": "git", "url": "git+" + repo}
    return repo


def metadata_fields(meta: dict, *, default_description: str) -> dict:
    """The metadata part of package.json, in npm's usual order."""
    out: dict[str, Any] = {"description": meta.get("description") or default_description}
    if meta.get("keywords"):
        out["keywords"] = list(meta["keywords"])
    for key in ("license", "author"):
        if meta.get(key):
            out[key] = meta[key]
    if meta.get("repository"):
        out["repository"] = repository_field(meta["repository"])
    return out


def merge_package_json(old: bytes, new: bytes, explicit: dict) -> bytes:
    """package.json for a rebuild: py2wasm's keys (GENERATED) from `new`;
    a metadata field from `new` when given explicitly (`explicit`: flags and
    pyproject), else the old file's; every other key of the old file kept
    (in its order, after ours). An old file that is not a JSON object is
    replaced."""
    try:
        before = json.loads(old)
    except ValueError:
        return new
    if not isinstance(before, dict):
        return new
    after = json.loads(new)
    merged: dict[str, Any] = {}
    for key, value in after.items():
        if key in FIELDS and not explicit.get(key) and key in before:
            merged[key] = before[key]
        else:
            merged[key] = value
    for key in FIELDS:  # the user's own metadata we had no value for
        if key not in merged and key in before:
            merged[key] = before[key]
    for key, value in before.items():
        if key not in merged:
            merged[key] = value
    return (json.dumps(merged, indent=2) + "\n").encode()


def previous_package_json(outdir) -> dict:
    """The package.json of an earlier build in `outdir` ({} if none)."""
    try:
        data = json.loads((Path(outdir) / "package.json").read_text("utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


__all__ = ["FIELDS", "MetadataError", "find_pyproject", "tool_table", "metadata_fields",
           "merge_package_json", "previous_package_json", "repository_field"]
