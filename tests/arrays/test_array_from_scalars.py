"""frontend/npfuncs_create.py (array_from): np.array of a nest of NumPy
scalars read from arrays and Python numbers, as in an ODE right-hand side
`np.array([y[1], -k * y[0]])`: NumPy's dtype (each NumPy scalar its own
dtype, Python numbers their default one, promoted) and values."""
import numpy as np
import pytest

import py2wasm


def rhs(y, k: float):
    return np.array([y[1], -k * y[0]])


def mixed(w):
    return np.array([[w[0], 2.0], [1, w[1]]]), np.array([w[0], w[1]]), np.array((np.int8(3), True))


def narrowed(w):
    return np.array([w[0], w[1]], dtype=np.int8)


@pytest.mark.parametrize("fn,args", [
    (rhs, (np.array([1.0, 2.0]), 3.0)), (rhs, (np.array([1, 2], dtype=np.int32), 0.5)),
    (mixed, (np.ones(2, np.float32),)), (mixed, (np.arange(2, dtype=np.int32),)),
    (mixed, (np.array([7, 200], dtype=np.uint8),)),
    (narrowed, (np.array([1, 2]),)), (narrowed, (np.array([1, 300]),)),
])
def test_like_numpy(fn, args):
    try:
        want = fn(*args)
    except OverflowError as e:
        with pytest.raises(OverflowError) as got:
            py2wasm.compile(fn)(*args)
        assert str(got.value) == str(e)
        return
    got = py2wasm.compile(fn)(*args)
    for g, w in zip(got if isinstance(got, tuple) else (got,),
                    want if isinstance(want, tuple) else (want,)):
        assert g.dtype == w.dtype and np.array_equal(g, w)
