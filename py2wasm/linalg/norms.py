"""Vector and matrix norms: `norm`, following NumPy's own algorithm
(numpy/linalg/_linalg.py) case by case, and `cond` (the SVD's extreme
singular values, or norm(x, p) * norm(inv(x), p)).

Place in the pipeline: part of the linalg library the frontend traces
(`py2wasm/linalg/__init__.py`); written in the compiled Python subset.
`ord`, `axis` and `keepdims` must be known when compiling (an int `axis` is
made a 1-tuple by frontend/linalg_calls.py), so every case below is chosen
by the tracer. Complex arrays: |x| ** 2 is NumPy's (x.conj() * x).real
(elements.sq_abs_array), results in the matching real dtype. Known numbers are only tested where they arrive as parameters
or as `x.ndim`: a known number stored in a local becomes a run-time value at
the next join of the control flow.
"""
from __future__ import annotations

import math

import numpy as np

from numpy.linalg import LinAlgError

from ._common import scalar_like, work
from .lu import inv
from .elements import real_zeros, sq_abs_array
from .spectral import svd_parts
from .stacked import svd as stacked_svd


def as_inexact(x):
    if x.dtype == np.float64 or x.dtype == np.float32 or x.dtype == np.complex128 or \
            x.dtype == np.complex64:
        return x
    return x.astype(np.float64)


def norm(x, ord=None, axis=None, keepdims=False):
    return norm_of(as_inexact(x), ord, axis, keepdims)


def norm_of(x, ord, axis, keepdims):
    if axis is None:
        if ord is None or ((ord == "fro" or ord == "f") and x.ndim == 2) or \
                (ord == 2 and x.ndim == 1):
            if keepdims:
                return np.sqrt(np.sum(sq_abs_array(x), keepdims=True))
            if x.dtype == np.complex128 or x.dtype == np.complex64:  # NumPy's own sum
                re = x.real.ravel()
                im = x.imag.ravel()
                return np.sqrt(re.dot(re) + im.dot(im))
            flat = x.ravel()
            return np.sqrt(flat.dot(flat))
        if x.ndim == 1:
            return vector_norm(x, ord, 0, keepdims)
        if x.ndim == 2:
            return matrix_norm(x, ord, 0, 1, keepdims)
        raise ValueError("Improper number of dimensions to norm.")
    if len(axis) == 1:
        return vector_norm(x, ord, axis[0] % x.ndim, keepdims)
    if len(axis) == 2:
        return matrix_norm(x, ord, axis[0] % x.ndim, axis[1] % x.ndim, keepdims)
    raise ValueError("Improper number of dimensions to norm.")


def vector_norm(x, ord, ax, keepdims):
    if ord == math.inf:
        if x.ndim == 1 and not keepdims:  # NumPy's max has initial=0: an empty vector is 0
            return inf_norm_1d(x)
        return np.abs(x).max(axis=ax, keepdims=keepdims)
    if ord == -math.inf:
        return np.abs(x).min(axis=ax, keepdims=keepdims)
    if ord == 0:
        return (x != 0).astype(real_zeros(1, x).dtype).sum(axis=ax, keepdims=keepdims)
    if ord == 1:
        return np.abs(x).sum(axis=ax, keepdims=keepdims)
    if ord is None or ord == 2:
        return np.sqrt(sq_abs_array(x).sum(axis=ax, keepdims=keepdims))
    if ord == "fro" or ord == "f" or ord == "nuc":
        raise ValueError("Invalid norm order '%s' for vectors" % ord)
    return ((np.abs(x) ** ord).sum(axis=ax, keepdims=keepdims)) ** (1.0 / ord)


def matrix_norm(x, ord, r, c, keepdims):
    if r == c:
        raise ValueError("Duplicate axes given.")
    if x.ndim > 2:
        return stacked_matrix_norm(x, ord, r, c, keepdims)
    if x.ndim != 2:
        raise ValueError("Improper number of dimensions to norm.")
    if ord == 2 or ord == -2 or ord == "nuc":
        if r > c:
            return singular_norm(x.T, ord, keepdims)
        return singular_norm(x, ord, keepdims)
    if ord == 1 or ord == -1:
        return extreme(np.abs(x).sum(axis=r, keepdims=True), ord == 1, keepdims)
    if ord == math.inf or ord == -math.inf:
        return extreme(np.abs(x).sum(axis=c, keepdims=True), ord == math.inf, keepdims)
    if ord is None or ord == "fro" or ord == "f":
        return np.sqrt(sq_abs_array(x).sum(axis=(r, c), keepdims=keepdims))
    raise ValueError("Invalid norm order for matrices.")


def stacked_matrix_norm(x, ord, r, c, keepdims):
    """Matrix norms over the axes (r, c) of a stack, NumPy's algorithm; the
    singular-value norms only over the last two axes (the frontend refuses
    others when compiling)."""
    if ord == 2 or ord == -2 or ord == "nuc":
        s = stacked_svd(work(x), False, False)
        if ord == 2:
            red = s.max(axis=-1)
        elif ord == -2:
            red = s.min(axis=-1)
        else:
            red = s.sum(axis=-1)
        red = red.astype(real_zeros(1, x).dtype)
        if keepdims:
            return red.reshape(x.shape[:x.ndim - 2] + (1, 1))
        return red
    if ord == 1 or ord == -1:
        return sum_then_extreme(x, r, c, ord == 1, keepdims)
    if ord == math.inf or ord == -math.inf:
        return sum_then_extreme(x, c, r, ord == math.inf, keepdims)
    if ord is None or ord == "fro" or ord == "f":
        return np.sqrt(sq_abs_array(x).sum(axis=(r, c), keepdims=keepdims))
    raise ValueError("Invalid norm order for matrices.")


def sum_then_extreme(x, first, second, largest, keepdims):
    """max (or min) along `second` of the sums of |x| along `first`."""
    sums = np.abs(x).sum(axis=first, keepdims=True)
    if largest:
        red = sums.max(axis=second, keepdims=True)
    else:
        red = sums.min(axis=second, keepdims=True)
    if keepdims:
        return red
    if first > second:
        return red.sum(axis=first).sum(axis=second)
    return red.sum(axis=second).sum(axis=first)


def extreme(sums, largest, keepdims):
    """The largest (or smallest) of the row/column sums, kept 2-D on request."""
    if largest:
        red = sums.max(keepdims=True)
    else:
        red = sums.min(keepdims=True)
    if keepdims:
        return red
    return red[0, 0]


def singular_norm(x, ord, keepdims):
    """The 2-norm (largest singular value), -2 (smallest) or nuclear norm (sum)."""
    u, s, v = svd_parts(work(x), False)
    k = s.shape[0]
    val = 0.0
    if ord == 2:
        if k > 0:
            val = s[0]
    elif ord == -2:
        val = s[k - 1]
    else:
        for i in range(k):
            val += s[i]
    out = real_zeros((1, 1), x)
    out[0, 0] = val
    if keepdims:
        return out
    return out[0, 0]


def inf_norm_1d(x):
    """max(|x|) of a vector, 0 when it is empty (as NumPy's initial=0)."""
    m = real_zeros(1, x)
    for i in range(x.shape[0]):
        v = abs(x[i])
        if v > m[0] or v != v:
            m[0] = v
    return m[0]


def cond(x, p=None):
    if x.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % x.ndim)
    if p is None or p == 2 or p == -2:
        u, s, v = svd_parts(work(x), False)
        r = s.shape[0]
        if p == -2:
            c = s[r - 1] / s[0]
        else:
            c = s[0] / s[r - 1]
        return scalar_like(c, x)
    if x.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % x.ndim)
    if x.shape[0] != x.shape[1]:
        raise LinAlgError("Last 2 dimensions of the array must be square")
    return scalar_like(norm(x, p) * norm(inv(x), p), x)
