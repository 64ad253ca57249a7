"""erf and erfc (restricted Python).

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced by
the frontend and linked into modules that use `math.erf`, `math.erfc`.
A faithful port of fdlibm's s_erf.c (FreeBSD msun; musl's erf.c is the same
code): rational approximations on [0, 0.84375], [0.84375, 1.25], and an
asymptotic form exp(-x*x - 0.5625 + R/S) / x beyond, the exp split as
exp(-z*z - 0.5625) * exp((z - x)(z + x) + R/S) with z = x with its low word
cleared. CPython's math.erf/erfc call the C library's: glibc's dbl-64
s_erf.c (before 2.40's CORE-MATH) is this code with the polynomials
evaluated in Shimizu's pipelined order, which we follow, so results agree
bit for bit wherever our exp does; we promise within 1 ulp of CPython (tests/mathlib/test_libm_special.py). C-libm semantics: no Python
exceptions (erf and erfc never raise in CPython).

 ====================================================
 Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.

 Developed at SunPro, a Sun Microsystems, Inc. business.
 Permission to use, copy, modify, and distribute this
 software is freely granted, provided that this notice
 is preserved.
 ====================================================
"""
import math

from .bits import clear_low_word, high_word
from .exp import exp

TINY = 1e-300
ERX = 8.45062911510467529297e-01  # (float)0.84506291151
# erf on [0, 0.84375]
EFX = 1.28379167095512586316e-01
EFX8 = 1.02703333676410069053e+00
PP0 = 1.28379167095512558561e-01
PP1 = -3.25042107247001499370e-01
PP2 = -2.84817495755985104766e-02
PP3 = -5.77027029648944159157e-03
PP4 = -2.37630166566501626084e-05
QQ1 = 3.97917223959155352819e-01
QQ2 = 6.50222499887672944485e-02
QQ3 = 5.08130628187576562776e-03
QQ4 = 1.32494738004321644526e-04
QQ5 = -3.96022827877536812320e-06
# erf on [0.84375, 1.25]
PA0 = -2.36211856075265944077e-03
PA1 = 4.14856118683748331666e-01
PA2 = -3.72207876035701323847e-01
PA3 = 3.18346619901161753674e-01
PA4 = -1.10894694282396677476e-01
PA5 = 3.54783043256182359371e-02
PA6 = -2.16637559486879084300e-03
QA1 = 1.06420880400844228286e-01
QA2 = 5.40397917702171048937e-01
QA3 = 7.18286544141962662868e-02
QA4 = 1.26171219808761642112e-01
QA5 = 1.36370839120290507362e-02
QA6 = 1.19844998467991074170e-02
# erfc on [1.25, 1/0.35]
RA0 = -9.86494403484714822705e-03
RA1 = -6.93858572707181764372e-01
RA2 = -1.05586262253232909814e+01
RA3 = -6.23753324503260060396e+01
RA4 = -1.62396669462573470355e+02
RA5 = -1.84605092906711035994e+02
RA6 = -8.12874355063065934246e+01
RA7 = -9.81432934416914548592e+00
SA1 = 1.96512716674392571292e+01
SA2 = 1.37657754143519042600e+02
SA3 = 4.34565877475229228821e+02
SA4 = 6.45387271733267880336e+02
SA5 = 4.29008140027567833386e+02
SA6 = 1.08635005541779435134e+02
SA7 = 6.57024977031928170135e+00
SA8 = -6.04244152148580987438e-02
# erfc on [1/0.35, 28]
RB0 = -9.86494292470009928597e-03
RB1 = -7.99283237680523006574e-01
RB2 = -1.77579549177547519889e+01
RB3 = -1.60636384855821916062e+02
RB4 = -6.37566443368389627722e+02
RB5 = -1.02509513161107724954e+03
RB6 = -4.83519191608651397019e+02
SB1 = 3.03380607434824582924e+01
SB2 = 3.25792512996573918826e+02
SB3 = 1.53672958608443695994e+03
SB4 = 3.19985821950859553908e+03
SB5 = 2.55305040643316442583e+03
SB6 = 4.74528541206955367215e+02
SB7 = -2.24409524465858183362e+01


def _small_ratio(x: float) -> float:
    """R(x*x) of |x| < 0.84375: erf(x) = x + x*R."""
    z = x * x
    z2 = z * z
    z4 = z2 * z2
    r = (PP0 + z * PP1) + z2 * (PP2 + z * PP3) + z4 * PP4
    s = (1.0 + z * QQ1) + z2 * (QQ2 + z * QQ3) + z4 * (QQ4 + z * QQ5)
    return r / s


def _near_one(ax: float) -> float:
    """P1/Q1 of 0.84375 <= |x| < 1.25: erf(|x|) = ERX + P1/Q1."""
    s = ax - 1.0
    s2 = s * s
    s4 = s2 * s2
    s6 = s4 * s2
    p = (PA0 + s * PA1) + s2 * (PA2 + s * PA3) + s4 * (PA4 + s * PA5) + s6 * PA6
    q = (1.0 + s * QA1) + s2 * (QA2 + s * QA3) + s4 * (QA4 + s * QA5) + s6 * QA6
    return p / q


def _tail(ax: float, ix: int, split: int) -> float:
    """erfc(|x|) * |x| for 1.25 <= |x| < 28: exp(-x*x - 0.5625 + R/S);
    `split` is the high word where the second approximation starts (fdlibm
    uses 0x4006DB6E in erf, 0x4006DB6D in erfc)."""
    s = 1.0 / (ax * ax)
    s2 = s * s
    s4 = s2 * s2
    s6 = s4 * s2
    rr = 0.0
    ss = 0.0
    if ix < split:
        rr = (RA0 + s * RA1) + s2 * (RA2 + s * RA3) + s4 * (RA4 + s * RA5) + s6 * (RA6 + s * RA7)
        ss = ((1.0 + s * SA1) + s2 * (SA2 + s * SA3) + s4 * (SA4 + s * SA5)
              + s6 * (SA6 + s * SA7) + (s4 * s4) * SA8)
    else:
        rr = (RB0 + s * RB1) + s2 * (RB2 + s * RB3) + s4 * (RB4 + s * RB5) + s6 * RB6
        ss = (1.0 + s * SB1) + s2 * (SB2 + s * SB3) + s4 * (SB4 + s * SB5) + s6 * (SB6 + s * SB7)
    z = clear_low_word(ax)
    return exp(-z * z - 0.5625) * exp((z - ax) * (z + ax) + rr / ss)


def erf(x: float) -> float:
    """The error function (fdlibm s_erf.c)."""
    hx = high_word(x)
    ix = hx & 0x7FFFFFFF
    if ix >= 0x7FF00000:  # erf(nan) = nan, erf(+-inf) = +-1
        if hx < 0:
            return -1.0 + 1.0 / x
        return 1.0 + 1.0 / x
    if ix < 0x3FEB0000:  # |x| < 0.84375
        if ix < 0x3E300000:  # |x| < 2**-28
            if ix < 0x00800000:  # avoid underflow
                return 0.0625 * (16.0 * x + (16.0 * EFX) * x)
            return x + EFX * x
        return x + x * _small_ratio(x)
    if ix < 0x3FF40000:  # 0.84375 <= |x| < 1.25
        if hx >= 0:
            return ERX + _near_one(math.fabs(x))
        return -ERX - _near_one(math.fabs(x))
    if ix >= 0x40180000:  # inf > |x| >= 6
        if hx >= 0:
            return 1.0 - TINY
        return TINY - 1.0
    ax = math.fabs(x)
    r = _tail(ax, ix, 0x4006DB6E)
    if hx >= 0:
        return 1.0 - r / ax
    return r / ax - 1.0


def erfc(x: float) -> float:
    """The complementary error function 1 - erf(x) (fdlibm s_erf.c)."""
    hx = high_word(x)
    ix = hx & 0x7FFFFFFF
    if ix >= 0x7FF00000:  # erfc(nan) = nan, erfc(+inf) = 0, erfc(-inf) = 2
        if hx < 0:
            return 2.0 + 1.0 / x
        return 1.0 / x
    if ix < 0x3FEB0000:  # |x| < 0.84375
        if ix < 0x3C700000:  # |x| < 2**-56
            return 1.0 - x
        y = _small_ratio(x)
        if hx < 0x3FD00000:  # x < 1/4
            return 1.0 - (x + x * y)
        r = x * y
        r += x - 0.5
        return 0.5 - r
    if ix < 0x3FF40000:  # 0.84375 <= |x| < 1.25
        p = _near_one(math.fabs(x))
        if hx >= 0:
            return (1.0 - ERX) - p
        return 1.0 + (ERX + p)
    if ix < 0x403C0000:  # |x| < 28
        if hx < 0 and ix >= 0x40180000:  # x < -6
            return 2.0 - TINY
        ax = math.fabs(x)
        r = _tail(ax, ix, 0x4006DB6D)
        if hx > 0:
            return r / ax
        return 2.0 - r / ax
    if hx > 0:
        return TINY * TINY
    return 2.0 - TINY
