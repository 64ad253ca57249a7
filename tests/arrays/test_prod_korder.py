"""`np.prod` / `a.prod()` over every axis multiplies in NumPy's iterator
order (frontend/npfuncs_reduce.py `_reduce_all` with reduce_iter.Walk):
memory order for Fortran-ordered and transposed arrays and for expressions
of them (laid out in K order), C order with negative strides kept, as
NumPy's reduction iterator. A product's order shows in its last bits, so
each case is compared with NumPy bit for bit (it was C order before: found
while adding nanprod)."""
from __future__ import annotations

import numpy as np
import pytest

import py2wasm


def whole(a):
    return np.prod(a)


def method_t(a):
    return a.T.prod()


def of_expr(a):
    return (a * 1.0001).prod(), np.prod(a + 0.5, keepdims=True)


def of_views(a):
    return np.prod(a[::-1, :]), np.prod(a[:, ::2]), np.prod(a[::-1].T)


def of_3d(a):
    return np.prod(a.reshape(2, 3, -1).transpose(2, 0, 1))


_C = {}


def _bits(x):
    x = np.asarray(x)
    return x.dtype.str, x.shape, x.tobytes()


@pytest.mark.parametrize("f", [whole, method_t, of_expr, of_views, of_3d])
@pytest.mark.parametrize("dt", [np.float64, np.float32])
@pytest.mark.parametrize("order", ["C", "F"])
def test_prod_in_numpy_order(f, dt, order):
    cf = _C.setdefault(f, py2wasm.compile(f))
    rng = np.random.default_rng(11)
    for n, m in ((3, 4), (6, 5), (12, 20), (30, 41)):
        if f is of_3d and (n * m) % 6:
            continue
        a = np.array(rng.random((n, m)) + 0.5, dtype=dt, order=order)
        want, got = f(a), cf(a)
        if not isinstance(want, tuple):
            want, got = (want,), (got,)
        assert [_bits(x) for x in got] == [_bits(x) for x in want], (f.__name__, n, m)
