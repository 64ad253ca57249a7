"""frontend/ufunc_reduceat.py: np.<ufunc>.reduceat of 1-D arrays compiled vs
NumPy, bit for bit: float add segments of every length class of NumPy's
pairwise sum (< 8, <= 128, > 128: the first element plus the pairwise rest),
decreasing and repeated indices, -0.0 and NaN, result dtypes (small ints
add in int64), views, and NumPy's IndexError / TypeError."""
import numpy as np
import pytest

import py2wasm
from tests.corpus.test_science import outcome, same


def ra(a, i):
    return np.add.reduceat(a, i), np.maximum.reduceat(a, i), np.multiply.reduceat(a, i)


def ral(a):
    return np.add.reduceat(a, [0, 3, 5]), np.minimum.reduceat(a, [2, 1])


def rlog(a, i):
    return np.logical_and.reduceat(a, i), np.logical_or.reduceat(a, i), np.fmax.reduceat(a, i)


def rbits(a, i):
    return np.bitwise_or.reduceat(a, i), np.add.reduceat(a, i), np.subtract.reduceat(a, i)


R = np.random.default_rng(9)
X = R.normal(size=400)
NZ = np.array([-0.0, -0.0, np.nan, 1.0, -0.0, np.inf, -np.inf, 2.0])
CASES = [(ra, (X, np.array([0, 3, 10, 2, 399]))), (ra, (X, np.array([0, 7, 16, 145, 300, 300]))),
         (ra, (X.astype(np.float32), np.array([0, 33, 200]))), (ra, (X[::3], np.array([1, 40, 9]))),
         (ra, (X[::-1], np.array([0, 131]))), (ra, (NZ, np.array([0, 2, 3, 4, 6]))), (ra, (NZ, np.array([0, 1]))),
         (ra, (np.arange(8, dtype=np.int32), np.array([0, 3, 5]))),
         (ra, (np.arange(8, dtype=np.uint8), np.array([5, 2, 7], dtype=np.int32))),
         (ra, (X, np.array([0, 400]))), (ra, (X, np.array([-1, 2]))), (ra, (X, np.array([], dtype=np.int64))),
         (ra, (np.zeros(0), np.array([0]))), (ra, (X, np.array([0.0, 2]))),
         (ral, (X[::3],)), (ral, (np.array([True, False, True, True, False, True]),)),
         (rlog, (X, np.array([0, 5, 5, 9]))), (rlog, (NZ, np.array([1, 3, 0]))),
         (rbits, (np.arange(20, dtype=np.int16) * 7, np.array([0, 4, 19, 2], dtype=np.uint8)))]


@pytest.mark.parametrize("fn,args", CASES, ids=lambda v: getattr(v, "__name__", None))
def test_like_numpy(fn, args):
    want = outcome(fn, args)
    got = outcome(py2wasm.compile(fn), args)
    if want[0] != "ok":
        assert got[:2] == want[:2]
        return
    assert got[0] == "ok" and same(got[1], want[1], 0, 0) is None


def ra2(m):
    return np.add.reduceat(m, [0, 1], axis=1)


def test_refused():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(ra2)(np.ones((2, 3)))
    assert "reduceat" in str(e.value) and "hint:" in str(e.value)
