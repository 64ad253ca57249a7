"""NumPy arrays through the generated npm package: `py2wasm build` of
tests/package/arrays.py -> `npm pack` -> offline install -> Node (ESM by
name) and headless Chromium (import map, no bundler); results and the
arguments after each call compared with NumPy; memory flat over repeated
calls; `tsc --strict` accepts typed uses of TypedArray / NDArray signatures
and rejects wrong ones.

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import json
import shutil

from .arrays_cases import all_cases, calls, check_array_results
from .conftest import ARRAYS_NAME, HERE, node, run, tsc, tsc_rejects_each_line
from .test_browser import drive_page


def _node_outcomes(app, tmp_path):
    cases = all_cases()
    path = tmp_path / "array_cases.json"
    path.write_text(json.dumps(calls(cases)))
    for f in ("arrays_harness.mjs", "run_arrays.mjs"):
        shutil.copy(HERE / f, app / f)
    return cases, json.loads(run([node(), "run_arrays.mjs", path], cwd=app).stdout)


def test_node_array_functions_match_numpy_and_update_arguments_in_place(app, tmp_path):
    cases, got = _node_outcomes(app, tmp_path)
    check_array_results(cases, got["outcomes"], "node esm")


def test_node_memory_stays_flat_over_repeated_calls(app, tmp_path):
    """900 calls of each array function (and of a scalar function whose body
    allocates 400 KB): the memory grows to the largest call's needs in the
    first round and not afterwards."""
    _, got = _node_outcomes(app, tmp_path)
    sizes = got["sizes"]
    assert sizes[0] == sizes[1] == sizes[2], sizes
    assert sizes[0] < 4 * 2**20, sizes  # the largest call needs < 1 MB; no leak of 300 x 400 KB


def test_declarations_of_array_signatures(packages):
    dts = (packages[ARRAYS_NAME] / "index.d.ts").read_text()
    for line in [
        "export declare function softmax(x: Float64Array | WasmArray<Float64Array>): Float64Array;",
        "export declare function jacobi_2d(steps: number, a: NDArray<Float64Array, 2> | WasmArray<Float64Array>, "
        "b: NDArray<Float64Array, 2> | WasmArray<Float64Array>): void;",
        "export declare function affine(m: NDArray<Float64Array, 2> | WasmArray<Float64Array>, v: Float64Array | "
        "WasmArray<Float64Array>, k: number): NDArray<Float64Array, 2>;",
        "export declare function cumsum64(a: BigInt64Array | WasmArray<BigInt64Array>): BigInt64Array;",
        "export declare function scale32(a: Float32Array | WasmArray<Float32Array>, b: NDArray<Int32Array, 2> | "
        "WasmArray<Int32Array>): readonly [Float32Array, NDArray<Int32Array, 2>];",
        "export declare function brighten(img: NDArray<Uint8Array, 3> | WasmArray<Uint8Array>): NDArray<Uint8Array, 3>;",
        "export declare function positive(a: Float64Array | WasmArray<Float64Array>, mask: Uint8Array | "
        "WasmArray<Uint8Array>): readonly [Uint8Array, number];",
        "export declare function stats(a: Float64Array | WasmArray<Float64Array>): readonly [Float64Array, number, number];",
        "export interface NDArray<T extends TypedArray, N extends number> {",
        " * Python: `def jacobi_2d(steps: int, a: f64[:, :], b: f64[:, :]) -> None` (arrays.py:17)",
        "export declare function pick(p: readonly [Float64Array | WasmArray<Float64Array>, number], "
        "q: NDArray<Int32Array, 2> | WasmArray<Int32Array>): readonly [number, NDArray<Int32Array, 2>];",
        "export interface WasmArray<T extends TypedArray = TypedArray> {",
        "export declare function release(): Promise<void>;",
        "export declare function gemm_np(alpha: number, beta: number, c: NDArray<Float64Array, 2> | "
        "WasmArray<Float64Array>, a: NDArray<Float64Array, 2> | WasmArray<Float64Array>, "
        "b: NDArray<Float64Array, 2> | WasmArray<Float64Array>): void;",
        "export declare function gain16(x: Int16Array | WasmArray<Int16Array>, g: number, offset: number): "
        "readonly [Int16Array, number];",
        "export declare function mix8(a: Uint8Array | WasmArray<Uint8Array>, b: Int8Array | "
        "WasmArray<Int8Array>, w: Uint16Array | WasmArray<Uint16Array>, k: number): "
        "readonly [Uint16Array, Uint32Array, boolean];",
        "export declare function np_scalars(x: number, n: number, u: number, flag: boolean): "
        "readonly [number, number, number, boolean, number];",
        " * @param n - Python `np.int8` (np.int8: an integer in [-128, 127], else RangeError)",
        " * @param x - Python `np.float32` (np.float32: rounded to float32 (Math.fround), like np.float32(x))",
        "export type TypedArray = Float64Array | Float32Array | BigInt64Array | Int32Array | Int16Array | "
        "Int8Array | BigUint64Array | Uint32Array | Uint16Array | Uint8Array;",
        "export declare function u64ops(a: BigUint64Array | WasmArray<BigUint64Array>, k: number): "
        "readonly [BigUint64Array, number, boolean];",
    ]:
        assert line in dts.splitlines(), line
    readme = (packages[ARRAYS_NAME] / "README.md").read_text()
    assert "new Float64Array([0.5, 1.5, 2.5])" in readme and "{ data: new Float64Array(6), shape: [2, 3] }" in readme
    assert "BigInt64Array" in readme and "copied back" in readme


GOOD_TS = """\
import { softmax, jacobi_2d, affine, cumsum64, scale32, brighten, positive, stats, set_then_get, arange_half, total, gain16, mix8, np_scalars } from "@py2wasm-test/arrays";
import type { NDArray, Shape, TypedArray } from "@py2wasm-test/arrays";
const s: Float64Array = softmax(new Float64Array([1, 2]));
const a: NDArray<Float64Array, 2> = { data: new Float64Array(4), shape: [2, 2] };
const n: void = jacobi_2d(1, a, { data: new Float64Array(4), shape: [2, 2] });
const t: NDArray<Float64Array, 2> = affine(a, new Float64Array(2), 0.5);
const [rows, cols]: readonly [number, number] = t.shape;
const c: BigInt64Array = cumsum64(new BigInt64Array([1n, 2n]));
const [f, i]: readonly [Float32Array, NDArray<Int32Array, 2>] = scale32(new Float32Array(1), { data: new Int32Array(1), shape: [1, 1] });
const b: NDArray<Uint8Array, 3> = brighten({ data: new Uint8Array(1), shape: [1, 1, 1] });
const [p, k]: readonly [Uint8Array, number] = positive(new Float64Array(1), new Uint8Array(1));
const [d, mx, am]: readonly [Float64Array, number, number] = stats(new Float64Array(3));
const v: number = set_then_get(new Float64Array(3), 1);
const h: Float64Array = arange_half(3);
const tt: number = total(3);
const shape3: Shape<3> = [1, 2, 3];
const any: TypedArray = c;
const data: Float64Array = t.data;
const [y16, peak]: readonly [Int16Array, number] = gain16(new Int16Array([1, -2]), 0.5, -3);
const [w16, w32, gt]: readonly [Uint16Array, Uint32Array, boolean] = mix8(new Uint8Array(1), new Int8Array(1), new Uint16Array(1), 2);
const [sx, sn, su, sf, s64]: readonly [number, number, number, boolean, number] = np_scalars(0.1, -5, 7, false);
const narrow: TypedArray = y16;
console.log(s, n, rows, cols, f, i, b, p, k, d, mx, am, v, h, tt, shape3, any, data, peak, w16, w32, gt, sx, sn, su, sf, s64, narrow);
"""

BAD_TS = [  # (code, TypeScript error it must produce)
    ("softmax([1, 2]);", "TS2345"),
    ("softmax(new Float32Array(2));", "TS2345"),
    ("jacobi_2d(1, new Float64Array(4), a);", "TS2345"),
    ("jacobi_2d(1, { data: new Float64Array(4), shape: [4] }, a);", "TS2345"),  # (a union with WasmArray)
    ("jacobi_2d(1, { data: new Float32Array(4), shape: [2, 2] }, a);", "TS2322"),
    ("cumsum64(new Float64Array(2));", "TS2345"),
    ("const x: number[] = softmax(new Float64Array(2));", "TS2740"),
    ("affine(a, new Float64Array(2), 0.5).shape[0] = 3;", "TS2540"),
    ("const s3: Shape<2> = [1, 2, 3];", "TS2322"),
    ("const r: NDArray<Float64Array, 3> = affine(a, new Float64Array(2), 0.5);", "TS2322"),
    ("const q: Float64Array = scale32(new Float32Array(1), { data: new Int32Array(1), shape: [1, 1] })[0];", "TS2322"),
    ("const big: Float64Array = cumsum64(new BigInt64Array(1));", "TS2322"),
    ("gain16(new Int32Array(2), 0.5, 1);", "TS2345"),
    ("gain16(new Int16Array(2), 0.5, 1n);", "TS2345"),
    ("mix8(new Uint8Array(1), new Uint8Array(1), new Uint16Array(1), 2);", "TS2345"),
    ("np_scalars(0.1, 1, 2, 1);", "TS2345"),
    ("const nb: number = np_scalars(0.1, 1, 2, true)[3];", "TS2322"),
]


def test_typed_array_consumer_is_accepted_by_tsc_strict(app):
    (app / "good_arrays.ts").write_text(GOOD_TS)
    p = tsc(app, "good_arrays.ts")
    assert p.returncode == 0, p.stdout + p.stderr


def test_mistyped_array_consumer_is_rejected_line_by_line(app):
    header = ('import { softmax, jacobi_2d, affine, cumsum64, scale32, gain16, mix8, np_scalars } '
              'from "@py2wasm-test/arrays";\n'
              'import type { NDArray, Shape } from "@py2wasm-test/arrays";\n'
              'const a: NDArray<Float64Array, 2> = { data: new Float64Array(4), shape: [2, 2] };\n')
    tsc_rejects_each_line(app, "bad_arrays.ts", header, BAD_TS)


def test_chromium_no_bundler_array_functions_match_numpy(app, tmp_path):
    """Headless Chromium, a page importing the package through an import
    map (no bundler): the same cases as in Node."""
    cases = all_cases()
    (app / "array_cases.json").write_text(json.dumps(calls(cases)))
    for f in ("arrays_harness.mjs", "browser_arrays.mjs"):
        shutil.copy(HERE / f, app / f)
    imports = {"imports": {ARRAYS_NAME: f"./node_modules/{ARRAYS_NAME}/index.js"}}
    got = drive_page(app, "arrays.html", "./browser_arrays.mjs", imports)
    check_array_results(cases, got["result"]["outcomes"], "chromium import map")
    assert not got["errors"], got["errors"]


def test_array_declarations_compile_without_dom_or_node_types(app):
    """`lib: es2020` alone: the array types need only ES TypedArrays and BigInt."""
    (app / "nodom_arrays.ts").write_text(
        'import { softmax, affine } from "@py2wasm-test/arrays";\nimport type { NDArray } from "@py2wasm-test/arrays";\n'
        'export const r: Float64Array = softmax(new Float64Array(2));\n'
        'const m: NDArray<Float64Array, 2> = { data: new Float64Array(4), shape: [2, 2] };\n'
        'export const t: NDArray<Float64Array, 2> = affine(m, new Float64Array(2), 1);\n')
    p = tsc(app, "--lib", "es2020", "nodom_arrays.ts")
    assert p.returncode == 0, p.stdout
