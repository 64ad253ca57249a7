"""Bounds checks the vectorizer (passes/vectorize.py) proves once per loop
instead of per element: an index plus a constant (`a[j - 1]`, `a[j + 1]`,
stencils), and checks of an outer loop's index (`a[i + 1, j]`, the same in
every iteration). The vector loop runs when no check can fire; otherwise
the scalar loop raises exactly where Python raises. Compiled (mvp, simd,
relaxed-simd) against CPython, including the out-of-bounds cases."""
import importlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from py2wasm.frontend import trace, types_of_values
from py2wasm.passes import run_passes
from tests.arrays.simd_harness import Builds

V = importlib.import_module("py2wasm.passes.vectorize")


def headers(fn, args) -> list:
    m = run_passes(trace(fn, list(types_of_values(args))), level=1, target="simd")
    return [b.meta["vectorized"] for f in m.functions.values() for b in f.blocks
            if "vectorized" in b.meta]


def smooth(a, out, hi: int):
    for j in range(1, hi):
        out[j] = a[j - 1] + 2.0 * a[j] + a[j + 1]
    return out


def smooth_from(a, out, lo: int, hi: int):
    for j in range(lo, hi):  # j - 1 may be negative: Python's wrap-around, stays scalar
        out[j] = a[j - 1] + 2.0 * a[j] + a[j + 1]
    return out


def jacobi(a, b, lo: int, hi: int):
    n = a.shape[1]
    for i in range(lo, hi):
        for j in range(1, n - 1):
            b[i, j] = 0.2 * (a[i, j] + a[i, j - 1] + a[i, j + 1] + a[i + 1, j] + a[i - 1, j])
    return b


def backwards(a, out, hi: int):
    for j in range(hi):
        out[j] = a[hi - j] * 3.0  # the index falls with j
    return out


def test_offset_and_outer_index_checks_are_hoisted():
    a, b = np.ones(10), np.zeros(10)
    assert headers(smooth, (a, b, 9))
    a2 = np.ones((6, 7))
    assert headers(jacobi, (a2, a2.copy(), 1, 5))


SM, SF, JA, BW = Builds(smooth), Builds(smooth_from), Builds(jacobi), Builds(backwards)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 24), st.integers(-3, 26), st.integers(-3, 26), st.integers(0, 2**32 - 1))
def test_same_results_and_same_errors_as_python(n, lo, hi, seed):
    rng = np.random.default_rng(seed)
    a = rng.standard_normal(n)
    SM.check(a, np.zeros(n), hi)
    SF.check(a, np.zeros(n), lo, hi)
    BW.check(a, np.zeros(n), hi)
    m = max(n // 3, 1)
    a2 = rng.standard_normal((m, 9))
    JA.check(a2, np.zeros((m, 9)), lo // 3, hi // 3)
