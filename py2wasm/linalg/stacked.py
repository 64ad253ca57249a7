"""Stacks of matrices (arrays of more than two dimensions, leading batch
axes) for the `numpy.linalg` functions NumPy broadcasts: `det slogdet inv
solve cholesky qr eigh eigvalsh svd matrix_power eig eigvals` (eig and
eigvals: real arrays, or complex ones as NumPy >= 2.5 returns, from
`eig_complex`/`eigvals_complex`).

Place in the pipeline: part of the linalg library the frontend traces
(`py2wasm/linalg/__init__.py`); written in the compiled Python subset.
`frontend/linalg_calls.py` calls these instead of the 2-D routines when an
argument has more than two dimensions (ndims are known when tracing). Each
one checks the whole stack first as NumPy does (at least 2-D, square last
two axes), views it as (count, m, n), runs the 2-D routine on every matrix
into a float64 (complex128 for complex input: elements.py) result and gives the result NumPy's dtype and shape (the
batch axes first). An error in any matrix of the stack (singular, not
positive definite) raises NumPy's LinAlgError for the whole call, as NumPy.
`solve` broadcasts the batch axes of a and b (NumPy 2's rules: b is a
stack of vectors only when it is 1-D).
"""
from __future__ import annotations

import numpy as np
from numpy.linalg import LinAlgError

from ..intrinsics import raise_if
from . import eig as general
from . import ceig, factor, lu, spectral
from ._common import result_like, result_like2
from .elements import work_zeros, work_zeros2


def as_stack(a):
    """a (..., m, n) viewed as (count, m, n). The count is the product of the
    batch axes (not -1: NumPy cannot infer it when m or n is 0)."""
    count = 1
    for i in range(a.ndim - 2):
        count *= a.shape[i]
    return a.reshape((count, a.shape[a.ndim - 2], a.shape[a.ndim - 1]))


def square_stack(a):
    """a (..., n, n) viewed as (count, n, n), after NumPy's check that its
    last two axes are square."""
    if a.shape[a.ndim - 2] != a.shape[a.ndim - 1]:
        raise LinAlgError("Last 2 dimensions of the array must be square")
    return as_stack(a)


def det(a):
    s = square_stack(a)
    k = s.shape[0]
    out = work_zeros(k, a)
    for i in range(k):
        out[i] = lu.det(s[i])
    return result_like(out, a).reshape(a.shape[:a.ndim - 2])


def slogdet(a):
    s = square_stack(a)
    k = s.shape[0]
    sign = work_zeros(k, a)
    logdet = np.zeros(k)
    for i in range(k):
        sg, ld = lu.slogdet(s[i])
        sign[i] = sg
        logdet[i] = ld
    batch = a.shape[:a.ndim - 2]
    return result_like(sign, a).reshape(batch), result_like(logdet, a).reshape(batch)


def inv(a):
    s = square_stack(a)
    k = s.shape[0]
    n = s.shape[1]
    out = work_zeros((k, n, n), a)
    for i in range(k):
        out[i] = lu.inv(s[i])
    return result_like(out, a).reshape(a.shape)


def cholesky(a, upper=False):
    s = square_stack(a)
    k = s.shape[0]
    n = s.shape[1]
    out = work_zeros((k, n, n), a)
    for i in range(k):
        out[i] = factor.cholesky(s[i], upper)
    return result_like(out, a).reshape(a.shape)


def solve(a, b):
    if a.ndim < 2:  # inline: a helper that always raises would type as None
        raise LinAlgError("%d-dimensional array given. Array must be at least "
                          "two-dimensional" % a.ndim)
    if a.shape[a.ndim - 2] != a.shape[a.ndim - 1]:
        raise LinAlgError("Last 2 dimensions of the array must be square")
    n = a.shape[a.ndim - 1]
    if b.ndim == 1:
        raise_if(b.shape[0] != n, ValueError,
                 "solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
                 "signature (m,m),(m)->(m) (size {0} is different from {1})", b.shape[0], n)
        s = as_stack(a)
        k = s.shape[0]
        out = work_zeros2((k, n), a, b)
        for i in range(k):
            out[i] = lu.solve(s[i], b)
        return result_like2(out, a, b).reshape(a.shape[:a.ndim - 1])
    raise_if(b.shape[b.ndim - 2] != n, ValueError,
             "solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
             "signature (m,m),(m,n)->(m,n) (size {0} is different from {1})",
             b.shape[b.ndim - 2], n)
    m = b.shape[b.ndim - 1]
    # broadcast the batch axes: a against b's batch and b against a's
    aa = a + np.zeros(b.shape[:b.ndim - 2] + (1, 1), dtype=a.dtype)
    bb = b + np.zeros(a.shape[:a.ndim - 2] + (1, 1), dtype=b.dtype)
    sa = as_stack(aa)
    sb = as_stack(bb)
    k = sa.shape[0]
    out = work_zeros2((k, n, m), a, b)
    for i in range(k):
        out[i] = lu.solve(sa[i], sb[i])
    return result_like2(out, a, b).reshape(bb.shape)


def qr(a, mode="reduced"):
    mode = factor.qr_mode(mode)
    s = as_stack(a)
    cnt = s.shape[0]
    m = s.shape[1]
    n = s.shape[2]
    k = min(m, n)
    rows = m if mode == "complete" else k
    batch = a.shape[:a.ndim - 2]
    if mode == "raw" or mode == "economic":  # each matrix's geqrf output, as factor.qr
        hh = work_zeros((cnt, m, n), a)
        tt = work_zeros((cnt, k), a)
        for i in range(cnt):
            w = factor.work(s[i])
            taus = np.zeros(k, dtype=w.dtype)
            factor.householder(w, taus)
            hh[i] = w
            tt[i] = taus
        h = result_like(hh, a).reshape(batch + (m, n))
        if mode == "economic":
            return h
        return np.swapaxes(h, -1, -2), result_like(tt, a).reshape(batch + (k,))
    rr = work_zeros((cnt, rows, n), a)
    if mode == "r":
        for i in range(cnt):
            rr[i] = factor.qr(s[i], "r")
        return result_like(rr, a).reshape(batch + (rows, n))
    qq = work_zeros((cnt, m, rows), a)
    for i in range(cnt):
        q, r = factor.qr(s[i], mode)
        qq[i] = q
        rr[i] = r
    return result_like(qq, a).reshape(batch + (m, rows)), \
        result_like(rr, a).reshape(batch + (rows, n))


def eigh(a, UPLO="L"):
    spectral.check_uplo(UPLO)
    s = square_stack(a)
    k = s.shape[0]
    n = s.shape[1]
    ws = np.zeros((k, n))
    vs = work_zeros((k, n, n), a)
    for i in range(k):
        w, v = spectral.eigh(s[i], UPLO)
        ws[i] = w
        vs[i] = v
    return result_like(ws, a).reshape(a.shape[:a.ndim - 1]), result_like(vs, a).reshape(a.shape)


def eigvalsh(a, UPLO="L"):
    return eigh(a, UPLO)[0]


def eig(a):
    s = square_stack(a)
    k = s.shape[0]
    n = s.shape[1]
    ws = np.zeros((k, n))
    vs = np.zeros((k, n, n))
    for i in range(k):
        w, v = general.eig(s[i])
        ws[i] = w
        vs[i] = v
    return result_like(ws, a).reshape(a.shape[:a.ndim - 1]), result_like(vs, a).reshape(a.shape)


def eigvals(a):
    s = square_stack(a)
    k = s.shape[0]
    n = s.shape[1]
    ws = np.zeros((k, n))
    for i in range(k):
        ws[i] = general.eigvals(s[i])
    return result_like(ws, a).reshape(a.shape[:a.ndim - 1])


def eig_complex(a):
    """eig of a stack as NumPy >= 2.5: complex arrays."""
    s = square_stack(a)
    k = s.shape[0]
    n = s.shape[1]
    wr = np.zeros((k, n))
    wi = np.zeros((k, n))
    vr = np.zeros((k, n, n))
    vi = np.zeros((k, n, n))
    for i in range(k):
        h, v, d, e, norm = general.eig_parts(s[i])
        im = np.zeros((n, n))
        general.complex_vectors(h, v, d, e, norm, im)
        wr[i] = d
        wi[i] = e
        vr[i] = v
        vi[i] = im
    return general.complex_like(wr, wi, a).reshape(a.shape[:a.ndim - 1]), \
        general.complex_like(vr, vi, a).reshape(a.shape)


def eigvals_complex(a):
    """eigvals of a stack as NumPy >= 2.5: a complex array."""
    s = square_stack(a)
    k = s.shape[0]
    n = s.shape[1]
    wr = np.zeros((k, n))
    wi = np.zeros((k, n))
    for i in range(k):
        h, v, d, e, norm = general.eig_parts(s[i])
        wr[i] = d
        wi[i] = e
    return general.complex_like(wr, wi, a).reshape(a.shape[:a.ndim - 1])


def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    s = as_stack(a)
    cnt = s.shape[0]
    m = s.shape[1]
    n = s.shape[2]
    k = min(m, n)
    batch = a.shape[:a.ndim - 2]
    ss = np.zeros((cnt, k))
    if not compute_uv:
        for i in range(cnt):
            ss[i] = spectral.svd(s[i], full_matrices, False)
        return result_like(ss, a).reshape(batch + (k,))
    ucols = m if full_matrices else k
    vrows = n if full_matrices else k
    us = work_zeros((cnt, m, ucols), a)
    vs = work_zeros((cnt, vrows, n), a)
    for i in range(cnt):
        u, sv, vh = spectral.svd(s[i], full_matrices, True)
        us[i] = u
        ss[i] = sv
        vs[i] = vh
    return result_like(us, a).reshape(batch + (m, ucols)), \
        result_like(ss, a).reshape(batch + (k,)), result_like(vs, a).reshape(batch + (vrows, n))


def matrix_power(a, n):
    if a.shape[a.ndim - 2] != a.shape[a.ndim - 1]:
        raise LinAlgError("Last 2 dimensions of the array must be square")
    m = a.shape[a.ndim - 1]
    if n == 0:
        z = np.zeros(a.shape, dtype=a.dtype)
        zs = as_stack(z)
        for i in range(zs.shape[0]):
            for j in range(m):
                zs[i, j, j] = 1
        return z
    if n < 0:
        b = inv(a)
        k = -n
    else:
        b = a.copy()
        k = n
    if a.dtype == np.complex128 or a.dtype == np.complex64:  # `@` of complex 2-D only
        bs = as_stack(b)
        out = np.zeros(bs.shape, dtype=b.dtype)
        for i in range(bs.shape[0]):
            out[i] = lu.power_by_squaring(bs[i].copy(), k)
        return out.reshape(a.shape)
    return lu.power_by_squaring(b, k)


def eig_of_complex(a):
    """eig of a stack of complex matrices (ceig.py)."""
    s = square_stack(a)
    k = s.shape[0]
    n = s.shape[1]
    ws = np.zeros((k, n), dtype=np.complex128)
    vs = np.zeros((k, n, n), dtype=np.complex128)
    for i in range(k):
        t, z = ceig.schur_parts(s[i])
        ws[i] = ceig.diagonal(t)
        vs[i] = ceig.triangular_vectors(t, z)
    return result_like(ws, a).reshape(a.shape[:a.ndim - 1]), result_like(vs, a).reshape(a.shape)


def eigvals_of_complex(a):
    """eigvals of a stack of complex matrices (ceig.py)."""
    s = square_stack(a)
    k = s.shape[0]
    n = s.shape[1]
    ws = np.zeros((k, n), dtype=np.complex128)
    for i in range(k):
        t, z = ceig.schur_parts(s[i])
        ws[i] = ceig.diagonal(t)
    return result_like(ws, a).reshape(a.shape[:a.ndim - 1])
