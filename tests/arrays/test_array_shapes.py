"""frontend/array_shapes.py, reshape: NumPy's _fix_unknown_dimension with
known and run-time entries (found by the widened fuzzer: a run-time -1 next
to a literal -1 reshaped with a shape of (-1, -2)): every negative entry is
the unknown one (`a.reshape(-2, 3)` is (2, 3)), two are NumPy's ValueError,
and the size-mismatch message prints a negative run-time entry as NumPy
does (dropped when leading, else 'newaxis'); compiled vs NumPy, every target."""
import numpy as np
import pytest

import py2wasm
from tests.corpus.test_science import outcome, same

TARGETS = ["mvp", "simd", "relaxed-simd"]
ARRAYS = [np.arange(6.0), np.zeros(0), np.arange(12).reshape(3, 4), np.arange(4.0)[::-1]]
SIZES = (-2, -1, 0, 1, 2, 3, 6, -5)


def two(a, i: int, j: int):
    return a.reshape(i, j)


def with_literal(a, i: int):
    return a.reshape(i, -1), a.reshape(2, i, 1)


def one(a, i: int):
    return a.reshape(i)


def known_negative(a):
    return a.reshape(-2, 2), a.reshape(2, -7), a.reshape(-3)


def known_two_unknown(a):
    return a.reshape(-1, -2)


@pytest.mark.parametrize("target", TARGETS)
def test_reshape_unknown_dimension(target):
    cases = [(two, [(a, i, j) for a in ARRAYS for i in SIZES for j in (-1, -3, 0, 2, 3)]),
             (with_literal, [(a, i) for a in ARRAYS for i in SIZES]),
             (one, [(a, i) for a in ARRAYS for i in SIZES + (12, 4)]),
             (known_negative, [(np.arange(4.0),), (np.arange(6.0),)]),
             (known_two_unknown, [(np.arange(4.0),)])]
    for fn, argsets in cases:
        cf = py2wasm.compile(fn, target=target)
        for args in argsets:
            want, got = outcome(fn, args), outcome(cf, args)
            if want[0] != "ok":
                assert got[:2] == want[:2], (fn.__name__, args, got, want)
            else:
                assert got[0] == "ok" and same(got[1], want[1], 0, 0) is None, (fn.__name__, args, got, want)
