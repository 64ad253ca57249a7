"""log, log1p, log2, log10 and the inverse hyperbolic functions asinh,
acosh, atanh (restricted Python).

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced by
the frontend and linked into modules that use them. Ported from FreeBSD msun
(e_log.c, s_log1p.c, k_log.h, e_log2.c) and musl (log10.c, asinh.c,
acosh.c, atanh.c). C-libm semantics: log(0) = -inf, log(<0) = NaN, no
exceptions (the frontend adds CPython's checks).

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

from .bits import INF, NAN, clear_low_word, high_word, low_word, set_high_word

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
IVLN2HI = 1.44269504072144627571e+00
IVLN2LO = 1.67517131648865118353e-10
IVLN10HI = 4.34294481878168880939e-01
IVLN10LO = 2.50829467116452752298e-11
LOG10_2HI = 3.01029995663611771306e-01
LOG10_2LO = 3.69423907715893078616e-13
LOG1P_NEG_LIMIT = 0xBFD2BEC4 - 0x100000000  # (int32_t)0xbfd2bec4


def log(x: float) -> float:
    hx = high_word(x)
    lx = low_word(x)
    k = 0
    if hx < 0x00100000:  # x < 2**-1022
        if ((hx & 0x7FFFFFFF) | lx) == 0:
            return -INF  # log(+-0)
        if hx < 0:
            return NAN  # log(-#)
        k -= 54
        x *= TWO54  # subnormal: scale up
        hx = high_word(x)
    if hx >= 0x7FF00000:
        return x + x
    k += (hx >> 20) - 1023
    hx &= 0x000FFFFF
    i = (hx + 0x95F64) & 0x100000
    x = set_high_word(x, hx | (i ^ 0x3FF00000))  # normalize x or x/2
    k += i >> 20
    f = x - 1.0
    dk = float(k)
    if (0x000FFFFF & (2 + hx)) < 3:  # -2**-20 <= f < 2**-20
        if f == 0.0:
            if k == 0:
                return 0.0
            return dk * LN2_HI + dk * LN2_LO
        r = f * f * (0.5 - 0.33333333333333333 * f)
        if k == 0:
            return f - r
        return dk * LN2_HI - ((r - dk * LN2_LO) - f)
    s = f / (2.0 + f)
    z = s * s
    i = hx - 0x6147A
    w = z * z
    j = 0x6B851 - hx
    t1 = w * (LG2 + w * (LG4 + w * LG6))
    t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)))
    i |= j
    r = t2 + t1
    if i > 0:
        hfsq = 0.5 * f * f
        if k == 0:
            return f - (hfsq - s * (hfsq + r))
        return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f)
    if k == 0:
        return f - s * (f - r)
    return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f)


def k_log1p(f: float) -> float:
    """log(1 + f) - f + f*f/2 for 1 + f in ~[sqrt(2)/2, sqrt(2)] (k_log.h)."""
    s = f / (2.0 + f)
    z = s * s
    w = z * z
    t1 = w * (LG2 + w * (LG4 + w * LG6))
    t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)))
    r = t2 + t1
    hfsq = 0.5 * f * f
    return s * (hfsq + r)


def log1p(x: float) -> float:
    hx = high_word(x)
    ax = hx & 0x7FFFFFFF
    k = 1
    f = 0.0
    c = 0.0
    hu = 0
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
            k = 0
            f = x
            hu = 1
    if hx >= 0x7FF00000:
        return x + x
    if k != 0:
        u = x
        if hx < 0x43400000:
            u = 1.0 + x
            hu = high_word(u)
            k = (hu >> 20) - 1023
            if k > 0:
                c = 1.0 - (u - x)  # correction term
            else:
                c = x - (u - 1.0)
            c /= u
        else:
            hu = high_word(u)
            k = (hu >> 20) - 1023
            c = 0.0
        hu &= 0x000FFFFF
        if hu < 0x6A09E:  # u ~< sqrt(2)
            u = set_high_word(u, hu | 0x3FF00000)  # normalize u
        else:
            k += 1
            u = set_high_word(u, hu | 0x3FE00000)  # normalize u/2
            hu = (0x00100000 - hu) >> 2
        f = u - 1.0
    hfsq = 0.5 * f * f
    dk = float(k)
    if hu == 0:  # |f| < 2**-20
        if f == 0.0:
            if k == 0:
                return 0.0
            c += dk * LN2_LO
            return dk * LN2_HI + c
        r = hfsq * (1.0 - 0.66666666666666666 * f)
        if k == 0:
            return f - r
        return dk * LN2_HI - ((r - (dk * LN2_LO + c)) - f)
    s = f / (2.0 + f)
    z = s * s
    r = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))))
    if k == 0:
        return f - (hfsq - s * (hfsq + r))
    return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + (dk * LN2_LO + c))) - f)


def _reduce(x: float):
    """(k, f) with x = 2**k * (1 + f), sqrt(2)/2 < 1 + f < sqrt(2), for
    finite positive normal-or-subnormal x; also returns the scaled x."""
    hx = high_word(x)
    k = 0
    if hx < 0x00100000:
        k -= 54
        x *= TWO54
        hx = high_word(x)
    k += (hx >> 20) - 1023
    hx &= 0x000FFFFF
    i = (hx + 0x95F64) & 0x100000
    x = set_high_word(x, hx | (i ^ 0x3FF00000))
    k += i >> 20
    return k, x - 1.0


def log2(x: float) -> float:
    hx = high_word(x)
    lx = low_word(x)
    if hx < 0x00100000:
        if ((hx & 0x7FFFFFFF) | lx) == 0:
            return -INF
        if hx < 0:
            return NAN
    if hx >= 0x7FF00000:
        return x + x
    if hx == 0x3FF00000 and lx == 0:
        return 0.0
    k, f = _reduce(x)
    y = float(k)
    hfsq = 0.5 * f * f
    r = k_log1p(f)
    hi = clear_low_word(f - hfsq)
    lo = (f - hi) - hfsq + r
    val_hi = hi * IVLN2HI
    val_lo = (lo + hi) * IVLN2LO + lo * IVLN2HI
    w = y + val_hi
    val_lo += (y - w) + val_hi
    val_hi = w
    return val_lo + val_hi


def log10(x: float) -> float:
    hx = high_word(x)
    lx = low_word(x)
    if hx < 0x00100000:
        if ((hx & 0x7FFFFFFF) | lx) == 0:
            return -INF
        if hx < 0:
            return NAN
    if hx >= 0x7FF00000:
        return x + x
    if hx == 0x3FF00000 and lx == 0:
        return 0.0
    k, f = _reduce(x)
    y = float(k)
    hfsq = 0.5 * f * f
    r = k_log1p(f)
    hi = clear_low_word(f - hfsq)
    lo = (f - hi) - hfsq + r
    val_hi = hi * IVLN10HI
    y2 = y * LOG10_2HI
    val_lo = y * LOG10_2LO + (lo + hi) * IVLN10LO + lo * IVLN10HI
    w = y2 + val_hi
    val_lo += (y2 - w) + val_hi
    val_hi = w
    return val_lo + val_hi


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
