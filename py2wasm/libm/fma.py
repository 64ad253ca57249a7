"""fma: correctly rounded fused multiply-add x*y + z (restricted Python).

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced by
the frontend and linked into modules that use `math.fma` (Python 3.13).
Wasm has no scalar fma, so this is the exact software version, ported from
FreeBSD msun s_fma.c (round-to-nearest only, which is wasm's only mode):
the product is split exactly with Dekker's algorithm, the sum with
Knuth's two-sum, and the final addition uses a sticky bit (round-to-odd) so
that the one rounding is correct, including results in the subnormal range.
C semantics: fma(inf, 0, z) is NaN and overflow gives inf, no exceptions
(the frontend adds CPython 3.13's ValueError/OverflowError checks).

 Copyright (c) 2005-2011 David Schultz <das@FreeBSD.ORG>
 All rights reserved.

 Redistribution and use in source and binary forms, with or without
 modification, are permitted provided that the following conditions
 are met:
 1. Redistributions of source code must retain the above copyright
    notice, this list of conditions and the following disclaimer.
 2. Redistributions in binary form must reproduce the above copyright
    notice, this list of conditions and the following disclaimer in the
    documentation and/or other materials provided with the distribution.

 THIS SOFTWARE IS PROVIDED BY THE AUTHOR AND CONTRIBUTORS ``AS IS'' AND
 ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 ARE DISCLAIMED.  IN NO EVENT SHALL THE AUTHOR OR CONTRIBUTORS BE LIABLE
 FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS
 OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
 HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
 LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY
 OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF
 SUCH DAMAGE.
"""
import math

from ..intrinsics import f64_from_bits, f64_to_bits
from .bits import TWO53, scalbn

SPLIT = 134217729.0  # 2**27 + 1
DBL_MIN = 2.2250738585072014e-308


def frexp_exp(x: float) -> int:
    """The exponent e of frexp(x) (x = m * 2**e, 0.5 <= |m| < 1), for
    finite nonzero x."""
    b = f64_to_bits(x)
    e = (b >> 52) & 0x7FF
    if e == 0:  # subnormal
        return ((f64_to_bits(x * TWO53) >> 52) & 0x7FF) - 1022 - 53
    return e - 1022


def _sticky(hi: float, lo: float) -> float:
    """hi with its last bit made sticky for lo (hi + lo was exact): if lo is
    not zero and hi's last bit is even, move hi one ulp toward lo."""
    if lo != 0.0:
        b = f64_to_bits(hi)
        if (b & 1) == 0:
            if (hi > 0.0) == (lo > 0.0):
                b += 1
            else:
                b -= 1
            return f64_from_bits(b)
    return hi


def fma(x: float, y: float, z: float) -> float:
    if x == 0.0 or y == 0.0:
        return x * y + z
    if z == 0.0:
        return x * y
    if not math.isfinite(x) or not math.isfinite(y):
        return x * y + z
    if not math.isfinite(z):
        return z
    ex = frexp_exp(x)
    ey = frexp_exp(y)
    ez = frexp_exp(z)
    xs = scalbn(x, -ex)
    ys = scalbn(y, -ey)
    zs = scalbn(z, -ez)
    spread = ex + ey - ez
    if spread < -53:  # x*y is far below half an ulp of z
        return z
    if spread <= 106:
        zs = scalbn(zs, -spread)
    else:
        zs = math.copysign(DBL_MIN, zs)
    # xy = xs * ys exactly (Dekker)
    p = xs * SPLIT
    ha = (xs - p) + p
    la = xs - ha
    p = ys * SPLIT
    hb = (ys - p) + p
    lb = ys - hb
    p = ha * hb
    q = ha * lb + la * hb
    xy_hi = p + q
    xy_lo = ((p - xy_hi) + q) + la * lb
    # r = xy_hi + zs exactly (two-sum)
    r_hi = xy_hi + zs
    s = r_hi - xy_hi
    r_lo = (xy_hi - (r_hi - s)) + (zs - s)
    spread = ex + ey
    if r_hi == 0.0:  # the addends cancel: the sign of zero comes from the sum
        return xy_hi + zs + scalbn(xy_lo, spread)
    # adj = r_lo + xy_lo with a sticky last bit
    a_hi = r_lo + xy_lo
    s = a_hi - r_lo
    a_lo = (r_lo - (a_hi - s)) + (xy_lo - s)
    adj = _sticky(a_hi, a_lo)
    if spread + frexp_exp(r_hi) - 1 > -1023:
        return scalbn(r_hi + adj, spread)
    # the result is subnormal: round once, at the subnormal precision
    sum_hi = r_hi + adj
    s = sum_hi - r_hi
    sum_lo = (r_hi - (sum_hi - s)) + (adj - s)
    if sum_lo != 0.0:
        b = f64_to_bits(sum_hi)
        bits_lost = -((b >> 52) & 0x7FF) - spread + 1
        if (bits_lost != 1) != ((b & 1) == 1):
            if (sum_hi > 0.0) == (sum_lo > 0.0):
                b += 1
            else:
                b -= 1
            sum_hi = f64_from_bits(b)
    return scalbn(sum_hi, spread)
