"""Lists of NumPy arrays and lists of NumPy scalars through the generated npm
package: `py2wasm build` of tests/package/typedlists_module.py -> `npm pack`
-> offline install -> Node and headless Chromium (import map, no bundler).
Results and the caller's arguments after the call (also after an exception:
the writes into the caller's arrays are seen) compared with CPython/NumPy on
a seeded random corpus (empty lists, empty arrays, -0.0, NaN, infinities,
mismatched shapes: NumPy's ValueError by name and message); argument checks
with the ranges of the NumPy scalar parameters; the caller's own arrays come
back as the same objects; `tsc --strict` accepts typed uses and rejects wrong
ones.

Place in the pipeline: tests of the last stage (`package`).
"""
from __future__ import annotations

import copy
import math
import random

import numpy as np
import pytest

from .conftest import tsc, tsc_rejects_each_line
from .node_app import check_outcomes, chromium_outcomes, installed_app, node_json

NAME = "@py2wasm-test/typedlists"
CLASS = {"float64": "Float64Array", "float32": "Float32Array", "int64": "BigInt64Array",
         "int32": "Int32Array", "uint8": "Uint8Array", "bool": "Uint8Array",
         "int16": "Int16Array", "int8": "Int8Array", "uint32": "Uint32Array",
         "uint16": "Uint16Array", "uint64": "BigUint64Array"}
FLOATS = [0.0, -0.0, 1.5, -2.25, 1e300, math.inf, -math.inf, math.nan, 3.0]


def _num(x):
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (float, np.floating)):
        return {"n": repr(float(x)).replace("inf", "Infinity").replace("nan", "NaN")}
    return {"n": str(int(x))}


def as_js(v):
    """A Python value as the harness encodes the JavaScript one."""
    if isinstance(v, (list, tuple)):
        return [as_js(x) for x in v]
    if isinstance(v, np.ndarray):
        big = v.dtype.name in ("int64", "uint64")
        flat = [{"b": str(int(x))} if big else _num(x) if v.dtype != bool else {"n": str(int(x))}
                for x in v.reshape(-1)]
        return {"t": CLASS[v.dtype.name], "s": list(v.shape), "v": flat}
    return _num(v)


def _same(got, want) -> bool:
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(map(_same, got, want))
    if isinstance(want, bool):
        return got is want
    if isinstance(want, dict) and "t" in want:
        return isinstance(got, dict) and got.get("t") == want["t"] and got.get("s") == want["s"] \
            and _same(got.get("v"), want["v"])
    if isinstance(want, dict) and "b" in want:
        return got == want
    if not (isinstance(got, dict) and "n" in got):
        return False
    g, w = float(got["n"]), float(want["n"])
    return (math.isnan(g) and math.isnan(w)) or (g == w and math.copysign(1, g) == math.copysign(1, w))


def _floats(rng, n):
    return np.array([rng.choice(FLOATS) if rng.random() < 0.4 else rng.uniform(-50, 50)
                     for _ in range(n)])


def _cases():
    rng = random.Random(1812)
    out = []
    for n in list(range(5)) + [9, 20]:
        lens = [rng.randint(0, 5) for _ in range(n)]
        xs = [_floats(rng, m) for m in lens]
        out.append(("norms", [xs]))
        for k in (0, 3):
            out.append(("bump", [[x.copy() for x in xs], rng.choice([1.5, -0.0, math.inf]), k]))
        m = rng.randint(1, 3)
        out.append(("pair_sum", [[_floats(rng, m), _floats(rng, rng.choice([m, m, 1, m + 1]))]]))
        out.append(("stacked", [[_floats(rng, 3).astype(np.float32) for _ in range(n % 3 + 1)]]))
        out.append(("stacked", [[np.zeros(2, np.float32), np.zeros(n % 2 + 2, np.float32)]]))
        out.append(("stacked", [[]]))  # ValueError: need at least one array to stack
        out.append(("joined", [[np.array([rng.randint(-2**62, 2**62) for _ in range(k)], np.int64)
                                for k in lens] or [np.zeros(0, np.int64)]]))
        out.append(("reshuffle", [[np.array([rng.randint(-9, 9) for _ in range(k + 1)], np.int32)
                                   for k in lens[:3]], n % 4]))
        out.append(("made", [n % 4, n % 3]))
        ms = [np.array([[rng.uniform(-5, 5) for _ in range(c)] for _ in range(r)]).reshape(r, c)
              for r, c in ((rng.randint(0, 3), rng.randint(1, 3)) for _ in range(n % 4))]
        out.append(("scale2", [ms, rng.choice([2.0, -1.0])]))
        out.append(("any_true", [[np.array([rng.random() < 0.2 for _ in range(k)], bool) for k in lens]]))
        out.append(("halves", [[np.array([rng.randint(0, 255) for _ in range(k)], np.uint8)
                                for k in lens[:4]]]))
        fl = [np.float32(rng.choice([0.1, 1e-45, 3.4e38, -2.5, rng.uniform(-1e3, 1e3)]))
              for _ in range(n)]
        out.append(("f32_sum", [fl]))
        out.append(("f32_thirds", [n]))
        out.append(("i8_double", [[np.int8(rng.randint(-128, 127)) for _ in range(n)]]))
        out.append(("u16_rev", [[np.uint16(rng.randint(0, 65535)) for _ in range(n)]]))
        out.append(("i64_grow", [[np.int64(rng.randint(-2**40, 2**40)) for _ in range(n)],
                                 np.int64(rng.randint(-2**51, 2**51))]))
        out.append(("i64_wide", [np.int64(rng.randint(-2**20, 2**20))]))
        out.append(("u64_sum", [[np.uint64(rng.randint(0, 2**47)) for _ in range(n)]]))
        out.append(("flags", [[np.bool_(rng.random() < 0.5) for _ in range(n)]]))
        out.append(("split", [fl]))
        out.append(("row_heads", [[[np.int16(rng.randint(-2**15, 2**15 - 1)) for _ in range(k)]
                                   for k in lens[:3]]]))
        out.append(("grid_sums", [[[_floats(rng, k) for k in lens[j:j + 2]] for j in range(n % 3)]]))
        out.append(("u32_fail", [[np.uint32(rng.randint(0, 2**32 - 1)) for _ in range(n + 1)],
                                 rng.choice([3, 9])]))
    return out


def _check(outcomes):
    check_outcomes(outcomes, "typedlists_module.py", _cases(), _same,
                   returns_own=("reshuffle", "u16_rev", "row_heads"), entry=copy.deepcopy, as_js=as_js)


@pytest.fixture(scope="module")
def tapp(tmp_path_factory):
    return installed_app(tmp_path_factory, "typedlists_module.py", NAME,
                         ("run_typedlists.mjs", "typedlists_harness.mjs", "lists_harness.mjs",
                          "browser_typedlists.mjs"),
                         "cases.json", [{"fn": fn, "args": as_js(args)} for fn, args in _cases()])


def test_node_typed_list_functions_match_numpy_with_the_callers_arrays_after(tapp):
    _check(node_json(tapp, "run_typedlists.mjs", None, "cases.json"))


def test_chromium_typed_list_functions_match_numpy(tapp):
    _check(chromium_outcomes(tapp, "typedlists.html", "./browser_typedlists.mjs", NAME))


def test_the_callers_arrays_come_back_as_the_same_objects(tapp):
    script = """
import { reshuffle, halves, bump, scale2, row_heads, grid_sums } from "@py2wasm-test/typedlists";
const a = new Int32Array([1, 2]), b = new Int32Array([3]);
const xs = [a, b];
const r = reshuffle(xs, 2);
const r0 = [5], g = [r0, r0], rh = row_heads(g);  // one row twice: one list, appended to twice
const x0 = new Float64Array([1]), row = [x0], gs = grid_sums([row]);
const nested = [rh === g, g[0] === r0, g[1] === r0, r0, g[2], row.length, row[0] === x0, Array.from(x0), gs.length];
const u = new Uint8Array([1, 2, 3]), h = halves([u]);
const e1 = new Uint8Array(0), e2 = new Uint8Array(0), he = halves([e1, u, e2]);
const m = { data: new Float64Array([1, 2, 3, 4]), shape: [2, 2] };
const t = scale2([m, m], 2);  // one matrix twice: scaled twice, as in NumPy
let err = null;
const f = new Float64Array([1, 2]);
try { bump([f], 1, 5); } catch (e) { err = [e.name, e.message.split(" (")[0]]; }
console.log(JSON.stringify([r === xs, xs[1] === b, Array.from(b), xs[0] !== a, Array.from(xs[0]),
  h[1] === u, h[0] !== u, Array.from(h[0]), Array.from(m.data), t[0] === t[1], t[0].shape,
  Array.from(t[0].data), Array.from(f), err, he[3] === e1, he[4] === u, he[5] === e2, nested]));
"""
    got = node_json(tapp, "same.mjs", script)
    assert got == [True, True, [3], True, [7, 1], True, True, [1, 3], [4, 8, 12, 16], True,
                   [2, 2], [4, 12, 8, 16], [2, 3], ["ValueError", "n too large: 5"], True, True, True,
                   [True, True, True, [5, -1, -1], [2], 1, True, [2], 2]]


def test_argument_checks_follow_the_scalar_and_array_parameters(tapp):
    script = """
import { norms, scale2, any_true, i8_double, u64_sum, i64_grow, f32_sum, flags, bump, i64_wide } from "@py2wasm-test/typedlists";
const out = [];
const f = new Float64Array(4);
for (const g of [() => norms("x"), () => norms([new Float32Array(2)]), () => norms([[1, 2]]),
                 () => scale2([new Float64Array(4)], 1), () => scale2([{ data: new Float64Array(3), shape: [2, 2] }], 1),
                 () => any_true([new Uint8Array([0, 2])]), () => i8_double([128]), () => i8_double([1.5]),
                 () => u64_sum([-1]), () => i64_grow([2 ** 53], 1), () => f32_sum(["1"]), () => flags([1]),
                 () => bump([f.subarray(0, 2), f.subarray(1)], 1, 0), () => i64_wide(2 ** 40)]) {
  try { out.push(JSON.stringify(g())); } catch (e) { out.push(`${e.name}: ${e.message}${typeof e.value === "bigint" ? " " + e.value : ""}`); }
}
out.push(JSON.stringify(f32_sum([0.1, 0.2])), JSON.stringify(bump([f.subarray(0, 2), f.subarray(2)], 1, 0)), JSON.stringify(Array.from(f)));
console.log(JSON.stringify(out));
"""
    got = node_json(tapp, "checks.mjs", script)
    assert got[0] == ("TypeError: norms(): argument 'xs' must be an array of arrays (Python list "
                      "of float64 1-D arrays), got \"x\"")
    assert got[1].startswith("TypeError: norms(): argument 'xs[0]' must be a Float64Array "
                             "(Python float64 1-D array), got a Float32Array")
    assert got[2].startswith("TypeError: norms(): argument 'xs[0]' must be a Float64Array")
    assert got[3].startswith("TypeError: scale2(): argument 'ms[0]' must be {data: Float64Array, "
                             "shape: [number, number]}")
    assert got[4].startswith("RangeError: scale2(): argument 'ms[0]'") and "shape [2, 2] has 4 " \
        "elements, data has 3" in got[4]
    assert got[5].startswith("RangeError: any_true(): argument 'xs[0]' is a bool array")
    assert got[6] == ("RangeError: i8_double(): argument 'xs'[0] = 128 is out of bounds for "
                      "numpy.int8 [-128, 127]")
    assert got[7] == ("TypeError: i8_double(): argument 'xs'[0] must be an integer number "
                      "(Python numpy.int8), got 1.5")
    assert got[8].startswith("RangeError: u64_sum(): argument 'xs'[0] = -1 is out of bounds for "
                             "numpy.uint64")
    assert got[9].startswith("RangeError: i64_grow(): argument 'xs'[0] = 9007199254740992 is out "
                             "of bounds for numpy.int64")
    assert got[10] == ("TypeError: f32_sum(): argument 'xs'[0] must be a number (Python "
                       "numpy.float32), got \"1\"")
    assert got[11].startswith("TypeError: flags(): argument 'xs'[0] must be a boolean")
    assert got[12].startswith("ValueError: bump(): arrays in a list argument share memory")
    assert got[13] == (f"RangeError: i64_wide(): the numpy.int64 {2**60} in a list is outside "
                       f"JavaScript's safe integer range (see the error's `value` for the exact "
                       f"BigInt) {2**60}")
    assert float(got[14]) == float(np.float32(0.1) + np.float32(0.2))
    assert got[15:] == ["2", "[1,1,1,1]"]  # adjacent views of one buffer: no overlap


def test_wasm_arrays_in_a_list_are_used_in_place(tapp):
    script = """
import { bump, halves, scale2, norms, alloc, array } from "@py2wasm-test/typedlists";
const w = alloc(Float64Array, 2), f = new Float64Array([1, 2]);
const n = bump([w, f, w.data], 1, 0);  // w twice (itself and its view): one array
const u = array(new Uint8Array([1, 2, 3])), h = halves([u]);
const m = array({ shape: [2, 2], dtype: "float64" });
m.data.set([1, 2, 3, 4]);
const t = scale2([m], 3);
let err = null;
try { norms([w, w.data.subarray(1)]); } catch (e) { err = e.name; }
const out = [n, Array.from(w.data), Array.from(f), h[1] === u, Array.from(h[0]), Array.from(m.data), t[0].shape, Array.from(t[0].data), err];
w.free(); u.free(); m.free();
console.log(JSON.stringify(out));
"""
    got = node_json(tapp, "inplace.mjs", script)
    assert got == [3, [2, 2], [2, 3], True, [1, 3], [3, 6, 9, 12], [2, 2], [3, 9, 6, 12], "ValueError"]


def test_an_array_both_alone_and_in_a_list_is_a_value_error(tapp):
    script = """
import { with_array, alloc } from "@py2wasm-test/typedlists";
const a = new Float64Array([1, 2]), b = new Float64Array([0, 3]), big = new Float64Array(6);
const out = [with_array([a, a], b), Array.from(a), Array.from(b)];
for (const f of [() => with_array([a], a), () => with_array([big.subarray(0, 3)], big.subarray(2))]) {
  try { out.push(f()); } catch (e) { out.push(e.name); }
}
out.push(with_array([big.subarray(0, 3)], big.subarray(3)), Array.from(big));
const w = alloc(Float64Array, 2);  // one WasmArray alone and in the list: in place, one array
out.push(with_array([w], w), Array.from(w.data));
console.log(JSON.stringify(out));
"""
    got = node_json(tapp, "mixed.mjs", script)
    assert got == [8, [11, 2], [5, 3], "ValueError", "ValueError", 5, [5, 0, 0, 5, 0, 0],
                   10, [10, 0]]


def test_keep_gives_wasm_arrays_in_a_list_result(tapp):
    script = """
import { keep, made, halves, release } from "@py2wasm-test/typedlists";
const r = keep(made, 3, 2), plain = made(2, 2);
const out = [r.map((w) => [w.shape, Array.from(w.data), w.freed]), plain.map((x) => Array.from(x.data))];
const u = new Uint8Array([1, 2, 3]), h = keep(halves, [u, new Uint8Array([4, 5])]);
// a strided view: a copy; a contiguous one ([4, 5][::2]): a WasmArray; the caller's own arrays
out.push([h.length, h[2] === u, h[0].constructor === Uint8Array, Array.from(h[0]), Array.from(h[1].data)]);
for (const w of [...r, h[1]]) w.free();
await release();
out.push("released");
console.log(JSON.stringify(out));
"""
    got = node_json(tapp, "keep.mjs", script)
    assert got == [[[[2, 2], [0, 0, 0, 0], False], [[2, 2], [1, 1, 1, 1], False],
                    [[2, 2], [2, 2, 2, 2], False]], [[0, 0, 0, 0], [1, 1, 1, 1]],
                   [4, True, True, [1, 3], [4]], "released"]


def test_many_calls_keep_memory_flat(tapp):
    script = """
import { bump, i8_double, made } from "@py2wasm-test/typedlists";
import * as pkg from "@py2wasm-test/typedlists";
const xs = Array.from({ length: 50 }, (_, i) => new Float64Array(100).fill(i));
bump(xs, 1, 0); i8_double([1, 2]); made(3, 4);
const mem = () => { const a = pkg.alloc(Float64Array, 1), n = a.data.buffer.byteLength; a.free(); return n; };
const before = mem();
for (let i = 0; i < 10000; i++) { bump(xs, 1, 0); i8_double([1, 2]); made(3, 4); }
console.log(JSON.stringify([before, mem(), xs[3][0]]));
"""
    before, after, x = node_json(tapp, "flat.mjs", script)
    assert after == before and x == 3 + 10001


def test_declarations(tapp):
    dts = (tapp / "node_modules" / NAME / "index.d.ts").read_text()
    for line in [
            "export declare function norms(xs: readonly (Float64Array | WasmArray<Float64Array>)[]): "
            "number[];",
            "export declare function reshuffle(xs: (Int32Array | WasmArray<Int32Array>)[], n: number): "
            "Int32Array[];",
            "export declare function made(n: number, m: number): NDArray<Float64Array, 2>[];",
            "export declare function scale2(ms: readonly (NDArray<Float64Array, 2> | "
            "WasmArray<Float64Array>)[], k: number): NDArray<Float64Array, 2>[];",
            "export declare function joined(xs: readonly (BigInt64Array | WasmArray<BigInt64Array>)[]): "
            "BigInt64Array;",
            "export declare function any_true(xs: readonly (Uint8Array | WasmArray<Uint8Array>)[]): "
            "boolean[];",
            "export declare function f32_sum(xs: readonly number[]): number;",
            "export declare function i8_double(xs: number[]): number[];",
            "export declare function flags(xs: boolean[]): boolean[];",
            "export declare function row_heads(g: number[][]): number[][];",
            "export declare function grid_sums(g: (Float64Array[])[]): Float64Array[][];"]:
        assert line in dts.splitlines(), line
    assert "list[np.int8]" in dts and "np.int8: an integer in [-128, 127], else RangeError" in dts


GOOD_TS = """\
import { norms, reshuffle, made, scale2, joined, f32_sum, i8_double, flags, u16_rev, alloc, array, type NDArray } from "@py2wasm-test/typedlists";
const ro: readonly Float64Array[] = [new Float64Array(2)];
const ns: number[] = norms(ro);
const w = alloc(Float64Array, 2);
norms([w, new Float64Array(1)]);
scale2([array({ shape: [2, 2], dtype: "float64" })], 2);
const xs: Int32Array[] = [new Int32Array(1)];
const r: Int32Array[] = reshuffle(xs, 2);
const ms: NDArray<Float64Array, 2>[] = made(2, 3);
const ts: NDArray<Float64Array, 2>[] = scale2(ms, 2);
const j: BigInt64Array = joined([new BigInt64Array(1)]);
const s: number = f32_sum([0.5]);
const d: number[] = i8_double([1, 2]);
const fl: boolean[] = flags([true]);
const u: number[] = u16_rev([1]);
console.log(ns, r, ts, j, s, d, fl, u);
"""

BAD_TS = [  # (code, TypeScript error it must produce)
    ("norms([new Float32Array(2)]);", "TS2322"),
    ("norms([[1, 2]]);", "TS2322"),
    ("reshuffle(ro, 1);", "TS2345"),
    ("scale2([new Float64Array(4)], 2);", "TS2322"),
    ("scale2([{ data: new Float64Array(4), shape: [2, 2, 1] }], 2);", "TS2322"),
    ("i8_double([true]);", "TS2322"),
    ("flags([1]);", "TS2322"),
    ("const b: Float64Array[] = made(1, 2);", "TS2322"),
    ("joined([new Int32Array(1)]);", "TS2322"),
    ("norms([alloc(Float32Array, 2)]);", "TS2322"),
]


def test_typed_list_consumer_is_accepted_by_tsc_strict(tapp):
    (tapp / "good_typedlists.ts").write_text(GOOD_TS)
    p = tsc(tapp, "good_typedlists.ts")
    assert p.returncode == 0, p.stdout + p.stderr


def test_mistyped_typed_list_consumer_is_rejected_line_by_line(tapp):
    header = ('import { norms, reshuffle, scale2, i8_double, flags, made, joined, alloc } from '
              '"@py2wasm-test/typedlists";\n'
              'const ro: readonly Int32Array[] = [new Int32Array(1)];\n')
    tsc_rejects_each_line(tapp, "bad_typedlists.ts", header, BAD_TS)
