"""asin, acos, atan, atan2 (restricted Python).

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced by
the frontend and linked into modules that use them. Ported from musl
(asin.c, acos.c, atan.c, atan2.c, from FreeBSD msun e_asin.c, e_acos.c,
s_atan.c, e_atan2.c). C-libm semantics: NaN for |x| > 1, no exceptions.

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

from .bits import NAN, clear_low_word, high_word, low_word, two_prod

PIO2_HI = 1.57079632679489655800e+00
PIO2_LO = 6.12323399573676603587e-17
PIO4_HI = 7.85398163397448278999e-01
PI = 3.14159265358979311600e+00
PI_LO = 1.2246467991473531772E-16
PS0 = 1.66666666666666657415e-01
PS1 = -3.25565818622400915405e-01
PS2 = 2.01212532134862925881e-01
PS3 = -4.00555345006794114027e-02
PS4 = 7.91534994289814532176e-04
PS5 = 3.47933107596021167570e-05
QS1 = -2.40339491173441421878e+00
QS2 = 2.02094576023350569471e+00
QS3 = -6.88283971605453293030e-01
QS4 = 7.70381505559019352791e-02


def _r(z: float) -> float:
    p = z * (PS0 + z * (PS1 + z * (PS2 + z * (PS3 + z * (PS4 + z * PS5)))))
    q = 1.0 + z * (QS1 + z * (QS2 + z * (QS3 + z * QS4)))
    return p / q


def asin(x: float) -> float:
    hx = high_word(x)
    ix = hx & 0x7FFFFFFF
    if ix >= 0x3FF00000:  # |x| >= 1
        if ((ix - 0x3FF00000) | low_word(x)) == 0:
            return x * PIO2_HI + x * PIO2_LO  # asin(+-1) = +-pi/2
        if x != x:
            return x + x
        return NAN
    if ix < 0x3FE00000:  # |x| < 0.5
        if ix < 0x3E500000:  # |x| < 2**-26
            return x
        return x + x * _r(x * x)
    # 1 > |x| >= 0.5
    w = 1.0 - math.fabs(x)
    t = w * 0.5
    s = math.sqrt(t)
    r = _r(t)
    if ix >= 0x3FEF3333:  # |x| > 0.975
        t = PIO2_HI - (2.0 * (s + s * r) - PIO2_LO)
    else:
        f = clear_low_word(s)
        c = (t - f * f) / (s + f)
        p = 2.0 * s * r - (PIO2_LO - 2.0 * c)
        q = PIO4_HI - 2.0 * f
        t = PIO4_HI - (p - q)
    if hx > 0:
        return t
    return -t


def acos(x: float) -> float:
    hx = high_word(x)
    ix = hx & 0x7FFFFFFF
    if ix >= 0x3FF00000:  # |x| >= 1
        if ((ix - 0x3FF00000) | low_word(x)) == 0:
            if hx > 0:
                return 0.0
            return PI + 2.0 * PIO2_LO
        if x != x:
            return x + x
        return NAN
    if ix < 0x3FE00000:  # |x| < 0.5
        if ix <= 0x3C600000:  # |x| < 2**-57
            return PIO2_HI + PIO2_LO
        return PIO2_HI - (x - (PIO2_LO - x * _r(x * x)))
    if hx < 0:  # x < -0.5
        z = (1.0 + x) * 0.5
        s = math.sqrt(z)
        w = _r(z) * s - PIO2_LO
        return PI - 2.0 * (s + w)
    z = (1.0 - x) * 0.5  # x > 0.5
    s = math.sqrt(z)
    df = clear_low_word(s)
    c = (z - df * df) / (s + df)
    w = _r(z) * s + c
    return 2.0 * (df + w)


ATANHI0 = 4.63647609000806093515e-01
ATANHI1 = 7.85398163397448278999e-01
ATANHI2 = 9.82793723247329054082e-01
ATANHI3 = 1.57079632679489655800e+00
ATANLO0 = 2.26987774529616870924e-17
ATANLO1 = 3.06161699786838301793e-17
ATANLO2 = 1.39033110312309984516e-17
ATANLO3 = 6.12323399573676603587e-17
AT0 = 3.33333333333329318027e-01
AT1 = -1.99999999998764832476e-01
AT2 = 1.42857142725034663711e-01
AT3 = -1.11111104054623557880e-01
AT4 = 9.09088713343650656196e-02
AT5 = -7.69187620504482999495e-02
AT6 = 6.66107313738753120669e-02
AT7 = -5.83357013379057348645e-02
AT8 = 4.97687799461593236017e-02
AT9 = -3.65315727442169155270e-02
AT10 = 1.62858201153657823623e-02


def _atan_dd(x: float, xl: float):
    """atan(x + xl) as a double-double (h, l) for 2**-27 <= x < 2**66, |xl| <=
    ulp(x) (py2wasm): fdlibm's reduction with the reduced argument and its
    rounding error as a double-double, and the x**3 term of the polynomial
    exact, so that one final rounding is the only large error."""
    ix = high_word(x)
    hi = 0.0
    lo = 0.0
    t = x
    tl = 0.0
    if ix >= 0x3FDC0000:  # |x| >= 0.4375: t = reduced argument, t + tl exact-ish
        num = 0.0
        d = 0.0
        dl = 0.0
        if ix < 0x3FE60000:  # 7/16 <= x < 11/16: (2x - 1)/(2 + x)
            hi = ATANHI0
            lo = ATANLO0
            num = 2.0 * x - 1.0  # exact
            d = 2.0 + x
            dl = (2.0 - d) + x
        elif ix < 0x3FF30000:  # 11/16 <= x < 19/16: (x - 1)/(x + 1)
            hi = ATANHI1
            lo = ATANLO1
            num = x - 1.0  # exact
            d = x + 1.0
            bb = d - x
            dl = (x - (d - bb)) + (1.0 - bb)
        elif ix < 0x40038000:  # x < 2.4375: (x - 1.5)/(1 + 1.5x)
            hi = ATANHI2
            lo = ATANLO2
            num = x - 1.5  # exact
            m, me = two_prod(1.5, x)
            d = 1.0 + m
            dl = ((m - d) + 1.0) + me
        else:  # 2.4375 <= x < 2**66: -1/x
            hi = ATANHI3
            lo = ATANLO3
            num = -1.0
            d = x
        t = num / d
        p, pe = two_prod(t, d)
        tl = (((num - p) - pe) - t * dl) / d
    p, pe = two_prod(t, t)
    c, ce = two_prod(t, p)  # t**3 = c + ce
    ce += t * pe
    u, ue = two_prod(c, AT0)
    ue += ce * AT0
    z = p
    w = z * z
    s1 = z * w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10))))
    s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))))
    tail = (lo - ue) - t * (s1 + s2) + tl / (1.0 + z) + xl / (1.0 + x * x)
    sm = t - u
    e = (t - sm) - u
    h = hi + sm
    e += (hi - h) + sm  # |hi| >= |sm| or hi == 0
    l = e + tail
    r = h + l
    return r, l - (r - h)


def atan(x: float) -> float:
    hx = high_word(x)
    ix = hx & 0x7FFFFFFF
    if ix >= 0x44100000:  # |x| >= 2**66
        if x != x:
            return x + x
        if hx > 0:
            return ATANHI3 + ATANLO3
        return -ATANHI3 - ATANLO3
    if ix < 0x3E400000:  # |x| < 2**-27
        return x
    h, l = _atan_dd(math.fabs(x), 0.0)
    if hx < 0:
        return -(h + l)
    return h + l


PI_O_4 = 7.8539816339744827900E-01
TWO600 = 4.149515568880993e+180  # 2**600
TWOM600 = 2.409919865102884e-181  # 2**-600
PI_O_2 = 1.5707963267948965580E+00


def atan2(y: float, x: float) -> float:
    if x != x or y != y:
        return x + y
    hx = high_word(x)
    lx = low_word(x)
    ix = hx & 0x7FFFFFFF
    hy = high_word(y)
    ly = low_word(y)
    iy = hy & 0x7FFFFFFF
    if ((hx - 0x3FF00000) | lx) == 0:  # x == 1.0
        return atan(y)
    m = ((hy >> 31) & 1) | ((hx >> 30) & 2)  # 2*sign(x) + sign(y)
    if (iy | ly) == 0:  # y == 0
        if m == 0 or m == 1:
            return y
        if m == 2:
            return PI
        return -PI
    if (ix | lx) == 0:  # x == 0
        if hy < 0:
            return -PI_O_2
        return PI_O_2
    if ix == 0x7FF00000:  # x is inf
        if iy == 0x7FF00000:
            if m == 0:
                return PI_O_4
            if m == 1:
                return -PI_O_4
            if m == 2:
                return 3.0 * PI_O_4
            return -3.0 * PI_O_4
        if m == 0:
            return 0.0
        if m == 1:
            return -0.0
        if m == 2:
            return PI
        return -PI
    if iy == 0x7FF00000:  # y is inf
        if hy < 0:
            return -PI_O_2
        return PI_O_2
    k = (iy - ix) >> 20
    if k > 60:  # |y/x| > 2**60
        z = PI_O_2 + 0.5 * PI_LO
        if hy < 0:
            return -z
        return z
    zh = 0.0
    zl = 0.0
    if hx < 0 and k < -60:  # 0 > |y|/x > -2**-60
        zh = 0.0
    else:
        # py2wasm: y/x as a double-double, atan of it (was atan(fabs(y/x)))
        ay = math.fabs(y)
        ax = math.fabs(x)
        q = ay / ax
        ql = 0.0
        if k >= -60:  # 2**-61 <= |y/x| <= 2**61 (below, atan(q) = q rounds right)
            if ix >= 0x5F300000 or iy >= 0x5F300000:  # > 2**500: scale by 2**-600
                ay *= TWOM600
                ax *= TWOM600
            elif ix < 0x20B00000 or iy < 0x20B00000:  # < 2**-500: scale by 2**600
                ay *= TWO600
                ax *= TWO600
            p, pe = two_prod(q, ax)  # ay, ax now in [2**-570, 2**570]
            ql = ((ay - p) - pe) / ax
        if high_word(q) < 0x3E400000:  # q < 2**-27: atan(q) = q
            zh = q
            zl = ql
        else:
            zh, zl = _atan_dd(q, ql)
    if m == 0:
        return zh + zl
    if m == 1:
        return -(zh + zl)
    r = PI - zh  # pi - atan(|y/x|), PI >= zh
    e = ((PI - r) - zh) + (PI_LO - zl)
    if m == 2:
        return r + e
    return -(r + e)
