"""Reductions of a number (frontend/nplib.py `_reduction_call`,
frontend/npfuncs_reduce.number_as_array) and np.shape/np.ndim/np.size of
one: NumPy treats a Python number or a NumPy scalar as a 0-d array of its
dtype, so `np.sum(x)`, `np.any(s == 0)` (a NumPy bool), `np.std(x)`,
`np.clip(x, lo, hi)` give NumPy scalars of NumPy's types (an array where a
bound is one); compiled vs NumPy, type and bits."""
import numpy as np
import pytest

from tests.arrays.like_numpy import check_like_numpy


def sums(x: float, k: int, b: bool):
    return (np.sum(x), np.sum(k), np.sum(b), np.prod(k), np.prod(b), np.max(x), np.min(b),
            np.mean(k), np.mean(x), np.argmax(x), np.argmin(k))


def truth_of_scalars(x: float, k: int, b: bool):
    s = np.float64(x) == 0.0
    return np.any(s), np.all(s), np.any(x), np.all(k), np.any(np.int8(k)), np.all(b)


def spreads(x: float, k: int, b: bool):
    return np.std(x), np.var(k), np.var(np.float32(x)), np.std(b), np.var(x, ddof=1)


def of_numpy_scalars(x: float, k: int, b: bool):
    f = np.float32(x)
    i = np.int16(k)
    return np.sum(f), np.sum(i), np.max(i), np.mean(f), np.sum(np.uint8(k % 256)), np.prod(np.bool_(b))


def with_dtype(x: float, k: int, b: bool):
    return np.sum(k, dtype=np.int8), np.sum(x, dtype=np.float32), np.mean(k, dtype=np.float32)


def clips(x: float, k: int, b: bool):
    f = np.float32(x)
    return (np.clip(f, 0, 1), np.clip(x, -1.0, None), np.clip(k, 0, 5), np.clip(np.int8(k % 100), -2, 2),
            np.clip(2.5, np.array([1.0, x]), 3.0), np.clip(f, f, np.float32(2)))


def shapes(x: float, k: int, b: bool):
    return np.shape(x), np.ndim(k), np.size(np.float32(x)), np.shape(np.bool_(b)), np.ndim(3.5)


@pytest.mark.parametrize("fn", [sums, truth_of_scalars, spreads, of_numpy_scalars, with_dtype,
                                clips, shapes])
@pytest.mark.parametrize("args", [(1.5, 2, True), (-0.0, 0, False), (float("nan"), -7, True),
                                  (float("inf"), 300, False), (1e308, -2**63, True)])
def test_reductions_of_numbers_like_numpy(fn, args):
    check_like_numpy(fn, [args])
