"""The general eigenproblem of a complex matrix: `eig`, `eigvals` of
complex64/complex128 input (real input: eig.py).

Place in the pipeline: part of the linalg library the frontend traces
(`py2wasm/linalg/__init__.py`); written in the compiled Python subset.
`frontend/linalg_calls.py` routes eig/eigvals of a complex array here.
The algorithm is LAPACK's zgeev without balancing: Householder reduction to
upper Hessenberg form (zgehrd's reflectors, H = I - tau v v^H with a real
beta), the single-shift complex QR iteration to the complex Schur form
T = Z^H A Z (zlahqr: Wilkinson's shift, exceptional shifts at iterations 10
and 20, deflation when a subdiagonal is small relative to its neighbours in
|re| + |im|), then back-substitution for the eigenvectors of the triangular
T (ztrevc, a perturbed divisor for repeated eigenvalues) and
back-transformation by Z. Each vector has unit 2-norm and its largest
component real and positive, as zgeev normalizes them. The eigenvalues
come in T's diagonal order, as LAPACK returns them (NumPy does not sort).
"""
from __future__ import annotations

import math

import numpy as np
from numpy.linalg import LinAlgError

from ._common import assert_square, result_like, work
from .elements import abs1, abs2, conj, identity

ULP = 2.220446049250313e-16
SAFMIN = 2.2250738585072014e-308


def reflect_rows(h, v, ctau, lo, col0):
    """h[lo:, col0:] <- (I - ctau v v^H) h[lo:, col0:]; v[lo:] the reflector."""
    n = h.shape[0]
    for j in range(col0, h.shape[1]):
        s = h[lo, j] * 0.0
        for i in range(lo, n):
            s += conj(v[i]) * h[i, j]
        s = s * ctau
        if s != 0.0:
            for i in range(lo, n):
                h[i, j] -= v[i] * s


def reflect_columns(h, v, tau, lo):
    """h[:, lo:] <- h[:, lo:] (I - tau v v^H); v[lo:] the reflector."""
    n = v.shape[0]
    for i in range(h.shape[0]):
        s = h[i, lo] * 0.0
        for j in range(lo, n):
            s += h[i, j] * v[j]
        s = s * tau
        if s != 0.0:
            for j in range(lo, n):
                h[i, j] -= s * conj(v[j])


def hessenberg(h, z):
    """Reduce h (n x n complex128) to upper Hessenberg form in place,
    h <- Q^H h Q, accumulating z <- z Q (zgehrd + zunghr)."""
    n = h.shape[0]
    v = np.zeros(n, dtype=h.dtype)
    for k in range(n - 2):
        alpha = h[k + 1, k]
        xnorm = 0.0
        scale = 0.0
        for i in range(k + 2, n):
            a = abs(h[i, k])
            if a > scale:
                scale = a
        if scale > 0.0:
            for i in range(k + 2, n):
                r = abs(h[i, k]) / scale
                xnorm += r * r
            xnorm = scale * math.sqrt(xnorm)
        if xnorm != 0.0 or alpha.imag != 0.0:
            beta = -math.copysign(math.hypot(abs(alpha), xnorm), alpha.real)
            tau = (beta - alpha) / beta
            scal = 1.0 / (alpha - beta)
            v[k + 1] = 1.0
            for i in range(k + 2, n):
                v[i] = h[i, k] * scal
                h[i, k] = 0.0
            h[k + 1, k] = beta
            reflect_rows(h, v, conj(tau), k + 1, k + 1)
            reflect_columns(h, v, tau, k + 1)
            reflect_columns(z, v, tau, k + 1)


def rotate(h, z, k, c, s, row0, row1):
    """Apply the rotation G = [[c, s], [-conj(s), c]] (c real) to rows k,
    k+1 of h from column row0 on (h <- G h), and G^H to columns k, k+1 of h
    (rows up to row1) and of z (h <- h G^H, z <- z G^H)."""
    n = h.shape[0]
    cs = conj(s)
    for j in range(row0, n):
        x = h[k, j]
        y = h[k + 1, j]
        h[k, j] = c * x + s * y
        h[k + 1, j] = c * y - cs * x
    for i in range(row1 + 1):
        x = h[i, k]
        y = h[i, k + 1]
        h[i, k] = c * x + cs * y
        h[i, k + 1] = c * y - s * x
    for i in range(n):
        x = z[i, k]
        y = z[i, k + 1]
        z[i, k] = c * x + cs * y
        z[i, k + 1] = c * y - s * x


def wilkinson_shift(h, i):
    """The eigenvalue of the trailing 2 x 2 block h[i-1:i+1, i-1:i+1]
    closer to h[i, i]."""
    a = h[i - 1, i - 1]
    b = h[i - 1, i]
    c = h[i, i - 1]
    d = h[i, i]
    half = (a - d) * 0.5
    disc = np.sqrt(half * half + b * c)
    e1 = d + half + disc
    e2 = d + half - disc
    if abs(e1 - d) < abs(e2 - d):
        return e1
    return e2


def schur(h, z):
    """The complex Schur form T = Z^H A Z of the Hessenberg h, in place
    (single-shift QR with Givens rotations, zlahqr)."""
    n = h.shape[0]
    i = n - 1
    its = 0
    total = 0
    limit = 30 * max(10, n)
    while i >= 0:
        # the start l of the active block: a negligible subdiagonal above it
        l = 0
        k = i
        while k > 0:
            sub = abs1(h[k, k - 1])
            if sub <= SAFMIN:
                h[k, k - 1] = 0.0
                l = k
                break
            tst = abs1(h[k - 1, k - 1]) + abs1(h[k, k])
            if tst == 0.0:
                if k - 2 >= 0:
                    tst += abs1(h[k - 1, k - 2])
                if k + 1 <= n - 1:
                    tst += abs1(h[k + 1, k])
            if sub <= ULP * tst:
                h[k, k - 1] = 0.0
                l = k
                break
            k -= 1
        if l >= i:  # h[i, i] is an eigenvalue
            i -= 1
            its = 0
            continue
        total += 1
        if total > limit:
            raise LinAlgError("Eigenvalues did not converge")
        its += 1
        if its == 10:
            mu = h[l, l] + 0.75 * abs1(h[l + 1, l])
        elif its == 20:
            mu = h[i, i] + 0.75 * abs1(h[i, i - 1])
        else:
            mu = wilkinson_shift(h, i)
        for k in range(l, i):
            if k == l:
                x = h[l, l] - mu
                y = h[l + 1, l]
            else:
                x = h[k, k - 1]
                y = h[k + 1, k - 1]
            ax = abs(x)
            r = math.sqrt(abs2(x) + abs2(y))
            if r == 0.0:
                continue
            if ax == 0.0:
                c = 0.0
                s = conj(y) / abs(y)
            else:
                c = ax / r
                s = (x / ax) * conj(y) / r
            rotate(h, z, k, c, s, max(l, k - 1), min(k + 2, i))
            if k > l:
                h[k + 1, k - 1] = 0.0


def triangular_vectors(t, z):
    """The eigenvectors of the upper triangular t (ztrevc), back-transformed
    by z and normalized as zgeev: unit 2-norm, the largest component real."""
    n = t.shape[0]
    anorm = 0.0
    for i in range(n):
        for j in range(i, n):
            anorm = max(anorm, abs1(t[i, j]))
    vec = np.zeros((n, n), dtype=t.dtype)
    x = np.zeros(n, dtype=t.dtype)
    for k in range(n - 1, -1, -1):
        wk = t[k, k]
        smin = max(ULP * abs1(wk), SAFMIN)
        for j in range(n):
            x[j] = 0.0
        x[k] = 1.0
        for j in range(k - 1, -1, -1):
            s = -t[j, k]
            for m in range(j + 1, k):
                s -= t[j, m] * x[m]
            d = t[j, j] - wk
            if abs1(d) < smin:
                d = d * 0.0 + smin
            x[j] = s / d
        for i in range(n):
            acc = z[i, 0] * 0.0
            for m in range(k + 1):
                acc += z[i, m] * x[m]
            vec[i, k] = acc
        normalize_column(vec, k)
    return vec


def normalize_column(vec, k):
    """Column k of vec scaled to unit 2-norm, then turned so that its
    largest component (the first largest in |re|^2 + |im|^2) is real and
    positive (zgeev)."""
    n = vec.shape[0]
    scale = 0.0
    for i in range(n):
        scale = max(scale, abs(vec[i, k]))
    if scale == 0.0:
        return
    s = 0.0
    for i in range(n):
        r = abs(vec[i, k]) / scale
        s += r * r
    nrm = scale * math.sqrt(s)
    big = -1.0
    at = 0
    for i in range(n):
        vec[i, k] = vec[i, k] / nrm
        m = abs2(vec[i, k])
        if m > big:
            big = m
            at = i
    ph = conj(vec[at, k]) / math.sqrt(big)
    for i in range(n):
        vec[i, k] = vec[i, k] * ph
    vec[at, k] = vec[at, k].real


def schur_parts(a):
    """(t, z): the complex Schur form of a's complex128 copy and its vectors."""
    assert_square(a)  # its callers have checked a.ndim inline
    h = work(a)
    n = h.shape[0]
    for i in range(n):
        for j in range(n):
            x = h[i, j]
            if x != x or abs(x) == math.inf:
                raise LinAlgError("Array must not contain infs or NaNs")
    z = identity(n, n, h)
    hessenberg(h, z)
    schur(h, z)
    return h, z


def diagonal(t):
    n = t.shape[0]
    w = np.zeros(n, dtype=t.dtype)
    for i in range(n):
        w[i] = t[i, i]
    return w


def eig(a):
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    t, z = schur_parts(a)
    return result_like(diagonal(t), a), result_like(triangular_vectors(t, z), a)


def eigvals(a):
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    t, z = schur_parts(a)
    return result_like(diagonal(t), a)
