"""A numpy.uint64 meeting a Python complex (frontend/operators.py
_np_with_complex): NumPy computes with the uint64's float64 value, also from
2**63 up (found by the fuzzer: seed 23000 index 1289 raised OverflowError)."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm


def mix(x):
    return x == 1j, x + 1j, x * (2 - 1j), x != (3 + 0j), x == (3 + 0j)


@pytest.mark.parametrize("v", [0, 3, 2**53 + 1, 2**63, 10676653306460177612, 2**64 - 1])
def test_uint64_with_complex_is_numpys_value(v):
    x = np.uint64(v)
    got, want = py2wasm.compile(mix)(x), mix(x)
    assert [complex(g) for g in got] == [complex(w) for w in want]


def sum_equals(p0):
    return p0.sum() == (-1.0) ** (-1.5)


def test_array_sum_compared_with_a_complex_constant():
    a = np.array([10676653306460177612], dtype=np.uint64)
    assert py2wasm.compile(sum_equals)(a) == sum_equals(a)
