"""np.tile, np.repeat, np.take (functions and methods), np.triu/tril and
np.var/np.std (functions and methods: axis=, ddof=, keepdims=), np.isclose and np.allclose of complex
arrays (frontend/complex_select.py) compiled vs NumPy on every target, bit
for bit: complex128 and complex64 (whose var divides its mean in
complex128, as NumPy's intp count makes it), empty arrays, transposed views,
NumPy's IndexError for an empty axis."""

import numpy as np
import pytest

from tests.arrays.like_numpy import check_like_numpy

R = np.random.default_rng(3)
Z = R.normal(size=5) + 1j * R.normal(size=5)
M = R.normal(size=(3, 4)) + 1j * R.normal(size=(3, 4))
ARGS = [(Z, M, 2), (Z.astype(np.complex64), M.astype(np.complex64), 1), (Z[:0], M[:0], 0),
        (Z[::-1], M.T, -1)]
def cs_var_std(z, m, k): return np.var(z), np.std(z), z.var(), z.std(ddof=1), np.var(m, axis=0), np.std(m, axis=1, keepdims=True), m.var(axis=(0, 1)), np.var(m, ddof=k)
def cs_tile_rep(z, m, k): return np.tile(z, 2), np.tile(m, (2, 1)), np.tile(z, (2, 2)), np.repeat(z, 2), np.repeat(m, 2, axis=1), m.repeat(k + 2), np.repeat(z, np.arange(z.shape[0]))
def cs_take(z, m, k): return np.take(z, [0, 1]), np.take(m, [1], axis=1), m.take(k), z.take([k])
def cs_tri(z, m, k): return np.triu(m), np.tril(m, -1), np.triu(m, k), np.tril(np.outer(z, z))
def cs_take_oob(z, m, k): return np.take(z, [9])


FUNCS = [v for k, v in sorted(globals().items()) if k.startswith("cs_")]


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn", FUNCS, ids=lambda f: f.__name__)
def test_complex_select_like_numpy(fn, target):
    check_like_numpy(fn, ARGS, target)


ZC = np.array([1 + 2j, -0.5 + 0j, 3 - 1j, np.nan + 0j, np.inf + 1j, 1j * np.inf])


def close_arrays(z, e):
    return (np.isclose(z, z + e), np.isclose(z, z + 1j * e, rtol=0, atol=e / 2),
            np.isclose(z, z, equal_nan=True), np.allclose(z[:3], z[:3] * (1 + e)),
            np.isclose(z.real, z), np.allclose(z, z, equal_nan=True))


def close_scalars(z, e):
    return np.isclose(z, 1 + 2j), np.isclose(z, 3.0), np.allclose(z[:1], 1 + 2j)


@pytest.mark.parametrize("fn", [close_arrays, close_scalars], ids=lambda f: f.__name__)
def test_complex_isclose_like_numpy(fn):
    """np.isclose/np.allclose of complex values: NumPy's formula traced
    (frontend/npfuncs_close.py), a Python complex kept a Python complex"""
    check_like_numpy(fn, [(ZC, 1e-9), (ZC.astype(np.complex64), 1e-3), (ZC[:0], 0.5)], must_succeed=True)