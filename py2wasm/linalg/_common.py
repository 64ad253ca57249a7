"""Checks and dtype rules shared by the `numpy.linalg` implementations.

Place in the pipeline: part of the linalg library the frontend traces
(`py2wasm/linalg/__init__.py`); written in the compiled Python subset.
Dtypes and ndims are known when tracing, so every `if` on them is decided
by the tracer and costs nothing at run time -- but only where the test is
written inline: a helper's result is a run-time value, so the callers test
`a.dtype == np.float32` themselves and pass the known answer down.
"""
from __future__ import annotations

import numpy as np
from numpy.linalg import LinAlgError


def assert_2d(a):
    """NumPy's check that `a` is at least a matrix."""
    if a.ndim < 2:
        raise LinAlgError("%d-dimensional array given. Array must be at least two-dimensional"
                          % a.ndim)


def assert_square(a):
    assert_2d(a)
    if a.shape[0] != a.shape[1]:
        raise LinAlgError("Last 2 dimensions of the array must be square")


def work(a):
    """A float64 working copy of `a` (integers, bools and float32 alike)."""
    return a.astype(np.float64)


def result_like(x, a):
    """`x` (float64) in NumPy's result dtype for the input `a`: float32 when
    `a` is float32 (decided when tracing: a.dtype is part of the key)."""
    if a.dtype == np.float32:
        return x.astype(np.float32)
    return x


def result_like2(x, a, b):
    """As result_like, for two inputs: float32 only when both are."""
    if a.dtype == np.float32 and b.dtype == np.float32:
        return x.astype(np.float32)
    return x


def scalar_like(v, a):
    """A scalar result, rounded to float32 when `a` is float32."""
    if a.dtype == np.float32:
        r = np.zeros(1, dtype=np.float32)
        r[0] = v
        return r[0]
    return v


def eps_like(a, b):
    """Machine epsilon of the result dtype of inputs a and b."""
    if a.dtype == np.float32 and b.dtype == np.float32:
        return 1.1920928955078125e-07
    return 2.220446049250313e-16
