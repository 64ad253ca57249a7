"""Differential helpers for complex numbers: run a function under CPython and
compiled, compare outcomes part by part (float bits; NaN matches any NaN;
`ulps` allows that many units in the last place for transcendental results),
exceptions by type and message."""
from __future__ import annotations

import itertools
import math
import struct

INF, NAN = math.inf, math.nan
# Components that exercise every branch: signed zeros, tiny/subnormal, huge,
# infinities and NaN.
SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, -2.0, 3.0, 1e-300, -5e-324, 1e300, -1.7e308,
           INF, -INF, NAN]
SPECIAL_COMPLEX = [complex(a, b) for a, b in itertools.product(SPECIAL, SPECIAL)]


def outcome(fn, args):
    try:
        return ("ok", fn(*args))
    except Exception as e:  # noqa: BLE001 - the outcome is the exception
        return (type(e).__name__, str(e))


def _bits(x: float) -> int:
    return struct.unpack("<q", struct.pack("<d", x))[0]


def ulp_diff(a: float, b: float) -> float:
    """Distance in ulps (inf when signs, NaN-ness or infinities differ)."""
    if math.isnan(a) or math.isnan(b):
        return 0 if math.isnan(a) and math.isnan(b) else math.inf
    if math.isinf(a) or math.isinf(b):
        return 0 if a == b else math.inf
    if a == b:
        return 0 if math.copysign(1, a) == math.copysign(1, b) else math.inf
    if (a < 0) != (b < 0) and a != 0 and b != 0:
        return math.inf

    def key(x):
        i = _bits(x)
        return i if i >= 0 else -(i & 0x7FFFFFFFFFFFFFFF)
    return abs(key(a) - key(b))


def same_value(got, want, ulps: int = 0) -> bool:
    if type(got) is not type(want):
        return False
    if isinstance(want, tuple):
        return len(got) == len(want) and all(same_value(g, w, ulps) for g, w in zip(got, want))
    if isinstance(want, complex):
        return ulp_diff(got.real, want.real) <= ulps and ulp_diff(got.imag, want.imag) <= ulps
    if isinstance(want, float):
        return ulp_diff(got, want) <= ulps
    return got == want


def same_outcome(got, want, ulps: int = 0) -> bool:
    if got[0] != want[0]:
        return False
    if got[0] != "ok":
        return got[1] == want[1]
    return same_value(got[1], want[1], ulps)


class _I64(int):
    """An int whose + - * ** and negation raise py2wasm's OverflowError
    outside int64 (the documented int semantics), to tell a legitimate
    overflow from a wrong exception."""

    def _c(self, v):
        if type(v) is not int:
            return v
        if not -2**63 <= v < 2**63:
            raise OverflowError("integer overflow: the result does not fit in a 64-bit int")
        return _I64(v)

    def __add__(self, o): return self._c(int.__add__(self, o))
    def __radd__(self, o): return self._c(int.__radd__(self, o))
    def __sub__(self, o): return self._c(int.__sub__(self, o))
    def __rsub__(self, o): return self._c(int.__rsub__(self, o))
    def __mul__(self, o): return self._c(int.__mul__(self, o))
    def __rmul__(self, o): return self._c(int.__rmul__(self, o))
    def __pow__(self, o, m=None): return self._c(int.__pow__(self, o, m))
    def __neg__(self): return self._c(int.__neg__(self))


def _int64_overflows(fn, args) -> bool:
    """Does fn(*args) overflow int64 when its int arguments are int64s?"""
    try:
        fn(*[_I64(a) if type(a) is int else a for a in args])
    except OverflowError as e:
        return "integer overflow" in str(e)
    except Exception:  # noqa: BLE001 - another outcome: not an int64 overflow
        return False
    return False


def check_all(fn, compiled, arg_lists, ulps: int = 0, max_report: int = 5):
    """Run both on every argument tuple; assert equal outcomes. py2wasm's
    OverflowError for an int result beyond int64 (README) is the expected
    outcome where CPython's unbounded int did not overflow."""
    bad = []
    for args in arg_lists:
        want = outcome(fn, args)
        got = outcome(compiled, args)
        if got[0] == "OverflowError" and "integer overflow" in str(got[1]) and \
                want[0] != "OverflowError" and _int64_overflows(fn, args):
            continue
        if not same_outcome(got, want, ulps):
            bad.append((args, got, want))
    assert not bad, f"{len(bad)} mismatches of {len(arg_lists)}, e.g.:\n" + "\n".join(
        f"  {a!r}: got {g!r}, CPython {w!r}" for a, g, w in bad[:max_report])
