"""numpy.linalg.eig / eigvals of general real matrices in compiled code
(py2wasm/linalg/eig.py) against the installed NumPy: eigenvalues (as sets:
the order of deflation may differ from LAPACK's), residuals |A v - v w|
relative to |A| near machine epsilon, unit-norm vectors equal to NumPy's up
to a real sign for distinct eigenvalues (LAPACK's normalization: for a
complex pair the largest component real), dtypes and NumPy's LinAlgErrors.
NumPy >= 2.5 returns complex arrays always: so do we. NumPy < 2.5 returns
real arrays exactly when every eigenvalue is real: a matrix whose
eigenvalues are complex raises NotImplementedError there (the compiled
function's result type is fixed), never a wrong answer."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm

from py2wasm.frontend.linalg_calls import eig_always_complex

EPS = np.finfo(np.float64).eps
ALWAYS_COMPLEX = eig_always_complex()   # NumPy >= 2.5
only_real_numpy = pytest.mark.skipif(ALWAYS_COMPLEX, reason="NumPy >= 2.5: eig is always complex")
only_complex_numpy = pytest.mark.skipif(not ALWAYS_COMPLEX, reason="NumPy < 2.5: eig is real "
                                        "for real eigenvalues")
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


def sort_values(w):
    return np.sort_complex(w.astype(np.complex128)) if w.ndim == 1 else \
        np.array([sort_values(x) for x in w])


def check_eig(a, rtol_vals=1e-9, vectors_tol=None, any_phase=False):
    """Compiled eig/eigvals of `a` against NumPy's; vectors_tol: also compare
    the vectors of well separated eigenvalues with NumPy's up to a real sign
    (any_phase: up to a unit complex factor, for vectors whose largest
    component, made real, is a tie decided by rounding)."""
    w, v = compiled(eig)(a)
    ww, wv = eig(a)
    assert w.dtype == ww.dtype and v.dtype == wv.dtype and w.shape == ww.shape and v.shape == wv.shape
    n = a.shape[0]
    vals = compiled(eigvals)(a)
    assert vals.dtype == eigvals(a).dtype
    np.testing.assert_array_equal(vals, w)
    if n == 0:
        return
    scale = np.abs(a).max()
    np.testing.assert_allclose(sort_values(w), sort_values(ww), rtol=rtol_vals,
                               atol=rtol_vals * scale)
    af = a.astype(np.float64)
    assert np.abs(af @ v - v * w).max() <= 50 * n * EPS * scale   # backward stable
    np.testing.assert_allclose(np.linalg.norm(v, axis=0), 1.0, rtol=1e-13)
    if vectors_tol is not None and n > 1:
        for j in range(n):
            dist = np.sort(np.abs(ww - w[j]))
            if dist[1] > 1e-3 * scale:  # a simple eigenvalue: NumPy's vector up to a real sign
                k = np.argmin(np.abs(ww - w[j]))
                s = np.conj(wv[:, k]) @ v[:, j]
                s = np.conj(s) / abs(s) if any_phase else np.sign(s.real)
                np.testing.assert_allclose(v[:, j] * s, wv[:, k], atol=vectors_tol)
    return w, v, ww, wv


@pytest.mark.parametrize("n", [0, 1, 2, 3, 5, 8, 16, 30])
def test_eig_real_spectrum(n):
    a = with_real_spectrum(n) if n else np.zeros((0, 0))
    check_eig(a, vectors_tol=1e-7)


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


def test_eig_float32():
    a = with_real_spectrum(5).astype(np.float32)
    w, v = compiled(eig)(a)
    ww, _ = eig(a)
    want = np.complex64 if ALWAYS_COMPLEX else np.float32
    assert w.dtype == want and v.dtype == want
    np.testing.assert_allclose(sort_values(w), sort_values(ww), rtol=1e-3, atol=1e-3)


def complex_spectrum_matrices():
    rot = np.array([[0.0, -1.0], [1.0, 0.0]])
    mixed = np.zeros((3, 3))
    mixed[:2, :2] = rot
    mixed[2, 2] = 4.0
    shift = np.roll(np.eye(6), 1, axis=0)                       # the 6th roots of unity
    return [rot, mixed, shift, np.array([[1.0, -2.0], [3.0, 1.0]])]


@only_real_numpy
def test_complex_eigenvalues_raise_not_a_wrong_answer():
    for a in complex_spectrum_matrices():
        for fn in (eig, eigvals):
            with pytest.raises(NotImplementedError) as e:
                compiled(fn)(a)
            assert "complex" in str(e.value)
            assert any("test_eig.py" in n for n in e.value.__notes__)


@only_complex_numpy
def test_complex_eigenvalues():
    rot, mixed, shift, other = complex_spectrum_matrices()
    for a in (rot, mixed, other):
        check_eig(a, vectors_tol=1e-12)
    check_eig(shift, vectors_tol=1e-12, any_phase=True)   # all components of equal modulus


@only_complex_numpy
@pytest.mark.parametrize("n", [2, 3, 4, 5, 7, 10, 16, 25])
def test_eig_random_general(n):
    for _ in range(4):
        check_eig(RNG.standard_normal((n, n)), vectors_tol=1e-7)
    check_eig(RNG.integers(-5, 6, (n, n)), rtol_vals=1e-7)          # ints: complex128
    a = RNG.standard_normal((n, n)).astype(np.float32)
    w, v = compiled(eig)(a)
    ww, _ = eig(a)
    assert w.dtype == v.dtype == np.complex64
    np.testing.assert_allclose(sort_values(w), sort_values(ww), rtol=1e-3, atol=1e-3)
    assert np.abs(a @ v - v * w).max() <= 1e-5 * n * np.abs(a).max()


@only_complex_numpy
def test_complex_pairs_are_conjugate_and_normalized_as_lapack():
    a = RNG.standard_normal((8, 8))
    w, v = compiled(eig)(a)
    j = 0
    while j < 8:
        if w[j].imag != 0:
            assert w[j].imag > 0 and w[j + 1] == np.conj(w[j])    # positive imaginary part first
            np.testing.assert_array_equal(v[:, j + 1], np.conj(v[:, j]))
            k = np.argmax(np.abs(v[:, j]))
            assert v[k, j].imag == 0.0                          # largest component real
            j += 2
        else:
            assert np.all(v[:, j].imag == 0)
            j += 1


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


@pytest.mark.parametrize("shape", [(3, 4, 4), (2, 2, 3, 3), (0, 2, 2), (2, 1, 1)])
def test_eig_of_stacks(shape):
    n = shape[-1]
    a = np.array([with_real_spectrum(n) for _ in range(int(np.prod(shape[:-2])))]).reshape(shape)
    w, v = compiled(eig)(a)
    ww, wv = eig(a)
    assert w.shape == ww.shape and v.shape == wv.shape and w.dtype == ww.dtype
    np.testing.assert_allclose(sort_values(w.reshape(-1, n)), sort_values(ww.reshape(-1, n)),
                               atol=1e-9)
    if a.size:
        assert np.abs(a @ v - v * w[..., None, :]).max() <= 50 * n * EPS * np.abs(a).max()
    np.testing.assert_array_equal(compiled(eigvals)(a), w)
    for fn in (eig, eigvals):
        with pytest.raises(np.linalg.LinAlgError) as got:
            compiled(fn)(np.ones((2, 2, 3)))
        assert str(got.value) == "Last 2 dimensions of the array must be square"
    rot = np.stack([np.eye(2), np.array([[0.0, -1.0], [1.0, 0.0]])])
    if not ALWAYS_COMPLEX:
        with pytest.raises(NotImplementedError):
            compiled(eig)(rot)
        return
    g = RNG.standard_normal((3, 2, 5, 5))
    for b in (rot, g):
        w, v = compiled(eig)(b)
        ww, wv = eig(b)
        assert w.dtype == ww.dtype == np.complex128 and v.dtype == np.complex128
        m = b.shape[-1]
        np.testing.assert_allclose(sort_values(w.reshape(-1, m)), sort_values(ww.reshape(-1, m)),
                                   atol=1e-12)
        assert np.abs(b @ v - v * w[..., None, :]).max() <= 50 * m * EPS * np.abs(b).max()
        np.testing.assert_array_equal(compiled(eigvals)(b), w)


def eig_of_complex(a):
    return np.linalg.eig(a.astype(np.complex128))


def eigvals_of_complex(a):
    return np.linalg.eigvals(a + 1j * a)


def test_complex_input_compiles_as_numpy():
    # complex matrices go to py2wasm/linalg/ceig.py (tests/linalg/test_complex.py)
    a = RNG.standard_normal((3, 3))
    for fn in (eig_of_complex, eigvals_of_complex):
        got = py2wasm.compile(fn)(a)
        want = fn(a)
        got_w = got[0] if isinstance(got, tuple) else got
        want_w = want[0] if isinstance(want, tuple) else want
        assert got_w.dtype == want_w.dtype == np.complex128
        # same multiset (the order of a conjugate pair may differ)
        dist = np.abs(got_w[:, None] - want_w[None, :])
        assert dist.min(axis=0).max() < 1e-12 and dist.min(axis=1).max() < 1e-12
