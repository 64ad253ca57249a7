"""logf, log2f, log10f, log1pf, powf: the float32 functions (restricted Python).

Place in the pipeline: part of `py2wasm.libm.f32` (see its docstring);
traced by the frontend and linked by `passes/link_math.py`. The argument is a
float32 value (as an f64, hence always a *normal* double, even a float32
subnormal); each function returns an f64 that the caller rounds to float32.

The kernel is fdlibm's log in plain double (no double-double, no extra
precision needed for a float32 result): x = 2**k * (1 + f) with
sqrt(2)/2 <= 1 + f < sqrt(2), log(1 + f) = f - (f**2/2 - s*(f**2/2 + R(s**2)))
with s = f/(2 + f) and R fdlibm's degree-14 minimax polynomial; about 1 ulp
of double. logf = k*ln2 + log1p(f), log2f = k + log1p(f)/ln2, log10f =
k*log10(2) + log1p(f)/ln10 (k is exact, so exact powers come out exact),
log1pf applies the polynomial to x itself when 1 + x is in range, else
takes the log of 1 + x (exact in double there, or rounded at 2**-53, far
below float32's precision). powf = exp(y * log|x|) in double: |y log|x|| <= 200
before overflow/underflow, so its absolute error is about 2**-44, and the
exp kernel (`expf.py`) adds a few ulps of double; C99/musl powf special cases; exact
results for a power-of-two x and an integer y (2**-150 rounds to 0 as it
must), y == 2 (x*x, exact in double) and y == 0.5 (sqrt).

 ====================================================
 Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.

 Developed at SunSoft, a Sun Microsystems, Inc. business.
 Permission to use, copy, modify, and distribute this
 software is freely granted, provided that this notice
 is preserved.
 ====================================================
 musl: Copyright (c) 2005-2020 Rich Felker, et al. (MIT license).
"""
import math

from ...intrinsics import f64_from_bits, f64_to_bits
from ..bits import INF, NAN
from ..expdd import INVLN2
from ..log import LG1, LG2, LG3, LG4, LG5, LG6, LG7, LN2  # fdlibm's log kernel
from ..trig import TOINT
from .expf import exp_d, pow2

INVLN10 = 4.34294481903251816668e-01
LOG10_2 = 3.01029995663981198017e-01
OFF = 0x3FE6A09E00000000  # bits of ~sqrt(2)/2
EXP_MASK = -0x10000000000000  # 0xFFF0000000000000 as a signed int64
SQRT2M1 = 0.41421356237309503  # sqrt(2) - 1
SQRT2HM1 = -0.2928932188134524  # sqrt(2)/2 - 1


def log1p_poly(f: float) -> float:
    """log(1 + f) for sqrt(2)/2 - 1 <= f < sqrt(2) - 1 (fdlibm's k_log1p)."""
    s = f / (2.0 + f)
    z = s * s
    w = z * z
    r = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6))
    hfsq = 0.5 * f * f
    return f - (hfsq - s * (hfsq + r))


def log_parts(x: float):
    """(k, l) with log(x) = k*ln2 + l, l = log(1 + f), for finite x > 0 that
    is a normal double (musl's 64-bit split: x = 2**k * z, z in
    [sqrt(2)/2, sqrt(2)))."""
    ix = f64_to_bits(x)
    tmp = ix - OFF
    k = tmp >> 52
    z = f64_from_bits(ix - (tmp & EXP_MASK))
    return k, log1p_poly(z - 1.0)


def _special(x: float) -> float:
    """The result of every log at x <= 0, inf, NaN (callers check first)."""
    if x != x:
        return x + x
    if x == 0.0:
        return -INF
    if x < 0.0:
        return NAN
    return x  # +inf


# logf_core_ok and the *_core functions: straight-line code that
# passes/vectorize_math.py widens to SIMD lanes (see libm/exp.py exp_core)
def logf_core_ok(x: float) -> bool:
    return (x > 0.0) & (x < INF)


def logf_core(x: float) -> float:
    k, l = log_parts(x)
    return float(k) * LN2 + l


def log2f_core(x: float) -> float:
    k, l = log_parts(x)
    return float(k) + l * INVLN2


def log10f_core(x: float) -> float:
    k, l = log_parts(x)
    return float(k) * LOG10_2 + l * INVLN10


def logf(x: float) -> float:
    if logf_core_ok(x):
        return logf_core(x)
    return _special(x)


def log2f(x: float) -> float:
    if logf_core_ok(x):
        return log2f_core(x)
    return _special(x)


def log10f(x: float) -> float:
    if logf_core_ok(x):
        return log10f_core(x)
    return _special(x)


def log1pf(x: float) -> float:
    if SQRT2HM1 <= x < SQRT2M1:  # -0.29 <= x < 0.41 (+-0 keeps its sign)
        return log1p_poly(x)
    if not (-1.0 < x < INF):
        if x != x:
            return x + x
        if x == -1.0:
            return -INF
        if x < -1.0:
            return NAN
        return x  # +inf
    k, l = log_parts(1.0 + x)  # exact for float32 x here, or within 2**-53
    return float(k) * LN2 + l


def _y_kind(y: float) -> int:
    """0 if y is not an integer, 1 if an odd integer, 2 if an even one
    (y finite; float32 values >= 2**24 are even integers). No int
    conversion: |y| + 1.5*2**52 rounds to an integer whose low bit is y's."""
    ay = math.fabs(y)
    if ay >= 16777216.0:
        return 2
    kd = ay + TOINT
    if kd - TOINT != ay:
        return 0
    return 2 - (f64_to_bits(kd) & 1)


def powf(x: float, y: float) -> float:
    if y == 0.0 or x == 1.0:
        return 1.0
    if x != x or y != y:
        return x + y
    ax = math.fabs(x)
    if y == INF or y == -INF:
        if ax == 1.0:
            return 1.0  # (-1) ** +-inf
        if (ax < 1.0) == (y > 0.0):
            return 0.0
        return INF
    kind = _y_kind(y)
    if x == 0.0 or ax == INF:
        # +-0 ** y, +-inf ** y: 0 or inf, signed only for an odd integer y
        big = (x == 0.0) == (y < 0.0)
        r = 0.0
        if big:
            r = INF
        if kind == 1:
            return math.copysign(r, x)
        return r
    sign = 1.0
    if x < 0.0:
        if kind == 0:
            return NAN
        if kind == 1:
            sign = -1.0
    if y == 2.0:
        return x * x  # exact in double: rounded once
    if y == 0.5:
        return math.sqrt(ax)  # x > 0 here; sqrt rounded twice is still correct
    k, l = log_parts(ax)
    if l == 0.0 and kind != 0:  # |x| = 2**k, y an integer: 2**(k*y) exactly
        n = float(k) * y  # exact
        if n > 200.0:
            return sign * INF
        if n < -200.0:
            return sign * 0.0
        return sign * pow2(int(n))  # a tie (2**-150) rounds to even in the caller
    t = y * (float(k) * LN2 + l)
    if t > 100.0:  # beyond FLT_MAX
        return sign * INF
    if t < -110.0:  # below 2**-150
        return sign * 0.0
    return sign * exp_d(t)


__all__ = ["logf", "log2f", "log10f", "log1pf", "powf", "log_parts", "log1p_poly"]
