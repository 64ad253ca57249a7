"""The package's entry points: which JavaScript files a package has, what
each one loads, and the `exports` map that picks one per consumer.

Place in the pipeline: the last stage (`package`), between the generators
(javascript.py, typescript.py, loader.py) and the writer (__init__.py).

    core.js / core.cjs    the module itself (runtime pieces, exception table,
                          init/initSync/loaded, one wrapper per function),
                          ESM and CommonJS; never loads by itself
    index.js              `import ... from "pkg"`: core.js, loaded on import
    index.cjs             `require("pkg")`: core.cjs, loaded synchronously
    manual.js / .cjs      `import { init, initSync, f } from "pkg/manual"`:
                          core, no automatic load, no top-level await
                          (wasm-bindgen style: bundlers, workers, old toolchains)
    index.d.ts / .d.cts, manual.d.ts / .d.cts   their types

index.js and manual.js share core.js (one instance, one memory, even when an
app imports both), likewise the CommonJS pair. The wasm bytes come from:
- inline (`--inline-wasm`, the default for small modules, see
  INLINE_THRESHOLD): base64 in core.js/core.cjs. Every entry then loads
  synchronously: index.js has no top-level await, fetches nothing, needs no
  asset handling, so esbuild (iife or esm), rollup, Jest, Vite 5-8 (dev,
  build, workers) and webpack work with no configuration;
- otherwise the .wasm files shipped next to the JavaScript: index.js loads
  with top-level await (`new URL("./x.wasm", import.meta.url)`: fetched in
  browsers, read from disk in Node), index.cjs reads the file with `fs`
  and compiles it synchronously; each .wasm is exported as `pkg/x.wasm`
  (typed by x.wasm.d.ts / x.wasm.d.cts) for bundlers that embed or copy it.
The CommonJS core is the ESM one with its `export` keywords turned into
`exports.x = x` (the generated code's only export forms are listed in
`to_commonjs`).
"""
from __future__ import annotations

import re

from .builds import manifest_builds
from .javascript import javascript_module
from .typescript import typescript_declarations

# Inline the wasm when all builds together are at most this many bytes.
# Measured with benchmarks/node/inline_wasm.mjs (Node 20 on this machine,
# best of 7, every compile uncached):
#     wasm      decode base64   sync compile+instantiate   async (after a fetch)
#     64 KiB    0.2 ms          0.4 ms                     0.6 ms
#     256 KiB   0.7 ms          1.7 ms                     1.7 ms
#     1 MiB     2.8 ms          24 ms                      24 ms
# Up to 256 KiB an inlined module is ready in under 3 ms on the main thread,
# less than the round trip of the separate .wasm request it saves; past it
# the synchronous compile blocks for frames (24 ms at 1 MiB), base64's 4/3
# size grows, and both the relaxed and the SIMD build are downloaded though
# one is used. `--inline-wasm` / `--no-inline-wasm` override it.
INLINE_THRESHOLD = 256 * 1024

ENTRY_FILES = ("index.js", "index.cjs", "manual.js", "manual.cjs", "core.js", "core.cjs",
               "index.d.ts", "index.d.cts", "manual.d.ts", "manual.d.cts")
# What `import wasm from "pkg/x.wasm"` gives, depending on the bundler: a URL
# string, or the bytes (esbuild's --loader:.wasm=binary); both go to init.
WASM_DTS = ("// The package's .wasm file, as bundlers import it: a URL string, or the bytes with\n"
            "// esbuild's --loader:.wasm=binary. Pass it to `init` (either) or `initSync` (bytes).\n"
            "declare const wasm: string | Uint8Array;\nexport default wasm;\n")

_FN = re.compile(r"^export (async function\*?|function\*?|class) ([A-Za-z_$][\w$]*)\b")
_CONST = re.compile(r"^export (const|let) ([A-Za-z_$][\w$]*)=")
_RENAME = re.compile(r"(?<=\})export\{([^{}]*)\};?$")
_DESTRUCTURE = re.compile(r"^export const\{([A-Za-z_$][\w$]*(?:,[A-Za-z_$][\w$]*)*)\}=")  # the memory API


def to_commonjs(esm: str) -> str:
    """The CommonJS form of a generated core ES module: `export function f(`
    (async, generator), `export class C`, `export const x=` and `export const{a,b}=` lose
    `export`, a trailing `export{a as b};` goes,
    and `exports.b = a` lines are added at the end. Anything else that
    still exports or uses import.meta is an error (the generator changed)."""
    out, names = ['"use strict";'], []
    for line in esm.splitlines():
        m = _FN.match(line)
        if m:
            names.append((m.group(2), m.group(2)))
            line = line[len("export "):]
        m = _CONST.match(line)
        if m:
            names.append((m.group(2), m.group(2)))
            line = line[len("export "):]
        m = _DESTRUCTURE.match(line)
        if m:
            names.extend((n, n) for n in m.group(1).split(","))
            line = line[len("export "):]
        m = _RENAME.search(line)
        if m:
            for part in m.group(1).split(","):
                local, _, public = part.strip().partition(" as ")
                names.append((public or local, local))
            line = line[:m.start()]
        if re.search(r"(^|[;}])\s*export\b", line) or "import.meta" in line or re.match(r"^\s*await\b", line):
            raise ValueError(f"cannot turn this generated line into CommonJS: {line[:80]!r}")
        out.append(line)
    for public, local in names:
        key = f".{public}" if re.fullmatch(r"[A-Za-z_$][\w$]*", public) else f"[{public!r}]".replace("'", '"')
        out.append(f"exports{key}={local};")
    return "\n".join(out) + "\n"


def should_inline(wasms: dict[str, bytes], inline: bool | None) -> bool:
    """`inline` as asked (`--inline-wasm` / `--no-inline-wasm`), else
    whether all builds together fit INLINE_THRESHOLD."""
    if inline is not None:
        return inline
    return sum(len(b) for b in wasms.values()) <= INLINE_THRESHOLD


def entry_files(manifest: dict, wasms: dict[str, bytes], *, name: str, header: str,
                inline: bool) -> dict[str, bytes]:
    """Every JavaScript and declaration file of the package (not the .wasm
    files, package.json or README)."""
    comment = "".join(f"// {h}\n" for h in header.splitlines())
    if inline:
        core = javascript_module(manifest, name=name, header=header, source="inline", inline=wasms, auto=None)
        core_cjs = to_commonjs(javascript_module(manifest, name=name, header=header, source="inline",
                                                 inline=wasms, auto=None))
        start_esm = start_cjs = "sync"
    else:
        core = javascript_module(manifest, name=name, header=header, source="url", auto=None)
        core_cjs = to_commonjs(javascript_module(manifest, name=name, header=header, source="file", auto=None))
        start_esm, start_cjs = "await", "sync"
    load_esm = "try{initSync()}catch{}" if start_esm == "sync" else "try{await init()}catch{}"
    files = {
        "core.js": core,
        "core.cjs": core_cjs,
        # the automatic load; a failure is remembered by init and reported by every call
        "index.js": comment + 'import{init,initSync}from"./core.js";export*from"./core.js";' + load_esm + "\n",
        "index.cjs": comment + '"use strict";const $c=require("./core.cjs");try{$c.initSync()}catch{}module.exports=$c;\n',
        "manual.js": comment + 'export*from"./core.js";\n',
        "manual.cjs": comment + '"use strict";module.exports=require("./core.cjs");\n',
    }
    index_dts = typescript_declarations(manifest, auto=start_esm, inline=inline)
    files["index.d.ts"] = index_dts
    files["index.d.cts"] = typescript_declarations(manifest, auto=start_cjs, inline=inline)
    files["manual.d.ts"] = files["manual.d.cts"] = typescript_declarations(manifest, auto=None, inline=inline)
    if not inline:  # types for `import wasm from "pkg/<file>"` (exports_map)
        for file, _ in manifest_builds(manifest):
            files[f"{file}.d.ts"] = WASM_DTS
            files[f"{file}.d.cts"] = WASM_DTS
    return {k: v.encode() for k, v in files.items()}


def exports_map(manifest: dict, *, inline: bool) -> dict:
    """package.json `exports`: types first in each condition (TypeScript's
    rule), ESM for `import`, CommonJS for `require`, ESM by default."""
    def entry(stem: str) -> dict:
        return {"import": {"types": f"./{stem}.d.ts", "default": f"./{stem}.js"},
                "require": {"types": f"./{stem}.d.cts", "default": f"./{stem}.cjs"},
                "default": {"types": f"./{stem}.d.ts", "default": f"./{stem}.js"}}
    out = {".": entry("index"), "./manual": entry("manual")}
    if not inline:
        for file, _ in reversed(manifest_builds(manifest)):
            out[f"./{file}"] = {"import": {"types": f"./{file}.d.ts", "default": f"./{file}"},
                                "require": {"types": f"./{file}.d.cts", "default": f"./{file}"},
                                "default": {"types": f"./{file}.d.ts", "default": f"./{file}"}}
    out["./package.json"] = "./package.json"
    return out


def package_file_list(manifest: dict, *, inline: bool) -> list[str]:
    """package.json `files` (README, LICENSE and package.json ship anyway)."""
    files = [f for f in ENTRY_FILES]
    if not inline:
        for f, _ in reversed(manifest_builds(manifest)):
            files += [f, f"{f}.d.ts", f"{f}.d.cts"]
    return files


__all__ = ["entry_files", "exports_map", "package_file_list", "should_inline", "to_commonjs",
           "INLINE_THRESHOLD", "ENTRY_FILES"]
