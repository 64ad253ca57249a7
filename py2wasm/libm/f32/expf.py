"""expf, expm1f, sinhf, coshf, tanhf: the float32 functions (restricted Python).

Place in the pipeline: part of `py2wasm.libm.f32` (see its docstring);
traced by the frontend and linked by `passes/link_math.py` into modules whose
NumPy float32 ufuncs use them. The argument is a float32 value (as an f64);
each function returns an f64 that the caller rounds to float32 once.

One double-precision kernel does the work (py2wasm, after fdlibm/musl):
x = k*ln2 + r with |r| <= ln2/2 (k by the round-to-integer shift, without
an int conversion; ln2 in two parts, the first 32 bits long, so k*LN2_HI and
x - k*LN2_HI are exact for a float32 x; pow passes a double, then r has
one more rounding, 2**-53 relative), expm1(r) by a degree-11 polynomial
(r + r**2/2 + r**3 * P(r), P fitted for py2wasm: below 2**-54 relative;
Taylor's to degree 10 and 11, 2**-42 and 2**-47, misrounded 2 and 1 of the
2**24 float32 arguments in [32, 128)), then exp(x) = 2**k * (1 + expm1(r))
and expm1(x) = 2**k * expm1(r) + (2**k - 1). The double result is within a
few ulps of double of the exact value, so rounding it to float32 gives the
correctly rounded result except within that distance of a float32 rounding
boundary (then 1 ulp off). The hyperbolic
functions are the usual identities in double: sinh = (t + t/(t+1))/2 with
t = expm1|x|, cosh = (e + 1/e)/2, tanh = t/(t+2) with t = expm1(2|x|); no
cancellation, so they keep the kernel's accuracy.

Overflow and underflow thresholds are the float32 ones (with margin: a double
result beyond FLT_MAX rounds to inf in the caller's float32 rounding, a
tiny one to the right subnormal or zero).

 ====================================================
 Copyright (C) 1993, 2004 by Sun Microsystems, Inc. All rights reserved.

 Developed at SunSoft, a Sun Microsystems, Inc. business.
 Permission to use, copy, modify, and distribute this
 software is freely granted, provided that this notice
 is preserved.
 ====================================================
 musl: Copyright (c) 2005-2020 Rich Felker, et al. (MIT license).
"""
import math

from ...intrinsics import f64_from_bits, f64_to_bits
from ..bits import INF
# ln2 in two parts (the first 32 bits long), 1/ln2: shared with exp
from ..expdd import INVLN2, LN2_HI, LN2_LO

# P(r) with expm1(r) = r + r**2/2 + r**3 * P(r) on [-ln2/2, ln2/2], degree 8,
# fitted for py2wasm (Chebyshev least squares against mpmath:
# `accuracy.fit_expm1_poly`); Taylor's 1/n! to the same degree is 2**-47.
E0 = 0.16666666666666663
E1 = 0.041666666666651433
E2 = 0.008333333333329907
E3 = 0.0013888888905830793
E4 = 0.00019841269862873743
E5 = 2.480153647915153e-05
E6 = 2.75572691802536e-06
E7 = 2.761376002833307e-07
E8 = 2.5100004951746996e-08
HALF_LN2 = 0.34657359027997264
SHIFT = 6755399441055744.0 + 1023.0  # 0x1.8p52 + 1023


def _expm1_poly(r: float) -> float:
    """expm1(r) for |r| <= ln2/2: r + r**2/2 + r**3 * P(r), relative error
    of exp(r) below 2**-54 (so the double roundings dominate)."""
    z = r * r
    p = (E0 + r * E1) + z * (E2 + r * E3) + (z * z) * (
        (E4 + r * E5) + z * ((E6 + r * E7) + z * E8))
    return r + z * (0.5 + r * p)


def _reduce(x: float):
    """(s, q): exp(x) = s * (1 + q), s = 2**k, q = expm1(r), |r| <= ln2/2,
    for finite |x| <= 700. No int conversion: x/ln2 + SHIFT rounds to the
    integer k, and its low 11 bits are k + 1023, the exponent field of 2**k."""
    kd = x * INVLN2 + SHIFT
    t = kd - SHIFT  # k, exact
    r = (x - t * LN2_HI) - t * LN2_LO
    return f64_from_bits((f64_to_bits(kd) & 0x7FF) << 52), _expm1_poly(r)


def pow2(k: int) -> float:
    """2**k for -1022 <= k <= 1023."""
    return f64_from_bits((k + 1023) << 52)


def exp_d(x: float) -> float:
    """exp(x) in double for finite |x| <= 700 (within a few ulps)."""
    s, q = _reduce(x)
    return (1.0 + q) * s


def expm1_d(x: float) -> float:
    """expm1(x) in double for finite |x| <= 700 (within a few ulps,
    relative)."""
    if math.fabs(x) <= HALF_LN2:
        return _expm1_poly(x)
    return _expm1_reduced(x)


def _expm1_reduced(x: float) -> float:
    """expm1_d for HALF_LN2 < |x| <= 700 (straight-line)."""
    s, q = _reduce(x)
    return s * q + (s - 1.0)


def expf_core_ok(x: float) -> bool:
    """-104 <= x <= 89 (NaN: no): where expf is exp_d(x), straight-line
    code that passes/vectorize_math.py widens to SIMD lanes."""
    return (x >= -104.0) & (x <= 89.0)


def expf(x: float) -> float:
    if expf_core_ok(x):
        return exp_d(x)
    if x != x:
        return x + x
    if x > 89.0:  # expf overflows above 88.7228...
        return INF
    return 0.0  # x < -104: below 2**-150, rounds to 0


def expm1f(x: float) -> float:
    if x != x:
        return x + x
    if x > 89.0:
        return INF
    if x < -30.0:  # exp(x) below half an ulp of 1: -1
        return -1.0
    if x == 0.0:
        return x  # -0 keeps its sign
    return expm1_d(x)


# sinhf, coshf, tanhf: `if F_core_ok(x): return F_core(x)` (straight-line
# cores that passes/vectorize_math.py widens to SIMD lanes) + the rest
def sinhf_core_ok(x: float) -> bool:  # expm1_d(|x|) by its polynomial
    return math.fabs(x) <= HALF_LN2


def sinhf_core(x: float) -> float:
    t = _expm1_poly(math.fabs(x))
    return math.copysign(0.5 * (t + t / (t + 1.0)), x)


def sinhf_core2_ok(x: float) -> bool:
    a = math.fabs(x)
    return (a > HALF_LN2) & (a <= 90.0)


def sinhf_core2(x: float) -> float:
    t = _expm1_reduced(math.fabs(x))
    return math.copysign(0.5 * (t + t / (t + 1.0)), x)


def sinhf(x: float) -> float:
    if sinhf_core_ok(x):
        return sinhf_core(x)
    if sinhf_core2_ok(x):
        return sinhf_core2(x)
    if x != x:
        return x + x
    return math.copysign(INF, x)  # |x| > 90: sinhf overflows above 89.4159...


def coshf_core_ok(x: float) -> bool:
    return math.fabs(x) <= 90.0


def coshf_core(x: float) -> float:
    e = exp_d(math.fabs(x))
    return 0.5 * (e + 1.0 / e)


def coshf(x: float) -> float:
    if coshf_core_ok(x):
        return coshf_core(x)
    if x != x:
        return x * x
    return INF  # |x| > 90


def tanhf_core_ok(x: float) -> bool:  # expm1_d(2|x|) by its polynomial
    return 2.0 * math.fabs(x) <= HALF_LN2


def tanhf_core(x: float) -> float:
    t = _expm1_poly(2.0 * math.fabs(x))
    return math.copysign(t / (t + 2.0), x)


def tanhf_core2_ok(x: float) -> bool:
    a = math.fabs(x)
    return (2.0 * a > HALF_LN2) & (a <= 9.1)


def tanhf_core2(x: float) -> float:
    t = _expm1_reduced(2.0 * math.fabs(x))
    return math.copysign(t / (t + 2.0), x)


def tanhf(x: float) -> float:
    if tanhf_core_ok(x):
        return tanhf_core(x)
    if tanhf_core2_ok(x):
        return tanhf_core2(x)
    if x != x:
        return x + x
    return math.copysign(1.0, x)  # |x| > 9.1: 1 - tanh|x| below half an ulp of 1


__all__ = ["expf", "expm1f", "sinhf", "coshf", "tanhf", "exp_d", "expm1_d", "pow2"]
