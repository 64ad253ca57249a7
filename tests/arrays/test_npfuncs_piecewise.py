"""frontend/npfuncs_piecewise.py: np.piecewise with numbers, lambdas, defs
and NumPy ufuncs, the "otherwise" function, a single condition, later
conditions winning, functions not called on empty selections, dtypes
(NumPy's casting into x's dtype), 2-D views, and NumPy's ValueError; np.select
(NumPy's result type, its casts of numbers, its ValueError and TypeError)."""

import numpy as np
import pytest

import py2wasm
from tests.arrays.like_numpy import check_like_numpy
from tests.corpus.test_science import outcome, same


def pw(x):
    return np.piecewise(x, [x < 0, x >= 0], [-1.0, 1.0])


def pw2(x):
    return np.piecewise(x, [x < -1, x > 1], [lambda v: v * 2, lambda v: v ** 2, 0.5])


def pw3(x):
    return np.piecewise(x, [x < 0], [np.abs, np.sqrt])


def pw4(x):
    return np.piecewise(x, x > 2, [lambda v: v - 2, 7])


def pw5(x):
    return np.piecewise(x, [x < 0, x > 0], [1])


def pwi(x):
    return np.piecewise(x, [x % 2 == 0], [lambda v: v // 2, lambda v: 3 * v + 1])


def first_row(v):
    return 1.0 / v   # never called on an empty selection (would be a 0-size array anyway)


def pw_over(x):
    return np.piecewise(x, (x > 0, x > 1), (first_row, 2.5))


R = np.random.default_rng(3)
X = R.normal(size=11) * 3
CASES = [(pw, (X,)), (pw2, (X,)), (pw2, (X.astype(np.float32),)), (pw3, (X,)), (pw4, (X,)),
         (pw4, (np.arange(6),)), (pw4, (np.arange(6, dtype=np.uint8),)), (pw5, (X,)),
         (pwi, (np.arange(9, dtype=np.int32),)), (pw2, (np.zeros(0),)),
         (pw2, (X.reshape(1, 11)[:, ::2],)), (pw_over, (X,)), (pw_over, (-np.abs(X),)),
         (pw, (np.array([-0.0, np.nan, 0.0]),))]


@pytest.mark.parametrize("fn,args", CASES, ids=lambda v: getattr(v, "__name__", None))
def test_like_numpy(fn, args):
    want = outcome(fn, args)
    got = outcome(py2wasm.compile(fn), args)
    if want[0] != "ok":
        assert got[:2] == want[:2]
        return
    assert got[0] == "ok" and same(got[1], want[1], 0, 0) is None


def pw_args(x):
    return np.piecewise(x, [x < 0], [lambda v, k: v * k, 0.0], 2.0)


def test_refused():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(pw_args)(X)
    assert "piecewise" in str(e.value) and "hint:" in str(e.value)


# np.select (twelfth session): nested wheres with NumPy's result type and casts
SEL_ARGS = [(np.arange(6.0) - 2, 1), (np.arange(6) - 2, 0), (np.arange(12.0).reshape(3, 4), 2),
            (np.arange(4, dtype=np.float32), 3)]
def sel(a, k): return np.select([a < 0, a < 2], [a, a * 2.5]), np.select([a < 1, a > 2], [1, 2.5], default=-1), np.select([a > k], [a])
def sel_int8(a, k): return np.select([a < 2], [a.astype(np.int8)], default=100), np.select([a < 2], [a.astype(np.int8)], default=k * 150)
def sel_bad(a, k): return np.select([a], [a])
def sel_len(a, k): return np.select([a < 1], [a, a])
def sel_bcast(a, k): return np.select([a < 1, a > 3], [0.5, a[..., :1]], default=a)


@pytest.mark.parametrize("fn", [sel, sel_int8, sel_bad, sel_len, sel_bcast], ids=lambda f: f.__name__)
def test_select_like_numpy(fn):
    check_like_numpy(fn, SEL_ARGS)