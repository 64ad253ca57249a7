"""exp and expm1 (restricted Python).

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced by
the frontend and linked into modules that use `math.exp`, `math.expm1`.
Both use the double-double kernel of `expdd.py` (py2wasm); the special
cases and thresholds are FreeBSD msun's (e_exp.c, s_expm1.c). C-libm semantics: no Python
exceptions, overflow gives inf (the frontend adds CPython's checks).
(sinh, cosh, tanh are in `hyperbolic.py`.)

 ====================================================
 Copyright (C) 1993, 2004 by Sun Microsystems, Inc. All rights reserved.

 Developed at SunSoft, a Sun Microsystems, Inc. business.
 Permission to use, copy, modify, and distribute this
 software is freely granted, provided that this notice
 is preserved.
 ====================================================

"""
import math

from ..intrinsics import f64_from_bits
from .bits import INF, from_words, high_word, low_word, scalbn
from .expdd import F3, F4, exp_dd, scaled

O_THRESHOLD = 7.09782712893383973096e+02
U_THRESHOLD = -7.45133219101941108420e+02
# exp_core's range: |x| >= 2**-54 (below, 1 + x is exp) and k = round(x/ln2)
# in [-1021, 1023] (a normal result, 2**k one f64)
EXP_CORE_LO = -708.0
EXP_CORE_HI = 709.0
TWOM54 = 5.551115123125783e-17
# expm1_core's range: 2**-20 <= |x| < 38 (below 56 ln2: the k <= 56 path)
TWOM20 = 9.5367431640625e-07
EXPM1_CORE_HI = 38.0


def exp_core_ok(x: float) -> bool:
    """Is x in exp_core's range (EXP_CORE_LO <= x <= EXP_CORE_HI, |x| >=
    2**-54; NaN is not)? Straight-line, like exp_core."""
    return (x >= EXP_CORE_LO) & (x <= EXP_CORE_HI) & (math.fabs(x) >= TWOM54)


def exp_core(x: float) -> float:
    """exp(x) for exp_core_ok(x): exactly what exp computes there, as
    straight-line code (no branch; every int stays in int32 and no
    operation can raise for such x), so passes/vectorize_math.py widens it
    lane-wise to f64x2 with bit-identical results."""
    k, h, l = exp_dd(x)
    return (h + l) * f64_from_bits((k + 1023) << 52)  # 2**k: exact scaling


def exp(x: float) -> float:
    """exp, via the double-double kernel (`expdd.py`): within 0.5 + 2**-6
    ulp, so it agrees with a correctly rounded exp except in rare near-ties
    (fdlibm's e_exp.c, which expm1 below comes with, reaches 0.83 ulp).
    The common range is exp_core (what the SIMD version computes); the rest
    are the special cases."""
    if exp_core_ok(x):
        return exp_core(x)
    if x != x:
        return x + x
    if x > O_THRESHOLD:
        return INF
    if x < U_THRESHOLD:
        return 0.0
    if (high_word(x) & 0x7FFFFFFF) < 0x3C900000:  # |x| < 2**-54: 1 + x rounds right
        return 1.0 + x
    k, h, l = exp_dd(x)
    if k >= -1021:
        return scaled(k, h + l)
    return scalbn(h + l, k)  # subnormal result


def expm1_core_ok(x: float) -> bool:
    """Is x in expm1_core's range (2**-20 <= |x| < 38, so k = round(x/ln2)
    is in [-55, 55]; NaN is not)? Straight-line."""
    ax = math.fabs(x)
    return (ax >= TWOM20) & (ax < EXPM1_CORE_HI)


def expm1_core(x: float) -> float:
    """expm1(x) for expm1_core_ok(x): exactly what expm1 computes there, as
    straight-line code (see exp_core). h - 1 and its rounding error by
    Knuth's branch-free two-sum: the error of a sum is unique, so it equals
    the fast two-sum (larger operand first) of the scalar path."""
    k, h, l = exp_dd(x)
    sc = f64_from_bits((k + 1023) << 52)  # 2**k
    h = h * sc
    l = l * sc
    r = h - 1.0
    bb = r - h
    e = (h - (r - bb)) + (-1.0 - bb)
    return r + (e + l)


def expm1(x: float) -> float:
    """exp(x) - 1 (py2wasm): a short Taylor sum for |x| < 2**-20, else the
    double-double exp kernel minus 1 in double-double; within ~0.51 ulp
    (fdlibm's s_expm1.c, which glibc uses too, reaches 0.79). The common
    range is expm1_core (what the SIMD version computes)."""
    if expm1_core_ok(x):
        return expm1_core(x)
    hx = high_word(x)
    xsb = hx & 0x80000000
    hx &= 0x7FFFFFFF
    if hx >= 0x4043687A:  # |x| >= 56 ln2
        if hx >= 0x40862E42:  # |x| >= 709.78...
            if hx >= 0x7FF00000:
                if ((hx & 0xFFFFF) | low_word(x)) != 0:
                    return x + x  # NaN
                if xsb == 0:
                    return x
                return -1.0
            if x > O_THRESHOLD:
                return INF
        if xsb != 0:  # x < -56 ln2: exp(x) is below half an ulp of 1
            return -1.0
    if hx < 0x3EB00000:  # |x| < 2**-20
        if hx < 0x3C900000:  # |x| < 2**-54
            return x
        return x + x * x * (0.5 + x * (F3 + x * F4))
    k, h, l = exp_dd(x)
    if k > 56:  # 1 is below half an ulp of exp(x)
        return scaled(k, h + l)
    sc = from_words(0x3FF00000 + (k << 20), 0)  # 2**k, -81 <= k <= 56
    h = h * sc
    l = l * sc
    r = h - 1.0
    e = 0.0
    if h >= 1.0:  # fast two-sum with the larger operand first
        e = (h - r) - 1.0
    else:
        e = (-1.0 - r) + h
    return r + (e + l)
