"""hypot and fmod (restricted Python).

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced by
the frontend and linked into modules that use them. hypot is ported from
FreeBSD msun e_hypot.c (scaling), with the sum of squares and the square root
in double-double (py2wasm); fmod is exact (it is computed on the integer
significands by shift-and-subtract, as musl's fmod.c does). C-libm
semantics: fmod(x, 0) and fmod(inf, y) are NaN, no exceptions.

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
from .bits import INF, NAN, from_words, high_word, low_word, set_high_word, two_prod


def hypot(x: float, y: float) -> float:
    ha = high_word(x) & 0x7FFFFFFF
    hb = high_word(y) & 0x7FFFFFFF
    a = x
    b = y
    if hb > ha:
        a = y
        b = x
        j = ha
        ha = hb
        hb = j
    a = math.fabs(a)
    b = math.fabs(b)
    if ha >= 0x7FF00000 or hb >= 0x7FF00000:  # inf or NaN
        if math.isinf(x) or math.isinf(y):
            return INF  # hypot(inf, NaN) is inf (C99)
        return x + y
    if (ha - hb) > 0x3C00000:  # a/b > 2**60
        return a + b
    k = 0
    if ha > 0x5F300000:  # a > 2**500: scale a and b by 2**-600
        ha -= 0x25800000
        hb -= 0x25800000
        k += 600
        a = set_high_word(a, ha)
        b = set_high_word(b, hb)
    if hb < 0x20B00000:  # b < 2**-500
        if hb <= 0x000FFFFF:  # subnormal b or 0
            if (hb | low_word(b)) == 0:
                return a
            t1 = from_words(0x7FD00000, 0)  # 2**1022
            b *= t1
            a *= t1
            k -= 1022
            ha = high_word(a)
            hb = high_word(b)
        else:  # scale a and b by 2**600
            ha += 0x25800000
            hb += 0x25800000
            k -= 600
            a = set_high_word(a, ha)
            b = set_high_word(b, hb)
    # py2wasm: a*a + b*b in double-double (Dekker's products), its square
    # root corrected by one Newton step: ~0.5 ulp (fdlibm's e_hypot.c: 0.84)
    p, pe = two_prod(a, a)
    q, qe = two_prod(b, b)
    sh = p + q
    sl = ((p - sh) + q) + (pe + qe)  # p >= q: fast two-sum
    w = math.sqrt(sh)
    hh, hhe = two_prod(w, w)
    w = w + (((sh - hh) - hhe) + sl) / (w + w)
    if k != 0:
        return from_words(0x3FF00000 + (k << 20), 0) * w
    return w


def fmod(x: float, y: float) -> float:
    ux = f64_to_bits(x)
    uy = f64_to_bits(y)
    ax = ux & 0x7FFFFFFFFFFFFFFF
    ay = uy & 0x7FFFFFFFFFFFFFFF
    if x != x or y != y:
        return x + y
    if ay == 0 or ax >= 0x7FF0000000000000:
        return NAN
    if ax <= ay:
        if ax == ay:
            return math.copysign(0.0, x)
        return x
    ex = ax >> 52
    ey = ay >> 52
    # significands as integers with the implicit bit, normalized to bit 52
    mx = ax & 0xFFFFFFFFFFFFF
    if ex == 0:
        ex = 1
        while mx < 0x10000000000000:
            mx <<= 1
            ex -= 1
    else:
        mx |= 0x10000000000000
    my = ay & 0xFFFFFFFFFFFFF
    if ey == 0:
        ey = 1
        while my < 0x10000000000000:
            my <<= 1
            ey -= 1
    else:
        my |= 0x10000000000000
    while ex > ey:
        i = mx - my
        if i >= 0:
            if i == 0:
                return math.copysign(0.0, x)
            mx = i
        mx <<= 1
        ex -= 1
    i = mx - my
    if i >= 0:
        if i == 0:
            return math.copysign(0.0, x)
        mx = i
    while mx < 0x10000000000000:
        mx <<= 1
        ex -= 1
    r = 0
    if ex > 0:
        r = (mx - 0x10000000000000) | (ex << 52)
    else:
        r = mx >> (1 - ex)
    if ux < 0:
        return -f64_from_bits(r)
    return f64_from_bits(r)
