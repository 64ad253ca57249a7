"""frontend/npfuncs_ndindex.py: `for idx in np.ndindex(shape)` (a tuple or
separate ints, 1-4 dims) and `for idx, v in np.ndenumerate(a)` (views too)
compiled vs NumPy, and the refusals."""
import numpy as np
import pytest

import py2wasm
from tests.corpus.test_science import outcome, same


def nd(m):
    s = 0
    for idx in np.ndindex(m.shape):
        s += idx[0] * 10 + idx[1]
    return s


def nd3(n: int):
    out = []
    for i, j, k in np.ndindex(2, n, 3):
        out.append(i * 100 + j * 10 + k)
    return out


def nd1(n: int):
    out = []
    for (i,) in np.ndindex(n):
        out.append(i)
    for t in np.ndindex((n,)):
        out.append(-t[0])
    return out


def nd4(t):
    c = 0.0
    for i, j, k, m in np.ndindex(t.shape):
        c += t[i, j, k, m] * (i - j + k * m)
    return c


def ne(m):
    s = 0.0
    for idx, v in np.ndenumerate(m):
        s += idx[0] * v - idx[1]
    return s


def ne1(a):
    best = -1
    for (i,), v in np.ndenumerate(a):
        if v > 2:
            best = i
    return best


def ne3(t):
    out = []
    for (i, j, k), v in np.ndenumerate(t):
        out.append((i, j, k, int(v)))
    return out


M = np.arange(12.0).reshape(3, 4)
CASES = [(nd, (M,)), (nd, (np.zeros((0, 3)),)), (nd3, (4,)), (nd3, (0,)), (nd1, (3,)),
         (nd4, (np.arange(24.0).reshape(2, 3, 2, 2),)), (ne, (M,)), (ne, (M[:, ::-2],)),
         (ne, (M.astype(np.int32).T,)), (ne1, (np.array([1, 3, 0, 5], dtype=np.int32),)),
         (ne1, (np.zeros(0, dtype=np.uint8),)), (ne3, (np.arange(12, dtype=np.int16).reshape(2, 3, 2),))]


@pytest.mark.parametrize("fn,args", CASES, ids=lambda v: getattr(v, "__name__", None))
def test_like_numpy(fn, args):
    want = outcome(fn, args)
    got = outcome(py2wasm.compile(fn), args)
    assert got[0] == want[0] == "ok"
    assert same(got[1], want[1], 0, 0) is None


def nd5(n: int):
    c = 0
    for idx in np.ndindex(1, 1, 1, 1, n):
        c += 1
    return c


def ndf(x: float):
    c = 0
    for idx in np.ndindex(x):
        c += 1
    return c


@pytest.mark.parametrize("fn,args", [(nd5, (2,)), (ndf, (2.0,))])
def test_refused(fn, args):
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(fn)(*args)
    assert "ndindex" in str(e.value) and "hint:" in str(e.value)
