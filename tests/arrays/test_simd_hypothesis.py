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


def k_arith(a, b):
    return a + b * 2, a - b, a * b


def k_cmp(a, b):
    return a < b, a == b, np.where(a > b, a, b)


def k_inplace(a, b):
    a[::2] = b[: a[::2].shape[0]] * 3
    return a


ALL = [np.float64, np.float32, np.int64, np.int32, np.uint8, np.bool_]


@st.composite
def any_operand(draw, n, dtype):
    if dtype == np.bool_:
        vals = draw(st.lists(st.booleans(), min_size=2 * n + 3, max_size=2 * n + 3))
    elif np.issubdtype(dtype, np.integer):
        lo, hi = (0, 255) if dtype == np.uint8 else (-2**31, 2**31 - 1)
        vals = draw(st.lists(st.integers(lo, hi), min_size=2 * n + 3, max_size=2 * n + 3))
    else:
        vals = draw(st.lists(st.floats(width=32), min_size=2 * n + 3, max_size=2 * n + 3))
    base = np.array(vals).astype(dtype)
    step = draw(st.sampled_from([1, 2]))
    start = draw(st.integers(0, 2))
    return base[start::step][:n]


@SET
@given(st.integers(0, 13), st.sampled_from(ALL), st.sampled_from(ALL),
       st.sampled_from([k_arith, k_cmp, k_inplace]), st.data())
def test_every_dtype_pair(n, da, db, fn, data):
    """Every dtype combination the frontend supports: the SIMD builds equal
    the scalar build (whatever the vectorizer decides to vectorize)."""
    if fn is k_arith and np.bool_ in (da, db):
        return
    a = data.draw(any_operand(n, da))
    b = data.draw(any_operand(n, db))
    if fn is k_inplace and (n == 0 or (da == np.bool_) != (db == np.bool_)):
        return
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        builds(fn).check(a, b, numpy=False)
