"""frontend/pymath_ints.py: math.gcd lcm isqrt factorial comb perm of run-time
ints against CPython on every target: results, CPython's ValueError messages,
and OverflowError (py2wasm's int64 message) exactly when the result leaves
int64; hypothesis over int64 arguments."""
import math

import pytest
from hypothesis import given, settings, strategies as st

import py2wasm
from py2wasm.ir.messages import INT_OVERFLOW

TARGETS = ["mvp", "simd", "relaxed-simd"]
I64 = st.integers(-2**63, 2**63 - 1)


def gcd2(a: int, b: int):
    return math.gcd(a, b)


def gcd3(a: int, b: int, c: int):
    return math.gcd(a, b, c)


def lcm2(a: int, b: int):
    return math.lcm(a, b)


def lcm3(a: int, b: int, c: int):
    return math.lcm(a, b, c)


def isqrt(n: int):
    return math.isqrt(n)


def factorial(n: int):
    return math.factorial(n)


def comb(n: int, k: int):
    return math.comb(n, k)


def perm(n: int, k: int):
    return math.perm(n, k)


def perm1(n: int):
    return math.perm(n)


def nullary(n: int):
    return math.gcd(), math.lcm(), math.gcd(n), math.lcm(n)


FUNCS = [gcd2, gcd3, lcm2, lcm3, isqrt, factorial, comb, perm, perm1, nullary]
_COMPILED = {}


def compiled(fn, target="mvp"):
    if (fn, target) not in _COMPILED:
        _COMPILED[fn, target] = py2wasm.compile(fn, target=target)
    return _COMPILED[fn, target]


def outcome(fn, *a):
    try:
        r = fn(*a)
    except Exception as e:  # noqa: BLE001 - the exception is the outcome compared
        return type(e).__name__, str(e)
    rs = r if isinstance(r, tuple) else (r,)
    if any(not -2**63 <= v < 2**63 for v in rs):  # int64 results: documented overflow
        return "OverflowError", INT_OVERFLOW
    return r


def _too_big(fn, a) -> bool:
    """CPython's exact result would leave int64 (and take ages to compute):
    decided cheaply, by multiplying with an early stop."""
    if fn in (factorial, perm1):
        return a[0] > 20
    if fn in (comb, perm) and 0 <= a[1] <= a[0]:
        n, k = a
        k2 = min(k, n - k) if fn is comb else k
        r = 1
        for i in range(1, k2 + 1):
            r = r * (n - k2 + i) // i if fn is comb else r * (n - i + 1)
            if r >= 2**63:
                return True
    return False


def check(fn, target, *a):
    want = (("OverflowError", INT_OVERFLOW) if _too_big(fn, a) else outcome(fn, *a))
    assert outcome(compiled(fn, target), *a) == want, (fn.__name__, a)


EDGE = [0, 1, -1, 2, 3, 4, 5, 6, 12, 18, 20, 21, 25, 34, 60, 61, 62, 63, 64, 66, 67, 100,
        2**31, 2**32, 2**40, 2**40 - 1, 2**62, 2**63 - 1, -2**63, -2**63 + 1, 3037000499,
        3037000499**2, 3037000499**2 - 1, 3037000500**2 - 1 - 2**63, 10**9 + 7, -12]


@pytest.mark.parametrize("target", TARGETS)
def test_edges(target):
    for a in EDGE:
        for fn in (isqrt, factorial, perm1, nullary):
            check(fn, target, a)
        for b in EDGE:
            for fn in (gcd2, lcm2, comb, perm):
                check(fn, target, a, b)
            for c in (0, 1, 6, -2**63, 2**40 + 1):
                check(gcd3, target, a, b, c)
                check(lcm3, target, a, b, c)


def test_comb_near_the_int64_limit():
    for n in range(0, 70):
        for k in range(0, n + 2):
            check(comb, "mvp", n, k)
            check(perm, "mvp", n, k)
    for k in range(0, 12):
        check(comb, "mvp", 2**40 + 3, k)


def test_isqrt_squares():
    for s in list(range(0, 3000)) + [3037000499 - i for i in range(300)] + [2**k for k in range(32)]:
        for n in (s * s - 1, s * s, s * s + 1, s * s + 2 * s):
            if 0 <= n < 2**63:
                check(isqrt, "mvp", n)


def test_type_errors_like_cpython():
    def f(x: float):
        return math.gcd(x, 2)
    with pytest.raises(Exception) as exc:
        compiled(f)(1.5)
    assert type(exc.value).__name__ in ("TypeError", "CompileError")


@pytest.mark.parametrize("target", ["mvp", "relaxed-simd"])
@settings(max_examples=300, deadline=None)
@given(I64, I64, I64)
def test_hypothesis_gcd_lcm(target, a, b, c):
    for fn, args in ((gcd2, (a, b)), (gcd3, (a, b, c)), (lcm2, (a, b)), (lcm3, (a, b, c))):
        check(fn, target, *args)


@settings(max_examples=300, deadline=None)
@given(st.one_of(I64, st.integers(-5, 200)), st.integers(-3, 80))
def test_hypothesis_isqrt_comb_perm(n, k):
    for fn, args in ((isqrt, (n,)), (comb, (n, k)), (perm, (n, k)), (factorial, (k,))):
        check(fn, "mvp", *args)
