"""Dense linear algebra kernels of numpy.linalg (LU with partial pivoting,
triangular solves, Cholesky), written in the restricted Python that py2wasm
compiles.

Place in the pipeline: library *source* used by the frontend
(`npfuncs_linalg`), compiled by the ordinary tracer into IR functions of the
module that calls them, so a module links them only when it uses them. They
run unchanged in CPython on NumPy arrays. Every kernel works in place on
C-contiguous float64 2-D arrays that the caller allocated; singular and
non-positive-definite inputs raise numpy.linalg.LinAlgError with NumPy's
messages.

The algorithms are LAPACK's unblocked ones: dgetf2 (the pivot is the first
entry of largest magnitude in the column; a zero pivot marks the matrix
singular and the elimination goes on, as LAPACK does), dgetrs (row swaps,
unit-lower then upper substitution) and dpotf2 (lower Cholesky).
"""
from __future__ import annotations

import math

from numpy.linalg import LinAlgError


def lu_inplace(a, piv):
    """a = P L U in place (L unit lower, below the diagonal; U on and above);
    piv[k] = the row swapped with row k. Returns (sign of P, singular)."""
    n = a.shape[0]
    sign = 1.0
    singular = False
    for k in range(n):
        p = k
        m = abs(a[k, k])
        for i in range(k + 1, n):
            v = abs(a[i, k])
            if v > m:
                m = v
                p = i
        piv[k] = p
        if p != k:
            sign = -sign
            for j in range(n):
                t = a[k, j]
                a[k, j] = a[p, j]
                a[p, j] = t
        d = a[k, k]
        if d == 0.0:
            singular = True
        else:
            r = 1.0 / d
            if abs(d) >= 2.2250738585072014e-308:
                for i in range(k + 1, n):
                    a[i, k] = a[i, k] * r
            else:
                for i in range(k + 1, n):
                    a[i, k] = a[i, k] / d
        for i in range(k + 1, n):
            f = a[i, k]
            for j in range(k + 1, n):
                a[i, j] = a[i, j] - f * a[k, j]
    return sign, singular


def det_lu(a, piv):
    """numpy.linalg.det: sign * exp(sum log|u_ii|) of the LU factors (NumPy's
    formula); 0.0 for a singular matrix."""
    sign, singular = lu_inplace(a, piv)
    if singular:
        return 0.0
    logdet = 0.0
    for i in range(a.shape[0]):
        d = a[i, i]
        if d < 0.0:
            sign = -sign
            d = -d
        logdet += math.log(d)
    return sign * math.exp(logdet)


def solve_lu(a, piv, b):
    """b = A^-1 b in place (b: n x k), A factored in place; LinAlgError
    'Singular matrix' for a singular A."""
    n = a.shape[0]
    sign, singular = lu_inplace(a, piv)
    if singular:
        raise LinAlgError("Singular matrix")
    m = b.shape[1]
    for k in range(n):
        p = piv[k]
        if p != k:
            for j in range(m):
                t = b[k, j]
                b[k, j] = b[p, j]
                b[p, j] = t
    for j in range(m):
        for i in range(n):
            s = b[i, j]
            for q in range(i):
                s -= a[i, q] * b[q, j]
            b[i, j] = s
        for i in range(n - 1, -1, -1):
            s = b[i, j]
            for q in range(i + 1, n):
                s -= a[i, q] * b[q, j]
            b[i, j] = s / a[i, i]


def cholesky_lower(a, out):
    """out = L with A = L L^T from the lower triangle of a; the rest of out is
    zero. LinAlgError 'Matrix is not positive definite' otherwise."""
    n = a.shape[0]
    for j in range(n):
        s = a[j, j]
        for q in range(j):
            s -= out[j, q] * out[j, q]
        if not s > 0.0:
            raise LinAlgError("Matrix is not positive definite")
        d = math.sqrt(s)
        out[j, j] = d
        for i in range(j + 1, n):
            t = a[i, j]
            for q in range(j):
                t -= out[i, q] * out[j, q]
            out[i, j] = t / d
        for i in range(j):
            out[i, j] = 0.0
