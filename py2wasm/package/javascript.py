"""The package's ESM entry (`index.js`): inlined runtime pieces, the loader
glue with top-level await, and one checked wrapper per exported function.

Place in the pipeline: the last stage (`package`). The runtime pieces are
the hand-written TypeScript in `js/src/`, compiled and minified by
`js/build.mjs` into `runtime/pieces.json` (shipped inside the Python
package). Only the pieces a module needs are inlined, each bound to a
`$`-prefixed name (no Python identifier contains `$`, so none can clash with
a function or parameter name).

Builds of the "js" ABI (what `py2wasm build` compiles) get the wrappers of
jsabi.py, and, when they have array functions, the memory API (`alloc`,
`array`, `keep`, `release`; js/src/heap.ts). What follows describes the
wrappers of "host" builds, kept for Builds made with the default ABI.

Calling convention of a wrapper (docs/internals.md section 4):
1. the argument count, then each argument's type, are checked outside the
   `try` (TypeError / RangeError naming the function and parameter); `int`
   arguments become BigInt (wasm i64), `bool` 0/1;
2. the wasm export is called directly inside `try`; a trap goes through the
   `trap` piece (Python exception, RecursionError, or "not loaded");
3. results are converted back: i64 -> number (RangeError beyond the safe
   integer range), i32 -> boolean, multi-value arrays -> (nested) tuples.

A function with NumPy arrays in its signature (docs/internals.md, "Arrays")
checks each array argument with the `arr` piece, then inside the `try`
starts the call with `ain` (arena reset, arguments copied into linear
memory), passes (address, shape...) per array, copies every argument back
in `finally` (also when the call raised) and copies array results out with
the context's `o`. Scalar-only wrappers stay as above; in a module that
allocates they also reset `py2wasm_heap` before the call.
"""
from __future__ import annotations

import json
import string
from functools import lru_cache
from importlib import resources
from typing import Any

from ..ir.messages import ALLOC_FAILED
from . import jsabi
from .builds import baseline_file
from .loader import loader_js
from .signature import (DTYPE_INDEX, NP_INT_RANGES, Leaf, UnsupportedSignature, arg_piece,
                        base_kind, check_manifest, count_leaves, has_array, is_array,
                        field_key, is_js_identifier, is_optional, is_record, js_default, leaves,
                        shape_checks)


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
        if module == "py2wasm":  # run-time strings: js/src/strings.ts `sfloat`, format.ts `sformat`
            host = {"str_to_float": "str_to_float:a=>$sfloat($s,a)",
                    "str_format": "str_format:(b,d,u)=>$sformat($s,b,d,u)"}
            if not set(names) <= set(host):
                raise ValueError(f"the wasm module imports py2wasm.{names}, which the JS runtime does not supply")
            parts.append("py2wasm:{" + ",".join(host[n] for n in names) + "}")
            continue
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
    result: a single value, or an array for multi-value), and the pieces used.
    An array leaf is copied out of linear memory by the call context `$c`."""
    used: set[str] = set()
    counter = iter(range(n_leaves))

    def raw() -> str:
        k = next(counter)
        return "$r" if n_leaves == 1 else f"$r[{k}]"

    def leaf(ty: Any) -> str:
        if is_array(ty):
            addr = raw()
            shape = ",".join(raw() for _ in range(ty["ndim"]))
            return f"$c.o({DTYPE_INDEX[ty['array']]},{addr},[{shape}])"
        if ty == "complex":
            re = raw()
            return f"{{re:{re},im:{raw()}}}"
        r = raw()
        if isinstance(ty, str) and ty in NP_INT_RANGES:  # numpy.int32, int16...: always a safe integer
            return f"Number({r})"
        if ty == "numpy.uint64":  # its bits, read as unsigned
            used.add("res")
            return f"$res(BigInt.asUintN(64,{r}),{_s(fn)})"
        ty = base_kind(ty)
        if ty == "int":
            used.add("res")
            return f"$res({r},{_s(fn)})"
        if ty == "bool":
            return f"{r}!==0"
        return r

    def build(ty: Any) -> str:
        if isinstance(ty, str) or is_array(ty):
            return leaf(ty)
        if is_record(ty):
            return "{" + ",".join(f"{field_key(n)}:{build(e)}"
                                  for n, e in zip(ty["names"], ty["tuple"])) + "}"
        return "[" + ",".join(build(e) for e in ty["tuple"]) + "]"

    return build(t), used


def _function_js(f: dict, i: int, *, arena: bool = False, abi: str = "host") -> tuple[str, set[str]]:
    """One exported wrapper. `abi`: the build's export ABI; "js" builds get
    jsabi.py's wrappers, "host" builds (hand-made Builds, older manifests)
    the ones below. `arena`: the module allocates (its scalar functions
    reset `py2wasm_heap` before each call too, so memory does not grow
    across calls); functions with arrays always go through `ain`."""
    fn = f["name"]
    local = _local_name(fn, i)
    params = f["params"]
    pnames = [_param_name(p["name"], k) for k, p in enumerate(params)]
    if abi == "js":
        code, used = jsabi.function_js(f, local, pnames)
        return (("export " + code) if local == fn else code + f"export{{{local} as {fn}}};"), used
    if any(is_optional(t) for t in [f["result"], *(p["type"] for p in params)]):
        raise UnsupportedSignature(f"{fn}(): T | None crosses the \"js\" ABI only "
                                   "(what `py2wasm build` compiles)")
    used = {"trap"}
    body = []
    n = len(params)
    labels = _s(fn)
    req = sum(1 for p in params if "default" not in p)  # Python defaults: optional in JS
    if n:
        used.add("argc")
        plist = "[" + ",".join(_s(p["name"]) for p in params) + "]"
        if req == n:
            body.append(f"arguments.length!=={n}&&$argc(arguments.length,{labels},{plist});")
        else:
            body.append(f"(arguments.length<{req}||arguments.length>{n})&&$argc(arguments.length,{labels},{plist},{req});")
    else:
        used.add("argc")
        body.append(f"arguments.length&&$argc(arguments.length,{labels},[]);")
    args: list[str] = []
    arrays: list[str] = []
    checks: list[str] = []
    for k, p in enumerate(params):
        t = p["type"]
        pn = pnames[k]

        checks.extend(shape_checks(t, pn, labels, p["name"], used))
        for leaf in leaves(t, pn, p["name"]):
            leaf: Leaf
            var = f"${len(args) + len(arrays)}"
            if is_array(leaf.type):
                used.add("arr")
                checks.append(f"const {var}=$arr({leaf.access},{DTYPE_INDEX[leaf.type['array']]},"
                              f"{leaf.type['ndim']},{labels},{_s(leaf.label)});")
                arrays.append(var)
                args.extend([f"{var}.a"] + [f"{var}.b[{d}]" for d in range(leaf.type["ndim"])])
                continue
            if leaf.type == "complex":  # two f64: {re, im}
                used.add("cpx")
                checks.append(f"const {var}=$cpx({leaf.access},{labels},{_s(leaf.label)});")
                args.extend([f"{var}.re", f"{var}.im"])
                continue
            piece, extra = arg_piece(leaf.type)
            used.add(piece)
            checks.append(f"const {var}=${piece}({leaf.access},{extra}{labels},{_s(leaf.label)});")
            args.append(var)
    body.extend(checks)
    call = f"$s.e[{_s(fn)}]({','.join(args)})" if not is_js_identifier(fn) else f"$s.e.{fn}({','.join(args)})"
    rt = f["result"]
    nres = count_leaves(rt)
    catch = "catch($e){throw $trap($e,$s)}"
    if arrays or has_array(rt):
        # arena reset + copy-in inside the try (a module that is not loaded,
        # or a MemoryError, goes through trap); copy-back also when it raised
        used.add("ain")
        start = f"$c=$ain($s,[{','.join(arrays)}]);"
        fin = "finally{$c&&$c.b()}"
        if nres == 0:
            body.append(f"let $c;try{{{start}{call}}}{catch}{fin}")
        else:
            expr, more = _result_js(rt, fn, nres)
            used |= more
            body.append(f"let $c,$r;try{{{start}$r={call}}}{catch}{fin}return {expr};")
    else:
        if arena:
            call = f"($s.e.py2wasm_heap.value=16n,{call})"
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
    sig = [pn + (f"={js_default(p['default'])}" if "default" in p else "") for pn, p in zip(pnames, params)]
    code = f"function {local}({','.join(sig)}){{{''.join(body)}}}"
    if local == fn:
        return "export " + code, used
    return code + f"export{{{local} as {fn}}};", used


# Message kinds (ir/messages.py) the JS runtime's pyfmt formats as CPython does.
JS_MESSAGE_KINDS = {"int", "float", "bool"} | {f"np.{d}" for d in (
    "float64", "float32", "int64", "int32", "int16", "int8", "uint64", "uint32", "uint16", "uint8",
    "bool")}


def _uses_pyfmt(manifest: dict) -> bool:
    return any(e.get("kinds") for e in (manifest.get("exceptions") or {}).values())


def _message_js(entry: dict) -> str:
    """The exception table's message for an entry: a string, or for an entry
    with run-time values (`"args": n`, a str.format template) a function of
    the instance's exports reading the `py2wasm_exc_arg<i>` globals (i64:
    BigInts, which print like Python ints; values with a kind other than a
    plain int, a conversion or a spec go through the runtime's `pyfmt`, the
    port of Python's format(): js/src/format.ts)."""
    if not entry.get("args"):
        return _s(exception_message(entry))
    kinds = entry.get("kinds")
    parts, auto, text = [], 0, ""
    for literal, field, spec, conv in string.Formatter().parse(entry["message"]):
        text += literal  # "{{" splits a literal in two: keep one string
        if field is None:
            continue
        if text:
            parts.append(_s(text))
            text = ""
        if not (field == "" or field.isdigit()) or (spec or conv) and not kinds:
            raise UnsupportedSignature(f"exception message template {entry['message']!r}: only {{i}} fields are supported")
        idx = int(field) if field else auto
        auto += 1
        if idx >= entry["args"]:
            raise UnsupportedSignature(f"exception message template {entry['message']!r} uses argument {idx} of {entry['args']}")
        kind = kinds[idx] if kinds else "int"
        if kind == "str":  # a run-time string: its block's address (js/src/format.ts `pystr`)
            parts.append(f"$pystr($g.memory,$g.py2wasm_exc_arg{idx}.value,{_s(conv or '')},{_s(spec)})")
            continue
        if kind not in JS_MESSAGE_KINDS:
            raise UnsupportedSignature(f"exception message with a run-time {kind} value: not supported "
                                       "from JavaScript yet (format it as a float)")
        if kind == "int" and not spec and not conv:
            parts.append(f"$g.py2wasm_exc_arg{idx}.value")  # a BigInt prints as a Python int
        else:
            parts.append(f"$pyfmt({_s(kind)},$g.py2wasm_exc_arg{idx}.value,{_s(conv or '')},{_s(spec)})")
    text += exception_message({**entry, "message": ""})  # " (file:line: source)"
    if text:
        parts.append(_s(text))
    if not parts or not parts[0].startswith('"'):
        parts.insert(0, '""')
    return "$g=>" + "+".join(parts)


def _allocates(manifest: dict) -> bool:
    """Does the module allocate arrays (and so export `py2wasm_heap`)? Every
    `alloc` registers the MemoryError of an exhausted arena."""
    return any(e.get("type") == "MemoryError" and e.get("message") == ALLOC_FAILED
               for e in (manifest.get("exceptions") or {}).values())


def javascript_module(manifest: dict, *, name: str | None = None, header: str = "",
                      source: str = "url", inline: dict | None = None, auto: str | None = "await") -> str:
    """The text of an ES module with the whole package (the default: a
    standalone `index.js` loading its .wasm with top-level await).

    `name` is the package name used in "not loaded" errors (default: the
    manifest's module). `source`, `inline` and `auto` choose the loader
    (loader.loader_js); entries.py makes the package's entry points from
    this. Pure: reads nothing but the shipped runtime pieces.
    """
    check_manifest(manifest)
    pieces = runtime_pieces()["runtime"]
    name = name or str(manifest.get("module") or "module")
    funcs, used = [], {"load", "trap"}
    arena = _allocates(manifest)
    abi = manifest.get("abi", "host")
    for i, f in enumerate(manifest["functions"]):
        code, u = _function_js(f, i, arena=arena, abi=abi)
        funcs.append(code)
        used |= u
    # "js" builds with arrays: the memory API (alloc, array, keep, release)
    heap = abi == "js" and any(has_array(p["type"]) for f in manifest["functions"]
                               for p in [*f["params"], {"type": f["result"]}])
    if heap:
        used.add("heap")
        funcs.insert(0, jsabi.memory_api_js(name))
    table = ",".join(
        f"{int(code)}:[{_s(e['type'])},{_message_js(e)}]"
        for code, e in sorted(manifest.get("exceptions", {}).items(), key=lambda kv: int(kv[0])))
    if _uses_pyfmt(manifest):
        used.add("pyfmt")
    if any("str" in (e.get("kinds") or ()) for e in (manifest.get("exceptions") or {}).values()):
        used.add("pystr")
    host = (manifest.get("imports") or {}).get("py2wasm") or ()
    used |= {{"str_to_float": "sfloat", "str_format": "sformat"}[n] for n in host}
    loader, more = loader_js(manifest, _imports_js(manifest), source=source, inline=inline, auto=auto,
                             keep=heap)
    used |= more
    lines = []
    if header:
        lines.extend(f"// {h}" for h in header.splitlines())
    lines.append("const " + ",".join(f"${p}={pieces[p]}" for p in sorted(used)) + ";")
    fields = "," + jsabi.STATE_FIELDS if heap else ""
    lines.append(f"const $s={{n:{_s(name)},t:{{{table}}}{fields}}};")
    lines.extend(loader)  # init, initSync, loaded, the automatic load (loader.py)
    lines.extend(funcs)
    return "\n".join(lines) + "\n"
