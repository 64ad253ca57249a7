"""Float sums and means are NumPy's to the bit: NumPy's pairwise summation
(8 accumulators per block of up to 128, halves above; float32 rounding every
addition) over every axis or the last axis, for arrays, strided views and
expressions (computed into a temporary first, as NumPy does); under the IR
interpreter and as wasm."""
import numpy as np
import pytest

from tests.arrays.harness import run_ir
from tests.arrays.wasm_harness import run_wasm

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # NumPy's mean of empty


def sums(a):
    return np.sum(a), a.mean(), np.sum(a * 2.0 + 1.0), a[::3].sum(), a.sum(keepdims=True)


def row_sums(m):
    return m.sum(axis=-1), np.mean(m, axis=1, keepdims=True), m.sum(), m.T.sum(axis=1)


def _exact(got, want):
    assert len(got) == len(want)
    for g, w in zip(got, want):
        if isinstance(w, np.ndarray):
            assert g.dtype == w.dtype and g.shape == w.shape
            assert np.array_equal(g, w, equal_nan=True), (g, w)
        else:
            assert g == w or (g != g and w != w), (g, w)


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 127, 128, 129, 1000, 9000])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_sum_bit_identical(n, dtype):
    rng = np.random.default_rng(n)
    a = (rng.standard_normal(n) * 10 ** rng.uniform(-4, 4, n)).astype(dtype)
    want = sums(a)
    _exact(run_ir(sums, [a])[1][1], want)
    _exact(run_wasm(sums, [a])[1], want)


@pytest.mark.parametrize("shape", [(3, 200), (1, 1), (5, 0), (40, 131)])
def test_row_sums_bit_identical(shape):
    rng = np.random.default_rng(7)
    m = rng.standard_normal(shape) * 1e3
    want = row_sums(m)
    _exact(run_ir(row_sums, [m])[1][1], want)
    _exact(run_wasm(row_sums, [m])[1], want)


def outer_axis_reductions(m):
    return m.sum(axis=0), m.prod(axis=0), m.mean(axis=0), np.prod(m), m.sum(axis=0, keepdims=True)


@pytest.mark.parametrize("shape", [(1000, 3), (7, 5), (1, 4), (0, 3), (129, 17)])
def test_float32_outer_axis_reductions_round_every_step(shape):
    """NumPy's float32 sums and products along an outer axis (and products
    over everything) accumulate in float32, rounding each step; a float64
    accumulator rounded once at the end differs in the last bits."""
    rng = np.random.default_rng(11)
    m = (rng.random(shape) * 1000 + 0.5).astype(np.float32)
    m[:, 0] = rng.random(shape[0]).astype(np.float32) + 0.5  # a column whose product stays finite
    want = outer_axis_reductions(m)
    _exact(run_ir(outer_axis_reductions, [m])[1][1], want)
    _exact(run_wasm(outer_axis_reductions, [m])[1], want)


def int_means(a, m):
    return np.mean(a), a.mean(keepdims=True), np.var(a), np.std(m, axis=-1), m.mean(axis=1), \
        np.mean(m), a[::2].mean()


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 129, 8191, 8192, 8193, 20000, 70001])
@pytest.mark.parametrize("dtype", [np.int64, np.int8, np.uint32, np.uint64, np.bool_])
def test_int_and_bool_means_are_numpys_buffered_pairwise_sums(n, dtype):
    # NumPy's mean of ints is umr_sum(a, dtype=float64): the converted values
    # summed pairwise per 8192-element buffer, from 0.0 (the fuzzer found
    # np.var of int64 extremes 1 ulp off when py2wasm added sequentially)
    rng = np.random.default_rng(n)
    info = np.iinfo(dtype) if dtype is not np.bool_ else None
    a = rng.integers(0, 2, n).astype(bool) if info is None else \
        rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
    m = (a[: n - n % 3].reshape(3, -1) if n >= 3 else a.reshape(1, -1)).copy()
    want = int_means(a, m)
    _exact(run_wasm(int_means, [a, m])[1], want)
