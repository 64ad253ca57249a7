"""Storing an array, a list or a tuple into ONE element (`a[i] = v`,
frontend/array_indexing.py `_array_into_element`, `_sequence_into_element`):
compiled vs NumPy, every dtype. NumPy's setitem of each dtype decides: a
bool element takes the truth of v (one element, NaN is True; a list by its
length), a float element raises ValueError, an integer one int()'s TypeError
for a list and ValueError for an array, a complex one complex()'s TypeError.
Found by the program fuzzer (`o[i] = -1 < p0 < 1 and s`: a one-element bool
array stored into a bool element)."""
from __future__ import annotations

import math

import numpy as np
import pytest

import py2wasm

DTYPES = ("bool", "float64", "float32", "int64", "int32", "uint8", "complex128")


def put_array(a, x):
    a[0] = np.array([x])
    return a


def put_compare(a, x):
    a[-1] = a[:1] > x  # a one-element view of a (run-time size: checked)
    return a


def put_slice(a, x, n):
    a[0] = a[:n] >= x  # size known only at run time
    return a


def put_2d(m, x):
    m[0, 1] = m[1:, :1] < x
    return m


def put_list(a, x):
    a[1] = [x]
    return a


def put_tuple(a, x):
    a[0] = (x, x)
    return a


def put_empty(a, x):
    a[0] = []
    return a


def put_arglist(a, xs: list[float]):
    a[0] = xs
    return a


def _outcome(f, *args):
    try:
        return repr(f(*args))
    except Exception as e:  # noqa: BLE001 - the exception is the outcome
        return f"{type(e).__name__}: {e}"


def _check(f, a, *rest):
    want = _outcome(f, a.copy(), *rest)
    got = _outcome(py2wasm.compile(f), a.copy(), *rest)
    assert got == want, (f.__name__, a.dtype, rest, got, want)


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("f", [put_array, put_compare, put_list, put_tuple, put_empty])
def test_one_element_store_as_numpy(f, dt):
    for x in (0.0, 1.0, -0.0, math.nan):
        _check(f, np.zeros(3, dtype=dt), x)
        _check(f, np.ones(2, dtype=dt), x)


@pytest.mark.parametrize("dt", ("bool", "float64", "int32"))
def test_run_time_sizes(dt):
    for n in (0, 1, 2, 3):
        _check(put_slice, np.array([1, 0, 1], dtype=dt), 0.5, n)


@pytest.mark.parametrize("shape", [(2, 2), (3, 2), (1, 2)])
def test_two_dimensional_bool(shape):
    for x in (0.5, 5.0, math.nan):
        _check(put_2d, np.arange(np.prod(shape)).reshape(shape) % 2 == 0, x)


@pytest.mark.parametrize("dt", ("bool", "float64", "int64"))
def test_list_argument(dt):
    for xs in ([], [0.0], [1.5, 2.5]):
        _check(put_arglist, np.zeros(2, dtype=dt), xs)
