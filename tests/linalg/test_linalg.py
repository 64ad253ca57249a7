"""numpy.linalg in compiled code (py2wasm/linalg, traced through
frontend/linalg_calls.py), run as wasm and checked against NumPy the way a
numerical analyst would: residuals relative to the data's norms near machine
epsilon (backward stability), orthogonality of Q/U/V, reconstruction of A,
and NumPy's values where they are unique (eigen- and singular values, and
QR/Cholesky, whose sign conventions we share with LAPACK). Well-conditioned,
ill-conditioned (Hilbert) and singular inputs; float64, float32 and int
inputs; NumPy's exceptions and messages; unsupported uses refused with a
located CompileError."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm
from py2wasm import CompileError

EPS = np.finfo(np.float64).eps
RNG = np.random.default_rng(20261206)


def hilbert(n):
    i = np.arange(n)
    return 1.0 / (i[:, None] + i[None, :] + 1.0)


def rand(*shape, dtype=np.float64):
    return RNG.standard_normal(shape).astype(dtype)


def spd(n):
    a = rand(n, n)
    return a @ a.T + n * np.eye(n)


def sym(n):
    a = rand(n, n)
    return (a + a.T) / 2


def ortho_err(q):
    k = q.shape[1]
    return np.abs(q.T @ q - np.eye(k)).max() if k else 0.0


_COMPILED: dict = {}


def compiled(fn):
    if fn not in _COMPILED:
        _COMPILED[fn] = py2wasm.compile(fn)
    return _COMPILED[fn]


# --- the user functions -------------------------------------------------------------------

def solve(a, b):
    return np.linalg.solve(a, b)


def inv(a):
    return np.linalg.inv(a)


def det(a):
    return np.linalg.det(a)


def slogdet(a):
    return np.linalg.slogdet(a)


def cholesky(a):
    return np.linalg.cholesky(a)


def cholesky_upper(a):
    return np.linalg.cholesky(a, upper=True)


def qr(a):
    return np.linalg.qr(a)


def qr_complete(a):
    return np.linalg.qr(a, mode="complete")


def qr_r(a):
    return np.linalg.qr(a, mode="r")


def eigh(a):
    return np.linalg.eigh(a)


def eigh_upper(a):
    return np.linalg.eigh(a, UPLO="U")


def eigvalsh(a):
    return np.linalg.eigvalsh(a)


def svd(a):
    return np.linalg.svd(a)


def svd_thin(a):
    return np.linalg.svd(a, full_matrices=False)


def svd_values(a):
    return np.linalg.svd(a, compute_uv=False)


def lstsq(a, b):
    return np.linalg.lstsq(a, b)


def rank(a):
    return np.linalg.matrix_rank(a)


def pinv(a):
    return np.linalg.pinv(a)


def cond(a):
    return np.linalg.cond(a)


def power3(a):
    return np.linalg.matrix_power(a, 3)


def power_neg2(a):
    return np.linalg.matrix_power(a, -2)


def power_n(a, n):
    return np.linalg.matrix_power(a, n)


# --- LU: solve, inv, det, slogdet ---------------------------------------------------------

@pytest.mark.parametrize("n", [1, 2, 3, 7, 24])
def test_solve_is_backward_stable(n):
    a, b, bm = rand(n, n), rand(n), rand(n, 3)
    for rhs in (b, bm):
        x = compiled(solve)(a, rhs)
        want = np.linalg.solve(a, rhs)
        assert x.shape == want.shape and x.dtype == want.dtype
        r = np.abs(a @ x - rhs).max() / (np.abs(a).max() * np.abs(x).max() * n + np.abs(rhs).max())
        assert r < 8 * EPS, r
        np.testing.assert_allclose(x, want, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("n", [6, 8, 10])
def test_solve_ill_conditioned_hilbert_small_residual(n):
    a = hilbert(n)
    b = a @ np.ones(n)
    x = compiled(solve)(a, b)
    assert np.abs(a @ x - b).max() / (np.abs(a).max() * np.abs(x).max()) < 16 * EPS
    # forward error bounded by the condition number, as for LAPACK
    cnd = np.linalg.cond(a)
    assert np.abs(x - 1).max() < 100 * cnd * EPS


def test_solve_inv_det_dtypes():
    a64 = rand(5, 5)
    for a in (a64.astype(np.float32), (a64 * 10).astype(np.int64), (a64 * 10).astype(np.int32)):
        b = np.arange(5).astype(a.dtype)
        for fn, args in ((solve, (a, b)), (inv, (a,))):
            got, want = compiled(fn)(*args), fn(*args)
            assert got.dtype == want.dtype, (fn.__name__, a.dtype)
            tol = 1e-4 if a.dtype == np.float32 else 1e-9
            np.testing.assert_allclose(got, want, rtol=tol, atol=tol)
        d = compiled(det)(a)
        assert np.isclose(d, np.linalg.det(a), rtol=1e-4 if a.dtype == np.float32 else 1e-10)
    # float32 results are float32-rounded values
    d32 = compiled(det)(a64.astype(np.float32))
    assert np.float32(d32) == d32


def test_inv_and_det_values():
    for n in (1, 2, 5, 12):
        a = rand(n, n)
        x = compiled(inv)(a)
        assert np.abs(a @ x - np.eye(n)).max() < 50 * n * EPS * np.linalg.cond(a)
        assert np.isclose(compiled(det)(a), np.linalg.det(a), rtol=1e-11)
        s, l = compiled(slogdet)(a)
        ws, wl = np.linalg.slogdet(a)
        assert s == ws and np.isclose(l, wl, rtol=1e-12)
    assert compiled(det)(np.zeros((0, 0))) == 1.0
    assert compiled(inv)(np.zeros((0, 0))).shape == (0, 0)
    p = np.array([[0.0, 1.0], [1.0, 0.0]])  # one row swap: det -1
    assert compiled(det)(p) == -1.0


def test_singular_inputs():
    s = np.array([[1.0, 2.0], [2.0, 4.0]])
    z = np.zeros((3, 3))
    for fn, args in ((solve, (z, np.ones(3))), (inv, (z,)), (solve, (s, np.ones(2))), (inv, (s,))):
        with pytest.raises(np.linalg.LinAlgError) as e:
            compiled(fn)(*args)
        with pytest.raises(np.linalg.LinAlgError) as want:
            fn(*args)
        assert str(e.value) == str(want.value) == "Singular matrix"
        # the exception names the user's line, not py2wasm's library
        assert any("test_linalg.py" in n for n in e.value.__notes__)
    assert compiled(det)(s) == 0.0 and compiled(det)(z) == 0.0
    assert compiled(slogdet)(z) == (0.0, -np.inf)


def test_shape_errors_as_numpy():
    cases = [(det, (np.ones((2, 3)),)), (inv, (np.ones((3, 2)),)), (det, (np.ones(3),)),
             (solve, (np.eye(3), np.ones(4))), (solve, (np.eye(3), np.ones((4, 2)))),
             (cholesky, (np.ones((2, 3)),))]
    for fn, args in cases:
        with pytest.raises(Exception) as want:
            fn(*args)
        with pytest.raises(Exception) as got:
            compiled(fn)(*args)
        assert type(got.value) is type(want.value), (fn.__name__, got.value)
        assert str(got.value) == str(want.value)


def test_stacks_and_complex_refused_with_location():
    # det & co. broadcast over stacks (tests/linalg/test_stacked.py); pinv does not yet
    with pytest.raises(CompileError) as e:
        compiled(pinv)(np.ones((2, 3, 3)))
    assert "numpy.linalg.pinv" in str(e.value) and "stack" in str(e.value)
    assert e.value.line is not None and e.value.file.endswith("test_linalg.py")


# --- Cholesky, QR -------------------------------------------------------------------------

@pytest.mark.parametrize("n", [1, 2, 5, 16])
def test_cholesky(n):
    a = spd(n)
    low = compiled(cholesky)(a)
    np.testing.assert_allclose(low, np.linalg.cholesky(a), rtol=1e-11, atol=1e-13)
    assert np.all(np.triu(low, 1) == 0)
    assert np.abs(low @ low.T - a).max() < 10 * n * EPS * np.abs(a).max()
    up = compiled(cholesky_upper)(a)
    np.testing.assert_allclose(up, np.linalg.cholesky(a, upper=True), rtol=1e-11, atol=1e-13)


def test_cholesky_not_positive_definite():
    for a in (-np.eye(2), np.array([[1.0, 2.0], [2.0, 1.0]]), np.zeros((1, 1))):
        with pytest.raises(np.linalg.LinAlgError) as got:
            compiled(cholesky)(a)
        with pytest.raises(np.linalg.LinAlgError) as want:
            np.linalg.cholesky(a)
        assert str(got.value) == str(want.value) == "Matrix is not positive definite"
    nan = np.array([[4.0, np.nan], [np.nan, 4.0]])  # NaN propagates, as in NumPy
    np.testing.assert_array_equal(compiled(cholesky)(nan), np.linalg.cholesky(nan))


@pytest.mark.parametrize("shape", [(1, 1), (4, 4), (6, 3), (3, 6), (9, 9)])
def test_qr(shape):
    a = rand(*shape)
    q, r = compiled(qr)(a)
    wq, wr = np.linalg.qr(a)
    assert q.shape == wq.shape and r.shape == wr.shape
    np.testing.assert_allclose(q, wq, rtol=1e-9, atol=1e-12)  # LAPACK's signs
    np.testing.assert_allclose(r, wr, rtol=1e-9, atol=1e-12)
    assert ortho_err(q) < 20 * EPS * max(shape)
    assert np.abs(q @ r - a).max() < 20 * EPS * max(shape) * np.abs(a).max()
    assert np.all(np.tril(r, -1) == 0)
    qc, rc = compiled(qr_complete)(a)
    assert qc.shape == (shape[0], shape[0]) and rc.shape == shape
    assert ortho_err(qc) < 20 * EPS * max(shape)
    assert np.abs(qc @ rc - a).max() < 20 * EPS * max(shape) * np.abs(a).max()
    np.testing.assert_allclose(compiled(qr_r)(a), wr, rtol=1e-9, atol=1e-12)


def test_qr_rank_deficient_and_float32():
    a = np.ones((4, 3))
    q, r = compiled(qr)(a)
    assert np.abs(q @ r - a).max() < 1e-14 and ortho_err(q) < 1e-14
    a32 = rand(5, 3, dtype=np.float32)
    q, r = compiled(qr)(a32)
    assert q.dtype == np.float32 and r.dtype == np.float32
    np.testing.assert_allclose(q @ r, a32, atol=1e-5)


# --- eigh, svd and what is built on the SVD --------------------------------------------------

@pytest.mark.parametrize("n", [1, 2, 5, 12])
def test_eigh(n):
    a = sym(n)
    w, v = compiled(eigh)(a)
    ww = np.linalg.eigvalsh(a)
    assert np.all(np.diff(w) >= 0)
    np.testing.assert_allclose(w, ww, rtol=1e-12, atol=1e-13 * np.abs(ww).max())
    assert np.abs(a @ v - v * w).max() < 50 * n * EPS * np.abs(a).max()
    assert ortho_err(v) < 50 * n * EPS
    np.testing.assert_allclose(compiled(eigvalsh)(a), ww, rtol=1e-12, atol=1e-13)


def test_eigh_reads_one_triangle():
    a = sym(4)
    lower_only = np.tril(a) + np.triu(np.full((4, 4), 99.0), 1)
    upper_only = np.triu(a) + np.tril(np.full((4, 4), 99.0), -1)
    np.testing.assert_allclose(compiled(eigh)(lower_only)[0], np.linalg.eigvalsh(a), atol=1e-13)
    np.testing.assert_allclose(compiled(eigh_upper)(upper_only)[0], np.linalg.eigvalsh(a),
                               atol=1e-13)


def test_eigh_repeated_and_ill_conditioned():
    w, v = compiled(eigh)(np.eye(3))
    assert np.all(w == 1.0) and ortho_err(v) == 0.0
    h = hilbert(8)
    w, v = compiled(eigh)(h)
    np.testing.assert_allclose(w, np.linalg.eigvalsh(h), atol=4 * EPS)
    assert np.abs(h @ v - v * w).max() < 100 * EPS


@pytest.mark.parametrize("shape", [(1, 1), (5, 3), (3, 5), (6, 6), (8, 2)])
def test_svd(shape):
    a = rand(*shape)
    u, s, vh = compiled(svd)(a)
    wu, ws, wvh = np.linalg.svd(a)
    assert u.shape == wu.shape and s.shape == ws.shape and vh.shape == wvh.shape
    np.testing.assert_allclose(s, ws, rtol=1e-12, atol=1e-13 * ws.max())
    assert ortho_err(u) < 50 * EPS * max(shape) and ortho_err(vh.T) < 50 * EPS * max(shape)
    k = len(s)
    assert np.abs((u[:, :k] * s) @ vh[:k] - a).max() < 50 * EPS * max(shape) * s.max()
    tu, ts, tvh = compiled(svd_thin)(a)
    assert tu.shape == (shape[0], k) and tvh.shape == (k, shape[1])
    assert np.abs((tu * ts) @ tvh - a).max() < 50 * EPS * max(shape) * s.max()
    np.testing.assert_allclose(compiled(svd_values)(a), ws, rtol=1e-12)


def test_svd_rank_deficient_completes_the_basis():
    a = np.outer(np.arange(1.0, 6.0), np.arange(1.0, 4.0))  # rank 1, 5 x 3
    u, s, vh = compiled(svd)(a)
    np.testing.assert_allclose(s, np.linalg.svd(a, compute_uv=False), atol=1e-13)
    assert ortho_err(u) < 1e-14 and ortho_err(vh.T) < 1e-14
    assert np.abs((u[:, :3] * s) @ vh - a).max() < 1e-13
    u, s, vh = compiled(svd)(np.zeros((3, 2)))
    assert np.all(s == 0) and ortho_err(u) < 1e-15 and ortho_err(vh.T) < 1e-15


@pytest.mark.parametrize("shape", [(8, 3), (3, 8), (5, 5)])
def test_lstsq(shape):
    a = rand(*shape)
    for b in (rand(shape[0]), rand(shape[0], 2)):
        x, res, rk, s = compiled(lstsq)(a, b)
        wx, wres, wrk, ws = np.linalg.lstsq(a, b)
        np.testing.assert_allclose(x, wx, rtol=1e-9, atol=1e-11)
        assert res.shape == wres.shape and rk == wrk
        np.testing.assert_allclose(res, wres, rtol=1e-8, atol=1e-12)
        np.testing.assert_allclose(s, ws, rtol=1e-12)


def test_lstsq_rank_deficient_minimum_norm():
    a = np.ones((4, 3))
    b = np.arange(4.0)
    x, res, rk, s = compiled(lstsq)(a, b)
    wx, wres, wrk, _ = np.linalg.lstsq(a, b)
    assert rk == wrk == 1 and res.shape == wres.shape == (0,)
    np.testing.assert_allclose(x, wx, atol=1e-13)


def test_rank_pinv_cond():
    a = np.outer(np.arange(1.0, 6.0), np.arange(1.0, 4.0)) + np.outer(np.ones(5), [1.0, 0, -1])
    assert compiled(rank)(a) == np.linalg.matrix_rank(a) == 2
    assert compiled(rank)(np.eye(4)) == 4 and compiled(rank)(np.zeros((2, 2))) == 0
    np.testing.assert_allclose(compiled(pinv)(a), np.linalg.pinv(a), atol=1e-12)
    b = rand(4, 4)
    np.testing.assert_allclose(compiled(cond)(b), np.linalg.cond(b), rtol=1e-10)
    np.testing.assert_allclose(compiled(cond)(hilbert(6)), np.linalg.cond(hilbert(6)), rtol=1e-6)


# --- norms ---------------------------------------------------------------------------------

def _norm_fn(ord, axis=None, keepdims=False):
    def fn(x):
        return np.linalg.norm(x, ord, axis, keepdims)
    fn.__name__ = f"norm_{ord}_{axis}_{keepdims}".replace("-", "m").replace(" ", "")
    return fn


VECTOR_ORDS = [None, 1, 2, np.inf, -np.inf, 0, 3, 0.5]
MATRIX_ORDS = [None, "fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf]


@pytest.mark.parametrize("ord", VECTOR_ORDS)
def test_vector_norms(ord):
    v = np.array([3.0, -4.0, 0.5, 0.0, 2.0])
    got = py2wasm.compile(_norm_fn(ord))(v)
    assert np.isclose(got, np.linalg.norm(v, ord), rtol=1e-14)


@pytest.mark.parametrize("ord", MATRIX_ORDS)
def test_matrix_norms(ord):
    m = rand(4, 3)
    got = py2wasm.compile(_norm_fn(ord))(m)
    assert np.isclose(got, np.linalg.norm(m, ord), rtol=1e-12)


@pytest.mark.parametrize("ord,axis,keepdims", [(None, 0, False), (None, 1, True), (1, 1, False),
                                               (np.inf, 0, False), (2, -1, False),
                                               ("fro", (0, 1), False), (None, (1, 0), True),
                                               (1, (0, 1), False), (np.inf, (1, 0), False)])
def test_norms_along_axes(ord, axis, keepdims):
    m = rand(3, 4)
    got = py2wasm.compile(_norm_fn(ord, axis, keepdims))(m)
    want = np.linalg.norm(m, ord, axis, keepdims)
    assert np.shape(got) == np.shape(want)
    np.testing.assert_allclose(got, want, rtol=1e-13)


def test_norm_dtypes_and_errors():
    assert py2wasm.compile(_norm_fn(None))(np.arange(5)) == np.linalg.norm(np.arange(5))
    v32 = np.array([3, 4], dtype=np.float32)
    got = py2wasm.compile(_norm_fn(1))(v32)
    assert got == 7.0
    for ord, x in (("fro", np.ones(3)), (3, np.ones((2, 2)))):
        with pytest.raises(ValueError) as want:
            np.linalg.norm(x, ord)
        with pytest.raises(ValueError) as got:
            py2wasm.compile(_norm_fn(ord))(x)
        assert str(got.value) == str(want.value)


# --- matrix_power ---------------------------------------------------------------------------

def test_matrix_power():
    ai = np.array([[1, 1], [1, 0]], dtype=np.int64)
    got = compiled(power3)(ai)
    assert got.dtype == np.int64 and np.array_equal(got, np.linalg.matrix_power(ai, 3))
    af = rand(4, 4)
    np.testing.assert_allclose(compiled(power3)(af), np.linalg.matrix_power(af, 3), rtol=1e-12)
    np.testing.assert_allclose(compiled(power_neg2)(af), np.linalg.matrix_power(af, -2),
                               rtol=1e-8)
    for n in (0, 1, 2, 5, 8, -1, -3):
        np.testing.assert_allclose(compiled(power_n)(af, n), np.linalg.matrix_power(af, n),
                                   rtol=1e-8, atol=1e-12)


# --- linked only when used --------------------------------------------------------------------

def test_module_holds_only_the_routines_it_uses():
    text = compiled(solve).ir
    assert "lu_factor" in text
    for other in ("jacobi", "householder", "cholesky"):
        assert other not in text
