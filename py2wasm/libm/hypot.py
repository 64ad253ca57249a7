"""hypot (restricted Python).

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced by
the frontend and linked into modules that use it. Ported from FreeBSD msun
e_hypot.c (scaling), with the sum of squares and the square root in
double-double (py2wasm). C-libm semantics, no exceptions. (C's fmod is not
here: it is exact, and the backend's runtime helper `backend/runtime.fmod`
computes it for every build, linked or not.)

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

from .bits import INF, from_words, high_word, low_word, set_high_word, two_prod


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

