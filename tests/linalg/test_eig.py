"""numpy.linalg.eig / eigvals of general real matrices in compiled code
(py2wasm/linalg/eig.py) against NumPy: eigenvalues (as sets: the order of
deflation may differ from LAPACK's), residuals |A v - v w| relative to |A|
near machine epsilon, unit-norm vectors equal to NumPy's up to sign for
distinct eigenvalues, dtypes; NumPy's LinAlgErrors; and a matrix whose
eigenvalues are complex raises NotImplementedError saying so (complex
results are not available yet) rather than returning anything."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm

from py2wasm import CompileError
from py2wasm.frontend.linalg_calls import eig_always_complex

EPS = np.finfo(np.float64).eps
# NumPy >= 2.5 returns complex arrays from eig even for real eigenvalues:
# py2wasm (real arrays only) refuses eig there, never giving the wrong dtype
pytestmark_real = pytest.mark.skipif(eig_always_complex(),
                                     reason="this NumPy's eig always returns complex arrays: "
                                     "refused (test_refused_when_numpy_eig_is_always_complex)")
RNG = np.random.default_rng(2026)


def eig(a):
    return np.linalg.eig(a)


def eigvals(a):
    return np.linalg.eigvals(a)


_C: dict = {}


def compiled(fn):
    if fn not in _C:
        _C[fn] = py2wasm.compile(fn)
    return _C[fn]


def with_real_spectrum(n, spread=1.0):
    q = RNG.standard_normal((n, n))
    lam = RNG.uniform(-3, 3, n) * spread
    return q @ np.diag(lam) @ np.linalg.inv(q)


def check_eig(a, rtol_vals=1e-9):
    w, v = compiled(eig)(a)
    ww, wv = eig(a)
    assert w.dtype == ww.dtype and v.dtype == wv.dtype and w.shape == ww.shape and v.shape == wv.shape
    n = a.shape[0]
    if n == 0:
        return
    scale = np.abs(a).max()
    np.testing.assert_allclose(np.sort(w), np.sort(ww), rtol=rtol_vals, atol=rtol_vals * scale)
    af = a.astype(np.float64)
    assert np.abs(af @ v - v * w).max() <= 50 * n * EPS * scale   # backward stable
    np.testing.assert_allclose(np.linalg.norm(v, axis=0), 1.0, rtol=1e-13)
    vals = compiled(eigvals)(a)
    assert vals.dtype == eigvals(a).dtype
    np.testing.assert_array_equal(vals, w)
    return w, v, ww, wv


@pytestmark_real
@pytest.mark.parametrize("n", [0, 1, 2, 3, 5, 8, 16, 30])
def test_eig_real_spectrum(n):
    a = with_real_spectrum(n) if n else np.zeros((0, 0))
    out = check_eig(a)
    if out and n:
        w, v, ww, wv = out
        gap = np.diff(np.sort(ww)).min() if n > 1 else 1.0
        if gap > 1e-3:  # distinct eigenvalues: the same vectors up to sign
            for j in range(n):
                k = np.argmin(np.abs(ww - w[j]))
                s = np.sign(v[:, j] @ wv[:, k])
                np.testing.assert_allclose(v[:, j] * s, wv[:, k], atol=1e-7)


@pytestmark_real
def test_eig_structured_matrices():
    check_eig(np.triu(RNG.standard_normal((6, 6))))            # triangular: the diagonal
    s = RNG.standard_normal((7, 7))
    check_eig(s + s.T)                                          # symmetric
    check_eig(np.diag([2.0, 2.0, 1.0, 5.0]))                    # repeated, diagonal
    check_eig(np.array([[2.0, 1.0], [0.0, 2.0]]), rtol_vals=1e-7)  # a Jordan block (defective)
    check_eig(np.eye(5) * 3.0)
    check_eig(np.zeros((4, 4)))
    check_eig(with_real_spectrum(6, spread=1e-8) + np.eye(6) * 1e3, rtol_vals=1e-8)
    check_eig(np.array([[1, 2, 0], [0, 3, 1], [0, 0, -2]]))     # ints: float64 results


@pytestmark_real
def test_eig_float32():
    a = with_real_spectrum(5).astype(np.float32)
    w, v = compiled(eig)(a)
    ww, _ = eig(a)
    assert w.dtype == np.float32 and v.dtype == np.float32
    np.testing.assert_allclose(np.sort(w), np.sort(ww), rtol=1e-3, atol=1e-3)


@pytestmark_real
def test_complex_eigenvalues_raise_not_a_wrong_answer():
    rot = np.array([[0.0, -1.0], [1.0, 0.0]])
    mixed = np.zeros((3, 3))
    mixed[:2, :2] = rot
    mixed[2, 2] = 4.0
    for a in (rot, mixed, RNG.standard_normal((6, 6)) * 0 + np.roll(np.eye(6), 1, axis=0)):
        for fn in (eig, eigvals):
            with pytest.raises(NotImplementedError) as e:
                compiled(fn)(a)
            assert "complex" in str(e.value)
            assert any("test_eig.py" in n for n in e.value.__notes__)


@pytestmark_real
def test_errors_as_numpy():
    cases = [np.ones((2, 3)), np.ones(3), np.array([[1.0, np.nan], [0.0, 1.0]]),
             np.array([[np.inf, 0.0], [0.0, 1.0]])]
    for a in cases:
        for fn in (eig, eigvals):
            with pytest.raises(np.linalg.LinAlgError) as want:
                fn(a)
            with pytest.raises(np.linalg.LinAlgError) as got:
                compiled(fn)(a)
            assert str(got.value) == str(want.value)


@pytestmark_real
@pytest.mark.parametrize("shape", [(3, 4, 4), (2, 2, 3, 3), (0, 2, 2), (2, 1, 1)])
def test_eig_of_stacks(shape):
    n = shape[-1]
    a = np.array([with_real_spectrum(n) for _ in range(int(np.prod(shape[:-2])))]).reshape(shape)
    w, v = compiled(eig)(a)
    ww, wv = eig(a)
    assert w.shape == ww.shape and v.shape == wv.shape and w.dtype == ww.dtype
    np.testing.assert_allclose(np.sort(w, axis=-1), np.sort(ww, axis=-1), atol=1e-9)
    if a.size:
        assert np.abs(a @ v - v * w[..., None, :]).max() <= 50 * n * EPS * np.abs(a).max()
    np.testing.assert_array_equal(compiled(eigvals)(a), w)
    for fn in (eig, eigvals):
        with pytest.raises(np.linalg.LinAlgError) as got:
            compiled(fn)(np.ones((2, 2, 3)))
        assert str(got.value) == "Last 2 dimensions of the array must be square"
    rot = np.stack([np.eye(2), np.array([[0.0, -1.0], [1.0, 0.0]])])
    with pytest.raises(NotImplementedError):
        compiled(eig)(rot)


@pytest.mark.skipif(not eig_always_complex(), reason="this NumPy's eig returns real arrays "
                    "for real eigenvalues: tested above")
def test_refused_when_numpy_eig_is_always_complex():
    for fn in (eig, eigvals):
        with pytest.raises(CompileError) as e:
            py2wasm.compile(fn)(np.eye(2))
        assert "complex" in str(e.value) and e.value.file.endswith("test_eig.py")
