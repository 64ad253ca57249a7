"""math.dist and math.hypot of more than two values (frontend/vecnorm.py:
CPython's vector_norm traced) against CPython: bit-for-bit results on
tuples, lists, rows of 2-D arrays and `hypot(*xs)` of a list or array,
subnormals, infinities and NaNs, CPython's ValueError for points of
different dimensions, on every target."""
import math

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings, strategies as st

import py2wasm

TARGETS = ("mvp", "simd", "relaxed-simd")


def rows(a: npt.NDArray[np.float64], i: int, j: int):
    return math.dist(a[i], a[j])


def rows_any(a, i: int, j: int):
    return math.dist(a[i], a[j]), math.hypot(*a[i])


def of_lists(p: list[float], q: list[float]):
    return math.dist(p, q) + 0.0 * math.hypot(*p)


def star(p: list[float]):
    return math.hypot(*p)


def star_array(a: npt.NDArray[np.float64]):
    return math.hypot(*a)


def of_values(x: float, y: float, z: float, n: int):
    return math.hypot(x, y, z), math.hypot(*(x, n, y, z)), math.dist((x, y), (z, n))


_C: dict = {}


def run(fn, target, *args):
    c = _C.get((fn, target)) or _C.setdefault((fn, target), py2wasm.compile(fn, target=target))
    out = []
    for f in (fn, c):
        try:
            out.append(("ok", f(*args)))
        except ValueError as e:
            out.append((type(e).__name__, str(e)))
    want, got = out
    if want[0] == "ok" and got[0] == "ok":
        want, got = np.atleast_1d(want[1]), np.atleast_1d(got[1])
        assert [math.copysign(1, w) for w in want] == [math.copysign(1, g) for g in got]
        np.testing.assert_array_equal(got, want, err_msg=str(args))
    else:
        assert got == want, (args, got, want)


EDGES = [[], [3.0], [-0.0, 0.0], [3.0, 4.0], [1e308, 1e308, 1e308], [5e-324, 5e-324],
         [1e-310, 3e-312, -2e-320], [math.inf, math.nan], [math.nan, 1.0], [-math.inf, 2.0],
         [1.0, 1e-200, 1e-300], [0.1] * 9, [2.0 ** 53, 1.0, -3.0]]


@pytest.mark.parametrize("target", TARGETS)
def test_edges(target):
    for xs in EDGES:
        run(star, target, list(xs))
        run(star_array, target, np.array(xs, dtype=np.float64))
        run(of_lists, target, list(xs), [0.5] * len(xs))
    run(of_lists, target, [1.0, 2.0], [1.0])  # ValueError: dimensions
    a = np.random.default_rng(5).standard_normal((6, 4)) * 10.0 ** np.arange(-3, 3)[:, None]
    for i in range(6):
        for j in range(6):
            run(rows, target, a, i, j)
    for b in (np.arange(12, dtype=np.int64).reshape(4, 3) - 5,
              np.arange(12, dtype=np.float32).reshape(4, 3) / np.float32(7)):
        run(rows_any, target, b, 0, 3)  # np.int64 / np.float32 coordinates: float() of each
    run(of_values, target, 1.0, 2.0, 3.0, 4)
    run(of_values, target, 1e-320, -0.0, math.inf, -7)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True) |
                st.floats(min_value=-1e3, max_value=1e3), max_size=8),
       st.floats(min_value=-1e300, max_value=1e300))
def test_hypothesis(xs, shift):
    run(star, "relaxed-simd", xs)
    run(of_lists, "relaxed-simd", xs, [x + shift for x in xs])
