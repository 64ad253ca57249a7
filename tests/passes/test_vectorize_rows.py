"""Vectorization across independent sums (passes/vectorize_rows.py): loops
whose carried values are all float sums of products become f64x2/f32x4
lanes (one lane per sum), bit-identical to the scalar loop and to CPython
on every build; loops where a sum is read by anything but its own chain
stay scalar."""
import importlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from py2wasm.frontend import trace, types_of_values
from py2wasm.passes import run_passes

from tests.arrays.simd_harness import Builds

V = importlib.import_module("py2wasm.passes.vectorize")


def module_for(fn, args, target="simd"):
    return run_passes(trace(fn, list(types_of_values(args))), level=1, target=target)


def headers(m) -> list:
    return [b.meta["vectorized"] for f in m.functions.values() for b in f.blocks
            if "vectorized" in b.meta]


def four_rows(a, x):
    s0 = s1 = s2 = s3 = 0.0
    for j in range(x.shape[0]):
        s0 += a[0, j] * x[j]
        s1 += x[j] * a[1, j]  # either operand order
        s2 += a[2, j] * x[j]
        s3 += a[3, j] * a[3, j]  # a lane of its own operands
    return s0, s1, s2, s3


def four_rows_f32(a, x):
    s0 = s1 = s2 = s3 = np.float32(0.0)
    for j in range(x.shape[0]):
        s0 += a[0, j] * x[j]
        s1 += a[1, j] * x[j]
        s2 += a[2, j] * x[j]
        s3 += a[3, j] * x[j]
    return float(s0), float(s1), float(s2), float(s3)


def chained(a, x):
    s0 = s1 = s2 = s3 = 0.0
    for j in range(x.shape[0]):
        s0 += a[0, j] * x[j]
        s1 += s0 * x[j]  # reads another sum: not independent
        s2 += a[2, j] * x[j]
        s3 += a[3, j] * x[j]
    return s0, s1, s2, s3


def plus_sum(a, x):
    s0 = s1 = s2 = s3 = 0.0
    for j in range(x.shape[0]):
        s0 += a[0, j] * x[j]
        s1 += a[1, j] + x[j]  # not a product
        s2 += a[2, j] * x[j]
        s3 += a[3, j] * x[j]
    return s0, s1, s2, s3


def data(rng, k, dt):
    return rng.standard_normal((4, k)).astype(dt), rng.standard_normal(k).astype(dt)


def test_independent_sums_become_lanes():
    a, x = data(np.random.default_rng(1), 9, "float64")
    assert any("across 4 sums, 2 x f64x2" in h for h in headers(module_for(four_rows, (a, x))))
    a, x = data(np.random.default_rng(1), 9, "float32")
    assert any("across 4 sums, 1 x f32x4" in h
               for h in headers(module_for(four_rows_f32, (a, x))))


def test_dependent_or_non_product_sums_stay_scalar():
    a, x = data(np.random.default_rng(2), 9, "float64")
    for fn in (chained, plus_sum):
        assert not any("sums" in h for h in headers(module_for(fn, (a, x)))), fn


def test_mvp_has_no_lanes():
    a, x = data(np.random.default_rng(3), 9, "float64")
    assert headers(module_for(four_rows, (a, x), target="mvp")) == []


B64 = Builds(four_rows)
B32 = Builds(four_rows_f32)
BCH = Builds(chained)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 40), st.integers(0, 2**32 - 1))
def test_bit_identical_to_cpython_and_scalar(k, seed):
    rng = np.random.default_rng(seed)
    a, x = data(rng, k, "float64")
    if k > 2:
        a[1, 1], x[2] = np.inf, -0.0
    B64.check(a, x)
    BCH.check(a, x)
    a, x = data(rng, k, "float32")
    B32.check(a, x)


def stepped_sums(a, x):
    s0 = s1 = s2 = s3 = 0.0
    for j in range(1, x.shape[0], 3):
        s0 += a[0, j] * x[j]
        s1 += a[1, j] * x[j]
        s2 += a[2, j] * x[j]
        s3 += a[3, j] * x[j]
    return s0, s1, s2, s3


def stepped_elementwise(a, x):
    y = np.zeros_like(x)
    for j in range(0, x.shape[0], 2):
        y[j] = a[0, j] * x[j] + 1.0
    return y


def test_index_stepping_by_a_constant():
    """A loop whose index steps by a constant other than 1 (matmul_kernels'
    loops over byte addresses; Python's range with a step) is matched with
    its step: only the accumulator lanes take it (they never count
    iterations), the iteration vectorizer leaves it alone; every build gives
    CPython's bits."""
    from py2wasm.frontend import matmul_kernels as K
    rng = np.random.default_rng(5)
    for k in (0, 1, 2, 7, 40):
        a, x = data(rng, k, "float64")
        Builds(stepped_sums).check(a, x)
        Builds(stepped_elementwise).check(a, x)
    # `A @ x` (unit strides): the block loop's index is x's block address,
    # stepping L * 8 = 16 bytes (traced), and a group of K.RV rows' sums
    # become lanes: one f64x2 per row
    args = (np.ones((K.RV, 9)), np.ones(9))
    traced = trace(lambda a, x: a @ x, list(types_of_values(args)))
    steps = [lp.step for f in traced.functions.values() for h in f.blocks
             if (lp := V.match_loop(f, h)) is not None]
    assert K.MV_LANES["float64"] * 8 in steps
    assert any(f"across {2 * K.RV} sums, {K.RV} x f64x2" in h
               for h in headers(module_for(lambda a, x: a @ x, args)))
