"""The element type of the linear-algebra routines: real (float64) or
complex (complex128) working arrays, with one algorithm for both.

Place in the pipeline: part of the linalg library the frontend traces
(`py2wasm/linalg/__init__.py`); written in the compiled Python subset.
Every routine works on a copy made by `_common.work` (float64 for real and
integer input, complex128 for complex input) and is written once in terms
of the helpers below, which the tracer specializes on the element type: the
dtype tests are decided when tracing (they are written inline, on a
parameter), so a real routine compiles exactly as before (`conj(x)` is x,
`abs2(x)` is x * x, `abs1(x)` is abs(x)) and a complex one gets the
conjugates LAPACK's z-routines use.
"""
from __future__ import annotations

import numpy as np


def conj(x):
    """The complex conjugate of a scalar (x itself when it is real)."""
    if x.dtype == np.complex128 or x.dtype == np.complex64:
        return x.conjugate()
    return x


def abs2(x):
    """|x| ** 2 of a scalar, without the square root (x * x when real)."""
    if x.dtype == np.complex128 or x.dtype == np.complex64:
        return x.real * x.real + x.imag * x.imag
    return x * x


def abs1(x):
    """LAPACK's cabs1, |re| + |im|: the magnitude its complex pivot searches
    compare (izamax); abs(x) when x is real."""
    if x.dtype == np.complex128 or x.dtype == np.complex64:
        return abs(x.real) + abs(x.imag)
    return abs(x)


def conj_array(x):
    """The conjugate of an array (x itself when it is real)."""
    if x.dtype == np.complex128 or x.dtype == np.complex64:
        return x.conj()
    return x


def sq_abs_array(x):
    """|x| ** 2 elementwise (x * x when real): NumPy's (x.conj() * x).real."""
    if x.dtype == np.complex128 or x.dtype == np.complex64:
        re = x.real
        im = x.imag
        return re * re + im * im
    return x * x


def identity(rows, cols, w):
    """np.eye(rows, cols) in the element type of the working array w."""
    e = np.zeros((rows, cols), dtype=w.dtype)
    for i in range(min(rows, cols)):
        e[i, i] = 1.0
    return e


def one(w):
    """1 in the element type of w (a scalar the products start from)."""
    if w.dtype == np.complex128 or w.dtype == np.complex64:
        return np.complex128(1)
    return 1.0


def zero(w):
    """0 in the element type of w (a scalar sums start from)."""
    if w.dtype == np.complex128 or w.dtype == np.complex64:
        return np.complex128(0)
    return 0.0


def real_zeros(shape, x):
    """Zeros of the real dtype that goes with x's (float64 for complex128,
    float32 for complex64, x's own dtype when it is real)."""
    if x.dtype == np.complex128:
        return np.zeros(shape)
    if x.dtype == np.complex64:
        return np.zeros(shape, dtype=np.float32)
    return np.zeros(shape, dtype=x.dtype)


def work_zeros(shape, a):
    """Zeros in the working element type for input a: complex128 when a is
    complex, else float64."""
    if a.dtype == np.complex128 or a.dtype == np.complex64:
        return np.zeros(shape, dtype=np.complex128)
    return np.zeros(shape)


def work_zeros2(shape, a, b):
    """As work_zeros, for two inputs (complex when either is)."""
    if a.dtype == np.complex128 or a.dtype == np.complex64 or \
            b.dtype == np.complex128 or b.dtype == np.complex64:
        return np.zeros(shape, dtype=np.complex128)
    return np.zeros(shape)


def work2(b, a):
    """A working copy of b for an equation with the matrix a: complex128
    when either is complex, else float64."""
    if a.dtype == np.complex128 or a.dtype == np.complex64 or \
            b.dtype == np.complex128 or b.dtype == np.complex64:
        return b.astype(np.complex128)
    return b.astype(np.float64)
