"""numpy.percentile / numpy.quantile (frontend/npfuncs_sort.py) with several
quantiles in one call (q a list, tuple or array of any shape: the q axes
first in the result), with axis= and keepdims=, NumPy's result dtypes for
weak, array and NumPy-scalar q (float32 q interpolates in float32; integer q
in numpy.quantile takes elements), NaN lanes and NumPy's errors, against
NumPy under the IR interpreter and as wasm; hypothesis over shapes and q."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from tests.arrays.harness import check, strided
from tests.arrays.wasm_harness import check_wasm

R = np.random.default_rng(5)


def arr(*shape, dtype=np.float64):
    if np.issubdtype(dtype, np.integer):
        return R.integers(0 if dtype == np.uint8 else -50, 100, size=shape).astype(dtype)
    return R.normal(size=shape).astype(dtype)


def with_nan(a):
    a = a.copy()
    a.flat[::4] = np.nan
    return a


def q_list(a): return np.quantile(a, [0.1, 0.5, 0.9]), np.percentile(a, [25, 50.0, 75])
def q_tuple_axis(a): return np.quantile(a, (0.0, 0.3, 1.0), axis=1), np.percentile(a, (10.0, 90.0), axis=0)
def q_keepdims(a): return np.quantile(a, [0.2, 0.7], axis=1, keepdims=True), np.percentile(a, [5.0, 95.0], keepdims=True)
def q_array(a, q): return np.quantile(a, q), np.quantile(a, q, axis=0), np.percentile(a, q * 100.0, axis=-1)
def q_array_keep(a, q): return np.quantile(a, q, axis=1, keepdims=True)
def q_int_q(a): return np.quantile(a, [0, 1]), np.quantile(a, 1), np.percentile(a, [0, 50, 100])
def q_np_scalar(a): return np.quantile(a, np.float64(0.3)), np.quantile(a, np.float32(0.3)), np.percentile(a, np.float32(30.0))
def q_bad(a): return np.quantile(a, [0.5, 1.5])
def q_bad_pct(a): return np.percentile(a, (50.0, -1.0))
def q_empty_q(a): return np.quantile(a, np.zeros(0), axis=1)
def q_empty_lane(a): return np.quantile(a, [0.5], axis=1)


CASES = [
    (q_list, (arr(11),)),
    (q_list, (arr(3, 4),)),
    (q_list, (arr(9, dtype=np.float32),)),
    (q_list, (arr(9, dtype=np.int32),)),
    (q_list, (arr(9, dtype=np.uint8),)),
    (q_list, (with_nan(arr(8)),)),
    (q_list, (arr(1),)),
    (q_tuple_axis, (arr(4, 6),)),
    (q_tuple_axis, (strided(arr(4, 6)),)),
    (q_tuple_axis, (arr(3, 5, dtype=np.int64),)),
    (q_tuple_axis, (with_nan(arr(4, 6)),)),
    (q_keepdims, (arr(3, 5),)),
    (q_keepdims, (arr(2, 3, 4, dtype=np.float32),)),
    (q_array, (arr(5, 7), np.array([0.25, 0.5, 0.75]))),
    (q_array, (arr(5, 7), np.array([[0.0, 0.1], [0.99, 1.0]]))),               # 2-d q
    (q_array, (arr(5, 7, dtype=np.float32), np.array([0.3, 0.6], dtype=np.float32))),
    (q_array, (arr(5, 7, dtype=np.float32), np.array([0.3, 0.6]))),             # float64 q: float64
    (q_array, (arr(5, 7, dtype=np.uint8), np.array([0.3, 0.6], dtype=np.float32))),
    (q_array, (arr(5, 7, dtype=np.int32), np.array([0.3, 0.6], dtype=np.float32))),
    (q_array, (arr(5, 7), strided(np.array([0.2, 0.4, 0.8])))),
    (q_array_keep, (arr(2, 6, 3), np.array([[0.5], [0.25]]))),
    (q_int_q, (arr(7),)),
    (q_int_q, (arr(7, dtype=np.int32),)),
    (q_int_q, (with_nan(arr(7, dtype=np.float32)),)),
    (q_np_scalar, (arr(9),)),
    (q_np_scalar, (arr(9, dtype=np.float32),)),
    (q_np_scalar, (arr(9, dtype=np.int64),)),
    (q_bad, (arr(5),)),
    (q_bad_pct, (arr(5),)),
    (q_empty_q, (arr(3, 4),)),
    (q_empty_lane, (np.zeros((3, 0)),)),
    (q_empty_lane, (np.zeros((3, 0), dtype=np.int64),)),
]


@pytest.mark.parametrize("fn,args", CASES)
def test_quantiles_ir(fn, args):
    check(fn, *args, rtol=1e-15)


@pytest.mark.parametrize("fn,args", CASES[::3])
def test_quantiles_wasm(fn, args):
    check_wasm(fn, *args, rtol=1e-15)


def q_hyp(a, q): return np.quantile(a, q, axis=-1), np.percentile(a, q * 100.0)


@settings(max_examples=40, deadline=None)
@given(shape=st.lists(st.integers(1, 5), min_size=1, max_size=3),
       qs=st.lists(st.floats(0.0, 1.0), min_size=0, max_size=5),
       dtype=st.sampled_from([np.float64, np.float32, np.int64]),
       data=st.data())
def test_quantiles_hypothesis(shape, qs, dtype, data):
    a = arr(*shape, dtype=dtype)
    if dtype != np.int64 and data.draw(st.booleans(), label="with NaN"):
        a = with_nan(a)
    check(q_hyp, a, np.array(qs, dtype=np.float64), rtol=1e-15)
