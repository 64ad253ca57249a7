"""frontend/npfuncs_apply.py: np.apply_along_axis with NumPy reductions
(pairwise sums of each lane: bit for bit), lambdas and defs returning
numbers (Python or NumPy scalars: NumPy's result dtypes) or 1-D arrays
(the new axis where `axis` was), over axes, dtypes, 3-D and views, and
NumPy's errors."""
import numpy as np
import pytest

import py2wasm
from tests.corpus.test_science import outcome, same


def ap_sum(m):
    return np.apply_along_axis(np.sum, 0, m), np.apply_along_axis(np.sum, 1, m)


def ap_lam(m):
    return np.apply_along_axis(lambda r: r.max() - r.min(), 1, m)


def rng(r):
    return r.max() - r.min()


def ap_def(m):
    return np.apply_along_axis(rng, 0, m)


def ap_arr(m):
    return np.apply_along_axis(np.sort, 0, m), np.apply_along_axis(lambda r: r[::-1] * 2, 1, m)


def ap_med(m):
    return np.apply_along_axis(np.median, -1, m)


def ap3(t):
    return (np.apply_along_axis(np.mean, 1, t), np.apply_along_axis(lambda v: v[:2], 1, t),
            np.apply_along_axis(lambda v: v[1:] - v[:-1], 2, t))


def ap_py(a):
    return np.apply_along_axis(lambda v: float(v[0]) + 1.5, 0, a), np.apply_along_axis(lambda v: len(v), 0, a)


def ap_kw(m):
    return np.apply_along_axis(func1d=np.max, axis=1, arr=m)


R = np.random.default_rng(5)
M = R.normal(size=(4, 13))
CASES = [(ap_sum, (M,)), (ap_sum, (R.normal(size=(40, 3)),)), (ap_sum, (M.astype(np.float32)[:, ::2],)),
         (ap_sum, (np.arange(12, dtype=np.uint8).reshape(3, 4),)), (ap_lam, (M,)),
         (ap_def, (M.astype(np.float32),)), (ap_def, (np.arange(12, dtype=np.int32).reshape(3, 4),)),
         (ap_arr, (M,)), (ap_arr, (M.T,)), (ap_med, (M,)), (ap3, (R.normal(size=(2, 5, 3)),)),
         (ap_py, (M,)), (ap_kw, (M,)), (ap_sum, (np.zeros((0, 3)),)), (ap_lam, (np.zeros((3, 0)),))]


@pytest.mark.parametrize("fn,args", CASES, ids=lambda v: getattr(v, "__name__", None))
def test_like_numpy(fn, args):
    want = outcome(fn, args)
    got = outcome(py2wasm.compile(fn), args)
    if want[0] != "ok":
        assert got[:2] == want[:2]
        return
    assert got[0] == "ok" and same(got[1], want[1], 0, 0) is None


def ap_2d(m):
    return np.apply_along_axis(lambda v: np.outer(v, v), 1, m)


def test_refused():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(ap_2d)(M)
    assert "apply_along_axis" in str(e.value) and "hint:" in str(e.value)
