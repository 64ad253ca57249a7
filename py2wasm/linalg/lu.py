"""LU factorization with partial pivoting and what is built on it: `det`,
`slogdet`, `solve`, `inv`, `matrix_power`.

Place in the pipeline: part of the linalg library the frontend traces
(`py2wasm/linalg/__init__.py`); written in the compiled Python subset.
The factorization is LAPACK's getrf (right-looking, the first pivot of
largest magnitude; for complex matrices zgetrf's |re| + |im|): a matrix is
singular exactly when a pivot is 0.0. Real and complex matrices share the
code (elements.py).
"""
from __future__ import annotations

import math

import numpy as np
from numpy.linalg import LinAlgError

from ..intrinsics import raise_if
from ._common import (assert_2d, assert_square, cscalar_like, eps_like, result_like,
                      result_like2, scalar_like, work)
from .elements import abs1, identity, one, work2


def lu_factor(w, piv):
    """Factor the square float64 or complex128 matrix `w` in place (L below the diagonal,
    unit diagonal implied; U on and above), row swaps in `piv`. Returns
    (number of swaps, True when some pivot is exactly zero)."""
    n = w.shape[0]
    swaps = 0
    singular = False
    for k in range(n):
        p = k
        best = abs1(w[k, k])
        for i in range(k + 1, n):
            v = abs1(w[i, k])
            if v > best:
                best = v
                p = i
        piv[k] = p
        if p != k:
            swaps += 1
            for j in range(n):
                t = w[k, j]
                w[k, j] = w[p, j]
                w[p, j] = t
        d = w[k, k]
        if d == 0.0:
            singular = True
        else:
            for i in range(k + 1, n):
                f = w[i, k] / d
                w[i, k] = f
                if f != 0.0:
                    for j in range(k + 1, n):
                        w[i, j] -= f * w[k, j]
    return swaps, singular


def lu_solve_into(w, piv, x):
    """Solve (P L U) X = B in place: `x` holds B (n x m) on entry."""
    n = w.shape[0]
    m = x.shape[1]
    for k in range(n):
        p = piv[k]
        if p != k:
            for j in range(m):
                t = x[k, j]
                x[k, j] = x[p, j]
                x[p, j] = t
    # row operations (contiguous inner loops; a slice expression per row would
    # allocate a temporary per row); each element sees the same sequence of
    # roundings as column-at-a-time substitution
    for i in range(n):
        for k in range(i):
            f = w[i, k]
            if f != 0.0:
                for j in range(m):
                    x[i, j] -= f * x[k, j]
    for i in range(n - 1, -1, -1):
        for k in range(i + 1, n):
            f = w[i, k]
            if f != 0.0:
                for j in range(m):
                    x[i, j] -= f * x[k, j]
        d = w[i, i]
        for j in range(m):
            x[i, j] = x[i, j] / d


def factored(a):
    """The LU factorization of the square matrix `a` (a float64 copy), its
    pivots, the number of row swaps and whether a pivot is zero."""
    assert_square(a)
    w = work(a)
    piv = np.zeros(a.shape[0], dtype=np.int64)
    swaps, singular = lu_factor(w, piv)
    return w, piv, swaps, singular


def det(a):
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    w, piv, swaps, singular = factored(a)
    n = a.shape[0]
    if a.dtype == np.complex128 or a.dtype == np.complex64:
        z = one(w)
        for i in range(n):
            z *= w[i, i]
        if swaps % 2 == 1:
            z = -z
        return cscalar_like(z, a)
    d = 1.0
    for i in range(n):
        d *= w[i, i]
    if swaps % 2 == 1:
        d = -d
    if singular:  # NumPy: sign 0 times exp(-inf), +0.0 whatever the signs and swaps
        d = 0.0
    return scalar_like(d, a)


def slogdet(a):
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    w, piv, swaps, singular = factored(a)
    n = a.shape[0]
    if a.dtype == np.complex128 or a.dtype == np.complex64:
        return complex_slogdet(a, w, swaps, singular)
    sign = 1.0
    logdet = 0.0
    if swaps % 2 == 1:
        sign = -1.0
    if singular:
        sign = 0.0
        logdet = -math.inf
    else:
        for i in range(n):
            d = w[i, i]
            if d < 0.0:
                sign = -sign
            logdet += math.log(abs(d))
    return scalar_like(sign, a), scalar_like(logdet, a)


def complex_slogdet(a, w, swaps, singular):
    """slogdet of a complex matrix from its LU factors: the sign is the
    product of the pivots' phases d / |d| (a complex number of modulus 1),
    the log of the determinant's modulus the sum of log |d|."""
    n = w.shape[0]
    sign = one(w)
    logdet = 0.0
    if swaps % 2 == 1:
        sign = -sign
    if singular:
        sign = one(w) * 0.0
        logdet = -math.inf
    else:
        for i in range(n):
            d = w[i, i]
            m = abs(d)
            sign = sign * (d / m)
            logdet += math.log(m)
    return cscalar_like(sign, a), scalar_like(logdet, a)


def solve(a, b):
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    assert_square(a)
    n = a.shape[0]
    if b.ndim == 1:
        raise_if(b.shape[0] != n, ValueError,
                 "solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
                 "signature (m,m),(m)->(m) (size {0} is different from {1})", b.shape[0], n)
        x = work2(b, a).reshape((n, 1))
    else:
        raise_if(b.shape[0] != n, ValueError,
                 "solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
                 "signature (m,m),(m,n)->(m,n) (size {0} is different from {1})", b.shape[0], n)
        x = work2(b, a)
    w, piv, swaps, singular = factored(a)
    if singular:
        raise LinAlgError("Singular matrix")
    lu_solve_into(w, piv, x)
    if b.ndim == 1:
        return result_like2(x.reshape(n), a, b)
    return result_like2(x, a, b)


def inv(a):
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    w, piv, swaps, singular = factored(a)
    n = a.shape[0]
    if singular:
        raise LinAlgError("Singular matrix")
    x = identity(n, n, w)
    lu_solve_into(w, piv, x)
    return result_like(x, a)


def matrix_power(a, n):
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    assert_square(a)
    m = a.shape[0]
    if n == 0:
        z = np.zeros((m, m), dtype=a.dtype)
        for i in range(m):
            z[i, i] = 1
        return z
    if n < 0:
        b = inv(a)
        k = -n
    else:
        b = a.copy()
        k = n
    return power_by_squaring(b, k)


def power_by_squaring(b, k):
    """b multiplied by itself to the power k >= 1 (binary powering, the
    products in NumPy's order); b may be a stack (matmul broadcasts)."""
    if k == 1:
        return b
    r = b
    first = True
    while k > 0:
        if k % 2 == 1:
            if first:
                r = b
                first = False
            else:
                r = r @ b
        k //= 2
        if k > 0:
            b = b @ b
    return r
