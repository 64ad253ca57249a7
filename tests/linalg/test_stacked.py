"""Stacks of matrices (leading batch axes) through numpy.linalg in compiled
code (py2wasm/linalg/stacked.py, norms over a stack's axes in norms.py),
against NumPy: shapes and dtypes exactly, values residual-based per matrix
(backward error of solve, reconstruction and orthogonality for QR, eigh and
SVD; eigen/singular values and unique factors against NumPy), NumPy's
exceptions when any matrix of the stack is singular or not positive
definite, empty stacks, and the refusals that remain."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm
from py2wasm import CompileError

EPS = np.finfo(np.float64).eps
RNG = np.random.default_rng(1206)


def rand(*shape, dtype=np.float64):
    return RNG.standard_normal(shape).astype(dtype)


def spd_stack(*shape):
    a = rand(*shape)
    n = shape[-1]
    return a @ np.swapaxes(a, -1, -2) + n * np.eye(n)


def sym_stack(*shape):
    a = rand(*shape)
    return (a + np.swapaxes(a, -1, -2)) / 2


_C: dict = {}


def compiled(fn):
    if fn not in _C:
        _C[fn] = py2wasm.compile(fn)
    return _C[fn]


def det(a): return np.linalg.det(a)
def slogdet(a): return np.linalg.slogdet(a)
def inv(a): return np.linalg.inv(a)
def solve(a, b): return np.linalg.solve(a, b)
def cholesky(a): return np.linalg.cholesky(a), np.linalg.cholesky(a, upper=True)
def qr(a): return np.linalg.qr(a)
def qr_complete(a): return np.linalg.qr(a, mode="complete")
def qr_r(a): return np.linalg.qr(a, mode="r")
def eigh(a): return np.linalg.eigh(a)
def eigvalsh(a): return np.linalg.eigvalsh(a, UPLO="U")
def svd(a): return np.linalg.svd(a)
def svd_thin(a): return np.linalg.svd(a, full_matrices=False)
def svd_values(a): return np.linalg.svd(a, compute_uv=False)
def power(a, n: int): return np.linalg.matrix_power(a, n)


def same_layout(got, want):
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape and got.dtype == want.dtype, (got.shape, got.dtype,
                                                                 want.shape, want.dtype)


SHAPES = [(3, 4, 4), (2, 3, 5, 5), (1, 1, 1), (0, 3, 3), (4, 2, 2)]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64])
def test_det_inv_slogdet(shape, dtype):
    a = (rand(*shape) * 2).astype(dtype) + (10 * np.eye(shape[-1])).astype(dtype)
    d, want = compiled(det)(a), det(a)
    same_layout(d, want)
    np.testing.assert_allclose(d, want, rtol=1e-12 if dtype != np.float32 else 1e-5)
    s, ld = compiled(slogdet)(a)
    ws, wld = slogdet(a)
    same_layout(s, ws), same_layout(ld, wld)
    assert np.array_equal(s, ws)
    np.testing.assert_allclose(ld, wld, rtol=1e-12 if dtype != np.float32 else 1e-5)
    x = compiled(inv)(a)
    same_layout(x, inv(a))
    af = a.astype(np.float64)
    tol = (1e3 if dtype != np.float32 else 1e11) * EPS
    if a.size:
        res = np.abs(af @ x - np.eye(shape[-1])).max(axis=(-2, -1))
        assert (res <= tol * np.linalg.cond(af)).all()


@pytest.mark.parametrize("ashape,bshape", [((3, 4, 4), (4,)), ((3, 4, 4), (3, 4, 2)),
                                           ((2, 1, 3, 3), (5, 3, 1)), ((3, 3), (2, 3, 4)),
                                           ((2, 3, 3), (3, 2)), ((0, 2, 2), (2,))])
def test_solve_broadcasts_batches(ashape, bshape):
    a = rand(*ashape) + 3 * np.eye(ashape[-1])
    b = rand(*bshape)
    x, want = compiled(solve)(a, b), solve(a, b)
    same_layout(x, want)
    if x.size:
        bb = b[..., None] if b.ndim == 1 else b
        xx = x[..., None] if b.ndim == 1 else x
        r = np.abs(a @ xx - bb).max() / (np.abs(a).max() * np.abs(xx).max())
        assert r < 100 * EPS
        np.testing.assert_allclose(x, want, rtol=1e-10, atol=1e-12)


def test_solve_float32_and_ints():
    a = (rand(2, 3, 3) + 3 * np.eye(3)).astype(np.float32)
    b = rand(2, 3, 2).astype(np.float32)
    same_layout(compiled(solve)(a, b), solve(a, b))
    np.testing.assert_allclose(compiled(solve)(a, b), solve(a, b), rtol=1e-4, atol=1e-5)
    ai = np.array([[[2, 1], [1, 3]], [[4, 0], [0, 2]]])
    same_layout(compiled(solve)(ai, ai), solve(ai, ai))
    np.testing.assert_allclose(compiled(solve)(ai, ai), solve(ai, ai), atol=1e-14)


@pytest.mark.parametrize("shape", [(3, 4, 4), (2, 2, 3, 3), (0, 2, 2)])
def test_cholesky_stack(shape):
    a = spd_stack(*shape)
    (lo, up), (wlo, wup) = compiled(cholesky)(a), cholesky(a)
    same_layout(lo, wlo), same_layout(up, wup)
    np.testing.assert_allclose(lo, wlo, rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(up, wup, rtol=1e-12, atol=1e-13)


@pytest.mark.parametrize("shape", [(3, 5, 3), (2, 3, 5), (2, 2, 4, 4), (0, 3, 2)])
def test_qr_stack(shape):
    a = rand(*shape)
    q, r = compiled(qr)(a)
    wq, wr = qr(a)
    same_layout(q, wq), same_layout(r, wr)
    np.testing.assert_allclose(q @ r, a, atol=1e-13)
    np.testing.assert_allclose(r, wr, atol=1e-12)   # LAPACK's sign conventions
    qc, rc = compiled(qr_complete)(a)
    wqc, wrc = qr_complete(a)
    same_layout(qc, wqc), same_layout(rc, wrc)
    np.testing.assert_allclose(qc @ rc, a, atol=1e-13)
    k = qc.shape[-1]
    if qc.size:
        assert np.abs(np.swapaxes(qc, -1, -2) @ qc - np.eye(k)).max() < 1e-14
    rr = compiled(qr_r)(a)
    same_layout(rr, qr_r(a))
    np.testing.assert_allclose(rr, wr if shape[-2] <= shape[-1] else qr_r(a), atol=1e-12)


@pytest.mark.parametrize("shape", [(3, 4, 4), (2, 2, 3, 3), (1, 1, 1), (0, 2, 2)])
def test_eigh_stack(shape):
    a = sym_stack(*shape)
    w, v = compiled(eigh)(a)
    ww, wv = eigh(a)
    same_layout(w, ww), same_layout(v, wv)
    np.testing.assert_allclose(w, ww, atol=1e-13)
    np.testing.assert_allclose(a @ v, v * w[..., None, :], atol=1e-13)
    vals = compiled(eigvalsh)(a)
    same_layout(vals, eigvalsh(a))
    np.testing.assert_allclose(vals, eigvalsh(a), atol=1e-13)


@pytest.mark.parametrize("shape", [(3, 5, 3), (2, 3, 5), (2, 2, 4, 4), (0, 2, 3)])
def test_svd_stack(shape):
    a = rand(*shape)
    s, ws = compiled(svd_values)(a), svd_values(a)
    same_layout(s, ws)
    np.testing.assert_allclose(s, ws, atol=1e-13)
    for fn in (svd, svd_thin):
        u, s, vh = compiled(fn)(a)
        wu, _, wvh = fn(a)
        same_layout(u, wu), same_layout(vh, wvh)
        k = s.shape[-1]
        np.testing.assert_allclose((u[..., :k] * s[..., None, :]) @ vh[..., :k, :], a, atol=1e-13)
        if u.size:
            assert np.abs(np.swapaxes(u, -1, -2) @ u - np.eye(u.shape[-1])).max() < 1e-13
        if vh.size:
            assert np.abs(vh @ np.swapaxes(vh, -1, -2) - np.eye(vh.shape[-2])).max() < 1e-13


@pytest.mark.parametrize("n", [0, 1, 2, 3, -1, -2])
def test_matrix_power_stack(n):
    a = rand(2, 3, 3) + 2 * np.eye(3)
    got, want = compiled(power)(a, n), power(a, n)
    same_layout(got, want)
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
    ai = RNG.integers(-3, 4, size=(2, 2, 2))
    if n >= 0:  # an int stack's power keeps its dtype (n known: a negative one is a float inv)
        def power_k(a):
            return np.linalg.matrix_power(a, n)
        got, want = py2wasm.compile(power_k)(ai), power_k(ai)
        same_layout(got, want)
        assert np.array_equal(got, want)


def _norm(ord, axis, keepdims=False):
    def fn(x):
        return np.linalg.norm(x, ord, axis, keepdims)
    fn.__name__ = f"norm_{ord}_{axis}_{keepdims}".replace("-", "m").replace(" ", "")
    return fn


@pytest.mark.parametrize("ord,axis,keepdims", [
    (None, (1, 2), False), ("fro", (0, 2), True), (1, (1, 2), False), (1, (2, 0), True),
    (-1, (0, 1), False), (np.inf, (1, 2), False), (np.inf, (2, 1), True), (-np.inf, (0, 2), False),
    (2, (1, 2), False), (-2, (2, 1), False), ("nuc", (-2, -1), True), (None, -1, False),
    (np.inf, 1, True), (3, 0, False)])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_norm_of_stacks(ord, axis, keepdims, dtype):
    x = rand(3, 4, 5, dtype=dtype)
    fn = _norm(ord, axis, keepdims)
    got, want = py2wasm.compile(fn)(x), fn(x)
    same_layout(got, want)
    np.testing.assert_allclose(got, want, rtol=1e-12 if dtype == np.float64 else 1e-5)


def test_errors_in_a_stack_as_numpy():
    sing = np.stack([np.eye(3), np.zeros((3, 3))])
    notpd = np.stack([np.eye(2), -np.eye(2)])
    cases = [(inv, (sing,)), (solve, (sing, np.ones(3))), (cholesky, (notpd,)),
             (det, (np.ones((2, 2, 3)),)), (inv, (np.ones((2, 3, 2)),)),
             (solve, (np.ones((2, 3, 3)), np.ones(4))), (solve, (np.ones((2, 3, 3)), np.ones((2, 2)))),
             (eigh, (np.ones((2, 2, 3)),))]
    for fn, args in cases:
        with pytest.raises(Exception) as want:
            fn(*args)
        with pytest.raises(Exception) as got:
            compiled(fn)(*args)
        assert type(got.value) is type(want.value), (fn.__name__, got.value)
        assert str(got.value) == str(want.value)
    assert compiled(det)(sing)[1] == 0.0


def test_unbroadcast_stacks_refused_with_location():
    def lstsq3(a, b):
        return np.linalg.lstsq(a, b)

    def nuc_front(x):
        return np.linalg.norm(x, "nuc", (0, 1))
    for fn, args in ((lstsq3, (np.ones((2, 3, 3)), np.ones((2, 3)))), (nuc_front, (np.ones((2, 3, 4)),))):
        with pytest.raises(CompileError) as e:
            py2wasm.compile(fn)(*args)
        assert e.value.file.endswith("test_stacked.py") and e.value.line is not None
