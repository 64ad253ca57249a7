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

Complex numbers: `complex`, `np.complex128` and `np.complex64` -> `Complex`,
`{ re: number; im: number }` (declared in packages that use it,
`COMPLEX_TYPE`); arguments are checked by the runtime piece `cpx`
(np.complex64 parts are rounded to float32). Complex arrays (any ndim) ->
`Complex128Array<N>` / `Complex64Array<N>`, `{ dtype, data, shape }` with
`data` a Float64Array / Float32Array of the interleaved parts
(`COMPLEX_ARRAY_TYPES`; checked by js/src/cxarrays.ts).
"""
from __future__ import annotations

from .loader import loader_declarations
from .typedlists import is_array_list
from .objlists import is_obj_list
from .signature import (NP_INT_RANGES, check_manifest, has_array, has_complex, has_complex_array,
                        field_key, has_list, has_nd_array, is_array, is_complex_array, is_list, is_js_identifier, is_object,
                        is_record, js_default, python_default, python_type, ts_type,
                        visible_result)

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


# Declared when a signature has a complex (runtime piece js/src/complex.ts).
COMPLEX_TYPE = (
    "/** A Python `complex`: `re` the real part, `im` the imaginary part (results are new objects). */\n"
    "export interface Complex {\n"
    "  readonly re: number;\n"
    "  readonly im: number;\n"
    "}\n")


# Declared when a signature has a complex array (js/src/cxarrays.ts). The
# `dtype` field is what tells a complex array from a real one of twice the
# length: required in arguments, present in results.
COMPLEX_ARRAY_TYPES = (
    "/**\n"
    " * A NumPy complex128 array of `N` dimensions: `data` holds the parts interleaved, re, im, re,\n"
    " * im... in row-major (C) order (`data.length` is twice the number of elements, the product of\n"
    " * `shape`). `dtype` is required: a bare Float64Array is a real array, and is refused.\n"
    " */\n"
    "export interface Complex128Array<N extends number = number> {\n"
    "  readonly dtype: \"complex128\";\n"
    "  readonly data: Float64Array;\n"
    "  readonly shape: Shape<N>;\n"
    "}\n"
    "/** A NumPy complex64 array: like `Complex128Array`, the parts (float32) interleaved in a Float32Array. */\n"
    "export interface Complex64Array<N extends number = number> {\n"
    "  readonly dtype: \"complex64\";\n"
    "  readonly data: Float32Array;\n"
    "  readonly shape: Shape<N>;\n"
    "}\n")


# Declared in packages of the "js" ABI with array functions: the memory API
# (js/src/heap.ts; javascript.py exports it).
MEMORY_TYPES = (
    "/**\n"
    " * An array that lives in the module's memory (from `alloc`, `array` or `keep`). Passing it,\n"
    " * or its `data`, to a function of this package does not copy it: the function reads and\n"
    " * writes it in place, and arguments that are the same WasmArray alias as NumPy arrays do.\n"
    " * It lives until `free()` (or `[Symbol.dispose]()`, for `using`), `release()` or `init()`.\n"
    " */\n"
    "export interface WasmArray<T extends TypedArray = TypedArray> {\n"
    "  /** The elements, a view of the module's memory, re-created when the memory has grown (an\n"
    "   *  older view is then empty): read `data` again after calls. Throws once freed. */\n"
    "  readonly data: T;\n"
    "  readonly shape: readonly number[];\n"
    "  /** The number of elements (of a complex array: complex elements, `data` holds twice as many). */\n"
    "  readonly length: number;\n"
    "  /** Its address in the module's memory. */\n"
    "  readonly byteOffset: number;\n"
    "  readonly freed: boolean;\n"
    "  /** Give its memory back; a second `free()`, or any use afterwards, throws an Error. */\n"
    "  free(): void;\n"
    "}\n"
    "/** NumPy's dtype names. */\n"
    "export type DType = \"float64\" | \"float32\" | \"int64\" | \"int32\" | \"uint8\" | \"bool\" | \"int16\" | "
    "\"int8\" | \"uint32\" | \"uint16\" | \"uint64\";\n"
    "type $ByDType = { float64: Float64Array; float32: Float32Array; int64: BigInt64Array; int32: Int32Array; "
    "uint8: Uint8Array; bool: Uint8Array; int16: Int16Array; int8: Int8Array; uint32: Uint32Array; "
    "uint16: Uint16Array; uint64: BigUint64Array };\n"
    "type $Class = Float64ArrayConstructor | Float32ArrayConstructor | BigInt64ArrayConstructor | "
    "Int32ArrayConstructor | Uint8ArrayConstructor | Int16ArrayConstructor | Int8ArrayConstructor | "
    "Uint32ArrayConstructor | Uint16ArrayConstructor | BigUint64ArrayConstructor;\n"
    "/** NumPy's complex dtypes, and the classes of their parts. */\n"
    "export type ComplexDType = \"complex128\" | \"complex64\";\n"
    "type $Parts = { complex128: Float64Array; complex64: Float32Array };\n"
    "/**\n"
    " * A complex array in the module's memory (from `alloc`, `array` or `keep`): a `{ dtype, data, shape }`\n"
    " * like the complex arrays the functions take, whose `data` (the parts interleaved, re, im, ...; twice\n"
    " * `length` numbers) is a view of the module's memory. Passing it to a complex array parameter does\n"
    " * not copy it: the function reads and writes it in place.\n"
    " */\n"
    "export interface WasmComplexArray<D extends ComplexDType = ComplexDType> extends WasmArray<$Parts[D]> {\n"
    "  readonly dtype: D;\n"
    "}\n"
    "/** A zeroed 1-D array of `n` elements of class `cls` in the module's memory (a complex dtype\n"
    " *  name, \"complex128\" or \"complex64\": `n` complex elements, a `WasmComplexArray`). */\n"
    "export declare function alloc<C extends $Class | ComplexDType>(cls: C, n: number): C extends $Class ? "
    "WasmArray<InstanceType<C>> : C extends ComplexDType ? WasmComplexArray<C> : never;\n"
    "/** A zeroed array of `shape` and `dtype` in the module's memory, or a copy of a TypedArray there. */\n"
    "export declare function array<D extends DType>(spec: { readonly shape: number | readonly number[]; "
    "readonly dtype: D }): WasmArray<$ByDType[D]>;\n"
    "/** A complex array in the module's memory: zeroed, or a copy of `data` (the parts interleaved). */\n"
    "export declare function array<D extends ComplexDType>(spec: { readonly shape: number | readonly number[]; "
    "readonly dtype: D; readonly data?: $Parts[D] }): WasmComplexArray<D>;\n"
    "export declare function array<T extends TypedArray>(data: T): WasmArray<T>;\n"
    "/** `R` with its arrays as WasmArrays (what `keep` returns). */\n"
    "export type Kept<R> = R extends { readonly dtype: infer D extends ComplexDType } ? WasmComplexArray<D> : R extends TypedArray ? WasmArray<R> : R extends NDArray<infer T, number> ? WasmArray<T> :\n"
    "  R extends readonly unknown[] ? { readonly [K in keyof R]: Kept<R[K]> } : R;\n"
    "/** Call `f` (a function of this package) and keep its array results in the module's memory, as\n"
    " *  WasmArrays (free them), instead of copying them out. */\n"
    "export declare function keep<A extends unknown[], R>(f: (...args: A) => R, ...args: A): Kept<R>;\n"
    "/** Give the module's memory back after a large call: a new instance with a small memory replaces\n"
    " *  the current one. Rejects while arrays from alloc/array/keep are live. */\n"
    "export declare function release(): Promise<void>;\n")


def ts_param_type(t) -> str:
    """A parameter's type in a "js" ABI package: arrays may also be WasmArrays
    (complex arrays: WasmComplexArrays of their dtype)."""
    if is_complex_array(t):
        return f"{ts_type(t)} | WasmComplexArray<\"{t['array']}\">"
    if is_array(t):
        base = ts_type(t)
        cls = base if t["ndim"] == 1 else base[len("NDArray<"):].split(",")[0]
        return f"{base} | WasmArray<{cls}>"
    if is_object(t):  # a class instance by value: a plain object (number, bool, complex fields)
        return ts_type(t)
    if is_record(t):  # a NamedTuple: a plain object, its fields as parameters
        return "{ " + " ".join(f"readonly {field_key(n)}: {ts_param_type(e)};"
                               for n, e in zip(t["names"], t["tuple"])) + " }"
    if isinstance(t, dict) and "tuple" in t:
        return "readonly [" + ", ".join(ts_param_type(e) for e in t["tuple"]) + "]"
    return ts_type(t)


def _doc_lines(text: str) -> list[str]:
    """Docstring text as TSDoc comment lines (`*/` cannot end the comment)."""
    return [line.rstrip().replace("*/", "*\\/") for line in text.strip("\n").splitlines()]


def _comment(lines: list[str]) -> str:
    return "/**\n" + "".join(f" * {ln}".rstrip() + "\n" for ln in lines) + " */\n"


def ts_param_name(name: str) -> str:
    """A parameter name usable in a declaration (`new` -> `new_`)."""
    return name if is_js_identifier(name) else (name + "_" if name.isascii() else "arg")


def ts_signature(f: dict, *, local: str | None = None, wasm_arrays: bool = False) -> str:
    """`fma(x: number, y: number, z: number): number` for one manifest function;
    a parameter with a Python default is optional (`scale?: number`).
    `wasm_arrays`: array parameters also accept WasmArrays (memory API)."""
    pt = ts_param_type if wasm_arrays else ts_type

    def ptype(p):  # a list the function never changes may be a readonly array
        t = p["type"]
        if not is_list(t) or is_obj_list(t):  # (a list of instances: refilled by the call)
            return pt(t)
        if wasm_arrays and is_array_list(t):  # a list of arrays: WasmArrays too
            return ("readonly " if p.get("readonly") else "") + f"({ts_param_type(t['list'])})[]"
        return ("readonly " if p.get("readonly") else "") + ts_type(t)
    params = ", ".join(f"{ts_param_name(p['name'])}{'?' if 'default' in p else ''}: {ptype(p)}"
                       for p in f["params"])
    return f"{local or f['name']}({params}): {ts_type(visible_result(f))}"


def python_signature(f: dict) -> str:
    params = ", ".join(f"{p['name']}: {python_type(p['type'])}" +
                       (f" = {python_default(p['default'])}" if "default" in p else "") for p in f["params"])
    return f"def {f['name']}({params}) -> {python_type(visible_result(f))}"


def _mentions_int(t) -> bool:
    return (isinstance(t, str) and t in ("int", "numpy.int64", "numpy.uint64")) or (isinstance(t, dict) and any(
        _mentions_int(e) for e in t.get("tuple", [])))


def _numpy_notes(t) -> str:
    """What a NumPy scalar parameter accepts from JavaScript."""
    found: list[str] = []

    def walk(x):
        if is_complex_array(x):
            found.append(f"{x['array']} array: {{ dtype: \"{x['array']}\", data, shape }}, data holding "
                         "re, im interleaved (twice as many numbers as elements)")
        elif isinstance(x, dict):
            for e in x.get("tuple", []):
                walk(e)
            if "list" in x:  # a list of NumPy scalars: their rules
                walk(x["list"])
        elif x in NP_INT_RANGES:
            lo, hi = NP_INT_RANGES[x]
            found.append(f"{x.replace('numpy.', 'np.')}: an integer in [{lo}, {hi}], else RangeError")
        elif x == "numpy.float32":
            found.append("np.float32: rounded to float32 (Math.fround), like np.float32(x)")
        elif x == "numpy.complex64":
            found.append("np.complex64: re and im rounded to float32 (Math.fround)")
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
        if is_complex_array(t):
            note += (" (copied in; what the function writes into it is copied back; a WasmComplexArray is "
                     "used in place)" if not p.get("readonly")
                     else " (read only: copied in, a WasmComplexArray is used in place)")
        elif is_list(t):
            note += (" (copied in; after the call, also when it throws, the array holds the list as the "
                     "function left it: appends, pops, sorts are seen)" if not p.get("readonly") else
                     " (read only: copied in)")
        elif has_array(t):
            note += (" (arrays are copied in; what the function writes into them is copied back; a WasmArray "
                     "is used in place)" if not p.get("readonly") else
                     " (read only: arrays are copied in, a WasmArray is used in place)")
        if "default" in p:
            note += f" (optional: default {js_default(p['default'])})"
        lines.append(f"@param {ts_param_name(p['name'])} - {note}")
    rt = visible_result(f)
    if rt != "None":
        note = f"Python `{python_type(rt)}`"
        if _mentions_int(rt):
            note += " (an int beyond the safe range throws a RangeError; its `value` is the BigInt)"
        if has_list(rt):
            note += " (a new array, or the argument's own array when the function returns its argument)"
        elif has_array(rt):
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
    memory = manifest.get("abi") == "js" and any(
        has_array(p["type"]) for f in manifest["functions"] for p in [*f["params"], {"type": f["result"]}])
    if memory or any(has_nd_array(p["type"]) for f in manifest["functions"] for p in f["params"]) or \
            any(has_nd_array(f["result"]) for f in manifest["functions"]):
        out.append(ARRAY_TYPES)
    if any(has_complex(p["type"]) for f in manifest["functions"] for p in f["params"]) or \
            any(has_complex(f["result"]) for f in manifest["functions"]):
        out.append(COMPLEX_TYPE)
    if any(has_complex_array(t) for f in manifest["functions"] for t in [*(p["type"] for p in f["params"]),
                                                                        f["result"]]):
        out.append(COMPLEX_ARRAY_TYPES)
    if memory:
        out.append(MEMORY_TYPES)
    for i, f in enumerate(manifest["functions"]):
        name = f["name"]
        doc = _comment(function_doc(f, source, bool(manifest.get("exceptions"))))
        if is_js_identifier(name):
            out.append(doc + f"export declare function {ts_signature(f, wasm_arrays=memory)};\n")
        else:
            local = f"$f{i}"
            out.append(doc + f"declare function {ts_signature(f, local=local, wasm_arrays=memory)};\n"
                       f"export {{ {local} as {name} }};\n")
    return "".join(out)
