"""The package's declarations (`index.d.ts`): exact TypeScript types from the
traced signatures, with the Python docstring as TSDoc.

Place in the pipeline: the last stage (`package`). Types: `int` and `float`
-> `number`, `bool` -> `boolean`, tuples -> readonly tuple types, `None` ->
`void` (signature.py). The int/BigInt policy is stated in the TSDoc of every
`int` parameter and result: arguments must be safe integers (RangeError
otherwise), results beyond Number.MAX_SAFE_INTEGER throw a RangeError whose
`value` is the exact BigInt.

NumPy scalars (`np.float32`, `np.int16`, `np.bool_`...) are `number` or
`boolean` by kind; the TSDoc states the range a narrow int must be in.

NumPy arrays: a 1-D array is a TypedArray of its dtype's class
(`Float64Array`, `Float32Array`, `BigInt64Array` for int64, `Int32Array`,
`Int16Array`, `Int8Array`, `BigUint64Array` for uint64, `Uint32Array`,
`Uint16Array`, `Uint8Array` for uint8 and bool); an N-d array is `NDArray<Class, N>`,
`{ data, shape }` with `shape` a readonly tuple of N sizes (`Shape<N>`),
declared in every package that uses one (`ARRAY_TYPES`).
"""
from __future__ import annotations

from .loader import loader_declarations
from .signature import (NP_INT_RANGES, check_manifest, has_array, has_nd_array, is_js_identifier, js_default,
                        python_default, python_type, ts_type)

# The type of init()'s argument. DOM types are looked up on globalThis so
# the declarations compile under any `lib` (DOM, @types/node, or neither):
# whatever the consumer's environment lacks drops out of the union.
# WebAssembly.Module is an empty interface in lib.dom; `& object` keeps
# numbers and strings from matching it.
SOURCE_TYPE = (
    "type $G = typeof globalThis;\n"
    "type $P<K extends string> = $G extends { [k in K]: { prototype: infer T } } ? T : never;\n"
    "/** What `init` accepts (types your `lib` lacks drop out). */\n"
    "export type Source = string | $P<\"URL\"> | $P<\"Request\"> | $P<\"Response\"> | PromiseLike<$P<\"Response\">> | "
    "ArrayBuffer | ArrayBufferView | $M;\n"
    "type $M = $G extends { WebAssembly: { Module: { prototype: infer M } } } ? M & object : never;\n"
    "/** What `initSync` accepts: the module's bytes or a compiled WebAssembly.Module. */\n"
    "export type SyncSource = ArrayBuffer | ArrayBufferView | $M;\n")


# Declared when a signature has an N-d array. `Shape<N>` spells the tuple
# out (`Shape<2>` is `readonly [number, number]`), so a shape of the wrong
# length is a type error.
ARRAY_TYPES = (
    "/** The TypedArray classes of NumPy's dtypes (bool: Uint8Array of 0/1, int64: BigInt64Array). */\n"
    "export type TypedArray = Float64Array | Float32Array | BigInt64Array | Int32Array | Int16Array | Int8Array | "
    "BigUint64Array | Uint32Array | Uint16Array | Uint8Array;\n"
    "/** The shape of an `N`-dimensional array: `Shape<2>` is `readonly [number, number]`. */\n"
    "export type Shape<N extends number, S extends readonly number[] = readonly []> =\n"
    "  number extends N ? readonly number[] : S[\"length\"] extends N ? S : Shape<N, readonly [...S, number]>;\n"
    "/**\n"
    " * An `N`-dimensional NumPy array: its elements in row-major (C) order in `data`, and\n"
    " * its `shape` (the product of the sizes is `data.length`). A function updates an\n"
    " * argument's `data` in place exactly as the Python function updates its array.\n"
    " */\n"
    "export interface NDArray<T extends TypedArray, N extends number> {\n"
    "  readonly data: T;\n"
    "  readonly shape: Shape<N>;\n"
    "}\n")


def _doc_lines(text: str) -> list[str]:
    """Docstring text as TSDoc comment lines (`*/` cannot end the comment)."""
    return [line.rstrip().replace("*/", "*\\/") for line in text.strip("\n").splitlines()]


def _comment(lines: list[str]) -> str:
    return "/**\n" + "".join(f" * {ln}".rstrip() + "\n" for ln in lines) + " */\n"


def ts_param_name(name: str) -> str:
    """A parameter name usable in a declaration (`new` -> `new_`)."""
    return name if is_js_identifier(name) else (name + "_" if name.isascii() else "arg")


def ts_signature(f: dict, *, local: str | None = None) -> str:
    """`fma(x: number, y: number, z: number): number` for one manifest function;
    a parameter with a Python default is optional (`scale?: number`)."""
    params = ", ".join(f"{ts_param_name(p['name'])}{'?' if 'default' in p else ''}: {ts_type(p['type'])}"
                       for p in f["params"])
    return f"{local or f['name']}({params}): {ts_type(f['result'])}"


def python_signature(f: dict) -> str:
    params = ", ".join(f"{p['name']}: {python_type(p['type'])}" +
                       (f" = {python_default(p['default'])}" if "default" in p else "") for p in f["params"])
    return f"def {f['name']}({params}) -> {python_type(f['result'])}"


def _mentions_int(t) -> bool:
    return (isinstance(t, str) and t in ("int", "numpy.int64", "numpy.uint64")) or (isinstance(t, dict) and any(
        _mentions_int(e) for e in t.get("tuple", [])))


def _numpy_notes(t) -> str:
    """What a NumPy scalar parameter accepts from JavaScript."""
    found: list[str] = []

    def walk(x):
        if isinstance(x, dict):
            for e in x.get("tuple", []):
                walk(e)
        elif x in NP_INT_RANGES:
            lo, hi = NP_INT_RANGES[x]
            found.append(f"{x.replace('numpy.', 'np.')}: an integer in [{lo}, {hi}], else RangeError")
        elif x == "numpy.float32":
            found.append("np.float32: rounded to float32 (Math.fround), like np.float32(x)")
    walk(t)
    return "".join(f" ({n})" for n in dict.fromkeys(found))


def function_doc(f: dict, source: str, raises: bool = True) -> list[str]:
    """TSDoc lines for one function: docstring, Python signature, @param/@returns."""
    lines = _doc_lines(f.get("doc") or "")
    if lines:
        lines.append("")
    where = f"{source}:{f['line']}" if source and f.get("line") else source
    lines.append(f"Python: `{python_signature(f)}`" + (f" ({where})" if where else ""))
    for p in f["params"]:
        t = p["type"]
        note = f"Python `{python_type(t)}`"
        if _mentions_int(t):
            note += " (ints: safe integers, else RangeError)"
        note += _numpy_notes(t)
        if has_array(t):
            note += " (arrays are copied in; what the function writes into them is copied back)"
        if "default" in p:
            note += f" (optional: default {js_default(p['default'])})"
        lines.append(f"@param {ts_param_name(p['name'])} - {note}")
    rt = f["result"]
    if rt != "None":
        note = f"Python `{python_type(rt)}`"
        if _mentions_int(rt):
            note += " (an int beyond the safe range throws a RangeError; its `value` is the BigInt)"
        if has_array(rt):
            note += " (arrays are new, not views of wasm memory)"
        lines.append(f"@returns {note}")
    if raises:
        lines.append("@throws Error named after the Python exception, message ending with the source line")
    return lines


def typescript_declarations(manifest: dict, *, auto: str | None = "await", inline: bool = False) -> str:
    """The text of `index.d.ts` for a build manifest (`auto`, `inline`: the
    entry's loader, for the docs of `init`; loader.loader_js). Pure."""
    check_manifest(manifest)
    source = manifest.get("source") or ""
    out = [f"// Types of {manifest.get('module') or 'the module'} ({source or 'Python'}), generated by py2wasm.\n"]
    out.append(SOURCE_TYPE)
    out.append(loader_declarations(manifest, auto=auto, inline=inline))  # init, initSync, loaded (loader.py)
    if any(has_nd_array(p["type"]) for f in manifest["functions"] for p in f["params"]) or \
            any(has_nd_array(f["result"]) for f in manifest["functions"]):
        out.append(ARRAY_TYPES)
    for i, f in enumerate(manifest["functions"]):
        name = f["name"]
        doc = _comment(function_doc(f, source, bool(manifest.get("exceptions"))))
        if is_js_identifier(name):
            out.append(doc + f"export declare function {ts_signature(f)};\n")
        else:
            local = f"$f{i}"
            out.append(doc + f"declare function {ts_signature(f, local=local)};\nexport {{ {local} as {name} }};\n")
    return "".join(out)
