"""Interval arithmetic of the range pass (ranges.py): the int64 limits,
joins, the results of checked and wrapping operations, products, floor
divisions and remainders over intervals, and the operands for which `x * c`
fits int64.

Place in the pipeline: part of the `ranges` pass (IR -> IR); used by
ranges.py (the analysis) and ranges_rewrite.py (what it decides).
"""
from __future__ import annotations

MIN, MAX = -2**63, 2**63 - 1
FULL = (MIN, MAX)
MEM = 2**32  # wasm32: bytes of linear memory

def _join(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return (min(a[0], b[0]), max(a[1], b[1]))


def _checked(lo, hi):
    """The results of a checked operation: its exact results that fit int64."""
    lo, hi = max(lo, MIN), min(hi, MAX)
    return (lo, hi) if lo <= hi else None


def _wrapped(lo, hi):
    """The results of a wrapping operation: exact if nothing wraps."""
    return (lo, hi) if MIN <= lo and hi <= MAX else FULL


def _fits(lo, hi) -> bool:
    return MIN <= lo and hi <= MAX


def _corners(f, a, b):
    vals = [f(x, y) for x in a for y in b]
    return min(vals), max(vals)


def _mul_interval(a, b):
    return _corners(lambda x, y: x * y, a, b)


def _floordiv_interval(a, b):
    """a // b over b in [b0, b1] not containing 0 (monotone on each side)."""
    return _corners(lambda x, y: x // y, a, b)


def _mod_interval(a, b):
    lo_b, hi_b = b
    if lo_b > 0:
        hi = hi_b - 1
        if 0 <= a[0] and a[1] < lo_b:  # a % b == a
            return a
        return (0, hi if a[1] >= hi else max(a[1], 0) if a[0] >= 0 else hi)
    if hi_b < 0:
        return (lo_b + 1, 0)
    return (min(lo_b + 1, 0), max(hi_b - 1, 0))


def _bitlen_mask(a, b):
    return (0, (1 << max(a[1].bit_length(), b[1].bit_length())) - 1)


def _mul_safe_range(c: int):
    """The x for which x * c fits int64 (c != 0)."""
    if c > 0:
        return (-(2**63 // c), MAX // c)
    return (-(MAX // -c), 2**63 // -c) if c != -1 else (MIN + 1, MAX)
