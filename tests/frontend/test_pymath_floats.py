"""frontend/pymath_floats.py: math.frexp modf ulp nextafter and x.is_integer()
of run-time floats, bit for bit against CPython (signed zeros, subnormals,
the largest double, inf and nan) on every target; hypothesis over doubles."""
import math
import sys
import struct

import pytest
from hypothesis import given, settings, strategies as st

import py2wasm

TARGETS = ["mvp", "simd", "relaxed-simd"]


def funcs(x: float, y: float):
    return math.frexp(x), math.modf(x), math.ulp(x), math.nextafter(x, y), x.is_integer()


_COMPILED = {}


def compiled(target):
    if target not in _COMPILED:
        _COMPILED[target] = py2wasm.compile(funcs, target=target)
    return _COMPILED[target]


def bits(v):
    if isinstance(v, tuple):
        return tuple(bits(u) for u in v)
    if isinstance(v, float):  # every nan compares equal here (CPython's payload is not ours)
        return "nan" if v != v else struct.pack("d", v)
    return v


EDGE = [0.0, -0.0, 5e-324, -5e-324, 1e-310, -1e-310, 2.2250738585072014e-308,
        2.225073858507201e-308, 1.0, -1.0, 1.5, -2.5, 0.5, 2.0**52, 2.0**52 + 0.5, 2.0**53,
        1e300, 1.7976931348623157e308, -1.7976931348623157e308, math.inf, -math.inf,
        math.nan, 0.1, -7.25, 123456789.0]


@pytest.mark.parametrize("target", TARGETS)
def test_edges(target):
    c = compiled(target)
    for x in EDGE:
        for y in EDGE:
            assert bits(c(x, y)) == bits(funcs(x, y)), (x, y)


@pytest.mark.parametrize("target", ["mvp", "relaxed-simd"])
@settings(max_examples=400, deadline=None)
@given(st.floats(width=64), st.floats(width=64))
def test_hypothesis_like_cpython(target, x, y):
    assert bits(compiled(target)(x, y)) == bits(funcs(x, y))


def test_is_integer_of_known_and_int_values():
    def g(x: float, n: int):
        return (x * 2.0).is_integer(), float(n).is_integer(), (2.5).is_integer()
    c = py2wasm.compile(g)
    for x in (0.25, 0.5, -3.0, math.inf, math.nan):
        assert c(x, 3) == g(x, 3)


def ldexp_rem(x: float, y: float, i: int):
    return math.ldexp(x, i), math.remainder(x, y)


def outcome(fn, *a):
    try:
        return bits(fn(*a))
    except Exception as e:  # noqa: BLE001 - the exception is the outcome compared
        return type(e).__name__, str(e)


EXPS = [0, 1, -1, 52, -52, 1023, 1024, 1025, 2098, 2099, -1022, -1023, -1073, -1074, -1075,
        -1076, -2200, 2**63 - 1, -2**63, 60, -60]


@pytest.mark.parametrize("target", TARGETS)
def test_ldexp_remainder_edges(target):
    c = py2wasm.compile(ldexp_rem, target=target)
    for x in EDGE + [0.75, 1.5 * 2.0**-1074, 3 * 2.0**-1070]:
        for y in EDGE + [3.0, 2 * x, x / 2, 3 * x]:
            for i in EXPS:
                assert outcome(c, x, y, i) == outcome(ldexp_rem, x, y, i), (x, y, i)


@pytest.mark.parametrize("target", ["mvp", "relaxed-simd"])
@settings(max_examples=400, deadline=None)
@given(st.floats(width=64), st.floats(width=64), st.integers(-2300, 2300))
def test_hypothesis_ldexp_remainder(target, x, y, i):
    key = ("lr", target)
    if key not in _COMPILED:
        _COMPILED[key] = py2wasm.compile(ldexp_rem, target=target)
    assert outcome(_COMPILED[key], x, y, i) == outcome(ldexp_rem, x, y, i)


def close(a: float, b: float, r: float, t: float):
    return (math.isclose(a, b), math.isclose(a, b, rel_tol=r), math.isclose(a, b, abs_tol=t),
            math.isclose(a, b, rel_tol=r, abs_tol=t), math.isclose(a, 1.0, rel_tol=0.1))


CLOSE_EDGE = [0.0, -0.0, 1.0, 1.0000000001, 1.0000001, 1.1, -1.0, math.inf, -math.inf, math.nan,
              1e-10, 1e300, 0.1, -1e-9]
TOLS = [0.0, 1e-9, 0.1, -1.0, 1e-12, math.inf, math.nan, -0.0]


@pytest.mark.parametrize("target", TARGETS)
def test_isclose_like_cpython(target):
    c = py2wasm.compile(close, target=target)
    for a in CLOSE_EDGE:
        for b in CLOSE_EDGE:
            for r in TOLS:
                for t in (0.0, 1e-9, 0.5, -0.1, math.nan):
                    assert outcome(c, a, b, r, t) == outcome(close, a, b, r, t), (a, b, r, t)


@settings(max_examples=300, deadline=None)
@given(st.floats(width=64), st.floats(width=64), st.floats(0, 1), st.floats(0, 1))
def test_hypothesis_isclose(a, b, r, t):
    if "close" not in _COMPILED:
        _COMPILED["close"] = py2wasm.compile(close)
    assert outcome(_COMPILED["close"], a, b, r, t) == outcome(close, a, b, r, t)


def products(a: float, n: int, m: int):
    return math.prod((a, n, 2)), math.prod((n, m, 3)), math.prod(()), math.prod((n,)), \
        math.prod((a, a, a))


@pytest.mark.parametrize("target", TARGETS)
def test_prod_of_tuples(target):
    from py2wasm.ir.messages import INT_OVERFLOW
    c = py2wasm.compile(products, target=target)
    for a in (1.5, -0.0, math.inf, math.nan, 1e300):
        for n in (0, 3, -7, 2**31, -2**63, 2**62):
            for m in (1, -1, 2, 5):
                want = products(a, n, m)
                if not -2**63 <= want[1] < 2**63:
                    want = ("OverflowError", INT_OVERFLOW)
                else:
                    want = bits(want)
                assert outcome(c, a, n, m) == want, (a, n, m)


@pytest.mark.skipif(sys.version_info < (3, 12), reason="math.nextafter(steps=) is Python 3.12+")
@pytest.mark.parametrize("target", TARGETS)
def test_nextafter_steps(target):
    def steps(x: float, y: float, n: int):
        return math.nextafter(x, y, steps=n)
    c = py2wasm.compile(steps, target=target)
    for x in EDGE:
        for y in EDGE:
            for n in (0, 1, 2, 3, -1, 10**6, 2**52, 2**62, 2**63 - 1):
                assert outcome(c, x, y, n) == outcome(steps, x, y, n), (x, y, n)
