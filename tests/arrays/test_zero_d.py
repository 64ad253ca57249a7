"""0-d arrays (frontend/array_indexing.getitem, arrays.scalar_if_0d): an
index with `...` that takes every axis by an int is NumPy's 0-d view, a
0-d result crosses back as a 0-d array (runner/arraygen), and an operator
or ufunc whose array operands are all 0-d returns a NumPy scalar, as in
NumPy. Compared with NumPy by tests/arrays/test_numpy_edges.check (type,
dtype, shape, bits, the arguments after the call)."""
import numpy as np
import pytest

from tests.arrays.test_numpy_edges import check


def ellipsis_last(a):
    return a[..., 0]


def ellipsis_first(m):
    return m[1, ..., 2]


def view_write(a):
    z = a[..., 0]
    z[...] = 7.0
    return a


def operators(a):
    x = a[..., 1]
    y = a[1, ...]
    return x * 2, y + x, -x, x > 0, abs(y), x // 2


def ufuncs(a):
    x = a[..., 1]
    return np.sqrt(x), np.maximum(x, 0.25), np.add(x, x), x.sum(), x.ndim, x.shape


def reshaped(a):
    z = a.reshape(())
    return z, z * 2, np.negative(z)


def inplace(a):
    z = a.reshape(())
    z += 1
    return a, z


@pytest.mark.parametrize("fn", [ellipsis_last, view_write, operators, ufuncs])
@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int32, np.int16])
def test_vectors(fn, dtype):
    check(fn, np.arange(1, 4).astype(dtype))


@pytest.mark.parametrize("dtype", [np.float64, np.int16, np.bool_])
def test_matrix(dtype):
    check(ellipsis_first, np.arange(6).reshape(2, 3).astype(dtype))


@pytest.mark.parametrize("fn", [reshaped, inplace])
@pytest.mark.parametrize("dtype", [np.float64, np.int64])
def test_reshaped_to_0d(fn, dtype):
    check(fn, np.array([3], dtype))
