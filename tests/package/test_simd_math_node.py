"""Vectorized math-library calls (passes/vectorize_math.py) in an npm
package run by Node 20 (V8's SIMD128, not wasmtime's): the simd build's
np.exp / np.log1p / np.tanh / softmax equal the scalar (mvp) build run under
wasmtime bit for bit, special values and vector remainders included.

Place in the pipeline: tests of the package stage (py2wasm build -> Node)
for the lane operations of the widened cores (i32x4.trunc_sat_f64x2_s_zero,
f64x2.convert_low_i32x4_s, i64x2.all_true, i64x2 shifts)."""
from __future__ import annotations

import json
import math
import struct

import numpy as np

import py2wasm

from .conftest import load_python, node, py2wasm_build, run

SRC = '''import numpy as np
import numpy.typing as npt

F = npt.NDArray[np.float64]


def exp_(a: F) -> F:
    return np.exp(a)


def log1p_(a: F) -> F:
    return np.log1p(a)


def tanh_(a: F) -> F:
    return np.tanh(a)


def softmax(a: F) -> F:
    e = np.exp(a - np.max(a))
    return e / np.sum(e)
'''
USE_JS = '''import * as m from "{pkg}/index.js";
const cases = {cases};
const f64 = (hex) => new Float64Array(new BigUint64Array(hex.map((h) => BigInt("0x" + h))).buffer);
const hex = (a) => Array.from(new BigUint64Array(Float64Array.from(a).buffer),
                              (b) => b.toString(16));
console.log(JSON.stringify([m.loaded(), cases.map(([fn, xs]) => hex(m[fn](f64(xs))))]));
'''
SPECIALS = [math.nan, math.inf, -math.inf, 0.0, -0.0, 5e-324, -1e-310, 1e300, -1e300, 709.0,
            709.8, -708.0, -745.2, 38.0, 22.0, 41.0, 1.0, -1.0, 0.4142136573791504, -0.5, -1.0]


def _hex(x: float) -> str:
    return format(struct.unpack("<Q", struct.pack("<d", x))[0], "x")


def test_node20_simd_build_equals_the_scalar_build(tmp_path):
    src = tmp_path / "mathk.py"
    src.write_text(SRC)
    pkg = py2wasm_build(src, tmp_path / "mathk", "--no-inline-wasm")
    wasm = sorted(p.name for p in pkg.glob("*.wasm"))
    assert wasm == ["mathk.wasm"], wasm  # the simd baseline (no relaxed instruction)
    rng = np.random.default_rng(5)
    inputs = [np.array(SPECIALS), np.array(SPECIALS[3:]), rng.normal(0, 5, 17),
              rng.uniform(-1, 3, 9), rng.normal(0, 300, 33)]
    mod = load_python(src)
    cases = [(fn, a) for fn in ("exp_", "log1p_", "tanh_", "softmax") for a in inputs]
    js = USE_JS.format(pkg=pkg.as_posix(), cases=json.dumps(
        [[fn, [_hex(x) for x in a]] for fn, a in cases]))
    (tmp_path / "use.mjs").write_text(js)
    loaded, got = json.loads(run([node(), "use.mjs"], cwd=tmp_path).stdout)
    assert loaded == "simd"  # the package's baseline uses SIMD128 (features of its build)
    mvp = {fn: py2wasm.compile(getattr(mod, fn), target="mvp") for fn, _ in cases}
    for (fn, a), g in zip(cases, got):
        want = mvp[fn](a.copy())
        assert g == [_hex(x) for x in want], (fn, a)
