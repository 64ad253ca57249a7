"""The package's ESM entry (`index.js`): inlined runtime pieces, the loader
glue with top-level await, and one checked wrapper per exported function.

Place in the pipeline: the last stage (`package`). The runtime pieces are
the hand-written TypeScript in `js/src/`, compiled and minified by
`js/build.mjs` into `runtime/pieces.json` (shipped inside the Python
package). Only the pieces a module needs are inlined, each bound to a
`$`-prefixed name (no Python identifier contains `$`, so none can clash with
a function or parameter name).

Calling convention of a wrapper (docs/internals.md section 4):
1. the argument count, then each argument's type, are checked outside the
   `try` (TypeError / RangeError naming the function and parameter); `int`
   arguments become BigInt (wasm i64), `bool` 0/1;
2. the wasm export is called directly inside `try`; a trap goes through the
   `trap` piece (Python exception, RecursionError, or "not loaded");
3. results are converted back: i64 -> number (RangeError beyond the safe
   integer range), i32 -> boolean, multi-value arrays -> (nested) tuples.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from .builds import baseline_file
from .loader import loader_js
from .signature import Leaf, check_manifest, count_leaves, is_js_identifier, leaves


@lru_cache(maxsize=1)
def runtime_pieces() -> dict:
    """The compiled runtime (`js/build.mjs` output shipped as package data)."""
    text = resources.files(__package__).joinpath("runtime/pieces.json").read_text("utf-8")
    return json.loads(text)


def _s(text: str) -> str:
    """A JavaScript string literal."""
    return json.dumps(text)


def exception_message(entry: dict) -> str:
    """`float division by zero (fma.py:3: return x / y)`: the message of a
    Python exception with the source location it was raised at."""
    msg = entry.get("message", "")
    file, line, src = entry.get("file") or "", entry.get("line") or 0, entry.get("source") or ""
    if file:
        where = f"{file}:{line}" if line else file
        return f"{msg} ({where}: {src})" if src else f"{msg} ({where})"
    return msg


def wasm_file_name(manifest: dict) -> str:
    """The baseline .wasm file's name inside the package: `<module>.wasm`
    (builds.py names the others)."""
    return baseline_file(manifest)


def _imports_js(manifest: dict) -> str:
    math = runtime_pieces()["math"]
    parts = []
    for module, names in sorted((manifest.get("imports") or {}).items()):
        if module != "math":
            raise ValueError(f"the wasm module imports from {module!r}; the JS loader only supplies 'math'")
        fields = []
        for n in names:
            if n not in math:
                raise ValueError(f"the wasm module imports math.{n}, which the JS runtime does not supply")
            fields.append(f"{n}:{math[n]}")
        parts.append(f"math:{{{','.join(fields)}}}")
    return "{" + ",".join(parts) + "}"


def _local_name(name: str, i: int) -> str:
    return name if is_js_identifier(name) else f"$f{i}"


def _param_name(name: str, i: int) -> str:
    return name if is_js_identifier(name) else f"$p{i}"


def _result_js(t: Any, fn: str, n_leaves: int) -> tuple[str, set[str]]:
    """JS expression rebuilding a result of type `t` from `$r` (the raw wasm
    result: a single value, or an array for multi-value), and the pieces used."""
    used: set[str] = set()
    counter = iter(range(n_leaves))

    def leaf(ty: str) -> str:
        k = next(counter)
        raw = "$r" if n_leaves == 1 else f"$r[{k}]"
        if ty == "int":
            used.add("res")
            return f"$res({raw},{_s(fn)})"
        if ty == "bool":
            return f"{raw}!==0"
        return raw

    def build(ty: Any) -> str:
        if isinstance(ty, str):
            return leaf(ty)
        return "[" + ",".join(build(e) for e in ty["tuple"]) + "]"

    return build(t), used


def _function_js(f: dict, i: int) -> tuple[str, set[str]]:
    fn = f["name"]
    local = _local_name(fn, i)
    params = f["params"]
    pnames = [_param_name(p["name"], k) for k, p in enumerate(params)]
    used = {"trap"}
    body = []
    n = len(params)
    labels = _s(fn)
    if n:
        used.add("argc")
        plist = "[" + ",".join(_s(p["name"]) for p in params) + "]"
        body.append(f"arguments.length!=={n}&&$argc(arguments.length,{labels},{plist});")
    else:
        used.add("argc")
        body.append(f"arguments.length&&$argc(arguments.length,{labels},[]);")
    args: list[str] = []
    checks: list[str] = []
    for k, p in enumerate(params):
        t = p["type"]
        pn = pnames[k]

        def tuple_checks(ty: Any, access: str, label: str) -> None:
            if isinstance(ty, dict):
                used.add("tup")
                checks.append(f"$tup({access},{len(ty['tuple'])},{labels},{_s(label)});")
                for j, e in enumerate(ty["tuple"]):
                    tuple_checks(e, f"{access}[{j}]", f"{label}[{j}]")

        tuple_checks(t, pn, p["name"])
        for leaf in leaves(t, pn, p["name"]):
            leaf: Leaf
            piece = {"float": "flt", "int": "int", "bool": "bool"}[leaf.type]
            used.add(piece)
            var = f"${len(args)}"
            checks.append(f"const {var}=${piece}({leaf.access},{labels},{_s(leaf.label)});")
            args.append(var)
    body.extend(checks)
    call = f"$s.e[{_s(fn)}]({','.join(args)})" if not is_js_identifier(fn) else f"$s.e.{fn}({','.join(args)})"
    rt = f["result"]
    nres = count_leaves(rt)
    catch = "catch($e){throw $trap($e,$s)}"
    if rt == "None":
        body.append(f"try{{{call}}}{catch}")
    elif rt == "float":
        body.append(f"try{{return {call}}}{catch}")
    elif rt == "bool":
        body.append(f"try{{return {call}!==0}}{catch}")
    else:
        expr, more = _result_js(rt, fn, nres)
        used |= more
        if nres == 0:
            body.append(f"try{{{call}}}{catch}return {expr};")
        else:
            body.append(f"let $r;try{{$r={call}}}{catch}return {expr};")
    code = f"function {local}({','.join(pnames)}){{{''.join(body)}}}"
    if local == fn:
        return "export " + code, used
    return code + f"export{{{local} as {fn}}};", used


def javascript_module(manifest: dict, *, name: str | None = None, header: str = "") -> str:
    """The text of the package's `index.js` for a build manifest.

    `name` is the package name used in "not loaded" errors (default: the
    manifest's module). Pure: reads nothing but the shipped runtime pieces.
    """
    check_manifest(manifest)
    pieces = runtime_pieces()["runtime"]
    name = name or str(manifest.get("module") or "module")
    funcs, used = [], {"load", "trap"}
    for i, f in enumerate(manifest["functions"]):
        code, u = _function_js(f, i)
        funcs.append(code)
        used |= u
    table = ",".join(
        f"{int(code)}:[{_s(e['type'])},{_s(exception_message(e))}]"
        for code, e in sorted(manifest.get("exceptions", {}).items(), key=lambda kv: int(kv[0])))
    loader, more = loader_js(manifest, _imports_js(manifest))
    used |= more
    lines = []
    if header:
        lines.extend(f"// {h}" for h in header.splitlines())
    lines.append("const " + ",".join(f"${p}={pieces[p]}" for p in sorted(used)) + ";")
    lines.append(f"const $s={{n:{_s(name)},t:{{{table}}}}};")
    lines.extend(loader)  # init, loaded, the top-level await (loader.py)
    lines.extend(funcs)
    return "\n".join(lines) + "\n"
