"""sinf, cosf, tanf: the float32 functions (restricted Python).

Place in the pipeline: part of `py2wasm.libm.f32` (see its docstring);
traced by the frontend and linked by `passes/link_math.py`. The argument is a
float32 value (as an f64); each function returns an f64 that the caller
rounds to float32.

Kernels on [-pi/4, pi/4] are musl's __sindf.c, __cosdf.c (double-precision
minimax polynomials made for float results: |sin(x)/x - s(x)| < 2**-37.5,
|cos(x) - c(x)| < 2**-34.1), evaluated in double. tanf is sin/cos of the
same kernels (one division; musl's __tandf polynomial is only 2**-25.5
accurate, which misrounds often). The argument reduction x = n*pi/2 + y
is the float64 library's `rem_pio2` (`libm/trig.py`: fdlibm's reduction for
|x| < 2**20 * pi/2 with its extra rounds on cancellation, a Payne-Hanek
reduction beyond), so y is accurate to far better than float32 needs for
every float32 x, up to 3.4e38; musl's __rem_pio2f, which uses 25+53 bits of
pi/2 below 2**28 * pi/2, is not needed.

 ====================================================
 Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.

 Developed at SunSoft, a Sun Microsystems, Inc. business.
 Permission to use, copy, modify, and distribute this
 software is freely granted, provided that this notice
 is preserved.
 ====================================================
 __sindf, __cosdf: optimized by Bruce D. Evans (FreeBSD).
 musl: Copyright (c) 2005-2020 Rich Felker, et al. (MIT license).
"""
import math

from ..bits import INF, NAN
from ..trig import rem_pio2

# musl __sindf.c: |sin(x)/x - s(x)| < 2**-37.5 on [-pi/4, pi/4]
S1 = -0.166666666416265235595  # -0x15555554cbac77.0p-55
S2 = 0.0083333293858894631756  # 0x111110896efbb2.0p-59
S3 = -0.000198393348360966317347  # -0x1a00f9e2cae774.0p-65
S4 = 0.0000027183114939898219064  # 0x16cd878c3b46a7.0p-71
# musl __cosdf.c: |cos(x) - c(x)| < 2**-34.1 on [-pi/4, pi/4]
C0 = -0.499999997251031003120  # -0x1ffffffd0c5e81.0p-54
C1 = 0.0416666233237390631894  # 0x155553e1053a42.0p-57
C2 = -0.00138867637746099294692  # -0x16c087e80f1e27.0p-62
C3 = 0.0000243904487962774090654  # 0x199342e0ee5069.0p-68
PIO4 = 0.7853981633974483


def sindf(x: float) -> float:
    z = x * x
    w = z * z
    r = S3 + z * S4
    s = z * x
    return (x + s * (S1 + z * S2)) + s * w * r


def cosdf(x: float) -> float:
    z = x * x
    w = z * z
    r = C2 + z * C3
    return ((1.0 + z * C0) + w * C1) + (w * z) * r


def sinf(x: float) -> float:
    if math.fabs(x) <= PIO4:
        if x == 0.0:
            return x  # -0 keeps its sign
        return sindf(x)
    if not (math.fabs(x) < INF):
        if x != x:
            return x + x
        return NAN
    n, y, _ = rem_pio2(x)
    q = n & 3
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
    n, y, _ = rem_pio2(x)
    q = n & 3
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
    n, y, _ = rem_pio2(x)
    if (n & 1) == 0:
        return sindf(y) / cosdf(y)
    return -cosdf(y) / sindf(y)


__all__ = ["sinf", "cosf", "tanf", "sindf", "cosdf"]
