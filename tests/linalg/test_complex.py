"""numpy.linalg on complex matrices (complex128 and complex64) in compiled
code: the real routines run with a complex element type
(py2wasm/linalg/elements.py), eig/eigvals through py2wasm/linalg/ceig.py.
Checked against NumPy as tests/linalg/test_linalg.py checks real input
(docs/arrays.md, "Linear algebra"): backward-stable residuals within a few
eps, unitarity of Q/U/V within a few eps, eigen- and singular values within
1e-12 relative of LAPACK's, NumPy's values where they are unique (Cholesky,
QR with LAPACK's conventions, zgeev's normalized eigenvectors), NumPy's
dtypes and shapes exactly, NumPy's exceptions and messages; stacks of
matrices; hypothesis over sizes and values."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import py2wasm

EPS = np.finfo(np.float64).eps
EPS32 = np.finfo(np.float32).eps
RNG = np.random.default_rng(20261207)


def crand(*shape, dtype=np.complex128):
    return (RNG.standard_normal(shape) + 1j * RNG.standard_normal(shape)).astype(dtype)


def hermitian(n, dtype=np.complex128):
    a = crand(n, n)
    return ((a + a.conj().T) / 2).astype(dtype)


def hpd(n, dtype=np.complex128):
    a = crand(n, n)
    return (a @ a.conj().T + n * np.eye(n)).astype(dtype)


def unitary_err(q):
    k = q.shape[-1]
    return np.abs(q.conj().T @ q - np.eye(k)).max() if k else 0.0


_COMPILED: dict = {}


def compiled(fn):
    if fn not in _COMPILED:
        _COMPILED[fn] = py2wasm.compile(fn)
    return _COMPILED[fn]


def tol_of(dtype):
    return 1e-4 if dtype in (np.complex64, np.float32) else 1e-10


def same_kind(got, want):
    """NumPy's dtype and shape (and tuple structure) exactly."""
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want)
        for g, w in zip(got, want):
            same_kind(g, w)
        return
    g, w = np.asarray(got), np.asarray(want)
    assert g.dtype == w.dtype and g.shape == w.shape, (g.dtype, w.dtype, g.shape, w.shape)


# --- the user functions -------------------------------------------------------------------

def solve(a, b): return np.linalg.solve(a, b)
def inv(a): return np.linalg.inv(a)
def det(a): return np.linalg.det(a)
def slogdet(a): return np.linalg.slogdet(a)
def power(a, n: int): return np.linalg.matrix_power(a, n)
def cholesky(a): return np.linalg.cholesky(a), np.linalg.cholesky(a, upper=True)
def cholesky_lower(a): return np.linalg.cholesky(a)
def qr(a): return np.linalg.qr(a)
def qr_complete(a): return np.linalg.qr(a, mode="complete")
def qr_r(a): return np.linalg.qr(a, mode="r")
def eigh(a): return np.linalg.eigh(a)
def eigh_upper(a): return np.linalg.eigh(a, UPLO="U")
def eigvalsh(a): return np.linalg.eigvalsh(a)
def svd(a): return np.linalg.svd(a)
def svd_thin(a): return np.linalg.svd(a, full_matrices=False)
def svd_values(a): return np.linalg.svd(a, compute_uv=False)
def lstsq(a, b): return np.linalg.lstsq(a, b)
def pinv(a): return np.linalg.pinv(a)
def rank(a): return np.linalg.matrix_rank(a)
def cond(a): return np.linalg.cond(a), np.linalg.cond(a, 1), np.linalg.cond(a, "fro")
def eig(a): return np.linalg.eig(a)
def eigvals(a): return np.linalg.eigvals(a)


def matrix_norms(a):
    la = np.linalg
    return (la.norm(a), la.norm(a, "fro"), la.norm(a, 1), la.norm(a, -1), la.norm(a, np.inf),
            la.norm(a, -np.inf), la.norm(a, 2), la.norm(a, -2), la.norm(a, "nuc"),
            la.norm(a, keepdims=True), la.norm(a, 1, keepdims=True))


def vector_norms(a):
    la = np.linalg
    return (la.norm(a[0]), la.norm(a[0], 2), la.norm(a[0], 1), la.norm(a[0], np.inf),
            la.norm(a[0], -np.inf), la.norm(a[0], 0), la.norm(a[0], 3), la.norm(a[0], -1.5),
            la.norm(a, axis=0), la.norm(a, 3, axis=1), la.norm(a, 0, axis=1),
            la.norm(a, np.inf, axis=1, keepdims=True))


# --- LU: solve, inv, det, slogdet, matrix_power --------------------------------------------

@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("n", [1, 2, 5, 16])
def test_solve_is_backward_stable(n, dtype):
    a, b, bm = crand(n, n, dtype=dtype), crand(n, dtype=dtype), crand(n, 3, dtype=dtype)
    eps = EPS32 if dtype == np.complex64 else EPS
    for rhs in (b, bm):
        x = compiled(solve)(a, rhs)
        want = np.linalg.solve(a, rhs)
        same_kind(x, want)
        a64, x64, r64 = (v.astype(np.complex128) for v in (a, x, rhs))
        r = np.abs(a64 @ x64 - r64).max() / (np.abs(a64).max() * np.abs(x64).max() * n
                                             + np.abs(r64).max())
        assert r < 8 * eps, r
        np.testing.assert_allclose(x, want, rtol=tol_of(dtype) * 10, atol=tol_of(dtype))


def test_solve_mixed_dtypes_follow_numpy():
    a = crand(4, 4)
    r = RNG.standard_normal((4, 4))
    cases = [(a, r[:, 0].copy()), (r, a[:, 0].copy()), (a.astype(np.complex64), r[0].astype(np.float32)),
             (a.astype(np.complex64), r[0].copy()), (r.astype(np.float32), a[0].astype(np.complex64)),
             ((r * 10).astype(np.int64), a[:, :2].copy())]
    for args in cases:
        got, want = compiled(solve)(*args), solve(*args)
        same_kind(got, want)
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
def test_inv_det_slogdet(dtype):
    for n in (0, 1, 2, 5, 12):
        a = crand(n, n, dtype=dtype)
        x = compiled(inv)(a)
        same_kind(x, inv(a))
        if n:
            a64 = a.astype(np.complex128)
            bound = 50 * n * (EPS32 if dtype == np.complex64 else EPS) * np.linalg.cond(a64)
            assert np.abs(a64 @ x - np.eye(n)).max() < bound
        d, want = compiled(det)(a), det(a)
        same_kind(d, want)
        assert type(d) is type(want)
        assert np.isclose(d, want, rtol=tol_of(dtype), atol=0)
        s, ld = compiled(slogdet)(a)
        ws, wl = slogdet(a)
        same_kind((s, ld), (ws, wl))
        assert abs(s - ws) < 10 * tol_of(dtype) and np.isclose(ld, wl, rtol=tol_of(dtype),
                                                                   atol=tol_of(dtype))
        assert abs(abs(s) - 1) < 10 * (EPS32 if dtype == np.complex64 else EPS)


def test_singular_and_shape_errors_as_numpy():
    s = np.array([[1 + 1j, 2 + 2j], [2 - 1j, 1 + 3j]])
    s[1] = (1 - 2j) * s[0]  # rank one
    z = np.zeros((3, 3), dtype=np.complex64)
    for fn, args in ((solve, (z, np.ones(3))), (inv, (z,)), (solve, (s, np.ones(2))),
                     (inv, (s,))):
        with pytest.raises(np.linalg.LinAlgError) as got:
            compiled(fn)(*args)
        with pytest.raises(np.linalg.LinAlgError) as want:
            fn(*args)
        assert str(got.value) == str(want.value) == "Singular matrix"
        assert any("test_complex.py" in n for n in got.value.__notes__)
    for m in (s, z):
        sg, ld = compiled(slogdet)(m)
        wsg, wld = slogdet(m)
        same_kind((sg, ld), (wsg, wld))
        assert sg == wsg == 0 and ld == wld == -np.inf
        assert compiled(det)(m) == 0
    cases = [(det, (np.ones((2, 3), dtype=complex),)), (inv, (np.ones((3, 2), dtype=np.complex64),)),
             (det, (np.ones(3, dtype=complex),)), (solve, (np.eye(3, dtype=complex), np.ones(4))),
             (solve, (np.eye(3), np.ones((4, 2), dtype=complex))),
             (cholesky, (np.ones((2, 3), dtype=complex),)),
             (eig, (np.ones((2, 3), dtype=complex),)), (eigh, (np.ones((2, 3), dtype=complex),))]
    for fn, args in cases:
        with pytest.raises(Exception) as want:
            fn(*args)
        with pytest.raises(Exception) as got:
            compiled(fn)(*args)
        assert type(got.value) is type(want.value), (fn.__name__, got.value)
        assert str(got.value) == str(want.value)


def test_matrix_power():
    a = crand(4, 4) / 2
    for n in (0, 1, 3, 6, -1, -3):
        got, want = compiled(power)(a, n), power(a, n)
        same_kind(got, want)
        np.testing.assert_allclose(got, want, rtol=1e-11, atol=1e-12)
    got = compiled(power)(a.astype(np.complex64), 2)
    same_kind(got, power(a.astype(np.complex64), 2))


# --- Cholesky, QR --------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("n", [1, 2, 6, 12])
def test_cholesky_matches_lapack(n, dtype):
    a = hpd(n, dtype)
    low, up = compiled(cholesky)(a)
    wl, wu = cholesky(a)
    same_kind((low, up), (wl, wu))
    np.testing.assert_allclose(low, wl, rtol=tol_of(dtype), atol=tol_of(dtype))
    np.testing.assert_allclose(up, wu, rtol=tol_of(dtype), atol=tol_of(dtype))
    assert np.all(np.triu(low, 1) == 0) and np.all(np.imag(np.diag(low)) == 0)
    a64 = a.astype(np.complex128)
    eps = EPS32 if dtype == np.complex64 else EPS
    assert np.abs(low @ low.conj().T - a64).max() < 10 * n * eps * np.abs(a64).max()


def test_cholesky_reads_one_triangle_and_refuses_non_positive_definite():
    a = hpd(4)
    junk = a.copy()
    junk[np.triu_indices(4, 1)] = 99 + 7j  # lower=True reads the lower triangle only
    np.testing.assert_allclose(compiled(cholesky_lower)(junk), np.linalg.cholesky(junk),
                               rtol=1e-12, atol=1e-13)
    for m in (-np.eye(2, dtype=complex), np.array([[1, 2j], [-2j, 1]])):
        with pytest.raises(np.linalg.LinAlgError) as got:
            compiled(cholesky)(m)
        with pytest.raises(np.linalg.LinAlgError) as want:
            cholesky(m)
        assert str(got.value) == str(want.value) == "Matrix is not positive definite"


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("shape", [(1, 1), (4, 4), (7, 3), (3, 7)])
def test_qr_matches_lapack(shape, dtype):
    a = crand(*shape, dtype=dtype)
    for fn in (qr, qr_complete, qr_r):
        got, want = compiled(fn)(a), fn(a)
        same_kind(got, want if fn is qr_r else tuple(want))
        if fn is qr_r:
            np.testing.assert_allclose(got, want, rtol=tol_of(dtype), atol=tol_of(dtype))
            continue
        q, r = got
        np.testing.assert_allclose(q, want[0], rtol=tol_of(dtype), atol=tol_of(dtype))
        np.testing.assert_allclose(r, want[1], rtol=tol_of(dtype), atol=tol_of(dtype))
        eps = EPS32 if dtype == np.complex64 else EPS
        assert unitary_err(q.astype(np.complex128)) < 10 * max(shape) * eps
        assert np.abs(q @ r - a).max() < 10 * max(shape) * eps * np.abs(a).max()
        assert np.all(np.imag(np.diag(r)) == 0)


# --- eigh, svd and what is built on it -------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("n", [1, 2, 5, 16])
def test_eigh_hermitian(n, dtype):
    a = hermitian(n, dtype)
    w, v = compiled(eigh)(a)
    ww, wv = eigh(a)
    same_kind((w, v), tuple((ww, wv)))
    scale = max(np.abs(ww).max(), 1.0)
    np.testing.assert_allclose(w, ww, rtol=0, atol=(1e-12 if dtype == np.complex128 else 1e-5)
                               * scale)
    a64, v64 = a.astype(np.complex128), v.astype(np.complex128)
    eps = EPS32 if dtype == np.complex64 else EPS
    assert unitary_err(v64) < 20 * n * eps
    assert np.abs(a64 @ v64 - v64 * w.astype(np.float64)).max() < 20 * n * eps * scale
    got = compiled(eigvalsh)(a)
    same_kind(got, eigvalsh(a))
    np.testing.assert_allclose(got, w, rtol=0, atol=10 * n * eps * scale)


def test_eigh_reads_the_requested_triangle():
    a = hermitian(5)
    junk = a.copy()
    junk[np.tril_indices(5, -1)] = 5 - 3j
    junk[np.diag_indices(5)] += 1j  # the diagonal's imaginary part is ignored, as LAPACK
    w, v = compiled(eigh_upper)(junk)
    np.testing.assert_allclose(w, np.linalg.eigh(junk, UPLO="U")[0], rtol=0, atol=1e-12)
    assert np.abs(a @ v - v * w).max() < 1e-12


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("shape", [(1, 1), (5, 5), (8, 3), (3, 8)])
def test_svd(shape, dtype):
    a = crand(*shape, dtype=dtype)
    eps = EPS32 if dtype == np.complex64 else EPS
    for fn in (svd, svd_thin):
        u, s, vh = compiled(fn)(a)
        same_kind((u, s, vh), tuple(fn(a)))
        np.testing.assert_allclose(s, np.linalg.svd(a, compute_uv=False), rtol=0,
                                   atol=(1e-12 if dtype == np.complex128 else 1e-5) * s.max())
        k = s.shape[0]
        a64 = a.astype(np.complex128)
        back = (u[:, :k].astype(np.complex128) * s) @ vh[:k].astype(np.complex128)
        assert np.abs(back - a64).max() < 20 * max(shape) * eps * s.max()
        assert unitary_err(u.astype(np.complex128)) < 20 * max(shape) * eps
        assert unitary_err(vh.conj().T.astype(np.complex128)) < 20 * max(shape) * eps
    got = compiled(svd_values)(a)
    same_kind(got, svd_values(a))


def test_lstsq_pinv_rank_cond():
    for shape in ((6, 3), (3, 6), (4, 4)):
        a = crand(*shape)
        for b in (crand(shape[0]), crand(shape[0], 2), RNG.standard_normal(shape[0])):
            got, want = compiled(lstsq)(a, b), lstsq(a, b)
            same_kind(got[:2] + got[3:], want[:2] + want[3:])
            np.testing.assert_allclose(got[0], want[0], rtol=1e-10, atol=1e-12)
            np.testing.assert_allclose(got[1], want[1], rtol=1e-10, atol=1e-12)
            assert got[2] == want[2]
            np.testing.assert_allclose(got[3], want[3], rtol=1e-12, atol=1e-13)
        p = compiled(pinv)(a)
        same_kind(p, pinv(a))
        np.testing.assert_allclose(p, pinv(a), rtol=1e-10, atol=1e-12)
        assert compiled(rank)(a) == rank(a)
    low = crand(5, 2) @ crand(2, 5)  # rank 2
    assert compiled(rank)(low) == rank(low) == 2
    np.testing.assert_allclose(compiled(pinv)(low), pinv(low), rtol=1e-8, atol=1e-10)
    a = crand(4, 4)
    got, want = compiled(cond)(a), cond(a)
    np.testing.assert_allclose(got, want, rtol=1e-10)
    same_kind(compiled(pinv)(a.astype(np.complex64)), pinv(a.astype(np.complex64)))


# --- norms --------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
def test_norms(dtype):
    a = crand(5, 3, dtype=dtype)
    a[1, 1] = 0
    for fn in (matrix_norms, vector_norms):
        got, want = compiled(fn)(a), fn(a)
        same_kind(got, want)
        for g, w in zip(got, want):
            np.testing.assert_allclose(g, w, rtol=10 * (EPS32 if dtype == np.complex64
                                                         else EPS) * 8, atol=0)


# --- eig, eigvals (py2wasm/linalg/ceig.py) ---------------------------------------------------

def match_order(got, want):
    """Indices into want of the eigenvalues nearest to got's."""
    return np.array([np.argmin(np.abs(want - g)) for g in got], dtype=np.int64)


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("n", [1, 2, 3, 6, 20])
def test_eig_complex_matches_zgeev(n, dtype):
    a = crand(n, n, dtype=dtype)
    w, v = compiled(eig)(a)
    ww, wv = eig(a)
    same_kind((w, v), (ww, wv))
    eps = EPS32 if dtype == np.complex64 else EPS
    a64, v64 = a.astype(np.complex128), v.astype(np.complex128)
    scale = np.abs(a64).max()
    assert np.abs(a64 @ v64 - v64 * w.astype(np.complex128)).max() < 50 * n * eps * scale
    np.testing.assert_allclose(np.linalg.norm(v64, axis=0), 1, atol=10 * n * eps)
    idx = match_order(w, ww)
    assert sorted(idx) == list(range(n))
    tol = (1e-12 if dtype == np.complex128 else 1e-5) * max(scale, 1) * n
    np.testing.assert_allclose(w, ww[idx], rtol=0, atol=tol)
    # zgeev's normalization (unit norm, largest component real) makes distinct
    # eigenvalues' vectors unique: they equal LAPACK's
    np.testing.assert_allclose(v, wv[:, idx], rtol=0, atol=1e3 * tol)
    got = compiled(eigvals)(a)
    same_kind(got, eigvals(a))
    np.testing.assert_allclose(got, w, rtol=0, atol=tol)


def test_eig_special_matrices():
    for a in (np.diag([1 + 1j, 2, 1 + 1j]), np.array([[2, 1, 0], [0, 2, 1], [0, 0, 2]], complex),
              hermitian(6), np.zeros((3, 3), complex), np.zeros((0, 0), complex),
              np.triu(crand(5, 5))):
        w, v = compiled(eig)(a)
        ww = np.linalg.eigvals(a)
        idx = match_order(w, ww)
        np.testing.assert_allclose(w, ww[idx], rtol=0, atol=1e-7)  # defective: ~sqrt(eps)
        assert np.abs(a @ v - v * w).max(initial=0) < 1e-7
    with pytest.raises(np.linalg.LinAlgError) as got:
        compiled(eig)(np.array([[1, np.nan], [0, 1]], complex))
    with pytest.raises(np.linalg.LinAlgError) as want:
        eig(np.array([[1, np.nan], [0, 1]], complex))
    assert str(got.value) == str(want.value)


# --- stacks of complex matrices -------------------------------------------------------------

def stack_all(a, b, h):
    la = np.linalg
    return (la.det(a), la.slogdet(a), la.inv(a), la.solve(a, b), la.solve(a, b[0, :, 0]),
            la.cholesky(h), la.qr(a), la.eigh(h), la.svd(a), la.matrix_power(a, 3),
            la.matrix_power(a, -1), la.eig(a), la.eigvals(a), la.norm(a, axis=(2, 3)),
            la.norm(a, 2, axis=(-2, -1)), la.norm(a, 1, axis=(1, 3)))


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
def test_stacks(dtype):
    a = crand(2, 3, 4, 4, dtype=dtype)
    b = crand(3, 4, 2, dtype=dtype)
    h = a @ np.swapaxes(a.conj(), -1, -2) + 4 * np.eye(4, dtype=dtype)
    got, want = compiled(stack_all)(a, b, h), stack_all(a, b, h)
    flat_got = [x for g in got for x in (g if isinstance(g, tuple) else (g,))]
    flat_want = [x for w in want for x in (tuple(w) if isinstance(w, tuple) else (w,))]
    assert len(flat_got) == len(flat_want)
    tol = tol_of(dtype) * 10
    for i, (g, w) in enumerate(zip(flat_got, flat_want)):
        assert g.dtype == w.dtype and g.shape == w.shape, i
    # unique results equal NumPy's; the others by their defining identities
    for i in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 14, 15, 19, 20, 21):
        np.testing.assert_allclose(flat_got[i], flat_want[i], rtol=tol, atol=tol, err_msg=str(i))
    w, v = flat_got[9], flat_got[10]  # eigh of h
    assert np.abs(h @ v - v * w[..., None, :]).max() < tol * np.abs(h).max()
    u, s, vh = flat_got[11:14]
    assert np.abs((u * s[..., None, :]) @ vh - a).max() < tol * np.abs(a).max()
    ew, ev = flat_got[16], flat_got[17]
    assert np.abs(a @ ev - ev * ew[..., None, :]).max() < tol * np.abs(a).max()
    np.testing.assert_array_equal(flat_got[18], ew)
    for i in range(2):
        for j in range(3):
            idx = match_order(ew[i, j], flat_want[16][i, j])
            np.testing.assert_allclose(ew[i, j], flat_want[16][i, j][idx], rtol=tol, atol=tol)


def test_stack_errors_as_numpy():
    a = crand(2, 3, 3)
    a[1] = 0
    for fn in (inv, det):
        try:
            want = fn(a)
        except np.linalg.LinAlgError as e:
            with pytest.raises(np.linalg.LinAlgError) as got:
                compiled(fn)(a)
            assert str(got.value) == str(e)
        else:
            same_kind(compiled(fn)(a), want)


# --- hypothesis ---------------------------------------------------------------------------

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.data())
def test_hypothesis_solve_det_eig(n, data):
    re = np.array(data.draw(st.lists(finite, min_size=n * n, max_size=n * n)))
    im = np.array(data.draw(st.lists(finite, min_size=n * n, max_size=n * n)))
    a = (re + 1j * im).reshape(n, n) + 1e3 * np.eye(n)  # keep it well conditioned
    b = a[:, 0] * (1 - 1j)
    x = compiled(solve)(a, b)
    assert np.abs(a @ x - b).max() <= 16 * EPS * (np.abs(a).max() * np.abs(x).max() * n
                                                  + np.abs(b).max())
    assert np.isclose(compiled(det)(a), np.linalg.det(a), rtol=1e-9, atol=0)
    w = compiled(eigvals)(a)
    ww = np.linalg.eigvals(a)
    d = np.abs(w[:, None] - ww[None, :])
    # a nearly defective matrix ([[1e3, 3e-150j], [3+3j, 1e3]]: a double eigenvalue split
    # by a tiny coupling) moves its eigenvalues by ~sqrt(eps)*|a| under rounding, in
    # LAPACK's answer as in ours (the eigenvalue condition number is unbounded)
    assert d.min(axis=1).max() < np.sqrt(EPS) * np.abs(a).max()
