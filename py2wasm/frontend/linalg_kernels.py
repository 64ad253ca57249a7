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

import numpy as np
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
    return sign * np.exp(logdet)  # C's exp: inf on overflow, as NumPy


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


def householder_qr(a, tau):
    """LAPACK's dgeqr2 in place on the m x n array a: R on and above the
    diagonal, the Householder vectors below it (v[0] = 1 implied), tau[j] the
    reflector scalars (dlarfg's conventions: beta = -sign(alpha) |x|)."""
    m = a.shape[0]
    n = a.shape[1]
    k = min(m, n)
    for j in range(k):
        alpha = a[j, j]
        xnorm = 0.0
        for i in range(j + 1, m):
            xnorm = math.hypot(xnorm, a[i, j])
        if xnorm == 0.0:
            tau[j] = 0.0
        else:
            beta = math.hypot(alpha, xnorm)
            if alpha >= 0.0:
                beta = -beta
            tau[j] = (beta - alpha) / beta
            scale = 1.0 / (alpha - beta)
            for i in range(j + 1, m):
                a[i, j] = a[i, j] * scale
            a[j, j] = beta
        # apply H = I - tau v v^T to the trailing columns
        t = tau[j]
        if t != 0.0:
            for c in range(j + 1, n):
                s = a[j, c]
                for i in range(j + 1, m):
                    s += a[i, j] * a[i, c]
                s = s * t
                a[j, c] = a[j, c] - s
                for i in range(j + 1, m):
                    a[i, c] = a[i, c] - s * a[i, j]


def form_q(a, tau, q):
    """q (m x kq, kq <= m) = the first kq columns of H_0 H_1 ... H_{k-1}
    (LAPACK's dorg2r), from householder_qr's output."""
    m = a.shape[0]
    kq = q.shape[1]
    k = tau.shape[0]
    for i in range(m):
        for c in range(kq):
            q[i, c] = 1.0 if i == c else 0.0
    for j in range(k - 1, -1, -1):
        t = tau[j]
        if t != 0.0:
            for c in range(kq):
                s = q[j, c]
                for i in range(j + 1, m):
                    s += a[i, j] * q[i, c]
                s = s * t
                q[j, c] = q[j, c] - s
                for i in range(j + 1, m):
                    q[i, c] = q[i, c] - s * a[i, j]


def jacobi_eigh(a, v, w, vectors: bool):
    """Eigenvalues w (ascending) and, if asked, eigenvectors v (columns) of
    the symmetric matrix whose lower triangle is in a (cyclic Jacobi sweeps
    until the off-diagonal part is negligible); a is overwritten."""
    n = a.shape[0]
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = a[j, i]
        for j in range(n):
            v[i, j] = 1.0 if i == j else 0.0
    for sweep in range(100):
        off = 0.0
        diag = 0.0
        for i in range(n):
            diag += a[i, i] * a[i, i]
            for j in range(i + 1, n):
                off += a[i, j] * a[i, j]
        if off <= 1e-36 * diag or off == 0.0:
            break
        for p in range(n):
            for q in range(p + 1, n):
                apq = a[p, q]
                if apq != 0.0:
                    theta = (a[q, q] - a[p, p]) / (2.0 * apq)
                    t = 1.0 / (abs(theta) + math.sqrt(theta * theta + 1.0))
                    if theta < 0.0:
                        t = -t
                    c = 1.0 / math.sqrt(t * t + 1.0)
                    s = t * c
                    for r in range(n):
                        arp = a[r, p]
                        arq = a[r, q]
                        a[r, p] = c * arp - s * arq
                        a[r, q] = s * arp + c * arq
                    for r in range(n):
                        apr = a[p, r]
                        aqr = a[q, r]
                        a[p, r] = c * apr - s * aqr
                        a[q, r] = s * apr + c * aqr
                    if vectors:
                        for r in range(n):
                            vrp = v[r, p]
                            vrq = v[r, q]
                            v[r, p] = c * vrp - s * vrq
                            v[r, q] = s * vrp + c * vrq
    # ascending order (selection sort of the diagonal, columns with it)
    for i in range(n):
        w[i] = a[i, i]
    for i in range(n):
        k = i
        for j in range(i + 1, n):
            if w[j] < w[k]:
                k = j
        if k != i:
            t = w[i]
            w[i] = w[k]
            w[k] = t
            if vectors:
                for r in range(n):
                    t = v[r, i]
                    v[r, i] = v[r, k]
                    v[r, k] = t
    if vectors:
        # a deterministic sign: the largest-magnitude entry of each vector positive
        for c in range(n):
            big = 0
            for r in range(n):
                if abs(v[r, c]) > abs(v[big, c]):
                    big = r
            if v[big, c] < 0.0:
                for r in range(n):
                    v[r, c] = -v[r, c]


def jacobi_svd(w, v, s):
    """One-sided Jacobi SVD of the m x n array w (m >= n), in place: on return
    the columns of w are U * s (descending s), v holds V (n x n) and s the
    singular values."""
    m = w.shape[0]
    n = w.shape[1]
    for i in range(n):
        for j in range(n):
            v[i, j] = 1.0 if i == j else 0.0
    for sweep in range(100):
        rotated = False
        for p in range(n):
            for q in range(p + 1, n):
                alpha = 0.0
                beta = 0.0
                gamma = 0.0
                for i in range(m):
                    alpha += w[i, p] * w[i, p]
                    beta += w[i, q] * w[i, q]
                    gamma += w[i, p] * w[i, q]
                if gamma != 0.0 and abs(gamma) > 1e-16 * math.sqrt(alpha * beta):
                    rotated = True
                    zeta = (beta - alpha) / (2.0 * gamma)
                    t = 1.0 / (abs(zeta) + math.sqrt(1.0 + zeta * zeta))
                    if zeta < 0.0:
                        t = -t
                    c = 1.0 / math.sqrt(1.0 + t * t)
                    sn = c * t
                    for i in range(m):
                        wp = w[i, p]
                        wq = w[i, q]
                        w[i, p] = c * wp - sn * wq
                        w[i, q] = sn * wp + c * wq
                    for i in range(n):
                        vp = v[i, p]
                        vq = v[i, q]
                        v[i, p] = c * vp - sn * vq
                        v[i, q] = sn * vp + c * vq
        if not rotated:
            break
    for j in range(n):
        t = 0.0
        for i in range(m):
            t = math.hypot(t, w[i, j])
        s[j] = t
    # descending order, columns of w and v with it
    for i in range(n):
        k = i
        for j in range(i + 1, n):
            if s[j] > s[k]:
                k = j
        if k != i:
            t = s[i]
            s[i] = s[k]
            s[k] = t
            for r in range(m):
                t = w[r, i]
                w[r, i] = w[r, k]
                w[r, k] = t
            for r in range(n):
                t = v[r, i]
                v[r, i] = v[r, k]
                v[r, k] = t


def orthonormal_columns(w, s, u):
    """u (m x ku): w's columns divided by s where s > 0 (a relative cutoff),
    the remaining columns completed to an orthonormal basis from the unit
    vectors e_0, e_1, ... (Gram-Schmidt, twice)."""
    m = u.shape[0]
    ku = u.shape[1]
    n = s.shape[0]
    smax = 0.0
    if n > 0:
        smax = s[0]
    done = 0
    for j in range(ku):
        if j < n and s[j] > 0.0 and s[j] > smax * 1e-15 * m:
            for i in range(m):
                u[i, j] = w[i, j] / s[j]
            done = j + 1
        else:
            break
    e = 0
    for j in range(done, ku):
        found = False
        while not found and e < m:
            for i in range(m):
                u[i, j] = 1.0 if i == e else 0.0
            for rep in range(2):
                for c in range(j):
                    d = 0.0
                    for i in range(m):
                        d += u[i, c] * u[i, j]
                    for i in range(m):
                        u[i, j] = u[i, j] - d * u[i, c]
            nrm = 0.0
            for i in range(m):
                nrm = math.hypot(nrm, u[i, j])
            e += 1
            if nrm > 0.5:
                for i in range(m):
                    u[i, j] = u[i, j] / nrm
                found = True
