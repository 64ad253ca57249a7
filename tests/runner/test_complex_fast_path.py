"""py2wasm.compile's specialized array callers (runner/arraygen.py) with
complex arrays and NumPy complex scalars: a 1-D complex array argument
(memoryview has no complex format: NumPy's view copies it in) and a NumPy
complex scalar in the result of a function with array parameters (its two
f64 parts), called repeatedly so the fast path is the one taken.

Module under test: py2wasm/runner/arraygen.py."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm


def scale(z: py2wasm.c128[:], s: float):
    return z * s


def scale64(z: py2wasm.c64[:]):
    z *= np.complex64(2 - 1j)


def total(z: py2wasm.c128[:]) -> np.complex128:
    return np.sum(z)


def both(z: py2wasm.c64[:, :]):
    return z.T * np.complex64(1j), np.sum(z), float(np.abs(z).max())


@pytest.mark.parametrize("n", [0, 1, 5, 40])
def test_complex_fast_path_matches_numpy(n):
    rng = np.random.default_rng(n)
    z = rng.standard_normal(n) + 1j * rng.standard_normal(n)
    f, g, h = py2wasm.compile(scale), py2wasm.compile(scale64), py2wasm.compile(total)
    for _ in range(3):
        r = f(z, 1.5)
        assert r.dtype == np.complex128 and r.tobytes() == scale(z, 1.5).tobytes()
        z64, ref = z.astype(np.complex64), z.astype(np.complex64)
        g(z64)
        scale64(ref)
        assert z64.tobytes() == ref.tobytes()
        t = h(z)
        assert type(t) is np.complex128 and t == total(z)
    if n:
        b = py2wasm.compile(both)
        a = z.astype(np.complex64).reshape(1, n)
        for _ in range(3):
            r = b(a)
            ref = both(a)
            assert r[0].tobytes() == ref[0].tobytes() and type(r[1]) is np.complex64
            assert r[2] == ref[2]
            np.testing.assert_allclose(r[1], ref[1], rtol=1e-5)
