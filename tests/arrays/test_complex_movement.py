"""Complex arrays through the functions that move, join or difference
elements (frontend/complex_calls.MOVEMENT: concatenate stack vstack hstack
column_stack dstack flip fliplr flipud roll rot90 diff outer kron trapezoid
atleast_Nd squeeze broadcast_to append split array_split delete), compiled vs
NumPy bit for bit on every target: complex128 and complex64, C-ordered,
reversed and Fortran-derived layouts, mixed with real arrays, views written
through (and read-only ones refused at run time as NumPy does)."""
import copy

import numpy as np
import pytest

import py2wasm
from tests.corpus.test_science import outcome, same

Z = (np.arange(12.0) - 5.5) + 1j * (np.arange(12.0)[::-1] * 0.37)
ARGS = [(Z, Z[::-1].copy()), (Z.astype(np.complex64), Z.astype(np.complex64)[::-1]),
        (Z.reshape(3, 4).T.copy().ravel(), Z), (Z[::-1], Z.astype(np.complex64))]


def joins(a, b):
    return (np.concatenate([a, b]), np.concatenate((a[None], b[None]), axis=0),
            np.concatenate([a.reshape(3, 4), b.reshape(3, 4).T[:3]], axis=1),
            np.stack([a, b], axis=1), np.vstack([a, b]), np.hstack([a, b]),
            np.column_stack([a, b]), np.dstack([a, b]), np.append(a, b),
            np.append(a.reshape(3, 4), b.reshape(3, 4), axis=0),
            np.concatenate([a, b.real]), np.vstack([a.real, b]))


def rearranged(a, b):
    m = a.reshape(3, 4)
    return (np.flip(a), np.roll(a, 2), np.fliplr(m), np.flipud(m), np.rot90(m),
            np.roll(m, -1, axis=1), np.atleast_2d(a), np.squeeze(a[None], axis=0),
            np.broadcast_to(a, (2, 12)) * 1, np.atleast_1d(a), np.atleast_3d(a).shape,
            np.split(a, 3)[1], np.array_split(a, 5)[4], np.delete(a, 3))


def differences(a, b):
    return (np.diff(a), np.diff(a.reshape(3, 4), axis=0), np.diff(a, n=2), np.outer(a, b),
            np.kron(a[:3], b[:2]), np.trapezoid(a), np.trapezoid(a, dx=0.5),
            np.trapezoid(a, x=np.arange(12.0)))


def written_through(a, b):
    v = np.flip(a)
    v[0] = 7j
    x, y = np.array_split(b, 2)
    x[0] = -1j
    return a, b


def broadcast_written(a, b):
    v = np.broadcast_to(a, (2, 12))
    v[0, 0] = 1
    return v


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn", [joins, rearranged, differences, written_through,
                                broadcast_written])
def test_like_numpy(fn, target):
    c = py2wasm.compile(fn, target=target)
    for args in ARGS:
        want = outcome(fn, copy.deepcopy(args))
        got = outcome(c, copy.deepcopy(args))
        if want[0] != "ok" or got[0] != "ok":
            assert got[:2] == want[:2]
            continue
        assert same(got[1], want[1], 0, 0) is None
        assert same(got[2], want[2], 0, 0, "arguments") is None
