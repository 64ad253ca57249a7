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
    """A working copy of `a`: float64 (integers, bools and float32 alike),
    complex128 for complex64 and complex128 (see elements.py)."""
    if a.dtype == np.complex128 or a.dtype == np.complex64:
        return a.astype(np.complex128)
    return a.astype(np.float64)


def narrow(x):
    """x (float64 or complex128) rounded to single precision."""
    if x.dtype == np.complex128:
        return x.astype(np.complex64)
    return x.astype(np.float32)


def result_like(x, a):
    """`x` (float64 or complex128) in NumPy's result dtype for the input
    `a`: single precision when `a` is float32 or complex64 (decided when
    tracing: a.dtype is part of the key)."""
    if a.dtype == np.float32 or a.dtype == np.complex64:
        return narrow(x)
    return x


def result_like2(x, a, b):
    """As result_like, for two inputs: single only when both are."""
    if (a.dtype == np.float32 or a.dtype == np.complex64) and \
            (b.dtype == np.float32 or b.dtype == np.complex64):
        return narrow(x)
    return x


def scalar_like(v, a):
    """A real scalar result as NumPy gives it: a np.float32 when `a` is
    float32 or complex64, else a np.float64 (never a Python float: NumPy's
    scalar results are NumPy scalars)."""
    if a.dtype == np.float32 or a.dtype == np.complex64:
        r = np.zeros(1, dtype=np.float32)
        r[0] = v
        return r[0]
    return np.float64(v)


def cscalar_like(v, a):
    """A complex scalar result, complex64 when `a` is complex64."""
    if a.dtype == np.complex64:
        r = np.zeros(1, dtype=np.complex64)
        r[0] = v
        return r[0]
    return v


def eps_like(a, b):
    """Machine epsilon of the result dtype of inputs a and b."""
    if (a.dtype == np.float32 or a.dtype == np.complex64) and \
            (b.dtype == np.float32 or b.dtype == np.complex64):
        return 1.1920928955078125e-07
    return 2.220446049250313e-16
