"""Which builds of a module a package ships, in which order, under which file
names.

Place in the pipeline: the last stage (`package`). `py2wasm build` compiles
one module for several targets (py2wasm/targets.py); this module turns those
Builds into the package's list of wasm files, best first:

- a build's *target* here is what the module actually needs to run, from
  the features the backend found in it (`manifest["features"]`):
  "relaxed-simd", "simd" (SIMD128) or "mvp" (every wasm engine). A build
  for the "simd" target whose code uses no vector instruction is an "mvp"
  build: it runs everywhere.
- builds needing the same target are redundant: the first one given is kept
  (so a relaxed-SIMD build that uses no relaxed instruction is not shipped).
- the least demanding build is the baseline, `<module>.wasm`; the others are
  `<module>.relaxed.wasm` (relaxed SIMD) and `<module>.simd.wasm` (SIMD128,
  when the baseline is mvp).

Every build of a package must describe the same module: same functions,
source, imports and exception table (the JS glue has one wrapper per
function and one exception table, whichever build is loaded); anything else
is refused with a ValueError. The result is recorded in the manifest the
generators read, as `"builds": [{"file", "target"}, ...]` best first
(`package_manifest`); a manifest without it describes one build.
"""
from __future__ import annotations

from typing import Any, Iterable

# Best first: the loader tries them in this order.
RANK = {"relaxed-simd": 2, "simd": 1, "mvp": 0}
SUFFIX = {"relaxed-simd": ".relaxed", "simd": ".simd", "mvp": ".mvp"}
# Manifest keys that must agree between the builds of one package.
SAME = ("module", "source", "functions", "imports", "exceptions")


def module_stem(manifest: dict) -> str:
    """The module's name as a file stem (`module` if it is not a safe one)."""
    mod = str(manifest.get("module") or "module")
    ok = mod.replace("_", "").replace("-", "").replace(".", "").isalnum() and mod.isascii() and not mod.startswith(".")
    return mod if ok else "module"


def required_target(manifest: dict) -> str:
    """What the build needs to run: "relaxed-simd", "simd" or "mvp", from
    the features it uses; a manifest without `features` (built before
    targets existed, or by hand) counts as its `target`, default "mvp"."""
    features = manifest.get("features")
    if features is None:
        target = manifest.get("target", "mvp")
        if target not in RANK:
            raise ValueError(f"unknown build target {target!r} in the manifest")
        return target
    unknown = set(features) - {"simd128", "relaxed-simd"}
    if unknown:
        raise ValueError(f"the build uses wasm features the package loader cannot detect: {sorted(unknown)}")
    if "relaxed-simd" in features:
        return "relaxed-simd"
    return "simd" if "simd128" in features else "mvp"


def file_name(manifest: dict, target: str, baseline: bool) -> str:
    """`<module>.wasm` for the baseline, `<module>.relaxed.wasm` etc. otherwise."""
    return f"{module_stem(manifest)}{'' if baseline else SUFFIX[target]}.wasm"


def select(builds: Iterable[Any]) -> list[tuple[str, str, Any]]:
    """`(file, target, build)` for each build the package ships, best first
    (the last is the baseline). Raises ValueError if the builds do not
    describe the same module."""
    builds = list(builds)
    if not builds:
        raise ValueError("a package needs at least one build")
    first = builds[0].manifest
    for b in builds[1:]:
        for key in SAME:
            if b.manifest.get(key) != first.get(key):
                raise ValueError(
                    f"the builds of one package must describe the same module, but their {key!r} differ "
                    f"(targets {first.get('target')!r} and {b.manifest.get('target')!r})")
    kept: dict[str, Any] = {}
    for b in builds:
        kept.setdefault(required_target(b.manifest), b)
    order = sorted(kept, key=RANK.__getitem__, reverse=True)
    return [(file_name(first, t, t == order[-1]), t, kept[t]) for t in order]


def package_manifest(builds: Iterable[Any]) -> tuple[dict, list[tuple[str, Any]]]:
    """The manifest the package generators read (the first build's, with
    `"builds"` listing the shipped files best first) and `(file, build)`
    for every wasm file to write."""
    chosen = select(builds)
    manifest = dict(chosen[0][2].manifest)
    manifest["builds"] = [{"file": f, "target": t} for f, t, _ in chosen]
    return manifest, [(f, b) for f, _, b in chosen]


def manifest_builds(manifest: dict) -> list[tuple[str, str]]:
    """`(file, target)` of every build a (package) manifest describes, best
    first; one build, `<module>.wasm`, when it has no `"builds"` list."""
    listed = manifest.get("builds")
    if listed is None:
        return [(file_name(manifest, "mvp", True), required_target(manifest))]
    out = []
    for b in listed:
        if b.get("target") not in RANK or not isinstance(b.get("file"), str):
            raise ValueError(f"bad build entry in the manifest: {b!r}")
        out.append((b["file"], b["target"]))
    if not out:
        raise ValueError("the manifest's builds list is empty")
    return out


def baseline_file(manifest: dict) -> str:
    """The baseline build's file (what `init(source)` assumes a source is)."""
    return manifest_builds(manifest)[-1][0]


def stale_builds(outdir, files) -> list:
    """Extra builds (`<stem>.relaxed.wasm`, `.simd.wasm`, `.mvp.wasm`) in
    `outdir` that the package files `files` (names) no longer include: an
    earlier package written there shipped them."""
    from pathlib import Path
    stems = {f[:-len(".wasm")] for f in files if f.endswith(".wasm") and f.count(".") == 1}
    return [Path(outdir) / f"{stem}{suffix}.wasm" for stem in stems for suffix in SUFFIX.values()
            if f"{stem}{suffix}.wasm" not in files and (Path(outdir) / f"{stem}{suffix}.wasm").is_file()]


__all__ = ["select", "package_manifest", "manifest_builds", "required_target", "file_name",
           "baseline_file", "module_stem", "stale_builds"]
