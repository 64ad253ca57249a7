"""sin, cos, tan with a correct argument reduction (restricted Python).

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced by
the frontend and linked into modules that use them. The kernels (k_sin and
k_cos evaluated partly in double-double by py2wasm) and the
small/medium reduction are ported from musl (__sin.c, __cos.c, __tan.c,
__rem_pio2.c, from FreeBSD msun k_sin.c, k_cos.c, k_tan.c, e_rem_pio2.c).
The large-argument reduction (|x| >= 2**20 * pi/2) is a Payne-Hanek
reduction written for py2wasm's int64 arithmetic: 192 bits of 2/pi, chosen
at the exponent of x (so that the integer part of x * 2/pi beyond 3 bits is
never computed), multiplied by the 53-bit significand in base-2**24 limbs;
the fraction (189 bits) becomes a double-double and is multiplied by pi/2.
Truncating 2/pi there costs < 2**-136 absolute in x * 2/pi, far below the
closest approach of a double to a multiple of pi/2 (about 2**-61), so the
reduced argument is accurate to better than 2**-70 relative.

 ====================================================
 Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 Copyright 2004 Sun Microsystems, Inc.  All Rights Reserved. (k_tan.c)

 Developed at SunSoft, a Sun Microsystems, Inc. business.
 Permission to use, copy, modify, and distribute this
 software is freely granted, provided that this notice
 is preserved.
 ====================================================
 __rem_pio2: optimized by Bruce D. Evans.
 musl: Copyright © 2005-2020 Rich Felker, et al. (MIT license).
"""
from ..intrinsics import f64_to_bits
from .bits import NAN, clear_low_word, high_word, two_prod

# --- kernels on [-pi/4, pi/4] ------------------------------------------------
S1 = -1.66666666666666324348e-01
S2 = 8.33333333332248946124e-03
S3 = -1.98412698298579493134e-04
S4 = 2.75573137070700676789e-06
S5 = -2.50507602534068634195e-08
S6 = 1.58969099521155010221e-10

C1 = 4.16666666666666019037e-02
C2 = -1.38888888888741095749e-03
C3 = 2.48015872894767294178e-05
C4 = -2.75573143513906633035e-07
C5 = 2.08757232129817482790e-09
C6 = -1.13596475577881948265e-11

T0 = 3.33333333333334091986e-01
T1 = 1.33333333333201242699e-01
T2 = 5.39682539762260521377e-02
T3 = 2.18694882948595424599e-02
T4 = 8.86323982359930005737e-03
T5 = 3.59207910759131235356e-03
T6 = 1.45620945432529025516e-03
T7 = 5.88041240820264096874e-04
T8 = 2.46463134818469906812e-04
T9 = 7.81794442939557092300e-05
T10 = 7.14072491382608190305e-05
T11 = -1.85586374855275456654e-05
T12 = 2.59073051863633712884e-05
PIO4 = 7.85398163397448278999e-01
PIO4LO = 3.06161699786838301793e-17


def k_sin(x: float, y: float, iy: int) -> float:
    """sin(x + y) for |x| <~ pi/4, y the tail of x (0 if iy == 0).
    py2wasm: fdlibm's polynomial, with x**3 * S1 and the final sum in
    double-double (exact products), so only the last rounding is 1/2 ulp."""
    p, pe = two_prod(x, x)  # x**2
    t, te = two_prod(x, p)  # x**3 = t + te
    te += x * pe
    u, ue = two_prod(t, S1)
    ue += te * S1
    z = p
    w = z * z
    r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6)
    tail = ue + t * z * r
    if iy != 0:
        tail += y * (1.0 - 0.5 * z)
    s = x + u
    return s + (((x - s) + u) + tail)


def k_cos(x: float, y: float) -> float:
    """cos(x + y) for |x| <~ pi/4. py2wasm: fdlibm's polynomial with x*x
    exact (double-double), which removes its main rounding error."""
    z, ze = two_prod(x, x)
    w = z * z
    r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6))
    hz = 0.5 * z
    w = 1.0 - hz
    return w + ((((1.0 - w) - hz) - 0.5 * ze) + (z * r - x * y))


def k_tan(x: float, y: float, iy: int) -> float:
    """tan(x + y) if iy == 1, -1/tan(x + y) if iy == -1, for |x| <~ pi/4."""
    hx = high_word(x)
    ix = hx & 0x7FFFFFFF
    big = ix >= 0x3FE59428  # |x| >= 0.6744
    if big:
        if hx < 0:
            x = -x
            y = -y
        z = PIO4 - x
        w = PIO4LO - y
        x = z + w
        y = 0.0
    z = x * x
    w = z * z
    r = T1 + w * (T3 + w * (T5 + w * (T7 + w * (T9 + w * T11))))
    v = z * (T2 + w * (T4 + w * (T6 + w * (T8 + w * (T10 + w * T12)))))
    s = z * x
    r = y + z * (s * (r + v) + y)
    r += T0 * s
    w = x + r
    if big:
        v = float(iy)
        sign = float(1 - ((hx >> 30) & 2))
        return sign * (v - 2.0 * (x - (w * w / (w + v) - r)))
    if iy == 1:
        return w
    # -1/(x + r) accurately
    z = clear_low_word(w)
    v = r - (z - x)  # z + v = r + x
    a = -1.0 / w
    t = clear_low_word(a)
    s = 1.0 + t * z
    return t + a * (s + t * v)


# --- argument reduction ----------------------------------------------------------
INVPIO2 = 6.36619772367581382433e-01
PIO2_1 = 1.57079632673412561417e+00
PIO2_1T = 6.07710050650619224932e-11
PIO2_2 = 6.07710050630396597660e-11
PIO2_2T = 2.02226624879595063154e-21
PIO2_3 = 2.02226624871116645580e-21
PIO2_3T = 8.47842766036889956997e-32
TOINT = 6755399441055744.0  # 0x1.8p52
PIO2_HI = 1.5707963267948966  # pi/2 rounded
PIO2_LO = 6.123233995736766e-17  # pi/2 - PIO2_HI
SPLIT = 134217729.0  # 2**27 + 1

# 2/pi in 24-bit chunks (fdlibm's ipio2), preceded by two zero chunks so that
# bit t of 2/pi (1-based, t >= -47) is bit t + 47 of this sequence.
IPIO2 = (
    0, 0,
    0xA2F983, 0x6E4E44, 0x1529FC, 0x2757D1, 0xF534DD, 0xC0DB62,
    0x95993C, 0x439041, 0xFE5163, 0xABDEBB, 0xC561B7, 0x246E3A,
    0x424DD2, 0xE00649, 0x2EEA09, 0xD1921C, 0xFE1DEB, 0x1CB129,
    0xA73EE8, 0x8235F5, 0x2EBB44, 0x84E99C, 0x7026B4, 0x5F7E41,
    0x3991D6, 0x398353, 0x39F49C, 0x845F8B, 0xBDF928, 0x3B1FF8,
    0x97FFDE, 0x05980F, 0xEF2F11, 0x8B5A0A, 0x6D1F6D, 0x367ECF,
    0x27CB09, 0xB74F46, 0x3F669E, 0x5FEA2D, 0x7527BA, 0xC7EBE5,
    0xF17B3D, 0x0739F7, 0x8A5292, 0xEA6BFB, 0x5FB11F, 0x8D5D08,
    0x560330, 0x46FC7B, 0x6BABF0, 0xCFBC20, 0x9AF436, 0x1DA9E3,
    0x91615E, 0xE61B08, 0x659985, 0x5F14A0, 0x68408D, 0xFFD880,
    0x4D7327, 0x310606, 0x1556CA, 0x73A8C9, 0x60E27B, 0xC08C6B,
)
M24 = 0xFFFFFF


def _chunk(t: int) -> int:
    """Bits t .. t+23 of 2/pi after the binary point (1-based; t >= -47)."""
    u = t + 47
    j = u // 24
    r = u - 24 * j
    return (((IPIO2[j] << 24) | IPIO2[j + 1]) >> (24 - r)) & M24


def _two_sum(a: float, b: float):
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def _rem_pio2_large(x: float):
    """(n, y0, y1): x - n*pi/2 = y0 + y1 with |y0 + y1| <= pi/4, for finite
    |x| >= 2**20 * pi/2 (only n mod 4 is meaningful)."""
    bits = f64_to_bits(x)
    ax = bits & 0x7FFFFFFFFFFFFFFF
    e = (ax >> 52) - 1075  # |x| = m * 2**e
    m = (ax & 0xFFFFFFFFFFFFF) | 0x10000000000000
    ml = m & M24
    mh = m >> 24
    # W = bits e-2 .. e+189 of 2/pi; x * 2/pi = m * W * 2**(3 - 192) mod 8
    t0 = e - 2
    d0 = _chunk(t0)
    d1 = _chunk(t0 + 24)
    d2 = _chunk(t0 + 48)
    d3 = _chunk(t0 + 72)
    d4 = _chunk(t0 + 96)
    d5 = _chunk(t0 + 120)
    d6 = _chunk(t0 + 144)
    d7 = _chunk(t0 + 168)
    # m * W mod 2**192 in base-2**24 limbs, least significant first
    v = d7 * ml
    l0 = v & M24
    v = (v >> 24) + d6 * ml + d7 * mh
    l1 = v & M24
    v = (v >> 24) + d5 * ml + d6 * mh
    l2 = v & M24
    v = (v >> 24) + d4 * ml + d5 * mh
    l3 = v & M24
    v = (v >> 24) + d3 * ml + d4 * mh
    l4 = v & M24
    v = (v >> 24) + d2 * ml + d3 * mh
    l5 = v & M24
    v = (v >> 24) + d1 * ml + d2 * mh
    l6 = v & M24
    v = (v >> 24) + d0 * ml + d1 * mh
    l7 = v & M24
    n = l7 >> 21  # the integer part mod 8
    top = l7 & 0x1FFFFF  # 21 bits of fraction, then l6 .. l0
    neg = top >= 0x100000  # fraction >= 1/2: use fraction - 1
    if neg:
        n += 1
        top ^= 0x1FFFFF  # 1 - fraction, to within 2**-189
        l6 ^= M24
        l5 ^= M24
        l4 ^= M24
        l3 ^= M24
        l2 ^= M24
        l1 ^= M24
        l0 ^= M24
    p1 = float((top << 24) | l6) * 2.842170943040401e-14  # 2**-45
    p2 = float((l5 << 24) | l4) * 1.0097419586828951e-28  # 2**-93
    p3 = float((l3 << 24) | l2) * 3.587324068671532e-43  # 2**-141
    p4 = float((l1 << 24) | l0) * 1.2744735289059618e-57  # 2**-189
    uh, ul = _two_sum(p2, p3 + p4)
    h, e1 = _two_sum(p1, uh)
    lo = e1 + ul
    hi = h + lo
    lo = lo - (hi - h)
    # (hi + lo) * pi/2 in double-double (Dekker's product)
    c = SPLIT * hi
    ah = c - (c - hi)
    al = hi - ah
    c = SPLIT * PIO2_HI
    bh = c - (c - PIO2_HI)
    bl = PIO2_HI - bh
    ph = hi * PIO2_HI
    pl = ((ah * bh - ph) + ah * bl + al * bh) + al * bl
    pl += hi * PIO2_LO + lo * PIO2_HI
    y0 = ph + pl
    y1 = pl - (y0 - ph)
    if neg:
        y0 = -y0
        y1 = -y1
    if bits < 0:
        return -n, -y0, -y1
    return n, y0, y1


def _medium(x: float, ix: int):
    fn = x * INVPIO2 + TOINT
    fn = fn - TOINT
    n = int(fn)
    r = x - fn * PIO2_1
    w = fn * PIO2_1T  # 1st round, good to 85 bits
    j = ix >> 20
    y0 = r - w
    i = j - ((high_word(y0) >> 20) & 0x7FF)
    if i > 16:  # 2nd round, good to 118 bits
        t = r
        w = fn * PIO2_2
        r = t - w
        w = fn * PIO2_2T - ((t - r) - w)
        y0 = r - w
        i = j - ((high_word(y0) >> 20) & 0x7FF)
        if i > 49:  # 3rd round, good to 151 bits, covers all cases
            t = r
            w = fn * PIO2_3
            r = t - w
            w = fn * PIO2_3T - ((t - r) - w)
            y0 = r - w
    y1 = (r - y0) - w
    return n, y0, y1


def rem_pio2(x: float):
    """(n, y0, y1) with x - n*pi/2 = y0 + y1, |y0 + y1| <~ pi/4; x finite
    and |x| >~ pi/4 (callers handle the rest)."""
    hx = high_word(x)
    ix = hx & 0x7FFFFFFF
    if ix <= 0x400F6A7A:  # |x| ~<= 5pi/4
        if (ix & 0xFFFFF) == 0x921FB:  # |x| ~= pi/2 or 2pi/2: cancellation
            return _medium(x, ix)
        if ix <= 0x4002D97C:  # |x| ~<= 3pi/4
            if hx > 0:
                z = x - PIO2_1
                y0 = z - PIO2_1T
                return 1, y0, (z - y0) - PIO2_1T
            z = x + PIO2_1
            y0 = z + PIO2_1T
            return -1, y0, (z - y0) + PIO2_1T
        if hx > 0:
            z = x - 2.0 * PIO2_1
            y0 = z - 2.0 * PIO2_1T
            return 2, y0, (z - y0) - 2.0 * PIO2_1T
        z = x + 2.0 * PIO2_1
        y0 = z + 2.0 * PIO2_1T
        return -2, y0, (z - y0) + 2.0 * PIO2_1T
    if ix <= 0x401C463B:  # |x| ~<= 9pi/4
        if ix <= 0x4015FDBC:  # |x| ~<= 7pi/4
            if ix == 0x4012D97C:  # |x| ~= 3pi/2
                return _medium(x, ix)
            if hx > 0:
                z = x - 3.0 * PIO2_1
                y0 = z - 3.0 * PIO2_1T
                return 3, y0, (z - y0) - 3.0 * PIO2_1T
            z = x + 3.0 * PIO2_1
            y0 = z + 3.0 * PIO2_1T
            return -3, y0, (z - y0) + 3.0 * PIO2_1T
        if ix == 0x401921FB:  # |x| ~= 4pi/2
            return _medium(x, ix)
        if hx > 0:
            z = x - 4.0 * PIO2_1
            y0 = z - 4.0 * PIO2_1T
            return 4, y0, (z - y0) - 4.0 * PIO2_1T
        z = x + 4.0 * PIO2_1
        y0 = z + 4.0 * PIO2_1T
        return -4, y0, (z - y0) + 4.0 * PIO2_1T
    if ix < 0x413921FB:  # |x| ~< 2**20 * pi/2
        return _medium(x, ix)
    return _rem_pio2_large(x)


def sin(x: float) -> float:
    ix = high_word(x) & 0x7FFFFFFF
    if ix <= 0x3FE921FB:  # |x| ~< pi/4
        if ix < 0x3E500000:  # |x| < 2**-26
            return x
        return k_sin(x, 0.0, 0)
    if ix >= 0x7FF00000:
        if x != x:
            return x + x
        return NAN
    n, y0, y1 = rem_pio2(x)
    q = n & 3
    if q == 0:
        return k_sin(y0, y1, 1)
    if q == 1:
        return k_cos(y0, y1)
    if q == 2:
        return -k_sin(y0, y1, 1)
    return -k_cos(y0, y1)


def cos(x: float) -> float:
    ix = high_word(x) & 0x7FFFFFFF
    if ix <= 0x3FE921FB:
        if ix < 0x3E46A09E:  # |x| < 2**-27 * sqrt(2)
            return 1.0
        return k_cos(x, 0.0)
    if ix >= 0x7FF00000:
        if x != x:
            return x + x
        return NAN
    n, y0, y1 = rem_pio2(x)
    q = n & 3
    if q == 0:
        return k_cos(y0, y1)
    if q == 1:
        return -k_sin(y0, y1, 1)
    if q == 2:
        return -k_cos(y0, y1)
    return k_sin(y0, y1, 1)


def tan(x: float) -> float:
    ix = high_word(x) & 0x7FFFFFFF
    if ix <= 0x3FE921FB:
        if ix < 0x3E400000:  # |x| < 2**-27
            return x
        return k_tan(x, 0.0, 1)
    if ix >= 0x7FF00000:
        if x != x:
            return x + x
        return NAN
    n, y0, y1 = rem_pio2(x)
    return k_tan(y0, y1, 1 - ((n & 1) << 1))
