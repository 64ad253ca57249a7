"""Slice assignment whose shape mismatch is known while tracing only after
folding (frontend/arrays.py, assign): NumPy's ValueError, not an internal
AttributeError (found by the program fuzzer: a keepdims reduction's known
length-1 axis against an 8-element value)."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm


def assign_into_reduction(p0):
    a1 = p0.min(axis=1, keepdims=True)
    a1[::2, :] = np.zeros(8, dtype=np.int32)
    return a1


@pytest.mark.parametrize("shape", [(1, 1), (3, 2), (8, 1)])
def test_known_mismatch_raises_numpys_value_error(shape):
    a = np.arange(np.prod(shape), dtype=np.float32).reshape(shape)
    try:
        want = ("value", assign_into_reduction(a.copy()))
    except ValueError as e:
        want = ("raise", str(e))
    cf = py2wasm.compile(assign_into_reduction)
    try:
        got = ("value", cf(a.copy()))
    except ValueError as e:
        got = ("raise", str(e).splitlines()[0])
    if want[0] == "value":
        assert got[0] == "value" and np.array_equal(got[1], want[1]) \
            and got[1].dtype == want[1].dtype
    else:
        assert got == want
