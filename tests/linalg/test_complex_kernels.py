"""Complex linear-algebra kernels (tests/linalg/complex_kernels.py)
compiled and run as wasm, compared with NumPy within the tolerances of
tests/linalg (docs/arrays.md, "Linear algebra")."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm

from . import complex_kernels as K

R = np.random.default_rng(11)


def _c(*shape):
    return R.standard_normal(shape) + 1j * R.standard_normal(shape)


def _hermitian(n):
    a = _c(n, n)
    return (a + a.conj().T) / 2


def _array_signal(m, n):
    """Two plane waves on m sensors (angles 0.3 and -0.6) plus noise."""
    k = np.arange(m)
    steer = np.stack([np.exp(1j * np.pi * k * np.sin(t)) for t in (0.3, -0.6)], axis=1)
    return steer @ _c(2, n) + 0.05 * _c(m, n)


def _admittance(n):
    y = -(_c(n, n) * 0.3)
    y = (y + y.T) / 2
    np.fill_diagonal(y, -y.sum(axis=1) + (1 + 0.5j))
    return y


def _unitary(n):
    q, r = np.linalg.qr(_c(n, n))
    return q


CASES = [
    (K.schrodinger_step, (_hermitian(6), _c(6) / 3, 0.25)),
    (K.channel_estimate, (_c(12, 4), _c(12))),
    (K.music_spectrum, (_array_signal(8, 64), 2, np.linspace(-1.2, 1.2, 25))),
    (K.nodal_voltages, (_admittance(7), _c(7))),
    (K.polar_unitary, (_c(5, 5),)),
    (K.eig_reconstruct, (_c(5, 5),)),
    (K.whiten, (_c(4, 40),)),
    (K.unitary_power, (_unitary(4), 5)),
    (K.unitary_power, (_unitary(3).astype(np.complex64), -2)),
]


def _flat(v):
    if isinstance(v, tuple):
        return [x for e in v for x in _flat(e)]
    return [np.asarray(v)]


@pytest.mark.parametrize("fn,args", CASES, ids=[f"{f.__name__}-{i}" for i, (f, _) in enumerate(CASES)])
def test_complex_kernel_matches_numpy(fn, args):
    got, want = py2wasm.compile(fn)(*args), fn(*args)
    single = any(getattr(a, "dtype", None) == np.complex64 for a in args)
    tol = 1e-4 if single else 1e-9
    for g, w in zip(_flat(got), _flat(want), strict=True):
        assert g.dtype == w.dtype and g.shape == w.shape, (fn.__name__, g.dtype, w.dtype)
        scale = max(float(np.abs(w).max(initial=0)), 1.0)
        np.testing.assert_allclose(g, w, rtol=tol, atol=tol * scale, err_msg=fn.__name__)


def matmul_exp(v, w, psi):
    return v @ np.exp(-1j * w * 0.5), np.exp(psi) @ v


def test_matmul_of_a_complex_transcendental_operand():
    # `v @ np.exp(z)` traced np.exp's library call with a stand-in tracer and
    # failed with an internal AttributeError (frontend/operators.binary now
    # passes the FunctionTracer on)
    v, psi = _c(4, 4), _c(4)
    w = R.standard_normal(4)
    got, want = py2wasm.compile(matmul_exp)(v, w, psi), matmul_exp(v, w, psi)
    for g, x in zip(got, want, strict=True):
        np.testing.assert_allclose(g, x, rtol=1e-13, atol=1e-13)
