"""The linalg kernels (tests/linalg/kernels.py) compiled and run as wasm,
compared with NumPy within numerical tolerances."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm
from py2wasm.frontend.linalg_calls import eig_always_complex

from . import kernels as K

R = np.random.default_rng(7)


def _spd(n):
    a = R.standard_normal((n, n))
    return a @ a.T + n * np.eye(n)


def _real_spectrum(n):
    q = R.standard_normal((n, n))
    return q @ np.diag(R.uniform(-3, 3, n)) @ np.linalg.inv(q)


def _stochastic(n):
    p = R.random((n, n)) + 0.1
    return p / p.sum(axis=1, keepdims=True)


CASES = [
    (K.solve2, (R.standard_normal((6, 6)), R.standard_normal(6))),
    (K.fit_line, (np.linspace(0, 1, 20), 3 * np.linspace(0, 1, 20) - 2 + R.normal(0, 0.01, 20))),
    (K.cholesky_solve, (_spd(7), R.standard_normal(7))),
    (K.det_and_inverse, (R.standard_normal((5, 5)),)),
    (K.principal_axes, (R.standard_normal((30, 4)) @ np.diag([3.0, 1.0, 0.5, 0.1]),)),
    (K.low_rank, (R.standard_normal((8, 6)), 2)),
    (K.orthonormal_basis, (R.standard_normal((7, 3)),)),
    (K.relative_residual, (R.standard_normal((9, 9)), R.standard_normal(9))),
    (K.markov_steady_state, (_stochastic(5),)),
    (K.newton_system, (np.array([2.0, 0.5]), 8)),
    (K.matrix_exp_taylor, (R.standard_normal((3, 3)) * 0.3, 18)),
    (K.batched_solve, (R.standard_normal((4, 3, 3)) + 3 * np.eye(3), R.standard_normal((4, 3, 2)))),
    (K.gaussian_loglik, (R.standard_normal((10, 3)), np.stack([_spd(3) for _ in range(4)]))),
    (K.spectral_radius, (_real_spectrum(6),)),
    (K.eig_reconstruct, (_real_spectrum(5),)),
    (K.quantile_bands, (R.standard_normal((40, 3)),)),
    (K.stack_condition, (R.standard_normal((3, 4, 4)),)),
]
if eig_always_complex():  # NumPy >= 2.5: eig gives complex arrays, and inv of one is refused
    CASES = [c for c in CASES if c[0] is not K.eig_reconstruct]


def _close(got, want):
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want)
        for g, w in zip(got, want):
            _close(g, w)
        return
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-11)


@pytest.mark.parametrize("fn,args", CASES, ids=[c[0].__name__ for c in CASES])
def test_kernel_matches_numpy(fn, args):
    got = py2wasm.compile(fn)(*args)
    want = fn(*args)
    if fn is K.principal_axes:  # eigenvectors are unique up to sign
        _close(got[0], want[0])
        np.testing.assert_allclose(np.abs(got[1]), np.abs(want[1]), rtol=1e-8, atol=1e-10)
    elif fn is K.relative_residual:
        assert got < 1e-15 and want < 1e-15
    else:
        _close(got, want)
