"""sinh, cosh, tanh, nearly correctly rounded (restricted Python).

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced by
the frontend and linked into modules that use them. Written for py2wasm
(the fdlibm/musl versions, built on expm1 and exp, reach 1.2-1.7 ulp):

- |x| < 1: Taylor series of sinh and cosh (x**3 * P(x**2), x**2/2 exact in
  double-double), tanh = sinh/cosh as a double-double quotient;
- larger |x|: `exp_dd`, exp(x) = 2**k * (H + L) with H + L accurate to about
  2**-59 (fdlibm's argument reduction, a degree-15 Taylor polynomial with the
  r**2/2 term exact), combined with its reciprocal in double-double.

The only roundings of size 1/2 ulp are the final ones, so the error stays
close to 0.5 ulp. C semantics: overflow gives +-inf, no exceptions.
"""
import math

from .bits import INF, from_words, high_word, two_prod
from .expdd import (F3, F4, F5, F6, F7, F8, F9, F10, F11, F12, F13, F14, F15,  # 1/n!, shared
                    exp_dd, scaled)

# 1/n! for the Taylor series of sinh and cosh, beyond exp's
F16 = 4.779477332387385e-14
F17 = 2.8114572543455206e-15
F18 = 1.5619206968586225e-16
F19 = 8.22063524662433e-18
F20 = 4.110317623312165e-19
F21 = 1.9572941063391263e-20
F22 = 8.896791392450574e-22
OVERFLOW = 710.4758600739439  # |x| above this: sinh, cosh overflow


def _sinh_dd(x: float):
    """sinh(x) for |x| < 1 as a double-double (hi, lo): x + x**3/6 (exact
    products) + x**5 * P(x**2) (its rounding errors are below 2**-60)."""
    p, pe = two_prod(x, x)
    t, te = two_prod(x, p)  # x**3 = t + te + x*pe
    te += x * pe
    u, ue = two_prod(t, F3)
    ue += te * F3
    z = p
    rest = t * z * (F5 + z * (F7 + z * (F9 + z * (F11 + z * (
        F13 + z * (F15 + z * (F17 + z * (F19 + z * F21))))))))
    s = x + u
    err = ((x - s) + u) + (ue + rest)
    h = s + err
    return h, err - (h - s)


def _exp_pm(ax: float, sign: float) -> float:
    """(exp(ax) + sign * exp(-ax)) / 2 for 1 <= ax <= OVERFLOW."""
    k, h, l = exp_dd(ax)
    if k > 60:  # exp(-ax) is below 2**-120 relative: exp(ax) / 2
        return scaled(k - 1, h + l)
    # exp(-ax) = 2**-k / (H + L) in double-double, scaled to H's exponent
    ih = 1.0 / h
    p, pe = two_prod(h, ih)
    il = (((1.0 - p) - pe) - l * ih) * ih
    sc = from_words(0x3FF00000 - ((2 * k) << 20), 0)  # 2**-2k
    ih = sign * ih * sc
    il = sign * il * sc
    s = h + ih
    bb = s - h
    err = (h - (s - bb)) + (ih - bb)
    return scaled(k - 1, s + (err + l + il))


def sinh(x: float) -> float:
    if x != x:
        return x + x
    ax = math.fabs(x)
    if ax < 1.0:
        if high_word(ax) < 0x3E300000:  # |x| < 2**-28
            return x
        h, l = _sinh_dd(x)
        return h + l
    if ax > OVERFLOW:
        return math.copysign(INF, x)
    return math.copysign(_exp_pm(ax, -1.0), x)


def _cosh_m1(x: float):
    """cosh(x) - 1 for |x| < 1 as a double-double (hi, lo): x**2/2 and
    x**4/24 with exact products, x**6 * Q(x**2) in double."""
    p, pe = two_prod(x, x)
    w, we = two_prod(p, p)  # x**4 = w + we
    we += 2.0 * p * pe
    v, ve = two_prod(w, F4)
    ve += we * F4
    z = p
    rest = w * z * (F6 + z * (F8 + z * (F10 + z * (F12 + z * (
        F14 + z * (F16 + z * (F18 + z * (F20 + z * F22))))))))
    h = 0.5 * p
    s = h + v
    err = ((h - s) + v) + (0.5 * pe + ve + rest)
    hi = s + err
    return hi, err - (hi - s)


def cosh(x: float) -> float:
    if x != x:
        return x * x
    ax = math.fabs(x)
    if ax < 1.0:
        if high_word(ax) < 0x3C800000:  # |x| < 2**-55
            return 1.0
        h, l = _cosh_m1(ax)
        c = 1.0 + h
        return c + (((1.0 - c) + h) + l)
    if ax > OVERFLOW:
        return INF
    return _exp_pm(ax, 1.0)


def tanh(x: float) -> float:
    if x != x:
        return x + x
    ax = math.fabs(x)
    if ax >= 22.0:  # tanh(22) rounds to 1
        return math.copysign(1.0, x)
    if ax < 1.0:
        if high_word(ax) < 0x3E300000:  # |x| < 2**-28
            return x
        sh, sl = _sinh_dd(ax)
        ch, cl = _cosh_m1(ax)
        t = ch + cl
        bb = t - ch
        te = (ch - (t - bb)) + (cl - bb)
        c = 1.0 + t
        cl = ((1.0 - c) + t) + te  # c + cl: cosh(x), |cl| <= ulp(c)
        # (sh + sl) / (c + cl) in double-double: q + one Newton correction
        s = sh
        q = s / c
        p, pe = two_prod(q, c)
        q2 = (((s - p) - pe) + sl - q * cl) / c
        return math.copysign(q + q2, x)
    # 1 <= |x| < 22: 1 - 2 / (exp(2|x|) + 1), all in double-double
    k, h, l = exp_dd(2.0 * ax)
    sc = from_words(0x3FF00000 + (k << 20), 0)  # 2**k, k <= 64
    h = h * sc
    l = l * sc
    d = h + 1.0
    dl = ((h - d) + 1.0) + l  # h >= 1: fast two-sum
    q = 2.0 / d
    p, pe = two_prod(q, d)
    q2 = (((2.0 - p) - pe) - q * dl) / d
    r = 1.0 - q
    err = ((1.0 - r) - q) - q2
    return math.copysign(r + err, x)
