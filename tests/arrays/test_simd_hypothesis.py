"""Hypothesis: vectorized kernels (simd and relaxed-simd builds) equal the
scalar mvp build bit for bit and NumPy, on random lengths, offsets, strides
and values (NaN, infinities, signed zeros, subnormals, float32 extremes)."""
import numpy as np
from hypothesis import given, settings, strategies as st

from .simd_harness import Builds

SET = settings(max_examples=40, deadline=None)


def k_mix(a, b):
    return np.where(a > b, np.sqrt(np.abs(a - b)), a * b / 3.0) + (a - 1.5) * b


def k_minmax(a, b):
    return np.minimum(a, -b) - np.floor(a) * np.ceil(b)


def k_red(a, b):
    return np.sum(a) + np.max(b) - np.min(a)


_BUILDS = {}


def builds(fn):
    if fn not in _BUILDS:
        _BUILDS[fn] = Builds(fn)
    return _BUILDS[fn]


@st.composite
def operand(draw, n, dtype):
    width = 32 if dtype == np.float32 else 64
    floats = st.floats(allow_nan=True, allow_infinity=True, width=width) | \
        st.sampled_from([0.0, -0.0, 5e-324, -1e-310, 1.0, -1.0])
    step = draw(st.sampled_from([1, 1, 1, 2, 3, -1]))
    start = draw(st.integers(0, 3))
    total = start + abs(step) * max(n - 1, 0) + 1
    vals = draw(st.lists(floats, min_size=total, max_size=total))
    base = np.array(vals, dtype=np.float64).astype(dtype)
    view = base[start::step][:n] if step > 0 else base[::-1][start::1][:n]
    return np.ascontiguousarray(view) if draw(st.booleans()) else view


@SET
@given(st.integers(0, 19), st.sampled_from([np.float64, np.float32]),
       st.sampled_from([k_mix, k_minmax]), st.data())
def test_elementwise_random(n, dtype, fn, data):
    a = data.draw(operand(n, dtype))
    b = data.draw(operand(n, dtype))
    if a.shape != b.shape:
        return
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # np.maximum/minimum of -0.0 and +0.0: NumPy's own SIMD loops and its
        # scalar rule differ; py2wasm follows the scalar rule in every build
        builds(fn).check(a, b, numpy=fn is not k_minmax)


@SET
@given(st.integers(1, 40), st.sampled_from([np.float64, np.float32]), st.data())
def test_reductions_random(n, dtype, data):
    a = data.draw(operand(n, dtype))
    b = data.draw(operand(n, dtype))
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        builds(k_red).check(a, b, numpy=False)  # min/max of +-0.0 ties: see test_simd_reductions
