"""Builtins applied to NumPy scalars (array elements, reductions), found by
the program fuzzer (tests/fuzz): compared with CPython/NumPy, value and type.

- float() of an integer or bool NumPy scalar is a Python float (was the int
  or bool itself: `float(np.argmin(a))` returned 1);
- pow(x, e, m) with a NumPy scalar among its operands raises CPython's
  TypeError (NumPy scalars have no modular power);
- an integer array to the power of a NumPy scalar (`p1 ** p0.argmax()`) was
  an internal TypeError while compiling (frontend/arrays.py, ufunc_node).
"""
from __future__ import annotations

import math

import numpy as np
import pytest
from _npcompare import DTYPES, check


def float_of_element(a, i):
    return float(a[i])


def float_of_reduction(a):
    return float(np.argmin(a)) + float(a.max())


def modular_pow_first(a, i):
    return pow(a[i], 3, 5)


def modular_pow_second(a, i, x):
    return pow(x, a[i], 7)


def modular_pow_third(a, i, x):
    return pow(x, 2, a[i])


def array_to_numpy_scalar_power(a, b):
    return a ** b.argmax()


@pytest.mark.parametrize("t", DTYPES, ids=lambda t: t.__name__)
def test_float_of_numpy_scalars(t):
    a = np.array([1, 0, 3], dtype=t)
    check(float_of_element, [(a, 0), (a, 1), (a, 2)])
    if t is not np.uint64:  # max/argmin of uint64 arrays: a located refusal (P2W002)
        check(float_of_reduction, [(a,)])


@pytest.mark.parametrize("t", [np.int64, np.uint8, np.float64, np.bool_], ids=lambda t: t.__name__)
def test_modular_pow_of_numpy_scalars_raises_cpythons_type_error(t):
    a = np.array([2, 1], dtype=t)
    check(modular_pow_first, [(a, 0)])
    check(modular_pow_second, [(a, 0, 3)])
    check(modular_pow_third, [(a, 0, 3)])


@pytest.mark.parametrize("t", [np.int64, np.uint8, np.int32], ids=lambda t: t.__name__)
def test_integer_array_to_a_numpy_scalar_power(t):
    a = np.array([0, 1, 3], dtype=t)
    check(array_to_numpy_scalar_power, [(a, np.array([0.5, 2.0])), (a, np.array([3.0, 2.0]))])


def index_with_uint64(a, b, i):
    x = a[b[i]]
    a[b[i]] = 7
    return x


def test_uint64_scalar_as_an_index():
    """NumPy takes a numpy.uint64 as an index; from 2**63 up it cannot be a C
    long (OverflowError), past the length it is an IndexError."""
    b = np.array([1, 2**64 - 1, 2**63, 3, 9], dtype=np.uint64)
    check(index_with_uint64, [(np.arange(4.0), b, i) for i in range(5)])


def store_element(a, src, i):
    a[0] = src[i]
    return a


def store_slice(a, src, i):
    a[::2] = src[i]
    return a


SOURCES = [np.array([-2**63, 300, 100, -1]), np.array([1e10, -1.5, np.nan, np.inf, 3.7]),
           np.array([200, 2**63, 7], dtype=np.uint64), np.array([300, -5], dtype=np.int16),
           np.array([True, False])]


@pytest.mark.parametrize("t", DTYPES, ids=lambda t: t.__name__)
def test_numpy_scalar_stored_into_an_array(t):
    """A signed integer array converts a NumPy scalar of another type through
    a Python int (OverflowError "Python integer 300 out of bounds for int8",
    ValueError for NaN); other arrays cast (C casts), as NumPy 2."""
    for src in SOURCES:
        check(store_element, [(np.zeros(3, t), src, i) for i in range(len(src))])
        check(store_slice, [(np.zeros(3, t), src, i) for i in range(len(src))])


def trunc_of(a, i):
    return math.trunc(a[i])


def round_of(a, i):
    return round(a[i])


@pytest.mark.parametrize("t", DTYPES, ids=lambda t: t.__name__)
def test_trunc_and_round_of_numpy_scalars(t):
    """math.trunc() takes only numpy.float64 (a float subclass): the others
    raise CPython's TypeError; round() of a numpy.bool raises it too."""
    a = np.array([3, 0], dtype=t)
    check(trunc_of, [(a, 0), (a, 1)])
    check(round_of, [(a, 0), (a, 1)])


def truth_of_uint64(a, k):
    x = ~a[0]
    if k == 0:
        return bool(x)
    if k == 1:
        return not x
    return bool(a[1])


def test_bool_of_a_uint64_from_two_to_the_63():
    """bool() of a numpy.uint64 >= 2**63 is its truth (was py2wasm's int64
    OverflowError: the value went through a Python int)."""
    a = np.array([1, 2**63], dtype=np.uint64)
    check(truth_of_uint64, [(a, k) for k in range(3)])


def type_errors_at_run_time(a, b, c, i, k):
    if k == 0:
        return a[i] - b[i]
    if k == 1:
        return -(a[i])
    if k == 2:
        return c[i] & 1
    if k == 3:
        return a - b
    if k == 4:
        return c << 1
    return 0


def test_operand_types_numpy_rejects_raise_its_type_error_when_run():
    """np.bool_ - np.bool_, -np.bool_, float & int...: NumPy's TypeError (and
    message) when the operation runs; a path that does not run compiles."""
    a = np.array([True, False])
    c = np.array([1.5, 2.0])
    check(type_errors_at_run_time, [(a, a.copy(), c, 0, k) for k in range(6)])


def shapes_from_numpy_scalars(a, b):
    return np.zeros(a.argmax()), np.ones((b[0], 2)), np.full(np.int8(2), 1.5)


def test_numpy_integer_scalars_as_shapes():
    """np.zeros(a.argmax()), np.ones((int16_element, 2)): NumPy integer
    scalars are sizes (was P2W003 "shape must be an int")."""
    check(shapes_from_numpy_scalars, [(np.array([0, 5, 1]), np.array([3, 1], dtype=np.int16)),
                                      (np.array([7]), np.array([0], dtype=np.int16))])
