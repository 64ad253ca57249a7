"""`a.flat` (frontend/array_flat.py) and `a.item(i)` / `a.item(i, j)`
(frontend/npfuncs_indices.item), compiled vs NumPy on every target: loops
over the flat iterator (reading as they go, so writes in the body show),
elements and slices read, numbers assigned to an element or a slice, with
NumPy's exceptions (IndexError "out of bounds for size", the flat
assignment's ValueError "Error setting single item of array.")."""

import numpy as np
import pytest

import py2wasm
from tests.arrays.like_numpy import check_like_numpy

M = np.arange(12.0).reshape(4, 3)
I32 = np.arange(6, dtype=np.int32).reshape(2, 3)
ARGS = [(M, 3, 1.5), (M[::2, ::-1], -1, -2.0), (M, 12, 0.0), (M, -13, 1.0), (I32, 5, 2.7),
        (I32, 2, float("nan")), (I32.astype(np.uint8), 1, 300.0), (I32, 1, -3e9),
        (I32.astype(np.int64), 0, 9.3e18), (I32.astype(np.int64), 0, -9.2e18),
        (np.arange(24.0).reshape(2, 3, 4)[:, ::2], 4, 1e30), (np.arange(5.0), 2, -0.0),
        (np.array([[True, False]]), 1, 0.5), (np.zeros((0, 2)), 0, 1.0)]
def flat_iter(m, i, x):
    s = 0.0
    for v in m.flat:
        s += v * v
    return s
def flat_iter_mut(m, i, x):
    b = m.copy()
    out = []
    for v in b.flat:
        b[-1] = b[-1] + 1
        out.append(float(v))
    return out
def flat_get(m, i, x): return m.flat[i]
def flat_slice(m, i, x): return m.flat[1:7:2], m.flat[::-1], m.flat[i:], m.flat[:0]
def flat_set(m, i, x):
    b = m.copy()
    b.flat[i] = x
    return b
def flat_set_int(m, i, x):
    b = m.copy()
    b.flat[i % b.size] = i * 100
    return b
def flat_set_slice(m, i, x):
    b = m.copy()
    b.flat[::4] = x
    return b
def flat_set_slice_int(m, i, x):
    b = m.copy()
    b.flat[1:3] = i * 100
    return b
def flat_diag_idiom(m, i, x):
    b = np.zeros((3, 3))
    b.flat[::4] = x
    return b
def flat_np_idx(m, i, x): return m.flat[np.int64(i % m.size)]
def flat_arg(m, i, x):
    m.flat[i % m.size] = 7
    return m.sum()
def item_flat(m, i, x):
    return m.item(i)
def item_axes(m, i, x):
    return m.item(i % max(m.shape[0], 1), 1), m.item((0, -1))
def item_np_index(m, i, x):
    return m.item(np.int64(i))
def item_too_many(m, i, x):
    return m.item(i, 0, 0, 0)
def item_of_row(m, i, x):
    return m[-1:].item(i)


FUNCS = [v for k, v in sorted(globals().items()) if k.startswith(("flat_", "item_"))]


@pytest.mark.parametrize("target", ["mvp", "simd"])
@pytest.mark.parametrize("fn", FUNCS, ids=lambda f: f.__name__)
def test_flat_and_item_like_numpy(fn, target):
    check_like_numpy(fn, ARGS, target)


def test_flat_of_an_array_value_is_refused():
    def f(m):
        m.flat[0:2] = np.ones(2)
        return m
    with pytest.raises(py2wasm.CompileError, match="a.flat"):
        py2wasm.compile(f)(np.zeros(3))
