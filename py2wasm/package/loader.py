"""The loader section of the package's `index.js`: `init`, `loaded` and the
top-level await that loads the module on import.

Place in the pipeline: the last stage (`package`), called by
`javascript.javascript_module`. With one build (`<module>.wasm`), `init`
loads it; with several (builds.py: best first, the baseline last), `init`
asks the `choose` piece (js/src/load.ts) which build this engine runs best:
`WebAssembly.validate` on tiny SIMD128 / relaxed-SIMD probe modules, once.
A package with one build contains no probe code.

Generated API (typed by typescript.py, documented by readme.py):
- `init(source?)` / `init(source?, target?)` (several builds): without a
  source, the chosen build's file next to `index.js`; a source (URL, bytes,
  Response, Module) is used as it is: it is taken to be the baseline build
  unless `target` names the build it is. `init(undefined, target)` loads
  that build's file without probing.
- `loaded()`: the target of the build loaded ("relaxed-simd", "simd" or
  "mvp"), `undefined` before a load succeeded.
"""
from __future__ import annotations

import json

from .builds import manifest_builds

# Export names the loader section defines (a Python function cannot use them).
LOADER_EXPORTS = ("init", "loaded")


def _url(file: str) -> str:
    # One literal `new URL("./file", import.meta.url)` per file: bundlers
    # (webpack 5, Vite) find the wasm files by this pattern.
    return f"()=>new URL({json.dumps('./' + file)},import.meta.url)"


def loader_js(manifest: dict, imports_js: str) -> tuple[list[str], set[str]]:
    """The loader's lines of `index.js` (they use `$s`, `$load` and `$trap`,
    bound earlier) and the extra runtime pieces they need."""
    for f in manifest["functions"]:
        if f["name"] in LOADER_EXPORTS:
            raise ValueError(f"a function named {f['name']!r} would clash with the package's own `{f['name']}` "
                             "export: rename it")
    builds = manifest_builds(manifest)
    lines = ["let $b;export function loaded(){return $b}"]
    used: set[str] = set()
    if len(builds) == 1:
        file, target = builds[0]
        lines.append(
            "export async function init(source){"
            f"$s.e=await $load({_url(file)},{imports_js},source);$b={json.dumps(target)};$s.f=void 0}}")
    else:
        used.add("choose")
        table = ",".join(f"[{_url(file)},{json.dumps(target)}]" for file, target in builds)
        lines.insert(0, f"const $B=[{table}];")
        lines.append(
            "export async function init(source,target){const $c=$choose($B,source,target);"
            f"$s.e=await $load($c[0],{imports_js},source);$b=$c[1];$s.f=void 0}}")
    lines.append("try{await init()}catch($e){$s.f=$e}")
    return lines, used


__all__ = ["loader_js", "LOADER_EXPORTS"]
