"""The loader section of the package's JavaScript: `init`, `initSync`,
`loaded`, and the automatic load of the entry points.

Place in the pipeline: the last stage (`package`), called by
`javascript.javascript_module`; entries.py assembles the package's entry
points from it. With one build (`<module>.wasm`), `init` loads it; with
several (builds.py: best first, the baseline last), `init` asks the `choose`
piece (js/src/load.ts) which build this engine runs best:
`WebAssembly.validate` on tiny SIMD128 / relaxed-SIMD probe modules, once.
A package with one build contains no probe code.

Where a build's bytes come from when `init()` gets no source (`source=`):
- "inline": base64 inside the JavaScript (`--inline-wasm`), decoded by the
  `b64` piece: no fetch, no file, so every bundler and test runner works
  without asset handling, and the module loads synchronously;
- "url": `new URL("./<file>", import.meta.url)` (ESM), fetched in browsers
  and read from disk in Node; bundlers (webpack 5, Vite) find the files by
  this literal pattern;
- "file": `<file>` next to the CommonJS module, read with `fs` (CommonJS).

Generated API (typed by typescript.py, documented by readme.py):
- `init(source?)` / `init(source?, target?)` (several builds): without a
  source, the chosen build's own bytes; a source (URL, bytes, Response,
  Module) is used as it is: it is taken to be the baseline build unless
  `target` names the build it is. `init(undefined, target)` loads that
  build without probing.
- `initSync(source?)` / `initSync(source?, target?)`: the same from bytes or
  a `WebAssembly.Module`, synchronously (no source: the inline bytes, or the
  file in CommonJS).
- `loaded()`: the target of the build loaded ("relaxed-simd", "simd" or
  "mvp"), `undefined` before a load succeeded.
A failed load is remembered: calls then throw an Error saying why.
signature.PACKAGE_EXPORTS refuses a Python function named `init`,
`initSync` or `loaded`.
"""
from __future__ import annotations

import base64
import json

from .builds import manifest_builds

SOURCES = ("inline", "url", "file")
AUTO = (None, "await", "sync")


def _getter(file: str, source: str, inline: dict | None) -> str:
    """A thunk giving a build's default source (bytes or URL)."""
    if source == "inline":
        return f"()=>$b64({json.dumps(base64.b64encode(bytes(inline[file])).decode('ascii'))})"
    if source == "file":
        return f"()=>$rd({json.dumps(file)})"
    # One literal `new URL("./file", import.meta.url)` per file: bundlers
    # (webpack 5, Vite) find the wasm files by this pattern.
    return f"()=>new URL({json.dumps('./' + file)},import.meta.url)"


def loader_js(manifest: dict, imports_js: str, *, source: str = "url", inline: dict | None = None,
              auto: str | None = "await", keep: bool = False) -> tuple[list[str], set[str]]:
    """The loader's lines (they use `$s`, `$load`, `$loadSync` and `$trap`,
    bound earlier) and the extra runtime pieces they need. `source`: where a
    build's bytes come from by default (SOURCES; "inline" needs `inline`,
    file name -> bytes); `auto`: load on import with top-level await
    ("await"), synchronously ("sync"), or not at all (None); `keep`: `$load`
    and `$loadSync` keep the compiled module and imports in `$s` (for the
    memory API's `release()`)."""
    if source not in SOURCES or auto not in AUTO:
        raise ValueError(f"bad loader options: source={source!r}, auto={auto!r}")
    st = ",$s" if keep else ""
    builds = manifest_builds(manifest)
    if source == "inline" and (inline is None or any(f not in inline for f, _ in builds)):
        raise ValueError("inline loading needs the bytes of every build")
    used: set[str] = {"loadSync"} | ({"b64"} if source == "inline" else set())
    lines = [f"const $I={imports_js};", "let $b;", "export function loaded(){return $b}"]
    if source == "file":
        lines.append('const $rd=f=>module.require("node:fs").readFileSync(__dirname+"/"+f);')
    fail = "catch($e){$s.f=$e;throw $e}"
    if len(builds) == 1:
        file, target = builds[0]
        t = json.dumps(target)
        lines.append(f"const $G={_getter(file, source, inline)};")
        lines.append(f"export async function init(source){{try{{$s.e=await $load($G,$I,source{st});$b={t};$s.f=void 0}}{fail}}}")
        lines.append(f"export function initSync(source){{try{{$s.e=$loadSync($I,source??$G(){st});$b={t};$s.f=void 0}}{fail}}}")
    else:
        used.add("choose")
        table = ",".join(f"[{_getter(file, source, inline)},{json.dumps(target)}]" for file, target in builds)
        lines.append(f"const $B=[{table}];")
        lines.append("export async function init(source,target){try{const $c=$choose($B,source,target);"
                     f"$s.e=await $load($c[0],$I,source{st});$b=$c[1];$s.f=void 0}}{fail}}}")
        lines.append("export function initSync(source,target){try{const $c=$choose($B,source,target);"
                     f"$s.e=$loadSync($I,source??$c[0](){st});$b=$c[1];$s.f=void 0}}{fail}}}")
    if auto == "await":
        lines.append("try{await init()}catch{}")
    elif auto == "sync":
        lines.append("try{initSync()}catch{}")
    return lines, used


# What each target needs, for the README and the declarations.
WHERE = {
    "relaxed-simd": "relaxed SIMD: Node 22+, Chromium 114+",
    "simd": "SIMD128: every current browser, Node 16+",
    "mvp": "no SIMD: every WebAssembly engine",
}

def _comment(lines: list[str]) -> str:
    return "/**\n" + "".join(f" * {ln}".rstrip() + "\n" for ln in lines) + " */\n"


def _init_doc(auto: str | None, inline: bool) -> list[str]:
    if auto == "await":
        first = ["Load the WebAssembly module. Importing the package already does this (top-level await);",
                 "call it yourself only where that failed, with the .wasm URL, Response or bytes, or a WebAssembly.Module."]
    elif auto == "sync":
        first = ["Load the WebAssembly module. Importing the package already does this (synchronously);",
                 "call it yourself only to load other bytes, a URL, a Response or a WebAssembly.Module."]
    else:
        first = ["Load the WebAssembly module: call it (or `initSync`) once before the functions.",
                 "Without a source it loads " + ("the bytes inlined in the package." if inline else
                                                 "the package's own .wasm file (fetched next to the module; read from disk in Node).")]
    return first


def loader_declarations(manifest: dict, *, auto: str | None = "await", inline: bool = False) -> str:
    """The declarations of `init`, `initSync` and `loaded` for index.d.ts
    (after `Source`); `auto` and `inline` as the entry's loader (loader_js)."""
    builds = manifest_builds(manifest)
    union = " | ".join(json.dumps(t) for _, t in builds)
    sync_doc = ["Load the WebAssembly module synchronously from its bytes (ArrayBuffer, TypedArray, Buffer) or a",
                "compiled WebAssembly.Module: for workers, tests and bundles that carry the bytes themselves."]
    sync_doc.append("Without a source: " + ("the bytes inlined in the package." if inline else
                                           "the package's own .wasm file, in CommonJS only (elsewhere pass the bytes)."))
    sync_doc.append("Browsers refuse synchronous compilation of large modules on the main thread (Chromium: over 8 MB).")
    if len(builds) == 1:
        return (_comment(_init_doc(auto, inline)) + "export declare function init(source?: Source): Promise<void>;\n" +
                _comment(sync_doc) + "export declare function initSync(source?: SyncSource): void;\n" +
                f"/** The loaded build: {union} ({WHERE[builds[0][1]]}); undefined before. */\n" +
                f"export declare function loaded(): {union} | undefined;\n")
    files = ", ".join(f"{json.dumps(t)} (`{f}`)" for f, t in builds)
    return (
        _comment([f"The builds of this package, best first: {files}; the last is the baseline."]) +
        f"export type Target = {union};\n" +
        _comment(_init_doc(auto, inline) + [
            "Without a target it loads the best build this engine supports (checked once with WebAssembly.validate);",
            "`init(undefined, target)` loads that build; `init(source, target)` loads your .wasm URL, Response, bytes",
            f"or WebAssembly.Module as the build `target` (default: the baseline, `{builds[-1][0]}`)."]) +
        "export declare function init(source?: Source, target?: Target): Promise<void>;\n" +
        _comment(sync_doc + ["`target` as for `init`."]) +
        "export declare function initSync(source?: SyncSource, target?: Target): void;\n" +
        _comment(["The build that is loaded; undefined until a load succeeded."]) +
        "export declare function loaded(): Target | undefined;\n")


def loader_readme(manifest: dict, inline: bool = False) -> str:
    """The README paragraph about the package's builds and `loaded()`
    (`inline`: the builds are inside the JavaScript, not files)."""
    builds = manifest_builds(manifest)
    if len(builds) == 1:
        f, t = builds[0]
        what = "inlined" if inline else f"`{f}`"
        return (f"- **Builds**: one, {what} ({WHERE[t]}); `loaded()` returns `{json.dumps(t)}` once it is "
                "loaded (`undefined` before).\n")
    listing = "; ".join(f"{'the ' + t + ' build' if inline else '`' + f + '`'} ({WHERE[t]}; "
                        f"`loaded()` returns `{json.dumps(t)}`)" for f, t in builds)
    base = builds[-1][0]
    return (
        f"- **Builds**: this package ships {len(builds)} builds of the module{' (inlined)' if inline else ''}, "
        f"best first: {listing}. "
        "On import the loader checks once what the engine supports (`WebAssembly.validate` on a tiny "
        "probe module) and loads the best build it can run. To pick a build yourself, "
        f"`await init(undefined, {json.dumps(builds[-1][1])})` loads that build's file, and `await init(source, target)` loads "
        f"your own URL, `Response`, bytes or `WebAssembly.Module` of that build (a source without a target is "
        f"taken to be the baseline, `{base}`). The builds compute the same results, except in a package built with `--fastmath`, where "
        "sums may be reassociated and the relaxed build may fuse `x * y + z` into one rounding.\n")


def wasm_files_md(manifest: dict, name: str) -> str:
    """What a bundler user copies next to the bundle (README markdown)."""
    builds = manifest_builds(manifest)
    if len(builds) == 1:
        return f"`node_modules/{name}/{builds[0][0]}`"
    return "every build (" + ", ".join(f"`node_modules/{name}/{f}`" for f, _ in builds) + ")"


__all__ = ["wasm_files_md", "loader_js", "loader_declarations", "loader_readme", "WHERE"]
