"""Cholesky and QR factorizations: `cholesky`, `qr`.

Place in the pipeline: part of the linalg library the frontend traces
(`py2wasm/linalg/__init__.py`); written in the compiled Python subset.
Cholesky follows LAPACK's potrf as NumPy calls it (on the lower triangle,
or the upper one with upper=True: a pivot <= 0 means
"not positive definite"; a NaN pivot propagates, as in NumPy); QR uses Householder
reflectors with LAPACK's conventions (dlarfg: beta = -sign(alpha) * norm,
so R's diagonal signs and Q match NumPy's up to rounding), Q accumulated
backwards as dorgqr does. Complex matrices share the code (elements.py)
with the conjugates of zpotrf (A = L L^H, a real diagonal), zgeqrf/zlarfg
(H = I - tau v v^H, beta real so R's diagonal is real) and zungqr.
"""
from __future__ import annotations

import math

import numpy as np
from numpy.linalg import LinAlgError

from ._common import (assert_2d, assert_square, eps_like, result_like, result_like2,
                      scalar_like, work)
from .elements import conj, conj_array, identity


def cholesky(a, upper=False):
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    assert_square(a)
    n = a.shape[0]
    w = work(a)
    low = np.zeros((n, n), dtype=w.dtype)
    # NumPy reads the lower triangle for upper=False and the upper one for
    # upper=True (w[j, i], j <= i): the other triangle is never looked at
    for j in range(n):
        s = w[j, j].real - np.vdot(low[j, :j], low[j, :j]).real
        if s <= 0.0:  # a NaN pivot goes on (as OpenBLAS's potrf, which NumPy uses)
            raise LinAlgError("Matrix is not positive definite")
        d = math.sqrt(s)
        low[j, j] = d
        for i in range(j + 1, n):
            if upper:
                aij = conj(w[j, i])
            else:
                aij = w[i, j]
            low[i, j] = (aij - np.vdot(low[j, :j], low[i, :j])) / d
    if upper:
        low = conj_array(low.T).copy()
    return result_like(low, a)


def column_norm(w, j, start):
    """The 2-norm of w[start:, j], scaled as LAPACK's dnrm2 (no overflow)."""
    m = w.shape[0]
    scale = 0.0
    for i in range(start, m):
        v = abs(w[i, j])
        if v > scale:
            scale = v
    if scale == 0.0 or scale != scale:
        return scale
    s = 0.0
    for i in range(start, m):
        v = abs(w[i, j]) / scale
        s += v * v
    return scale * math.sqrt(s)


def householder(w, taus):
    """Factor w (m x n, float64 or complex128) in place as LAPACK's dgeqrf/zgeqrf: R on and above
    the diagonal, the reflectors' vectors below it (their first entry is an
    implied 1), their scalars in `taus`."""
    m = w.shape[0]
    n = w.shape[1]
    k = min(m, n)
    for c in range(k):
        alpha = w[c, c]
        xnorm = column_norm(w, c, c + 1)
        tau = taus[c]  # 0 in the element type
        if xnorm != 0.0 or alpha.imag != 0.0:
            beta = -math.copysign(math.hypot(abs(alpha), xnorm), alpha.real)
            tau = (beta - alpha) / beta
            scal = 1.0 / (alpha - beta)
            for i in range(c + 1, m):
                w[i, c] *= scal
            w[c, c] = beta
            ctau = conj(tau)  # the trailing matrix gets H^H (zlarf with conj(tau))
            for j in range(c + 1, n):
                s = w[c, j]
                for i in range(c + 1, m):
                    s += conj(w[i, c]) * w[i, j]
                s *= ctau
                w[c, j] -= s
                for i in range(c + 1, m):
                    w[i, j] -= s * w[i, c]
        taus[c] = tau


def form_q(w, taus, cols):
    """Q's first `cols` columns from the reflectors in `w` (dorgqr)."""
    m = w.shape[0]
    k = taus.shape[0]
    q = identity(m, cols, w)
    for c in range(k - 1, -1, -1):
        tau = taus[c]
        if tau != 0.0:
            for j in range(c, cols):
                s = q[c, j]
                for i in range(c + 1, m):
                    s += conj(w[i, c]) * q[i, j]
                s *= tau
                q[c, j] -= s
                for i in range(c + 1, m):
                    q[i, j] -= s * w[i, c]
    return q


def upper_part(w, rows):
    """R: the first `rows` rows of w's upper triangle (zeros below)."""
    n = w.shape[1]
    r = np.zeros((rows, n), dtype=w.dtype)
    for i in range(rows):
        for j in range(i, n):
            r[i, j] = w[i, j]
    return r


def qr_mode(mode):
    """NumPy's check of qr's mode, made before anything else: 'f'/'full' are
    'reduced' and 'e' is 'economic' (the factored matrix itself; both
    deprecated: NumPy warns, compiled code does not)."""
    if mode == "f" or mode == "full":
        return "reduced"
    if mode == "e":
        return "economic"
    if mode != "reduced" and mode != "complete" and mode != "r" and mode != "raw" and \
            mode != "economic":
        raise ValueError("Unrecognized mode '%s'" % mode)
    return mode


def qr(a, mode="reduced"):
    mode = qr_mode(mode)
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    m = a.shape[0]
    n = a.shape[1]
    k = min(m, n)
    w = work(a)
    taus = np.zeros(k, dtype=w.dtype)
    householder(w, taus)
    if mode == "raw":  # LAPACK's geqrf output as NumPy returns it: (h, tau), h = w.T
        return result_like(w, a).T, result_like(taus, a)
    if mode == "economic":
        return result_like(w, a)
    rows = m if mode == "complete" else k
    r = result_like(upper_part(w, rows), a)
    if mode == "r":
        return r
    return result_like(form_q(w, taus, rows), a), r
