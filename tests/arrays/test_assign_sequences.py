"""a[i] = (x, y, z) and a[i:j] = [[...], [...]] (frontend/array_indexing.py
setitem): a tuple or list literal of numbers assigned to an array view is
converted as NumPy converts it (its own dtype, then cast into the array's;
broadcast, NumPy's ValueError when the shapes differ); compiled vs NumPy."""
import copy

import numpy as np
import pytest

import py2wasm
from tests.corpus.test_science import outcome, same


def rows_from_tuples(n: int, x: float):
    out = np.zeros((n, 3))
    for i in range(n):
        out[i] = (x, x * i, 1)
    return out


def int_rows_from_lists(n: int):
    out = np.zeros((n, 2), dtype=np.int32)
    for i in range(n):
        out[i] = [i * 1.7, -i]
    out[:, 1] = (5, 6, 7)
    return out


def nested(a):
    a[1:3] = ((1.0, 2.0), (3.0, 4.0))
    a[0] = [9.0, 8.0]
    return a


def mixed_kinds(a):
    a[0, :] = [True, 2]
    a[1] = (np.float64(0.5), 3)
    return a


def lorenz_rows(x: float, y: float, z: float, n: int):
    out = np.zeros((n, 3))
    for i in range(n):
        x, y, z = x + 0.01 * 10 * (y - x), y + 0.01 * (x * (28 - z) - y), z + 0.01 * (x * y - 8 / 3 * z)
        out[i] = (x, y, z)
    return out


CASES = [(rows_from_tuples, (4, 0.5)), (rows_from_tuples, (0, 1.0)), (int_rows_from_lists, (3,)),
         (int_rows_from_lists, (2,)), (nested, (np.zeros((4, 2)),)), (nested, (np.zeros((4, 3)),)),
         (mixed_kinds, (np.zeros((2, 2)),)), (lorenz_rows, (1.0, 1.0, 1.0, 20))]


@pytest.mark.parametrize("target", ["mvp", "simd"])
@pytest.mark.parametrize("fn,args", CASES)
def test_like_numpy(fn, args, target):
    want = outcome(fn, copy.deepcopy(args))
    got = outcome(py2wasm.compile(fn, target=target), copy.deepcopy(args))
    if want[0] != "ok" or got[0] != "ok":
        assert got[:2] == want[:2]
        return
    assert same(got[1], want[1], 0, 0) is None
