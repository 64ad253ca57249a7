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
signature.PACKAGE_EXPORTS refuses a Python function named `init` or `loaded`.
"""
from __future__ import annotations

import json

from .builds import manifest_builds

def _url(file: str) -> str:
    # One literal `new URL("./file", import.meta.url)` per file: bundlers
    # (webpack 5, Vite) find the wasm files by this pattern.
    return f"()=>new URL({json.dumps('./' + file)},import.meta.url)"


def loader_js(manifest: dict, imports_js: str, keep: bool = False) -> tuple[list[str], set[str]]:
    """The loader's lines of `index.js` (they use `$s`, `$load` and `$trap`,
    bound earlier) and the extra runtime pieces they need. `keep`: `$load`
    keeps the compiled module and imports in `$s` (for `release()`)."""
    st = ",$s" if keep else ""
    builds = manifest_builds(manifest)
    lines = ["let $b;export function loaded(){return $b}"]
    used: set[str] = set()
    if len(builds) == 1:
        file, target = builds[0]
        lines.append(
            "export async function init(source){"
            f"$s.e=await $load({_url(file)},{imports_js},source{st});$b={json.dumps(target)};$s.f=void 0}}")
    else:
        used.add("choose")
        table = ",".join(f"[{_url(file)},{json.dumps(target)}]" for file, target in builds)
        lines.insert(0, f"const $B=[{table}];")
        lines.append(
            "export async function init(source,target){const $c=$choose($B,source,target);"
            f"$s.e=await $load($c[0],{imports_js},source{st});$b=$c[1];$s.f=void 0}}")
    lines.append("try{await init()}catch($e){$s.f=$e}")
    return lines, used


# What each target needs, for the README and the declarations.
WHERE = {
    "relaxed-simd": "relaxed SIMD: Node 22+, Chromium 114+",
    "simd": "SIMD128: every current browser, Node 16+",
    "mvp": "no SIMD: every WebAssembly engine",
}

_INIT_DOC = [
    "Load the WebAssembly module. Importing the package already does this (top-level await);",
    "call it yourself only where that cannot work, with the .wasm URL, Response or bytes, or a WebAssembly.Module.",
]


def _comment(lines: list[str]) -> str:
    return "/**\n" + "".join(f" * {ln}".rstrip() + "\n" for ln in lines) + " */\n"


def loader_declarations(manifest: dict) -> str:
    """The declarations of `init` and `loaded` for index.d.ts (after `Source`)."""
    builds = manifest_builds(manifest)
    union = " | ".join(json.dumps(t) for _, t in builds)
    if len(builds) == 1:
        return (_comment(_INIT_DOC) + "export declare function init(source?: Source): Promise<void>;\n" +
                f"/** The loaded build: {union} ({WHERE[builds[0][1]]}); undefined before. */\n" +
                f"export declare function loaded(): {union} | undefined;\n")
    files = ", ".join(f"{json.dumps(t)} (`{f}`)" for f, t in builds)
    return (
        _comment([f"The builds of this package, best first: {files}; the last is the baseline."]) +
        f"export type Target = {union};\n" +
        _comment(["Load the WebAssembly module. Importing the package already does this (top-level await),",
                  "loading the best build this engine supports (checked once with WebAssembly.validate).",
                  "Call it yourself only where that cannot work, or to pick a build: `init(undefined, target)` loads",
                  "that build's file; `init(source, target)` loads your .wasm URL, Response, bytes or WebAssembly.Module",
                  f"as the build `target` (default: the baseline, `{builds[-1][0]}`)."]) +
        "export declare function init(source?: Source, target?: Target): Promise<void>;\n" +
        _comment(["The build that is loaded; undefined until a load succeeded."]) +
        "export declare function loaded(): Target | undefined;\n")


def loader_readme(manifest: dict) -> str:
    """The README paragraph about the package's builds and `loaded()`."""
    builds = manifest_builds(manifest)
    if len(builds) == 1:
        f, t = builds[0]
        return (f"- **Builds**: one, `{f}` ({WHERE[t]}); `loaded()` returns `{json.dumps(t)}` once it is "
                "loaded (`undefined` before).\n")
    listing = "; ".join(f"`{f}` ({WHERE[t]}; `loaded()` returns `{json.dumps(t)}`)" for f, t in builds)
    base = builds[-1][0]
    return (
        f"- **Builds**: this package ships {len(builds)} builds of the module, best first: {listing}. "
        "On import the loader checks once what the engine supports (`WebAssembly.validate` on a tiny "
        "probe module) and loads the best build it can run. To pick a build yourself, "
        f"`await init(undefined, {json.dumps(builds[-1][1])})` loads that build's file, and `await init(source, target)` loads "
        f"your own URL, `Response`, bytes or `WebAssembly.Module` of that build (a source without a target is "
        f"taken to be the baseline, `{base}`). Bundlers must make every `.wasm` file available next to the "
        "bundle. The builds compute the same results, except in a package built with `--fastmath`, where "
        "sums may be reassociated and the relaxed build may fuse `x * y + z` into one rounding.\n")


def wasm_files_md(manifest: dict, name: str) -> str:
    """What a bundler user copies next to the bundle (README markdown)."""
    builds = manifest_builds(manifest)
    if len(builds) == 1:
        return f"`node_modules/{name}/{builds[0][0]}`"
    return "every build (" + ", ".join(f"`node_modules/{name}/{f}`" for f, _ in builds) + ")"


__all__ = ["wasm_files_md", "loader_js", "loader_declarations", "loader_readme", "WHERE"]
