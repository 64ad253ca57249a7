"""frontend/npshape_build.py: np.resize (a new array: the data repeated, or
zeros), np.delete (int, sequence or array of ints; axis= or flattened) and np.trim_zeros (1-D: a view, written through) compiled vs NumPy bit
for bit over dtypes and layouts, NumPy's ValueErrors; N-d trim_zeros is a
located CompileError."""
import numpy as np
import pytest

import py2wasm
from tests.arrays.test_npshape import DTYPES, _data, check, layouts


def resized(a, n: int):
    return np.resize(a, (2, n)), np.resize(a, n), np.resize(a, (n, 1, 2))


def trimmed(a):
    t = np.trim_zeros(a)
    f = np.trim_zeros(a, 'f')
    b = np.trim_zeros(a, trim='B')
    if t.shape[0]:
        t[0] = 1  # a view of a
    return t + 0, f + 0, b + 0, a


def trim_bad(a):
    return np.trim_zeros(a, 'x')


def trim_2d(a):
    return np.trim_zeros(a)


@pytest.mark.parametrize("dtype", DTYPES)
def test_resize(dtype):
    for a in layouts((5,), dtype) + layouts((2, 3), dtype):
        for n in (3, 0, 8):
            check(resized, (a, n))
    check(resized, (_data((0,), dtype), 3))
    check(resized, (_data((3,), dtype), -1))  # NumPy's ValueError


@pytest.mark.parametrize("dtype", DTYPES)
def test_trim_zeros(dtype):
    for a in layouts((9,), dtype):
        z = a.copy()
        z[:2] = 0
        z[-3:] = 0
        check(trimmed, (z,))
        check(trimmed, (z[::-1],))
        check(trimmed, (a,))
    check(trimmed, (np.zeros(4, dtype),))
    check(trimmed, (np.zeros(0, dtype),))
    check(trim_bad, (np.zeros(3, dtype),))


def test_trim_zeros_nan_and_negative_zero():
    check(trimmed, (np.array([-0.0, np.nan, 0.0, 2.0, -0.0]),))


def test_trim_zeros_2d_is_refused():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(trim_2d)(np.zeros((2, 2)))
    assert e.value.line and e.value.hint


def deleted(a):
    return np.delete(a, 1), np.delete(a, -1, axis=0), np.delete(a, [0, -1], 0), \
        np.delete(a, [], 0), np.delete(a, np.arange(0, 9, 2) % a.shape[0], 0)


def deleted_cols(m, k: int):
    return np.delete(m, k, axis=1), np.delete(m, (k, 0), axis=-1), np.delete(m, [1, 1], 1)


def delete_bad_float(a):
    return np.delete(a, np.array([1.0]))


@pytest.mark.parametrize("dtype", DTYPES)
def test_delete(dtype):
    for a in layouts((5,), dtype):
        check(deleted, (a,))
    for m in layouts((3, 4), dtype):
        for k in (0, 3, -4, 4, -5):  # out of bounds: NumPy's IndexError naming axis 1 / 0
            check(deleted_cols, (m, k))
    check(deleted, (_data((1,), dtype),))  # index 1 out of bounds


def test_delete_float_indices_is_refused():
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(delete_bad_float)(np.zeros(3))
    assert e.value.line


def inserted(a, k: int, v: float):
    return np.insert(a, k, v), np.insert(a, 0, 7), np.insert(a, k, 2, axis=0)


def inserted_2d(m, k: int):
    return np.insert(m, k, 5, axis=1), np.insert(m, k, -1.5, 0), np.insert(m, k, 1)


def insert_overflow(a):
    return np.insert(a, 1, 300)


def insert_nan(a):
    return np.insert(a, 1, np.nan)


def insert_sequence(a):
    return np.insert(a, 1, [1, 2])


def deleted_then_summed(m, k: int):
    return np.delete(m, k, axis=1).sum(axis=0), np.delete(m, k, axis=1).var()


@pytest.mark.parametrize("dtype", DTYPES)
def test_insert(dtype):
    for a in layouts((5,), dtype):
        for k in (2, 5, 6, -6, -1, 0):  # 6, -6: NumPy's IndexError
            check(inserted, (a, k, 1.5))
    for m in layouts((2, 3), dtype):
        for k in (3, -2, 4):
            check(inserted_2d, (m, k))
    check(inserted, (_data((0,), dtype), 0, 3.0))


def test_insert_value_errors():
    check(insert_overflow, (np.arange(3, dtype=np.uint8),))
    check(insert_nan, (np.arange(3),))
    with pytest.raises(py2wasm.CompileError) as e:
        py2wasm.compile(insert_sequence)(np.zeros(3))
    assert e.value.line and e.value.hint


def test_delete_layout_of_float_sums():
    for m in layouts((5, 7), "float64"):
        check(deleted_then_summed, (m * 1e-3 + 1e3, 2))
