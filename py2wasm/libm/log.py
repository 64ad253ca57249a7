"""log, log1p, log2, log10 and the inverse hyperbolic functions asinh,
acosh, atanh (restricted Python).

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced by
the frontend and linked into modules that use them. asinh, acosh, atanh from musl; log, log2, log10
use fdlibm's reduction and polynomial (e_log.c, k_log.h) in a double-double
kernel written for py2wasm (`_log1p_dd`), which brings them within ~0.51
ulp; log1p uses the same kernel after s_log1p.c's reduction. C-libm
semantics: log(0) = -inf, log(<0) = NaN, no exceptions (the frontend adds
CPython's checks).

 ====================================================
 Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.

 Developed at SunSoft, a Sun Microsystems, Inc. business.
 Permission to use, copy, modify, and distribute this
 software is freely granted, provided that this notice
 is preserved.
 ====================================================

 musl: Copyright © 2005-2020 Rich Felker, et al. (MIT license).
"""
import math

from ..intrinsics import f64_from_bits, f64_to_bits
from .bits import INF, NAN, high_word, low_word, two_prod

LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
LN2 = 6.93147180559945286227e-01
TWO54 = 1.80143985094819840000e+16
LG1 = 6.666666666666735130e-01
LG2 = 3.999999999940941908e-01
LG3 = 2.857142874366239149e-01
LG4 = 2.222219843214978396e-01
LG5 = 1.818357216161805012e-01
LG6 = 1.531383769920937332e-01
LG7 = 1.479819860511658591e-01
# double-double constants (hi + lo, lo = the rounding error of hi)
IVLN2_DD_HI = 1.4426950408889634
IVLN2_DD_LO = 2.0355273740931033e-17
IVLN10_DD_HI = 0.4342944819032518
IVLN10_DD_LO = 1.098319650216765e-17
LOG10_2_DD_HI = 0.3010299956639812
LOG10_2_DD_LO = -2.8037281277851704e-18
LOG1P_NEG_LIMIT = 0xBFD2BEC4 - 0x100000000  # (int32_t)0xbfd2bec4
NORMAL_MIN = 2.2250738585072014e-308  # the log cores' range: [NORMAL_MIN, INF)


def _log1p_dd(f: float):
    """log(1 + f) as a double-double (hi, lo) for 1 + f in ~[sqrt(2)/2,
    sqrt(2)] (py2wasm): s = f/(2 + f) in double-double, log(1 + f) = 2s +
    s*R(s*s) with fdlibm's R (k_log.h); the error is about 2**-62 relative."""
    d = 2.0 + f
    dl = (2.0 - d) + f  # d + dl == 2 + f
    sh = f / d
    p, pe = two_prod(sh, d)
    sl = (((f - p) - pe) - sh * dl) / d
    z = sh * sh
    w = z * z
    t1 = w * (LG2 + w * (LG4 + w * LG6))
    t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)))
    hi = 2.0 * sh
    lo = 2.0 * sl + sh * (t1 + t2)
    h = hi + lo
    return h, lo - (h - hi)


def _log_parts(x: float):
    """(k, h, l) with log(x) = k*ln2 + (h + l), for finite x > 0."""
    k, f = _reduce(x)
    h, l = _log1p_dd(f)
    return k, h, l


def log_core_ok(x: float) -> bool:
    """Is x in the range of log_core, log2_core, log10_core (a positive
    normal finite float)? Straight-line."""
    return (x >= NORMAL_MIN) & (x < INF)


# The cores: what log, log2 and log10 compute for log_core_ok(x), as
# straight-line code (no branch; no operation can raise and every int stays
# in int32 for such x), so passes/vectorize_math.py widens them lane-wise
# to f64x2 with bit-identical results.
def log_core(x: float) -> float:
    k, f = _reduce_normal(x)
    h, l = _log1p_dd(f)
    return _log_finish(k, h, l)


def log2_core(x: float) -> float:
    k, f = _reduce_normal(x)
    h, l = _log1p_dd(f)
    return _log2_finish(k, h, l)


def log10_core(x: float) -> float:
    k, f = _reduce_normal(x)
    h, l = _log1p_dd(f)
    return _log10_finish(k, h, l)


def _log_finish(k: int, h: float, l: float) -> float:
    """k*ln2 + (h + l), rounded once."""
    dk = float(k)
    a = dk * LN2_HI  # exact
    s = a + h
    bb = s - a
    e = (a - (s - bb)) + (h - bb)
    return s + (e + l + dk * LN2_LO)


def log(x: float) -> float:
    """Natural log: fdlibm's reduction with a double-double log1p kernel
    (py2wasm; fdlibm's e_log.c reaches 0.73 ulp): within ~0.51 ulp. The
    common range is log_core (what the SIMD version computes)."""
    if log_core_ok(x):
        return log_core(x)
    hx = high_word(x)
    lx = low_word(x)
    if hx < 0x00100000:  # x < 2**-1022
        if ((hx & 0x7FFFFFFF) | lx) == 0:
            return -INF  # log(+-0)
        if hx < 0:
            return NAN  # log(-#)
    if hx >= 0x7FF00000:
        return x + x
    k, h, l = _log_parts(x)  # subnormal x
    return _log_finish(k, h, l)


# log1p's cores: [2**-29, 1 + x < sqrt(2)+) and its negative counterpart
# (log(1 + f) with f = x), and the reduction of u = 1 + x beyond
LOG1P_T1 = 0.4142136573791504  # high word 0x3FDA827A
LOG1P_T2 = 0.292893648147583  # high word 0x3FD2BEC5: |x| < T2 <=> hx <= LOG1P_NEG_LIMIT
TWOM29 = 1.862645149230957e-09
TWO53 = 9007199254740992.0


def log1p_core_ok(x: float) -> bool:
    """x in [-T2, T1) with |x| >= 2**-29 (log1p_core's range; NaN: no)."""
    return (x < LOG1P_T1) & (x > -LOG1P_T2) & (math.fabs(x) >= TWOM29)


def log1p_core(x: float) -> float:
    """log1p(x) for log1p_core_ok(x), straight-line (see log_core)."""
    h, l = _log1p_dd(x)  # f = x exactly
    return h + l


def log1p_core2_ok(x: float) -> bool:
    """x in [T1, 2**53) or (-1, -T2] (log1p_core2's range; NaN: no)."""
    return ((x >= LOG1P_T1) & (x < TWO53)) | ((x <= -LOG1P_T2) & (x > -1.0))


def log1p_core2(x: float) -> float:
    """log1p(x) for log1p_core2_ok(x), straight-line: u = 1 + x, its
    rounding error by Knuth's branch-free two-sum (the error of a sum is
    unique: the same bits as the scalar path's fast two-sum), log(u) with
    the correction c = error / u."""
    u = 1.0 + x
    bb = u - 1.0
    c = ((1.0 - (u - bb)) + (x - bb)) / u
    k, f = _reduce_normal(u)
    h, l = _log1p_dd(f)
    dk = float(k)
    a = dk * LN2_HI  # exact
    s = a + h
    bb = s - a
    e = (a - (s - bb)) + (h - bb)
    return s + (e + l + (dk * LN2_LO + c))


def log1p(x: float) -> float:
    """log(1 + x): fdlibm's s_log1p.c reduction with the double-double
    kernel. The common ranges are log1p_core and log1p_core2 (what the SIMD
    version computes)."""
    if log1p_core_ok(x):
        return log1p_core(x)
    if log1p_core2_ok(x):
        return log1p_core2(x)
    hx = high_word(x)
    ax = hx & 0x7FFFFFFF
    if hx < 0x3FDA827A:  # 1 + x < sqrt(2)+
        if ax >= 0x3FF00000:  # x <= -1.0
            if x == -1.0:
                return -INF
            return NAN
        if ax < 0x3E200000:  # |x| < 2**-29
            if ax < 0x3C900000:  # |x| < 2**-54
                return x
            return x - x * x * 0.5
        if hx > 0 or hx <= LOG1P_NEG_LIMIT:  # sqrt(2)/2- <= 1+x < sqrt(2)+
            h, l = _log1p_dd(x)  # f = x exactly
            return h + l
    if hx >= 0x7FF00000:
        return x + x
    u = x
    c = 0.0
    if hx < 0x43400000:  # 1 + x rounds: c = (1 + x - u) / u corrects it
        u = 1.0 + x
        if u >= 2.0:
            c = 1.0 - (u - x)
        else:
            c = x - (u - 1.0)
        c /= u
    k, f = _reduce(u)
    h, l = _log1p_dd(f)
    dk = float(k)
    a = dk * LN2_HI  # exact
    s = a + h
    bb = s - a
    e = (a - (s - bb)) + (h - bb)
    return s + (e + l + (dk * LN2_LO + c))


def _reduce(x: float):
    """(k, f) with x = 2**k * (1 + f), sqrt(2)/2 < 1 + f < sqrt(2), for
    finite positive normal-or-subnormal x."""
    if high_word(x) < 0x00100000:
        k, f = _reduce_normal(x * TWO54)
        return k - 54, f
    return _reduce_normal(x)


def _reduce_normal(x: float):
    """_reduce for a positive normal finite x (straight-line): fdlibm's
    steps on the high word, done on the whole bits (one shift)."""
    bits = f64_to_bits(x)
    m = bits & 0x000FFFFFFFFFFFFF
    i = (m + 0x00095F6400000000) & 0x0010000000000000  # 1 + f < sqrt(2)? (bit 52)
    f = f64_from_bits(m | (i ^ 0x3FF0000000000000)) - 1.0
    return ((bits + i) >> 52) - 1023, f


def _dd_mul(h: float, l: float, ch: float, cl: float):
    p, pe = two_prod(h, ch)
    pe += h * cl + l * ch
    r = p + pe
    return r, pe - (r - p)


def log2(x: float) -> float:
    """log2 = k + log(1 + f)/ln2 in double-double (py2wasm): ~0.51 ulp."""
    if log_core_ok(x):
        return log2_core(x)
    hx = high_word(x)
    lx = low_word(x)
    if hx < 0x00100000:
        if ((hx & 0x7FFFFFFF) | lx) == 0:
            return -INF
        if hx < 0:
            return NAN
    if hx >= 0x7FF00000:
        return x + x
    k, h, l = _log_parts(x)  # subnormal x
    return _log2_finish(k, h, l)


def _log2_finish(k: int, h: float, l: float) -> float:
    h, l = _dd_mul(h, l, IVLN2_DD_HI, IVLN2_DD_LO)
    dk = float(k)
    s = dk + h
    bb = s - dk
    e = (dk - (s - bb)) + (h - bb)
    return s + (e + l)


def log10(x: float) -> float:
    """log10 = k*log10(2) + log(1 + f)/ln10 in double-double (py2wasm):
    ~0.51 ulp (fdlibm/glibc's reach 1.5)."""
    if log_core_ok(x):
        return log10_core(x)
    hx = high_word(x)
    lx = low_word(x)
    if hx < 0x00100000:
        if ((hx & 0x7FFFFFFF) | lx) == 0:
            return -INF
        if hx < 0:
            return NAN
    if hx >= 0x7FF00000:
        return x + x
    k, h, l = _log_parts(x)  # subnormal x
    return _log10_finish(k, h, l)


def _log10_finish(k: int, h: float, l: float) -> float:
    h, l = _dd_mul(h, l, IVLN10_DD_HI, IVLN10_DD_LO)
    kh, kl = _dd_mul(float(k), 0.0, LOG10_2_DD_HI, LOG10_2_DD_LO)
    s = kh + h
    bb = s - kh
    e = (kh - (s - bb)) + (h - bb)
    return s + (e + l + kl)


def asinh(x: float) -> float:
    hx = high_word(x)
    ix = hx & 0x7FFFFFFF
    if ix >= 0x7FF00000:
        return x + x
    if ix < 0x3E300000:  # |x| < 2**-28
        return x
    w = 0.0
    if ix > 0x41B00000:  # |x| > 2**28
        w = log(math.fabs(x)) + LN2
    elif ix > 0x40000000:  # 2**28 > |x| > 2
        t = math.fabs(x)
        w = log(2.0 * t + 1.0 / (math.sqrt(x * x + 1.0) + t))
    else:
        t = x * x
        w = log1p(math.fabs(x) + t / (1.0 + math.sqrt(1.0 + t)))
    if hx > 0:
        return w
    return -w


def acosh(x: float) -> float:
    hx = high_word(x)
    lx = low_word(x)
    if x != x:
        return x + x
    if hx < 0x3FF00000:  # x < 1 (negative x too)
        return NAN
    if hx >= 0x41B00000:  # x > 2**28
        if hx >= 0x7FF00000:
            return x + x
        return log(x) + LN2
    if ((hx - 0x3FF00000) | lx) == 0:
        return 0.0
    if hx > 0x40000000:  # 2**28 > x > 2
        t = x * x
        return log(2.0 * x - 1.0 / (x + math.sqrt(t - 1.0)))
    t = x - 1.0
    return log1p(t + math.sqrt(2.0 * t + t * t))


def atanh(x: float) -> float:
    hx = high_word(x)
    ix = hx & 0x7FFFFFFF
    if x != x:
        return x + x
    if math.fabs(x) > 1.0:
        return NAN
    if ix == 0x3FF00000:
        return math.copysign(INF, x)
    if ix < 0x3E300000:  # |x| < 2**-28
        return x
    x = math.fabs(x)
    t = 0.0
    if ix < 0x3FE00000:  # |x| < 0.5
        t = x + x
        t = 0.5 * log1p(t + t * x / (1.0 - x))
    else:
        t = 0.5 * log1p((x + x) / (1.0 - x))
    if hx >= 0:
        return t
    return -t
