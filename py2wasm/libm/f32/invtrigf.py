"""asinf, acosf, atanf, atan2f, hypotf: the float32 functions (restricted Python).

Place in the pipeline: part of `py2wasm.libm.f32` (see its docstring);
traced by the frontend and linked by `passes/link_math.py`. The arguments
are float32 values (as f64s); each function returns an f64 that the caller
rounds to float32.

asinf and acosf follow musl's asinf.c/acosf.c (from FreeBSD e_asinf.c,
e_acosf.c) with everything in double: asin(x) = x + x*R(x*x) on |x| <= 1/2
and the half-angle formula beyond, with R a degree-10 polynomial fitted for
py2wasm (no division; musl's float rational R misrounds ~1% of results,
fdlibm's double one costs a division), the square root and the final
combination in double, so the hi/lo splitting of pi/2 and of the square
root that the float64 functions need is not. atanf is
fdlibm's s_atan.c reduction and polynomial in plain double (about 1 ulp of
double, far beyond float32's needs). atan2f takes atan of |y|/|x| in double
with e_atan2f.c's special cases, forming the reduced argument from |y| and
|x| with one division (y/x of two float32 values never overflows or
underflows a double, nor do the products 1.5*|x|...). hypotf is musl's: sqrt(x*x + y*y) in
double, where x*x and y*y are exact.

 ====================================================
 Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.

 Developed at SunSoft, a Sun Microsystems, Inc. business.
 Permission to use, copy, modify, and distribute this
 software is freely granted, provided that this notice
 is preserved.
 ====================================================
 Conversion to float by Ian Lance Taylor, Cygnus Support, ian@cygnus.com.
 musl: Copyright (c) 2005-2020 Rich Felker, et al. (MIT license).
"""
import math

from ..bits import INF, NAN
from ..invtrig import (AT0, AT1, AT2, AT3, AT4, AT5, AT6, AT7, AT8, AT9, AT10, ATANHI0,
                       ATANHI1, ATANHI2, ATANHI3, ATANLO0, ATANLO1, ATANLO2, ATANLO3, PI,
                       PIO2_HI)


# asin(x) = x + x*z*P(z), z = x*x <= 1/4: P a degree-9 polynomial fitted
# (py2wasm, Chebyshev least squares on [0, 1/4] against mpmath) to
# (asin(sqrt(z))/sqrt(z) - 1)/z; relative error of asin below 2**-46.
A0 = 0.1666666666666188
A1 = 0.07500000003782598
A2 = 0.044642852224435155
A3 = 0.03038219162021905
A4 = 0.022365882689335367
A5 = 0.017443626220030636
A6 = 0.013173378113533857
A7 = 0.01573343897183615
A8 = -0.003063544433206649
A9 = 0.028017423495718383


def _rf(z: float) -> float:
    """R(z) = z*P(z) with asin(x) = x + x*R(x*x) for |x| <= 0.5, without
    a division (fdlibm's R is a rational function); Estrin's scheme."""
    z2 = z * z
    z4 = z2 * z2
    p03 = (A0 + z * A1) + z2 * (A2 + z * A3)
    p47 = (A4 + z * A5) + z2 * (A6 + z * A7)
    return z * ((p03 + z4 * p47) + (z4 * z4) * (A8 + z * A9))


def asinf(x: float) -> float:
    ax = math.fabs(x)
    if ax < 0.5:
        return x + x * _rf(x * x)  # +-0 and tiny x: x
    if ax >= 1.0:
        if ax == 1.0:
            return x * PIO2_HI
        return NAN + x  # |x| > 1 or NaN
    z = (1.0 - ax) * 0.5  # exact
    s = math.sqrt(z)
    r = PIO2_HI - 2.0 * (s + s * _rf(z))
    return math.copysign(r, x)


def acosf(x: float) -> float:
    ax = math.fabs(x)
    if ax < 0.5:
        return PIO2_HI - (x + x * _rf(x * x))
    if ax >= 1.0:
        if x == 1.0:
            return 0.0
        if x == -1.0:
            return PI
        return NAN + x
    z = (1.0 - ax) * 0.5  # exact
    s = math.sqrt(z)
    t = 2.0 * (s + s * _rf(z))  # acos|x|
    if x < 0.0:
        t = PI - t
    return t


def atan_ratio(n: float, d: float) -> float:
    """atan(n/d) in double for finite n >= 0, d > 0 with n/d finite (fdlibm
    s_atan.c in plain double, about 1 ulp of double). The reduced argument
    is formed from n and d with one division (fdlibm divides twice when
    called on n/d): the region follows from comparing n with c*d."""
    hi = 0.0
    lo = 0.0
    x = 0.0
    reduced = n >= 0.4375 * d
    if not reduced:
        x = n / d
    elif n < 0.6875 * d:  # 7/16 <= n/d < 11/16: (2t - 1)/(2 + t)
        hi = ATANHI0
        lo = ATANLO0
        x = (2.0 * n - d) / (2.0 * d + n)
    elif n < 1.1875 * d:  # 11/16 <= n/d < 19/16: (t - 1)/(t + 1)
        hi = ATANHI1
        lo = ATANLO1
        x = (n - d) / (n + d)
    elif n < 2.4375 * d:  # 19/16 <= n/d < 39/16: (t - 1.5)/(1 + 1.5t)
        hi = ATANHI2
        lo = ATANLO2
        x = (n - 1.5 * d) / (d + 1.5 * n)
    else:  # -1/t
        hi = ATANHI3
        lo = ATANLO3
        x = -d / n
    z = x * x
    w = z * z
    s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))))
    s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))))
    if reduced:
        return hi - ((x * (s1 + s2) - lo) - x)
    return x - x * (s1 + s2)


def atanf(x: float) -> float:
    if x != x:
        return x + x
    ax = math.fabs(x)
    if ax > 1.0e10:  # atan rounds to +-pi/2 (also +-inf)
        return math.copysign(PIO2_HI, x)
    if ax < 1.0e-5:  # atan(x) rounds to x (also +-0)
        return x
    return math.copysign(atan_ratio(ax, 1.0), x)


def atan2f(y: float, x: float) -> float:
    if x != x or y != y:
        return x + y
    neg_x = math.copysign(1.0, x) < 0.0  # -0.0 counts as negative
    ay = math.fabs(y)
    ax = math.fabs(x)
    if ay == 0.0:  # atan2(+-0, +x or +0) = +-0, atan2(+-0, -x or -0) = +-pi
        if neg_x:
            return math.copysign(PI, y)
        return y
    if ax == 0.0:
        return math.copysign(PIO2_HI, y)
    if ax == INF:
        r = 0.0
        if ay == INF:
            r = 0.25 * PI
            if neg_x:
                r = 0.75 * PI
        elif neg_x:
            r = PI
        return math.copysign(r, y)
    if ay == INF:
        return math.copysign(PIO2_HI, y)
    z = atan_ratio(ay, ax)
    if neg_x:
        z = PI - z
    return math.copysign(z, y)


def hypotf(x: float, y: float) -> float:
    ax = math.fabs(x)
    ay = math.fabs(y)
    if ax == INF or ay == INF:
        return INF  # even if the other is NaN
    if x != x or y != y:
        return x + y
    return math.sqrt(ax * ax + ay * ay)


__all__ = ["asinf", "acosf", "atanf", "atan2f", "hypotf", "atan_ratio"]
