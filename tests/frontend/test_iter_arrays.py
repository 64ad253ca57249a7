"""frontend/lists_iter.py: `enumerate` and `zip` over NumPy arrays (axis 0:
elements of 1-D arrays, rows of N-d ones), alone or with ranges and lists;
zip stops at the shortest operand; `reversed(array)` walks axis 0 backwards."""
import numpy as np
import pytest

import py2wasm


def weighted(a):
    s = 0.0
    for i, v in enumerate(a):
        s += i * v
    return s


def dot(a, b):
    s = 0.0
    for x, y in zip(a, b):
        s += x * y
    return s


def with_range(a):
    s = 0.0
    for i, x in zip(range(3), a):
        s += i * x
    return s


def with_list(a):
    s = 0.0
    for w, x in zip([1.0, 2.0], a):
        s += w * x
    return s


def row_sums(m):
    out = np.zeros(m.shape[0])
    for i, row in enumerate(m, 1):
        out[i - 1] = row.sum() * i
    return out


def rows_weights(m, w):
    t = 0.0
    for row, wi in zip(m, w):
        for x in row:
            t += x * wi
    return t


def counts(labels, pred, k: int):
    cm = np.zeros((k, k), dtype=np.int64)
    for t, p in zip(labels, pred):
        cm[t, p] += 1
    return cm


def backwards(a):
    s = 0.0
    for x in reversed(a):
        s = s * 2 + x
    return s


@pytest.mark.parametrize("fn,args", [
    (weighted, (np.arange(5.0),)), (weighted, (np.ones(1),)),
    (dot, (np.ones(3), np.arange(4))), (dot, (np.arange(4, dtype=np.int32), np.ones(2))),
    (with_range, (np.arange(5.0),)), (with_list, (np.arange(3.0),)), (with_list, (np.ones(1),)),
    (row_sums, (np.arange(6.0).reshape(2, 3),)), (row_sums, (np.arange(6.0).reshape(3, 2).T,)),
    (rows_weights, (np.arange(6.0).reshape(3, 2), np.arange(2, dtype=np.int32))),
    (counts, (np.array([0, 1, 2, 2]), np.array([0, 2, 2, 1]), 3)),
    (counts, (np.array([0, 1, 5]), np.array([0, 2, 2]), 3)),
])
def test_like_cpython(fn, args):
    try:
        want = fn(*args)
    except IndexError as e:
        with pytest.raises(IndexError) as got:
            py2wasm.compile(fn)(*args)
        assert str(got.value) == str(e)
        return
    got = py2wasm.compile(fn)(*args)
    assert type(got) is type(want) and np.array_equal(got, want)


def rows_backwards(m):
    out = np.zeros(m.shape[1])
    k = 1
    for row in reversed(m):
        out += row * k
        k += 1
    return out


def enumerate_reversed(a):
    s = 0.0
    for i, v in enumerate(reversed(a)):
        s += i * v
    return s


@pytest.mark.parametrize("fn,args", [
    (backwards, (np.arange(5.0),)), (backwards, (np.zeros(0),)),
    (backwards, (np.arange(9.0)[::3],)), (rows_backwards, (np.arange(6.0).reshape(3, 2),)),
    (enumerate_reversed, (np.arange(4, dtype=np.int32),)),
])
def test_reversed_like_cpython(fn, args):
    got, want = py2wasm.compile(fn)(*args), fn(*args)
    assert np.array_equal(got, want)
