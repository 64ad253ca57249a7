"""order="F" of reshape/ravel/flatten (frontend/nplib.py `_reshape`,
`_ravel`) and np.expand_dims (frontend/npshape_views.py) compiled vs NumPy
on every target: values, views (writes through the result reach the
argument exactly where NumPy's result is a view), NumPy's ValueError for a
repeated axis; `a.flatten("F")` is an order, not complex64's type code."""

import numpy as np
import pytest

import py2wasm
from tests.arrays.like_numpy import check_like_numpy

M = np.arange(12.0).reshape(4, 3)
ARGS = [(M, 2), (np.asfortranarray(M), 3), (M[::2, ::-1], 1), (np.arange(24).reshape(2, 3, 4), 2),
        (np.ones((1, 5), dtype=np.float32), 0)]
def ord_ravel_f(m, k): return m.ravel(order="F"), np.ravel(m, "F"), m.ravel("C"), np.ravel(m, order="F")
def ord_flatten_f(m, k): return m.flatten("F"), m.flatten(order="F"), m.flatten()
def ord_reshape_f(m, k): return m.reshape(-1, order="F"), m.reshape((m.shape[1], -1), order="F"), np.reshape(m, (2, -1), order="F")
def ord_reshape_f_view(m, k):
    r = m.reshape(-1, order="F")
    r[0] = 99
    return m, r
def ord_ravel_f_view(m, k):
    r = np.ravel(m, order="F")
    r[1] = -5
    return m
def ord_expand(m, k): return np.expand_dims(m, 0).shape, np.expand_dims(m[0], axis=1), np.expand_dims(m, (0, -1)).shape, np.expand_dims(m, -1)[..., 0]
def ord_expand_view(m, k):
    e = np.expand_dims(m, 1)
    e[0, 0, 0] = 7
    return m
def ord_expand_bad(m, k): return np.expand_dims(m, (0, 0))
def ord_expand_scalar(m, k): return np.expand_dims(m.sum(), 0) if False else np.expand_dims(m[0, 0] if m.ndim == 2 else m, 0)


FUNCS = [v for k, v in sorted(globals().items()) if k.startswith("ord_")]


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn", FUNCS, ids=lambda f: f.__name__)
def test_orders_and_expand_dims_like_numpy(fn, target):
    check_like_numpy(fn, ARGS, target)


def test_order_a_is_refused():
    def f(m):
        return m.ravel(order="A")
    with pytest.raises(py2wasm.CompileError, match="order='A'"):
        py2wasm.compile(f)(np.ones((2, 2)))
