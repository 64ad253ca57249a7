"""frontend/npfuncs_diag.py: numpy.diag (a 2-D array's k-th diagonal as a
view that sees later changes, a 1-D array's matrix), numpy.diagflat and
numpy.fill_diagonal (in place, 2-D and N-D with equal dimensions, NumPy's
ValueErrors), numpy.trace and a.trace() (frontend/npshape_views.py: the
diagonal view summed as NumPy sums it, pairwise from 9 elements on; offsets,
axes, dtype=, complex); compiled vs NumPy on every target, results and
arguments after the call; array values, wrap=True and trace's out= are
located CompileErrors."""
import copy

import numpy as np
import pytest

import py2wasm
from tests.corpus.test_science import outcome, same

R = np.random.default_rng(5)


def diagonals(A):
    return np.diag(A), np.diag(A, 1), np.diag(A, -2), np.diag(A, 9), np.diag(np.diag(A))


def vector_to_matrix(v, k: int):
    return np.diag(v, k), np.diagflat(v.reshape(2, -1), 1), np.diag(v)


def fill_then_view(A):
    B = A.copy()
    np.fill_diagonal(B, 0.0)
    d = np.diag(B)
    B[1, 1] = 7.0  # the view sees it, as NumPy's
    return B, d.copy(), np.diag(A.T)


def fill_in_place(A, v):
    np.fill_diagonal(A, v)
    return A.sum()


def jacobi_split(A):
    D = np.diag(A)
    R = A - np.diagflat(D)
    return D, R


def diag_3d(A):
    return np.diag(A)


def fill_with_array(A):
    np.fill_diagonal(A, np.arange(3.0))
    return A


def fill_wrap(A):
    np.fill_diagonal(A, 1.0, wrap=True)
    return A


def traces(A, k: int):
    return np.trace(A), np.trace(A, 1), A.trace(-2), np.trace(A, k), A.trace(offset=k)


def traces_dtype(A):
    return np.trace(A, dtype=np.float32), A.trace(0, 0, 1, np.int8), np.trace(A.T, dtype=float)


def traces_3d(A):
    return np.trace(A), np.trace(A, 1, 2, 0), A.trace(0, -1, -2), np.trace(A, -1, axis1=1, axis2=2)


def trace_out(A):
    return np.trace(A, out=np.zeros(()))


CASES = [
    (diagonals, (R.normal(size=(3, 4)),)), (diagonals, (R.normal(size=(5, 2)),)),
    (diagonals, (np.arange(12, dtype=np.int32).reshape(3, 4)[:, ::2],)),
    (vector_to_matrix, (np.arange(6), -1)), (vector_to_matrix, (R.normal(size=4), 2)),
    (vector_to_matrix, (np.array([True, False]), 0)),
    (fill_then_view, (R.normal(size=(4, 3)),)), (fill_then_view, (R.normal(size=(2, 5)),)),
    (fill_in_place, (np.ones((2, 2, 2), dtype=np.int32), 3)),
    (fill_in_place, (np.ones((2, 3, 2), dtype=np.int32), 3)),
    (fill_in_place, (np.ones((3, 3)), 2.5)), (fill_in_place, (np.ones((3, 3), dtype=np.int64), 2.5)),
    (fill_in_place, (np.ones(3), 1.0)),
    (jacobi_split, (R.normal(size=(4, 4)),)), (diag_3d, (np.ones((2, 2, 2)),)),
    *[(traces, (R.normal(size=(n, m)) * 1e3, k)) for n, m, k in
      [(9, 9, 0), (17, 17, 3), (300, 300, -5), (40, 260, 2), (3, 4, 9), (0, 3, 0)]],
    (traces, (R.normal(size=(300, 300))[::2, ::-3], 1)),
    (traces, (R.normal(size=(20, 20)).astype(np.float32), -1)),
    (traces, (R.integers(-100, 100, (20, 20), dtype=np.int8), 0)),
    (traces, (R.integers(0, 255, (20, 20), dtype=np.uint8), 0)),
    (traces, (R.normal(size=(20, 20)) > 0, 0)),
    (traces, ((R.normal(size=(20, 20)) + 1j * R.normal(size=(20, 20))), 1)),
    (traces, ((R.normal(size=(20, 20)) + 1j * R.normal(size=(20, 20))).astype(np.complex64), 1)),
    (traces, (np.ones(3), 0)),
    (traces_dtype, (R.normal(size=(30, 30)) * 1e3,)),
    (traces_dtype, (R.integers(-100, 100, (30, 30)),)),
    (traces_3d, (R.normal(size=(12, 13, 14)),)),
]


@pytest.mark.parametrize("target", ["mvp", "simd", "relaxed-simd"])
@pytest.mark.parametrize("fn,args", CASES)
def test_like_numpy(fn, args, target):
    want = outcome(fn, copy.deepcopy(args))
    got = outcome(py2wasm.compile(fn, target=target), copy.deepcopy(args))
    if want[0] != "ok" or got[0] != "ok":
        assert got[:2] == want[:2]
        return
    assert same(got[1], want[1], 0, 0) is None
    assert same(got[2], want[2], 0, 0, "arguments") is None


@pytest.mark.parametrize("fn", [fill_with_array, fill_wrap, trace_out])
def test_outside_the_subset(fn):
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(fn)(np.zeros((3, 3)))
    assert e.value.line and e.value.code == "P2W002"
