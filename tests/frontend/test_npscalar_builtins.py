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

import warnings

import numpy as np
import pytest

import py2wasm

DTYPES = [np.float64, np.float32, np.int64, np.int32, np.int16, np.int8, np.uint64, np.uint32,
          np.uint16, np.uint8, np.bool_]


def outcome(fn, *args):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            r = fn(*args)
        except Exception as e:  # noqa: BLE001 - the program's own exception
            return ("raise", type(e).__name__, str(e))
    if isinstance(r, np.ndarray):
        return ("array", r.dtype.str, r.shape, r.tobytes())
    return ("v", type(r).__name__, repr(r))


def check(fn, arg_sets):
    cf = py2wasm.compile(fn)
    for args in arg_sets:
        want = outcome(fn, *[a.copy() if isinstance(a, np.ndarray) else a for a in args])
        got = outcome(cf, *[a.copy() if isinstance(a, np.ndarray) else a for a in args])
        assert got == want, f"{fn.__name__}{args!r}"


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
