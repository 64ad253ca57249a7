"""min()/max() of NumPy scalars mixed with Python numbers or other NumPy
types (frontend/typefork.py): CPython returns whichever item wins, so the
result's type depends on run-time values; the tracer continues once per
type. Compared with CPython/NumPy: values, types and exceptions."""
from __future__ import annotations

import re

import numpy as np
import pytest

import py2wasm
from py2wasm import CompileError
from _npcompare import DTYPES, check


def running_max(a):  # the type of s changes inside the loop: float, then a[i]'s
    s = 0.5
    out = np.zeros(a.shape[0])
    for i in range(a.shape[0]):
        s = max(s, a[i])
        out[i] = s
    return out


def relu_then_divide(a, i):  # a Python float divides by zero with ZeroDivisionError, NumPy's not
    x = max(a[i], 0.0)
    y = min(x, 2)
    return float(y / 0.0) if y != 0 else float(y)


def float_of_mixed(a, i, j):
    return float(max(a[i], 2, a[j], -1.5, True)), float(min(a[j], 0.25, a[i]))


def mixed_numpy_types(a, b, i):
    return float(max(a[i], b[i])) + float(min(b[i], a[i], 1))


def tuple_argument(a, i):
    return float(max((a[i], 1.0, a[0])))


ARRAYS = {t: np.array([3, 0, 1, 2], dtype=t) for t in DTYPES}
ARRAYS[np.float64] = np.array([-0.0, np.nan, 0.0, -2.5])
ARRAYS[np.float32] = np.array([np.inf, -0.0, 0.5, np.nan], dtype=np.float32)
ARRAYS[np.int64] = np.array([-2**63, 0, 2**62, 1])
ARRAYS[np.uint64] = np.array([2**64 - 1, 0, 2**63, 1], dtype=np.uint64)


@pytest.mark.parametrize("t", DTYPES, ids=lambda t: t.__name__)
def test_mixed_min_max_like_cpython(t):
    a = ARRAYS[t]
    check(running_max, [(a,), (a[::-1],), (a[:0],)])
    check(relu_then_divide, [(a, i) for i in range(4)])
    check(float_of_mixed, [(a, i, j) for i in range(4) for j in range(4)])
    check(tuple_argument, [(a, i) for i in range(4)])


@pytest.mark.parametrize("t", [np.int8, np.uint64, np.float32], ids=lambda t: t.__name__)
def test_mixed_numpy_types(t):
    a, b = ARRAYS[t], ARRAYS[np.float64]
    check(mixed_numpy_types, [(a, b, i) for i in range(4)] + [(b, a, i) for i in range(4)])


def test_a_result_of_two_types_is_refused_with_its_location():
    def f(a):
        return max(a[0], 0.0)
    with pytest.raises(CompileError) as e:
        py2wasm.compile(f)(np.ones(2, np.int64))
    assert {"float", "numpy.int64"} <= set(re.findall(r"returns (\S+) here but (\S+) elsewhere",
                                                   e.value.construct)[0])
