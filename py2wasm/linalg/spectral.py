"""Symmetric eigenproblems and the SVD, and what is built on the SVD:
`eigh`, `eigvalsh`, `svd`, `lstsq`, `matrix_rank`, `pinv` (`cond`: norms.py).

Place in the pipeline: part of the linalg library the frontend traces
(`py2wasm/linalg/__init__.py`); written in the compiled Python subset.
`eigh` is the cyclic Jacobi method (accurate to a few ulps relative to the
matrix norm, eigenvalues ascending as LAPACK returns them); `svd` is the
one-sided Jacobi method (Hestenes) on the columns of A (of A^T when A is
wide), singular values descending, left vectors completed to an orthonormal
basis when needed. Eigen- and singular vectors are unique only up to sign
(and to a rotation within repeated values): LAPACK may choose other signs.
Complex (Hermitian) matrices share the code (elements.py): before each
rotation a unit phase on column q makes the pivot a_pq (for the SVD the
columns' inner product) real and non-negative, after which the rotation is
the real one; the vectors are unique up to a unit complex factor.
"""
from __future__ import annotations

import math

import numpy as np
from numpy.linalg import LinAlgError

from ._common import (assert_2d, assert_square, eps_like, result_like, result_like2,
                      scalar_like, work)
from .elements import abs2, conj, conj_array, identity, work2, zero

MAX_SWEEPS = 60


def symmetric_copy(a, lower):
    """The symmetric (Hermitian) matrix NumPy reads from one triangle of the
    working copy `a` (the diagonal's imaginary parts ignored, as LAPACK)."""
    n = a.shape[0]
    s = np.zeros((n, n), dtype=a.dtype)
    for i in range(n):
        for j in range(i):
            if lower:
                v = a[i, j]
                s[i, j] = v
                s[j, i] = conj(v)
            else:
                v = a[j, i]
                s[j, i] = v
                s[i, j] = conj(v)
        s[i, i] = a[i, i].real
    return s


def phase_column(x, q, f):
    """Column q of x times the scalar f."""
    for k in range(x.shape[0]):
        x[k, q] = x[k, q] * f


def phase_row(x, q, f):
    """Row q of x times the scalar f."""
    for k in range(x.shape[1]):
        x[q, k] = x[q, k] * f


def rotation_tangent(theta):
    """tan of the Jacobi rotation angle for cot(2 angle) = theta (the smaller
    root; 0.5 / theta when theta is so large that theta**2 would overflow)."""
    if abs(theta) > 1e150:
        return 0.5 / theta
    t = 1.0 / (abs(theta) + math.sqrt(theta * theta + 1.0))
    if theta < 0.0:
        t = -t
    return t


def rotate_columns(x, p, q, c, sn):
    """Columns p and q of x times the rotation [[c, sn], [-sn, c]]."""
    for k in range(x.shape[0]):
        xp = x[k, p]
        xq = x[k, q]
        x[k, p] = c * xp - sn * xq
        x[k, q] = sn * xp + c * xq


def jacobi_eigen(s, v):
    """Diagonalize the symmetric matrix `s` in place by Jacobi rotations,
    accumulating them in `v` (the identity on entry)."""
    n = s.shape[0]
    for sweep in range(MAX_SWEEPS):
        off = 0.0
        total = 0.0
        for i in range(n):
            total += abs2(s[i, i])
            for j in range(i):
                off += abs2(s[i, j])
        if off == 0.0 or off <= 1e-36 * (total + off):
            return
        for p in range(n - 1):
            for q in range(p + 1, n):
                apq = s[p, q]
                if apq != 0.0:
                    app = s[p, p].real
                    aqq = s[q, q].real
                    g = 100.0 * abs(apq)
                    if sweep > 3 and abs(app) + g == abs(app) and abs(aqq) + g == abs(aqq):
                        s[p, q] = 0.0
                        s[q, p] = 0.0
                    else:
                        if s.dtype == np.complex128:  # make a_pq real: S <- P^H S P
                            r = abs(apq)
                            ph = apq / r
                            phase_column(s, q, conj(ph))
                            phase_row(s, q, ph)
                            phase_column(v, q, conj(ph))
                            s[q, q] = s[q, q].real
                            t = rotation_tangent((aqq - app) / (2.0 * r))
                        else:
                            t = rotation_tangent((aqq - app) / (2.0 * apq))
                        c = 1.0 / math.sqrt(t * t + 1.0)
                        sn = t * c
                        rotate_columns(s, p, q, c, sn)
                        for k in range(n):
                            spk = s[p, k]
                            sqk = s[q, k]
                            s[p, k] = c * spk - sn * sqk
                            s[q, k] = sn * spk + c * sqk
                        s[p, q] = 0.0
                        s[q, p] = 0.0
                        rotate_columns(v, p, q, c, sn)
    raise LinAlgError("Eigenvalues did not converge")


def sort_pairs(w, v, descending):
    """Sort the values `w` (and the columns of `v` with them)."""
    n = w.shape[0]
    for i in range(n):
        best = i
        for j in range(i + 1, n):
            if (w[j] > w[best]) if descending else (w[j] < w[best]):
                best = j
        if best != i:
            t = w[i]
            w[i] = w[best]
            w[best] = t
            swap_columns(v, i, best)


def sort_triples(s, u, v):
    """Sort the singular values `s` descending, the columns of u and v with them."""
    n = s.shape[0]
    for i in range(n):
        best = i
        for j in range(i + 1, n):
            if s[j] > s[best]:
                best = j
        if best != i:
            t = s[i]
            s[i] = s[best]
            s[best] = t
            swap_columns(u, i, best)
            swap_columns(v, i, best)


def swap_columns(x, i, j):
    for k in range(x.shape[0]):
        t = x[k, i]
        x[k, i] = x[k, j]
        x[k, j] = t


def check_uplo(UPLO):
    if UPLO != "L" and UPLO != "U":
        raise ValueError("UPLO argument must be 'L' or 'U'")


def eigh(a, UPLO="L"):
    check_uplo(UPLO)
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    assert_square(a)
    n = a.shape[0]
    s = symmetric_copy(work(a), UPLO == "L")
    v = identity(n, n, s)
    jacobi_eigen(s, v)
    w = np.zeros(n)
    for i in range(n):
        w[i] = s[i, i].real
    sort_pairs(w, v, False)
    return result_like(w, a), result_like(v, a)


def eigvalsh(a, UPLO="L"):
    return eigh(a, UPLO)[0]


def jacobi_svd(u, v):
    """One-sided Jacobi on the columns of u (m x n, m >= n): afterwards its
    columns are orthogonal (u = U diag(s)) and u_in = u v^T."""
    m = u.shape[0]
    n = u.shape[1]
    for sweep in range(MAX_SWEEPS):
        rotated = False
        for p in range(n - 1):
            for q in range(p + 1, n):
                alpha = 0.0
                beta = 0.0
                gamma = zero(u)
                for i in range(m):
                    up = u[i, p]
                    uq = u[i, q]
                    alpha += abs2(up)
                    beta += abs2(uq)
                    gamma += conj(up) * uq
                if gamma != 0.0 and abs(gamma) > 2.220446049250313e-16 * math.sqrt(alpha * beta):
                    rotated = True
                    if u.dtype == np.complex128:  # make <u_p, u_q> real: phase on column q
                        r = abs(gamma)
                        ph = gamma / r
                        phase_column(u, q, conj(ph))
                        phase_column(v, q, conj(ph))
                        t = rotation_tangent((beta - alpha) / (2.0 * r))
                    else:
                        t = rotation_tangent((beta - alpha) / (2.0 * gamma))
                    c = 1.0 / math.sqrt(t * t + 1.0)
                    sn = t * c
                    rotate_columns(u, p, q, c, sn)
                    rotate_columns(v, p, q, c, sn)
        if not rotated:
            return
    raise LinAlgError("SVD did not converge")


def complete_basis(u, filled):
    """Columns `filled`.. of u (m x k): orthonormal vectors orthogonal to the
    first `filled` columns (which must be orthonormal), by Gram-Schmidt (run
    twice) on the standard basis vector that keeps the most of its length."""
    m = u.shape[0]
    k = u.shape[1]
    cand = np.zeros(m, dtype=u.dtype)
    for c in range(filled, k):
        best = -1.0
        pick = 0
        for e in range(m):
            r = 1.0
            for j in range(c):
                r -= abs2(u[e, j])
            if r > best:
                best = r
                pick = e
        for i in range(m):
            cand[i] = 0.0
        cand[pick] = 1.0
        for rep in range(2):
            for j in range(c):
                d = zero(cand)
                for i in range(m):
                    d += conj(u[i, j]) * cand[i]
                for i in range(m):
                    cand[i] -= d * u[i, j]
        nrm = 0.0
        for i in range(m):
            nrm += abs2(cand[i])
        nrm = math.sqrt(nrm)
        for i in range(m):
            u[i, c] = cand[i] / nrm


def svd_parts(a, full):
    """(U, s, V) of the float64 or complex128 matrix a (m x n): a = U diag(s) V^H, s
    descending. U is m x m and V n x n when `full`, else m x k and n x k."""
    m = a.shape[0]
    n = a.shape[1]
    wide = m < n
    if wide:
        u = conj_array(a.T).copy()
        rows = n
        cols = m
    else:
        u = a.copy()
        rows = m
        cols = n
    v = identity(cols, cols, u)
    jacobi_svd(u, v)
    s = np.zeros(cols)
    for j in range(cols):
        t = 0.0
        for i in range(rows):
            t += abs2(u[i, j])
        s[j] = math.sqrt(t)
    sort_triples(s, u, v)
    # normalize the left vectors of the non-zero singular values, then fill the rest
    good = 0
    for j in range(cols):
        if s[j] > 0.0:
            for i in range(rows):
                u[i, j] = u[i, j] / s[j]
            good = j + 1
    if full:
        big = np.zeros((rows, rows), dtype=u.dtype)
        for i in range(rows):
            for j in range(cols):
                big[i, j] = u[i, j]
        complete_basis(big, good)
        left = big
    else:
        complete_basis(u, good)
        left = u
    if wide:
        return v, s, left
    return left, s, v



def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    u, s, v = svd_parts(work(a), full_matrices)
    if compute_uv:
        return result_like(u, a), result_like(s, a), result_like(conj_array(v.T).copy(), a)
    return result_like(s, a)


def lstsq(a, b, rcond=None):
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    m = a.shape[0]
    n = a.shape[1]
    if b.shape[0] != m:
        raise LinAlgError("Incompatible dimensions")
    if rcond is None:
        rc = eps_like(a, b) * max(m, n)
    else:
        rc = rcond
    if b.ndim == 1:
        bb = work2(b, a).reshape((m, 1))
    else:
        bb = work2(b, a)
    k = bb.shape[1]
    u, s, v = svd_parts(work(a), False)
    r = s.shape[0]
    cutoff = 0.0
    if r > 0:
        cutoff = rc * s[0]
    rank = 0
    for i in range(r):
        if s[i] > cutoff:
            rank += 1
    x = np.zeros((n, k), dtype=bb.dtype)
    for c in range(k):
        for i in range(rank):
            d = zero(bb)
            for t in range(m):
                d += conj(u[t, i]) * bb[t, c]
            d = d / s[i]
            for j in range(n):
                x[j, c] += v[j, i] * d
    nres = 0
    if rank == n and m > n:
        nres = k
    res = np.zeros(nres)
    for c in range(nres):
        acc = 0.0
        for t in range(m):
            e = bb[t, c]
            for j in range(n):
                e -= a[t, j] * x[j, c]
            acc += abs2(e)
        res[c] = acc
    if b.ndim == 1:  # NumPy's rank is an np.int32
        return result_like2(x.reshape(n), a, b), result_like2(res, a, b), np.int32(rank), \
            result_like2(s, a, b)
    return result_like2(x, a, b), result_like2(res, a, b), np.int32(rank), result_like2(s, a, b)


def matrix_rank(A, tol=None, hermitian=False, rtol=None):
    if A.ndim < 2:  # NumPy: int(not all(A == 0)), a Python int
        nz = 0
        for i in range(A.shape[0]):
            if A[i] != 0:
                nz = 1
        return nz
    m = A.shape[0]
    n = A.shape[1]
    u, s, v = svd_parts(work(A), False)
    r = s.shape[0]
    if r == 0:  # NumPy counts with count_nonzero(axis=-1): an np.int64
        return np.int64(0)
    if tol is None:
        if rtol is None:
            t = s[0] * max(m, n) * eps_like(A, A)
        else:
            t = s[0] * rtol
    else:
        t = tol
    rank = 0
    for i in range(r):
        if s[i] > t:
            rank += 1
    return np.int64(rank)


def pinv(a, rcond=None, hermitian=False):
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    m = a.shape[0]
    n = a.shape[1]
    if rcond is None:
        rc = 1e-15
    else:
        rc = rcond
    u, s, v = svd_parts(work(a), False)
    r = s.shape[0]
    cutoff = 0.0
    if r > 0:
        cutoff = rc * s[0]
    out = np.zeros((n, m), dtype=u.dtype)
    for i in range(r):
        if s[i] > cutoff:
            inv_s = 1.0 / s[i]
            for j in range(n):
                f = v[j, i] * inv_s
                for t in range(m):
                    out[j, t] += f * conj(u[t, i])
    return result_like(out, a)
