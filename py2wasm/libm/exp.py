"""exp and expm1 (restricted Python).

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced by
the frontend and linked into modules that use `math.exp`, `math.expm1`.
expm1 is ported from FreeBSD msun (s_expm1.c); exp uses the double-double
kernel of `expdd.py`. C-libm semantics: no Python
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
from .bits import INF, TWO1023, from_words, high_word, low_word, scalbn
from .expdd import exp_dd, scaled

O_THRESHOLD = 7.09782712893383973096e+02
U_THRESHOLD = -7.45133219101941108420e+02
LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
INVLN2 = 1.44269504088896338700e+00

Q1 = -3.33333333333331316428e-02
Q2 = 1.58730158725481460165e-03
Q3 = -7.93650757867487942473e-05
Q4 = 4.00821782732936239552e-06
Q5 = -2.01099218183624371326e-07


def exp(x: float) -> float:
    """exp, via the double-double kernel (`expdd.py`): within 0.5 + 2**-6
    ulp, so it agrees with a correctly rounded exp except in rare near-ties
    (fdlibm's e_exp.c, which expm1 below comes with, reaches 0.83 ulp)."""
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


def expm1(x: float) -> float:
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
        if xsb != 0:  # x < -56 ln2
            return -1.0
    hi = 0.0
    lo = 0.0
    c = 0.0
    k = 0
    if hx > 0x3FD62E42:  # |x| > 0.5 ln2
        if hx < 0x3FF0A2B2:  # and |x| < 1.5 ln2
            if xsb == 0:
                hi = x - LN2_HI
                lo = LN2_LO
                k = 1
            else:
                hi = x + LN2_HI
                lo = -LN2_LO
                k = -1
        else:
            if xsb == 0:
                k = int(INVLN2 * x + 0.5)
            else:
                k = int(INVLN2 * x - 0.5)
            t = float(k)
            hi = x - t * LN2_HI
            lo = t * LN2_LO
        x = hi - lo
        c = (hi - x) - lo
    elif hx < 0x3C900000:  # |x| < 2**-54
        return x
    hfx = 0.5 * x
    hxs = x * hfx
    r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))))
    t = 3.0 - r1 * hfx
    e = hxs * ((r1 - t) / (6.0 - x * t))
    if k == 0:
        return x - (x * e - hxs)
    e = x * (e - c) - c
    e -= hxs
    if k == -1:
        return 0.5 * (x - e) - 0.5
    if k == 1:
        if x < -0.25:
            return -2.0 * (e - (x + 0.5))
        return 1.0 + 2.0 * (x - e)
    if k <= -2 or k > 56:  # suffices to return exp(x) - 1
        y = 1.0 - (e - x)
        if k == 1024:
            y = y * 2.0 * TWO1023
        else:
            y = y * from_words(0x3FF00000 + (k << 20), 0)
        return y - 1.0
    if k < 20:
        t = from_words(0x3FF00000 - (0x200000 >> k), 0)  # 1 - 2**-k
        y = t - (e - x)
        return y * from_words(0x3FF00000 + (k << 20), 0)
    t = from_words((0x3FF - k) << 20, 0)  # 2**-k
    y = x - (e + t)
    y += 1.0
    return y * from_words(0x3FF00000 + (k << 20), 0)
