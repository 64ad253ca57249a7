"""Comparisons of integer arrays with Python ints outside the dtype's range
(frontend/weakints.py): NumPy 2 compares exactly, no OverflowError. Found by
the program fuzzer: a uint64 array against a negative run-time int raised
"Python integer -1 out of bounds for uint64"."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm


def comparisons(a, v):
    return a >= v, a < v, v == a, a != v, v > a, a <= v


def divided(a, v):  # the shrunk fuzz case: (uint64 >= -1) / uint64
    return (a >= v) / a


@pytest.mark.parametrize("t", [np.uint64, np.uint32, np.uint8, np.int64, np.int8],
                         ids=lambda t: t.__name__)
def test_runtime_int_comparisons_are_exact(t):
    info = np.iinfo(t)
    a = np.array([0, 1, info.max, info.min, info.max // 2 + 1], dtype=t)
    cf = py2wasm.compile(comparisons)
    for v in (-1, 0, 1, -2**63, 2**63 - 1, 5, 300, -129):
        want, got = comparisons(a, v), cf(a, v)
        for w, g in zip(want, got):
            assert g.dtype == w.dtype and np.array_equal(g, w), (t, v)
    assert all(x.shape == (0,) for x in cf(a[:0], -1))


def test_uint64_against_negative_int_then_divided():
    a = np.array([0, 3], dtype=np.uint64)
    with np.errstate(all="ignore"):
        want = divided(a, -1)
        got = py2wasm.compile(divided)(a, -1)
    assert got.dtype == want.dtype and np.array_equal(got, want, equal_nan=True)
