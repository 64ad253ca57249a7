"""Between arrays and lists (frontend/lists_arrays.py): `a.tolist()` for
1-D and N-d arrays, `np.array(rows)` of list values (including NumPy 2's
inhomogeneous-shape ValueError), compiled vs CPython/NumPy, with hypothesis
over shapes and dtypes."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm import CompileError
from tests.frontend.test_list_args import check, same


def tolist(a):
    return a.tolist()


def tolist_then_use(a):
    xs = a.tolist()
    xs.append(xs[0])
    return xs, len(xs)


def rows_to_array(n: int, m: int):
    rows = [[float(i * m + j) for j in range(m)] for i in range(n)]
    a = np.array(rows)
    return a.sum(), a.shape, a.tolist()


def ragged(n: int):
    rows = [[1.0] * (k % 2 + 1) for k in range(n)]
    return np.array(rows).shape


def ragged3(n: int):
    t = [[[1, 2], [3, 4]], [[5, 6], [7] * n]]
    return np.array(t).shape


def typed(n: int):
    rows = [[k, k + 1] for k in range(n)]
    a = np.array(rows, dtype=np.float32)
    return a.dtype == np.float32, a.tolist()


def list_value(n: int):
    xs = [k * 0.5 for k in range(n)]
    xs.append(-1.0)
    return np.array(xs).tolist()


CASES = [(ragged, (1,)), (ragged, (3,)), (ragged3, (2,)), (ragged3, (1,)),
         (rows_to_array, (3, 4)), (rows_to_array, (1, 0)),
         (typed, (1,)), (typed, (3,)), (list_value, (0,)), (list_value, (4,)),
         (tolist_then_use, (np.arange(3.0),)), (tolist_then_use, (np.zeros(0),))]


@pytest.mark.parametrize("fn, args", CASES, ids=[f"{f.__name__}-{i}" for i, (f, _) in
                                                 enumerate(CASES)])
def test_lists_and_arrays_match_numpy(fn, args):
    check(fn, *args)


_C = py2wasm.compile(tolist)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=3),
       st.sampled_from(["float64", "float32", "int64", "int32", "uint8", "int8", "bool"]))
def test_tolist_matches_numpy(shape, dtype):
    a = (np.arange(int(np.prod(shape))) * 37 % 11 - 4).astype(dtype).reshape(shape)
    assert same(_C(a), a.tolist())


def test_uint64_beyond_int64_is_the_documented_overflow():
    assert _C(np.array([1, 2**63 - 1], np.uint64)) == [1, 2**63 - 1]
    with pytest.raises(OverflowError):
        _C(np.array([2**63], np.uint64))


def test_an_empty_level_is_a_clear_error_not_a_wrong_shape():
    # NumPy: np.array of an empty list is 1-D float64; the compiled list's type says 2-D
    with pytest.raises(ValueError, match="empty level"):
        py2wasm.compile(typed)(0)


def list_of(a):
    xs = list(a)
    xs.append(xs[0] * 2)
    xs[1] = xs[1] + xs[0]
    return xs, xs[0] / xs[-1], len(xs), xs[-1] in xs, xs.index(xs[1]), np.array(xs)


@pytest.mark.parametrize("a", [np.array([1.0, 0.0]), np.array([3, 4, 5], np.int32),
                               np.array([1.5, -2.0], np.float32), np.array([7, 9], np.uint8)])
def test_list_of_a_1d_array_holds_numpy_scalars(a):
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # NumPy's divide-by-zero warning (CPython side)
        want = list_of(a.copy())
    got = py2wasm.compile(list_of)(a.copy())
    assert [type(x) for x in got[0]] == [type(x) for x in want[0]]
    assert same(got, want), (got, want)


def test_numpy_scalar_lists_as_arguments():
    def f(xs):
        xs.append(xs[0])
        return xs[-1] * 3
    xs = [np.float32(1.5), np.float32(2.0)]
    r = py2wasm.compile(f)(xs)
    assert type(r) is np.float32 and r == 4.5 and xs == [1.5, 2.0, 1.5] and \
        type(xs[-1]) is np.float32


def rows_of(m):
    rs = list(m)
    rs[-1][0] = -1  # a row is a view: writes m, as in NumPy
    rs.reverse()
    return np.stack(rs), len(rs), list(m.T)[0].tolist()


@pytest.mark.parametrize("m", [np.arange(12.0).reshape(3, 4), np.arange(8).reshape(2, 2, 2),
                               np.arange(6, dtype=np.int16).reshape(2, 3)[:, ::-1]])
def test_list_of_an_nd_array_holds_its_rows_as_views(m):
    from tests.frontend.test_lists_ofarrays import check as check_deep
    check_deep(rows_of, m)


def builtins_of_numpy_scalar_lists(a, x):
    out = [v * 2 for v in x]
    ints = list(a)
    z = np.zeros(1, x.dtype)[0]  # a start of the element type: one result type on every path
    return (sum(out, z), max(out), min(ints), any(ints), all(out), sum(ints, np.int64(5)),
            sum((v for v in x), z), min([v for v in x if v == v] + [x[0]]))


@pytest.mark.parametrize("a,x", [(np.array([3, 1, 2]), np.array([0.5, -1.5, 2.5])),
                                 (np.array([7], np.uint8), np.array([-0.0], np.float32)),
                                 (np.array([0, 0]), np.array([np.nan, 1.0]))])
def test_builtins_of_a_list_of_numpy_scalars(a, x):
    """sum/max/min/any/all of a list of NumPy scalars: CPython's loop over
    the scalars (0 + x0 + x1..., the first winner, each truth), as over the
    array they came from (frontend/array_builtins.py)."""
    want = builtins_of_numpy_scalar_lists(a.copy(), x.copy())
    got = py2wasm.compile(builtins_of_numpy_scalar_lists)(a.copy(), x.copy())
    assert [type(g) for g in got] == [type(w) for w in want] and same(got, want), (got, want)


def lambda_max(a):
    return max(list(a))


def test_max_of_an_empty_list_of_numpy_scalars_is_cpythons_error():
    with pytest.raises(ValueError, match="empty"):
        py2wasm.compile(lambda_max)(np.zeros(0))


def ints_to_array(n: int):
    return np.array([k * 3 for k in range(n)])


def test_np_array_of_an_empty_list_of_ints_is_a_clear_error_not_a_wrong_dtype():
    cf = py2wasm.compile(ints_to_array)
    assert same(cf(3), ints_to_array(3))
    with pytest.raises(ValueError, match="NumPy gives a float64 array"):
        cf(0)  # NumPy: float64 for an empty list; the compiled list's dtype is int64

    def typed(n: int):
        return np.array([k for k in range(n)], dtype=np.int64)
    assert same(py2wasm.compile(typed)(0), typed(0))  # dtype= given: no question
