"""pow (restricted Python).

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced by
the frontend and linked into modules that use `math.pow` (and `**` on floats
where the frontend lowers it to `math[fn=pow]`). Ported from FreeBSD msun
e_pow.c, with the final exp(z) by py2wasm's double-double kernel (expdd.py). C99 semantics for every argument (pow(x, 0) = 1, pow(1, y) = 1,
(-x)**non-integer = NaN, overflow = inf); no exceptions: the frontend adds
CPython's checks.

 ====================================================
 Copyright (C) 2004 by Sun Microsystems, Inc. All rights reserved.

 Permission to use, copy, modify, and distribute this
 software is freely granted, provided that this notice
 is preserved.
 ====================================================
"""
import math

from .bits import INF, NAN, clear_low_word, from_words, high_word, low_word, scalbn, set_high_word
from .expdd import exp_kernel

TWO53 = 9007199254740992.0
HUGE = 1.0e300
TINY = 1.0e-300
L1 = 5.99999999999994648725e-01
L2 = 4.28571428578550184252e-01
L3 = 3.33333329818377432918e-01
L4 = 2.72728123808534006489e-01
L5 = 2.30660745775561754067e-01
L6 = 2.06975017800338417784e-01
LG2 = 6.93147180559945286227e-01
LG2_H = 6.93147182464599609375e-01
LG2_L = -1.90465429995776804525e-09
OVT = 8.0085662595372944372e-17
CP = 9.61796693925975554329e-01
CP_H = 9.61796700954437255859e-01
CP_L = -7.02846165095275826516e-09
IVLN2 = 1.44269504088896338700e+00
IVLN2_H = 1.44269502162933349609e+00
IVLN2_L = 1.92596299112661746887e-08
DP_H1 = 5.84962487220764160156e-01
DP_L1 = 1.35003920212974897128e-08
NEG_UFLOW_HI = 0xC090CC00 - 0x100000000  # high word of -1075 as a signed int32


def _recip(z: float) -> float:
    """1/z with C semantics for zero (+-inf)."""
    if z == 0.0:
        return math.copysign(INF, z)
    return 1.0 / z


def pow(x: float, y: float) -> float:
    hx = high_word(x)
    lx = low_word(x)
    hy = high_word(y)
    ly = low_word(y)
    ix = hx & 0x7FFFFFFF
    iy = hy & 0x7FFFFFFF
    if (iy | ly) == 0:  # y == 0
        return 1.0
    if hx == 0x3FF00000 and lx == 0:  # x == 1
        return 1.0
    if x != x or y != y:
        return x + y
    # yisint = 0: y not an integer, 1: odd integer, 2: even integer
    yisint = 0
    if hx < 0:
        if iy >= 0x43400000:
            yisint = 2
        elif iy >= 0x3FF00000:
            k = (iy >> 20) - 0x3FF
            if k > 20:
                j = ly >> (52 - k)
                if (j << (52 - k)) == ly:
                    yisint = 2 - (j & 1)
            elif ly == 0:
                j = iy >> (20 - k)
                if (j << (20 - k)) == iy:
                    yisint = 2 - (j & 1)
    if ly == 0:
        if iy == 0x7FF00000:  # y is +-inf
            if ((ix - 0x3FF00000) | lx) == 0:
                return 1.0  # (-1)**+-inf
            if ix >= 0x3FF00000:  # (|x| > 1)**+-inf = inf, 0
                if hy >= 0:
                    return y
                return 0.0
            if hy < 0:  # (|x| < 1)**-,+inf = inf, 0
                return -y
            return 0.0
        if iy == 0x3FF00000:  # y is +-1
            if hy < 0:
                return _recip(x)
            return x
        if hy == 0x40000000:  # y is 2
            return x * x
        if hy == 0x3FE00000:  # y is 0.5
            if hx >= 0:
                return math.sqrt(x)
    ax = math.fabs(x)
    if lx == 0:
        if ix == 0x7FF00000 or ix == 0 or ix == 0x3FF00000:  # x is +-0, +-inf, +-1
            z = ax
            if hy < 0:
                z = _recip(z)
            if hx < 0:
                if ((ix - 0x3FF00000) | yisint) == 0:
                    z = NAN  # (-1)**non-integer
                elif yisint == 1:
                    z = -z
            return z
    n = ((hx >> 31) & 1) - 1  # 0 for negative x, -1 otherwise
    if (n | yisint) == 0:  # (x < 0)**non-integer
        return NAN
    s = 1.0
    if (n | (yisint - 1)) == 0:  # (-x)**odd
        s = -1.0
    t1 = 0.0
    t2 = 0.0
    if iy > 0x41E00000:  # |y| > 2**31
        if iy > 0x43F00000:  # |y| > 2**64: must overflow or underflow
            if ix <= 0x3FEFFFFF:
                if hy < 0:
                    return INF
                return 0.0
            if ix >= 0x3FF00000:
                if hy > 0:
                    return INF
                return 0.0
        if ix < 0x3FEFFFFF:
            if hy < 0:
                return s * HUGE * HUGE
            return s * TINY * TINY
        if ix > 0x3FF00000:
            if hy > 0:
                return s * HUGE * HUGE
            return s * TINY * TINY
        # |1 - x| <= 2**-20: log(x) by x - x^2/2 + x^3/3 - x^4/4
        t = ax - 1.0
        w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25))
        u = IVLN2_H * t
        v = t * IVLN2_L - w * IVLN2
        t1 = clear_low_word(u + v)
        t2 = v - (t1 - u)
    else:
        n = 0
        if ix < 0x00100000:  # subnormal x
            ax *= TWO53
            n -= 53
            ix = high_word(ax)
        n += (ix >> 20) - 0x3FF
        j = ix & 0x000FFFFF
        ix = j | 0x3FF00000  # normalize ix
        k = 0
        if j <= 0x3988E:  # |x| < sqrt(3/2)
            k = 0
        elif j < 0xBB67A:  # |x| < sqrt(3)
            k = 1
        else:
            k = 0
            n += 1
            ix -= 0x00100000
        ax = set_high_word(ax, ix)
        bp = 1.0
        dp_h = 0.0
        dp_l = 0.0
        if k == 1:
            bp = 1.5
            dp_h = DP_H1
            dp_l = DP_L1
        # ss = s_h + s_l = (x - 1)/(x + 1) or (x - 1.5)/(x + 1.5)
        u = ax - bp
        v = 1.0 / (ax + bp)
        ss = u * v
        s_h = clear_low_word(ss)
        t_h = from_words(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0)
        t_l = ax - (t_h - bp)
        s_l = v * ((u - s_h * t_h) - s_h * t_l)
        # log(ax)
        s2 = ss * ss
        r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))))
        r += s_l * (s_h + ss)
        s2 = s_h * s_h
        t_h = clear_low_word(3.0 + s2 + r)
        t_l = r - ((t_h - 3.0) - s2)
        u = s_h * t_h
        v = s_l * t_h + t_l * ss
        p_h = clear_low_word(u + v)
        p_l = v - (p_h - u)
        z_h = CP_H * p_h
        z_l = CP_L * p_h + p_l * CP + dp_l
        t = float(n)
        t1 = clear_low_word(((z_h + z_l) + dp_h) + t)
        t2 = z_l - (((t1 - t) - dp_h) - z_h)
    # (y1 + y2) * (t1 + t2)
    y1 = clear_low_word(y)
    p_l = (y - y1) * t1 + y * t2
    p_h = y1 * t1
    z = p_l + p_h
    j = high_word(z)
    i = low_word(z)
    if j >= 0x40900000:  # z >= 1024
        if ((j - 0x40900000) | i) != 0:
            return s * HUGE * HUGE
        if p_l + OVT > z - p_h:
            return s * HUGE * HUGE
    elif (j & 0x7FFFFFFF) >= 0x4090CC00:  # z <= -1075
        if j != NEG_UFLOW_HI or i != 0:
            return s * TINY * TINY
        if p_l <= z - p_h:
            return s * TINY * TINY
    # 2**(p_h + p_l)
    i = j & 0x7FFFFFFF
    k = (i >> 20) - 0x3FF
    n = 0
    if i > 0x3FE00000:  # |z| > 0.5: n = [z + 0.5]
        n = j + (0x00100000 >> (k + 1))
        k = ((n & 0x7FFFFFFF) >> 20) - 0x3FF  # new k for n
        t = from_words(n & ~(0x000FFFFF >> k), 0)
        n = ((n & 0x000FFFFF) | 0x00100000) >> (20 - k)
        if j < 0:
            n = -n
        p_h -= t
    t = clear_low_word(p_l + p_h)
    u = t * LG2_H
    v = (p_l - (t - p_h)) * LG2 + t * LG2_L
    z = u + v
    w = v - (z - u)
    # exp(z + w) in double-double (py2wasm: fdlibm's polynomial here costs up
    # to 0.3 ulp more)
    eh, el = exp_kernel(z, w)
    z = eh + el
    j = high_word(z)
    j += n << 20
    if (j >> 20) <= 0:
        z = scalbn(z, n)  # subnormal result
    else:
        z = set_high_word(z, j)
    return s * z
