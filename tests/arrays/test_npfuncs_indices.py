"""frontend/npfuncs_indices.py: flatnonzero, triu/tril_indices (k=, m=) and
their _from forms, diag_indices(_from), ix_ (reads and writes through
m[np.ix_(r, c)]), take_along_axis / put_along_axis, unravel_index /
ravel_multi_index (modes, orders, NumPy's ValueErrors), logspace /
geomspace (np.power over np.linspace as NumPy computes them: bit for bit
where py2wasm's pow is glibc's, within its 1 ulp elsewhere),
compiled vs NumPy over dtypes, shapes, views and the errors."""
import numpy as np
import pytest

import py2wasm
from tests.corpus.test_science import outcome, same


def fnz(a):
    return np.flatnonzero(a)


def tri(n: int, k: int):
    return (np.triu_indices(n), np.tril_indices(n, k), np.triu_indices(n, k, 3),
            np.tril_indices(n, -k, 2))


def trif(m):
    return np.triu_indices_from(m), np.tril_indices_from(m, 1), m[np.triu_indices_from(m, 1)]


def dgi(n: int):
    return np.diag_indices(n), np.diag_indices(n, 3)


def dgf(m):
    r = m.copy()
    r[np.diag_indices_from(m)] = 7
    return r


def ix(m, r, c):
    return m[np.ix_(r, c)]


def ixw(m, r, c):
    m = m.copy()
    m[np.ix_(r, c)] = -1
    m[np.ix_(r, c)] += 2
    return m


def ix3(t, a, b, c):
    return t[np.ix_(a, b, c)]


def tal(m):
    return (np.take_along_axis(m, np.argsort(m, axis=1), axis=1),
            np.take_along_axis(m, np.argsort(m, axis=0)[:1], axis=0),
            np.take_along_axis(m, np.argmax(m, axis=-1)[:, None], -1))


def tali(m, i):
    return np.take_along_axis(m, i, 1)


def pal(m, i):
    m = m.copy()
    np.put_along_axis(m, i, 99, axis=1)
    return m


def pal0(m, i, v):
    np.put_along_axis(m, i, v, 0)
    return m


def unr(i: int):
    return np.unravel_index(i, (3, 4)), np.unravel_index(i, (3, 4), order="F"), np.unravel_index(i, 20)


def unra(i):
    return np.unravel_index(i, (2, 3, 2))


def rmi(a, b):
    return (np.ravel_multi_index((a, b), (3, 4)), np.ravel_multi_index((a, b), (3, 4), mode="wrap"),
            np.ravel_multi_index((a, b), (3, 4), mode="clip", order="F"))


def rmis(a: int, b: int):
    return np.ravel_multi_index((a, b), (3, 4))


def rmi_n(a):
    return np.ravel_multi_index((a,), (3, 4))


def lsp(a: float, b: float, n: int):
    return (np.logspace(a, b, n), np.logspace(a, b, n, base=2),
            np.logspace(a, b, n, endpoint=False, base=np.e), np.logspace(a, b, n, dtype=np.float32))


def gsp(a: float, b: float, n: int):
    return np.geomspace(a, b, n), np.geomspace(a, b, n, endpoint=False)


def gspi(n: int):
    return np.geomspace(1, 256, n), np.logspace(1, 3, n, base=3)


R = np.random.default_rng(75)
M = R.normal(size=(3, 5))
T = np.arange(60).reshape(3, 4, 5)
DTS = ["float64", "float32", "int64", "int32", "uint8", "bool"]

CASES = [(fnz, (np.array([0.0, 1, 0, -0.0, np.nan]),)), (fnz, (np.zeros(0),)), (fnz, (M > 0,)),
         (fnz, (np.arange(12).reshape(3, 4)[:, ::2] % 3,)), (fnz, (np.ones(1, dtype=np.uint8),))]
CASES += [(fnz, ((R.integers(0, 3, (4, 3)) > 0).astype(dt),)) for dt in DTS]
CASES += [(tri, (4, 1)), (tri, (0, 0)), (tri, (5, -2)), (tri, (1, 9)), (tri, (-2, 0)),
          (trif, (M,)), (trif, (M[:, ::-2],)), (trif, (np.ones(3),)), (dgi, (3,)), (dgi, (0,)),
          (dgf, (np.ones((3, 3)),)), (dgf, (np.ones((3, 3), dtype=np.int32)[::-1],)),
          (dgf, (np.ones((3, 2)),)), (dgf, (np.ones(3),))]
CASES += [(ix, (M, np.array([0, 2]), np.array([4, 1, 1]))),
          (ix, (M, np.array([True, False, True]), np.array([-1, 0]))),
          (ix, (M, np.array([0, 3]), np.array([1]))),
          (ix, (M, np.zeros(0, dtype=np.int64), np.array([1]))),
          (ix, (M.astype(np.float32)[:, ::2], np.array([2, 0], dtype=np.int32), np.array([2]))),
          (ix, (M, np.ones((2, 2), dtype=np.int64), np.array([1]))),
          (ixw, (M, np.array([0, 2]), np.array([4, 1, 1]))),
          (ixw, (np.arange(15, dtype=np.uint8).reshape(3, 5), np.array([1]), np.array([0, 2]))),
          (ix3, (T, np.array([2, 0]), np.array([True, False, True, True]), np.array([4])))]
CASES += [(tal, (M.astype(dt),)) for dt in DTS[:5]] + [(tal, (M[:, ::2],))]
CASES += [(tali, (M, np.array([[0], [4], [2]]))), (tali, (M, np.array([[0], [5], [2]]))),
          (tali, (M, np.array([[0, 1], [4, 4]]))), (tali, (M, np.array([1, 2]))),
          (tali, (M, np.array([[0.0]]))), (tali, (M, np.array([[-1, -5]], dtype=np.int32))),
          (pal, (M, np.array([[0], [4], [2]]))), (pal, (M, np.array([[0], [-6], [2]]))),
          (pal0, (np.zeros((3, 2), dtype=np.int32), np.array([[2, 0]]), np.array([[5, 6]])))]
CASES += [(unr, (5,)), (unr, (11,)), (unr, (12,)), (unr, (-1,)), (unra, (np.array([0, 5, 11]),)),
          (unra, (np.array([[1, 2], [3, 12]]),)), (unra, (np.array([], dtype=np.int32),)),
          (unra, (np.array([1.0]),)), (unra, (np.arange(12, dtype=np.uint8)[::3],))]
CASES += [(rmi, (np.array([0, 2, 1]), np.array([3, 1, 0]))), (rmi, (np.array([0, 3]), np.array([3, 1]))),
          (rmi, (np.array([0, -1]), np.array([5, 1]))), (rmi, (np.array([0, 1]), np.array([1, 2, 3]))),
          (rmi, (np.array([1.0]), np.array([1]))), (rmi, (np.array([2], dtype=np.int8), np.array([3]))),
          (rmis, (2, 3)), (rmis, (2, 4)), (rmis, (-1, 0)), (rmi_n, (np.array([1]),))]
CASES += [(lsp, (0.0, 2.0, 5)), (lsp, (-3.5, 7.25, 17)), (lsp, (1.0, 1.0, 1)), (lsp, (0.0, 2.0, 0)),
          (lsp, (-300.0, 300.0, 50)), (lsp, (0.0, 1.0, -1)),
          (gsp, (1.0, 1000.0, 4)), (gsp, (-1.0, -1e5, 11)), (gsp, (0.3, 7.1, 13)), (gsp, (0.0, 1.0, 3)),
          (gsp, (2.0, 3.0, 1)), (gsp, (-2.0, 3.0, 5)), (gsp, (1e-300, 1e300, 30)), (gsp, (5.0, 0.5, 0)),
          (gspi, (9,))]


@pytest.mark.parametrize("fn,args", CASES, ids=lambda v: getattr(v, "__name__", None))
def test_like_numpy(fn, args):
    want = outcome(fn, [a.copy() if isinstance(a, np.ndarray) else a for a in args])
    got = outcome(py2wasm.compile(fn, target="simd"),
                  [a.copy() if isinstance(a, np.ndarray) else a for a in args])
    if want[0] != "ok" or got[0] != "ok":
        assert got[:2] == want[:2]
        return
    # logspace/geomspace are np.power's values: py2wasm's pow is within 1 ulp
    # of glibc's (README); the other functions are exact
    assert same(got[1], want[1], 1 if fn in (lsp, gsp) else 0, 0) is None


def along_none(m, i):
    return np.take_along_axis(m, i, None)


def uint64_unravel(i):
    return np.unravel_index(i, (3, 4))


def part(a):
    return np.partition(a, 2)


def apart(a):
    return np.argpartition(a, 1)


@pytest.mark.parametrize("fn,args,text", [
    (part, (np.arange(5.0),), "np.sort"),
    (apart, (np.arange(5.0),), "np.sort"),
    (along_none, (M, np.array([1])), "axis=None"),
    (uint64_unravel, (np.array([1], dtype=np.uint64),), "uint64"),
])
def test_refused(fn, args, text):
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(fn)(*args)
    assert text in str(e.value) and "hint:" in str(e.value)
