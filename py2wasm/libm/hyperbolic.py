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

Each function is `if F_core_ok(x): return F_core(x)` for its two common
ranges (|x| < 1 and 1 <= |x| < 41 or 22), then the special cases; the cores
are straight-line code that passes/vectorize_math.py widens to SIMD lanes
(see exp.exp_core).
"""
import math

from ..intrinsics import f64_from_bits
from .bits import INF, two_prod
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
TWOM28 = 3.725290298461914e-09
TWOM55 = 2.7755575615628914e-17
PM_CORE_HI = 41.0  # |x| < 41: k = round(|x|/ln2) <= 60 in _exp_pm


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
    return _exp_pm_tail(k, h, l, sign)


def _exp_pm_core(ax: float, sign: float) -> float:
    """_exp_pm for 1 <= ax < PM_CORE_HI (k <= 60), straight-line."""
    k, h, l = exp_dd(ax)
    return _exp_pm_tail(k, h, l, sign)


def _exp_pm_tail(k: int, h: float, l: float, sign: float) -> float:
    """_exp_pm from exp(ax) = 2**k * (h + l), 1 <= k <= 60."""
    # exp(-ax) = 2**-k / (H + L) in double-double, scaled to H's exponent
    ih = 1.0 / h
    p, pe = two_prod(h, ih)
    il = (((1.0 - p) - pe) - l * ih) * ih
    sc = f64_from_bits((1023 - 2 * k) << 52)  # 2**-2k
    ih = sign * ih * sc
    il = sign * il * sc
    s = h + ih
    bb = s - h
    err = (h - (s - bb)) + (ih - bb)
    return (s + (err + l + il)) * f64_from_bits((k - 1 + 1023) << 52)  # 2**(k-1)


def sinh_core_ok(x: float) -> bool:
    ax = math.fabs(x)
    return (ax >= TWOM28) & (ax < 1.0)


def sinh_core(x: float) -> float:
    h, l = _sinh_dd(x)
    return h + l


def sinh_core2_ok(x: float) -> bool:
    ax = math.fabs(x)
    return (ax >= 1.0) & (ax < PM_CORE_HI)


def sinh_core2(x: float) -> float:
    return math.copysign(_exp_pm_core(math.fabs(x), -1.0), x)


def sinh(x: float) -> float:
    if sinh_core_ok(x):
        return sinh_core(x)
    if sinh_core2_ok(x):
        return sinh_core2(x)
    if x != x:
        return x + x
    ax = math.fabs(x)
    if ax < 1.0:  # |x| < 2**-28
        return x
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


def cosh_core_ok(x: float) -> bool:
    ax = math.fabs(x)
    return (ax >= TWOM55) & (ax < 1.0)


def cosh_core(x: float) -> float:
    h, l = _cosh_m1(math.fabs(x))
    c = 1.0 + h
    return c + (((1.0 - c) + h) + l)


def cosh_core2_ok(x: float) -> bool:
    ax = math.fabs(x)
    return (ax >= 1.0) & (ax < PM_CORE_HI)


def cosh_core2(x: float) -> float:
    return _exp_pm_core(math.fabs(x), 1.0)


def cosh(x: float) -> float:
    if cosh_core_ok(x):
        return cosh_core(x)
    if cosh_core2_ok(x):
        return cosh_core2(x)
    if x != x:
        return x * x
    ax = math.fabs(x)
    if ax < 1.0:  # |x| < 2**-55
        return 1.0
    if ax > OVERFLOW:
        return INF
    return _exp_pm(ax, 1.0)


def tanh_core_ok(x: float) -> bool:
    ax = math.fabs(x)
    return (ax >= TWOM28) & (ax < 1.0)


def tanh_core(x: float) -> float:
    """tanh for 2**-28 <= |x| < 1, straight-line."""
    ax = math.fabs(x)
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


def tanh_core2_ok(x: float) -> bool:
    ax = math.fabs(x)
    return (ax >= 1.0) & (ax < 22.0)


def tanh_core2(x: float) -> float:
    """tanh for 1 <= |x| < 22, straight-line: 1 - 2 / (exp(2|x|) + 1), all
    in double-double."""
    k, h, l = exp_dd(2.0 * math.fabs(x))
    sc = f64_from_bits((k + 1023) << 52)  # 2**k, k <= 64
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


def tanh(x: float) -> float:
    if tanh_core_ok(x):
        return tanh_core(x)
    if tanh_core2_ok(x):
        return tanh_core2(x)
    if x != x:
        return x + x
    if math.fabs(x) >= 22.0:  # tanh(22) rounds to 1
        return math.copysign(1.0, x)
    return x  # |x| < 2**-28
