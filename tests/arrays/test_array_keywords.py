"""np.array(copy=, order=, ndmin=), np.asarray(copy=, order=), np.copy(order=)
and a.copy(order=) (frontend/nplib.py `_array_keywords`) compiled vs
NumPy on every target: which results are the argument itself (writes show
in it) and which are copies, NumPy's ValueError for copy=False where a copy
is needed, Fortran-ordered copies (their ravel is a view, as NumPy's)."""

import numpy as np
import pytest

from tests.arrays.like_numpy import check_like_numpy

M = np.arange(12.0).reshape(4, 3)
ARGS = [(M, 2), (np.asfortranarray(M), 3), (M[::2, ::-1], 1),
        (np.arange(6, dtype=np.int32).reshape(2, 3), 0)]
def kw_array_copy_true(m, k):
    c = np.array(m, copy=True)
    c[0, 0] = 99
    return m, c
def kw_array_copy_none(m, k):
    c = np.array(m, copy=None)
    c[0, 0] = 99
    return m
def kw_asarray_copy_none(m, k):
    c = np.asarray(m, copy=None)
    c[0, 0] = -1
    return m
def kw_array_copy_false(m, k):
    c = np.array(m, copy=False)
    c[0, 0] = -1
    return m
def kw_array_copy_false_dtype(m, k): return np.array(m, dtype=np.float32, copy=False)
def kw_array_copy_false_list(m, k): return np.array([1.0, 2.0], copy=False)
def kw_array_copy_false_expr(m, k): return np.array(m * 2, copy=False)
def kw_ndmin(m, k): return np.array(m[0], ndmin=2), np.array(m, ndmin=4).shape, np.array([1, 2], ndmin=3)
def kw_ndmin_view(m, k):
    v = np.array(m, ndmin=3, copy=False)
    v[0, 0, 0] = 5
    return m
def kw_copy_order_f(m, k):
    c = np.copy(m, order="F")
    r = c.ravel()
    r[0] = 77
    return c, m.copy(order="F").ravel(), np.array(m, order="F").reshape(-1)
def kw_copy_f_ravel_f_view(m, k):
    c = m.copy(order="F")
    r = c.ravel(order="F")
    r[1] = 55
    return c
def kw_asarray_f_dtype(m, k): return np.asarray(m, dtype=np.float64, copy=True), np.array(m, dtype=np.int64, order="F")


FUNCS = [v for k, v in sorted(globals().items()) if k.startswith("kw_")]


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn", FUNCS, ids=lambda f: f.__name__)
def test_array_keywords_like_numpy(fn, target):
    check_like_numpy(fn, ARGS, target)