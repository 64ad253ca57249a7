"""math.fsum (frontend/fsum.py: CPython's math_fsum traced) against CPython:
bit-for-bit results, its OverflowError and ValueError, lists, tuples,
generators and int items, on every target."""
import math

import pytest
from hypothesis import given, settings, strategies as st

import py2wasm

TARGETS = ("mvp", "simd", "relaxed-simd")


def of_list(xs: list[float]):
    return math.fsum(xs)


def of_ints(xs: list[int]):
    return math.fsum(xs)


def of_generator(n: int, x: float):
    return math.fsum(x / (i + 1) for i in range(n))


def of_tuple(a: float, b: float, c: float):
    return math.fsum((a, b, c))


_C: dict = {}


def run(fn, target, *args):
    c = _C.get((fn, target)) or _C.setdefault((fn, target), py2wasm.compile(fn, target=target))
    out = []
    for f in (fn, c):
        try:
            out.append(("ok", f(*args)))
        except (OverflowError, ValueError) as e:
            out.append((type(e).__name__, str(e)))
    want, got = out
    if want[0] == "ok" and got[0] == "ok":
        assert math.isnan(want[1]) and math.isnan(got[1]) or \
            (want[1] == got[1] and math.copysign(1, want[1]) == math.copysign(1, got[1])), \
            (args, got, want)
    else:
        assert got == want, (args, got, want)


EDGES = [[], [0.1] * 10, [1e308, 1e308], [1e308, -1e308, 1e308], [math.inf, -math.inf],
         [math.nan, 1.0], [math.inf, 1.0, math.inf], [1.0, 1e100, 1.0, -1e100],
         [-0.0], [-0.0, -0.0], [2.0 ** 53, 1.0, 1.0], [1e16, 1.0, 1e-16, -1e16],
         [5e-324, 5e-324, -1e-320], [1.7976931348623157e308, 1e292]]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("xs", EDGES)
def test_edges(xs, target):
    run(of_list, target, list(xs))


@pytest.mark.parametrize("target", TARGETS)
def test_ints_generators_tuples(target):
    run(of_ints, target, [2 ** 60, 1, -2 ** 60, 3])
    run(of_generator, target, 10, 0.1)
    run(of_generator, target, 0, 0.1)
    run(of_tuple, target, 0.1, 0.2, 0.3)
    run(of_tuple, target, 1e308, 1e308, -1e308)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True) |
                st.sampled_from([1e16, -1e16, 1.0, 0.1, 2.0 ** 53, 1e308, -1e308]),
                max_size=14))
def test_hypothesis(xs):
    run(of_list, "mvp", xs)
