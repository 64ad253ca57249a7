"""sinf, cosf, tanf: the float32 functions (restricted Python).

Place in the pipeline: part of `py2wasm.libm.f32` (see its docstring);
traced by the frontend and linked by `passes/link_math.py`. The argument is a
float32 value (as an f64); each function returns an f64 that the caller
rounds to float32.

Kernels on [-pi/4, pi/4] are fdlibm's k_sin.c and k_cos.c polynomials
(`libm/trig.py`'s coefficients) in plain double, about 1 ulp of double: the
float32 result is then correctly rounded but for about one argument in 2**28.
musl's float kernels __sindf.c, __cosdf.c (|sin(x)/x - s(x)| < 2**-37.5,
|cos(x) - c(x)| < 2**-34.1) are two terms shorter but misround about one
float32 result in 4000 (measured), also at special arguments. tanf is
sin/cos of the same kernels (one division; musl's __tandf polynomial is only
2**-25.5 accurate). The argument reduction x = n*pi/2 + y
(`reduce`) is a branch-free three-part Cody-Waite reduction below
2**20 * pi/2 and the float64 library's Payne-Hanek `rem_pio2`
(`libm/trig.py`) beyond, so y is accurate to far better than float32 needs
for every float32 x, up to 3.4e38 (musl's __rem_pio2f uses 25+53 bits of
pi/2 below 2**28 * pi/2, which is less accurate).

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

from ...intrinsics import f64_to_bits
from ..bits import INF, NAN
from ..trig import (C1, C2, C3, C4, C5, C6, INVPIO2, PIO2_1, PIO2_2, PIO2_2T, S1, S2, S3, S4,
                    S5, S6, TOINT, rem_pio2)

PIO4 = 0.7853981633974483
MEDIUM = 1647099.0  # ~2**20 * pi/2: below, the three-part reduction


def reduce(x: float):
    """(q, y): x = n*pi/2 + y, q = n mod 4, |y| <~ pi/4, for finite x with
    |x| > pi/4. Below 2**20 * pi/2 a three-part Cody-Waite reduction in
    double (fdlibm's pi/2 in 33 + 33 + 53 bits: x - n*PIO2_1 is exact, the
    rest is good to about 2**-98 absolute, far below the distance of any
    float32 to a multiple of pi/2), n without an int conversion (the low bits
    of x*2/pi + 1.5*2**52); beyond, the float64 `rem_pio2` (Payne-Hanek)."""
    if math.fabs(x) < MEDIUM:
        kd = x * INVPIO2 + TOINT
        fn = kd - TOINT
        y = ((x - fn * PIO2_1) - fn * PIO2_2) - fn * PIO2_2T
        return f64_to_bits(kd) & 3, y
    n, y, _ = rem_pio2(x)
    return n & 3, y


def sindf(x: float) -> float:
    """sin(x) for |x| <~ pi/4: fdlibm's k_sin polynomial in plain double."""
    z = x * x
    w = z * z
    r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6)
    return x + z * x * (S1 + z * r)


def cosdf(x: float) -> float:
    """cos(x) for |x| <~ pi/4: fdlibm's k_cos polynomial in plain double."""
    z = x * x
    w = z * z
    r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6))
    hz = 0.5 * z
    w = 1.0 - hz
    return w + (((1.0 - w) - hz) + z * r)


def sinf(x: float) -> float:
    if math.fabs(x) <= PIO4:
        if x == 0.0:
            return x  # -0 keeps its sign
        return sindf(x)
    if not (math.fabs(x) < INF):
        if x != x:
            return x + x
        return NAN
    q, y = reduce(x)
    if q == 0:
        return sindf(y)
    if q == 1:
        return cosdf(y)
    if q == 2:
        return -sindf(y)
    return -cosdf(y)


def cosf(x: float) -> float:
    if math.fabs(x) <= PIO4:
        return cosdf(x)
    if not (math.fabs(x) < INF):
        if x != x:
            return x + x
        return NAN
    q, y = reduce(x)
    if q == 0:
        return cosdf(y)
    if q == 1:
        return -sindf(y)
    if q == 2:
        return -cosdf(y)
    return sindf(y)


def tanf(x: float) -> float:
    if math.fabs(x) <= PIO4:
        if x == 0.0:
            return x
        return sindf(x) / cosdf(x)
    if not (math.fabs(x) < INF):
        if x != x:
            return x + x
        return NAN
    q, y = reduce(x)
    if (q & 1) == 0:
        return sindf(y) / cosdf(y)
    return -cosdf(y) / sindf(y)


__all__ = ["sinf", "cosf", "tanf", "sindf", "cosdf", "reduce"]
