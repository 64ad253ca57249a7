"""sinh, cosh, tanh (restricted Python): sinh, cosh and tanh for |x| >= 1
nearly correctly rounded; tanh for |x| < 1 with glibc's own roundings (see
the comment above `tanh_core`: the promise is 1 ulp from CPython's math).

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced by
the frontend and linked into modules that use them. Written for py2wasm
(the fdlibm/musl versions, built on expm1 and exp, reach 1.2-1.7 ulp):

- |x| < 1: Taylor series of sinh and cosh (x**3 * P(x**2), x**2/2 exact in
  double-double); tanh is fdlibm's -t / (t + 2), t = expm1(-2|x|) computed
  as glibc does (three cores, one per expm1 reduction k = 0, -1, <= -2);
- larger |x|: `exp_dd`, exp(x) = 2**k * (H + L) with H + L accurate to about
  2**-59 (fdlibm's argument reduction, a degree-15 Taylor polynomial with the
  r**2/2 term exact), combined with its reciprocal in double-double.

The only roundings of size 1/2 ulp are the final ones, so the error stays
close to 0.5 ulp. C semantics: overflow gives +-inf, no exceptions.

Each function is `if F_core_ok(x): return F_core(x)` for its common
ranges (|x| < 1 and 1 <= |x| < 41 or 22; tanh splits |x| < 1 in three), then the special cases; the cores
are straight-line code that passes/vectorize_math.py widens to SIMD lanes
(see exp.exp_core).
"""
import math

from ..intrinsics import f64_from_bits
from .bits import INF, high_word, two_prod
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


# tanh for |x| < 1 is glibc's (CPython's math.tanh on Linux), bit for bit:
# fdlibm's s_tanh.c, tanh = -t / (t + 2) with t = expm1(-2|x|), where
# glibc's expm1 on x86-64 CPUs with FMA is fdlibm's s_expm1.c compiled with
# every a*b + c fused (glibc 2.35+: s_expm1-fma.c). glibc's tanh is up to
# 2.3 ulp from the exact value there, so no more accurate tanh can stay
# within 1 ulp of CPython's (a correctly rounded one was 2 ulp away at
# 0.5277777777777778); computing the same roundings is. The fused
# operations are emulated exactly (_fma), so this equals glibc's result on
# 500,000 random arguments (tests/mathlib/test_tanh_glibc.py).
Q1 = -3.33333333333331316428e-02  # fdlibm s_expm1.c's scaled coefficients
Q2 = 1.58730158725481460165e-03
Q3 = -7.93650757867487942473e-05
Q4 = 4.00821782732936239552e-06
Q5 = -2.01099218183624371326e-07
LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
INVLN2 = 1.44269504088896338700e+00
HALF_LN2_HW = 0x3FD62E42  # high word of 0.5 ln2: s_expm1.c's k = 0 bound


def _fma(a: float, b: float, c: float) -> float:
    """a * b + c with one rounding, for the moderate normal operands of
    _expm1_glibc: the exact product (Dekker) plus c by two-sum, the error
    terms added last (it differs from a true fma only when that last
    addition hits a tie: not seen in 500,000 tanh arguments)."""
    p, pe = two_prod(a, b)
    s = p + c
    bb = s - p
    se = (p - (s - bb)) + (c - bb)
    return s + (se + pe)


def _expm1_kf(y: float) -> float:
    """y / ln2 - 0.5 as s_expm1.c computes it: its k is this truncated, for
    -2 < y <= -0.5 ln2 (high word above HALF_LN2_HW) -1, -2 or -3 (k = -1
    exactly when this is above -2)."""
    return _fma(INVLN2, y, -0.5)


def _expm1_glibc(y: float, k: int):
    """glibc's expm1(y), -2 < y <= -2**-27, reduced by k * ln2 (k = 0 when
    the high word of |y| is at most HALF_LN2_HW, else int(_expm1_kf(y))), as
    straight-line code: (the result if k = 0, r, e), where s_expm1.c
    finishes k = -1 with 0.5 * (r - e) - 0.5 and k <= -2 with
    (1 - (e - r)) * 2**k - 1."""
    t = float(k)
    hi = y - t * LN2_HI  # t * LN2_HI is exact (|k| <= 3)
    lo = t * LN2_LO
    r = hi - lo
    c = (hi - r) - lo
    hfx = 0.5 * r
    hxs = r * hfx
    h2 = hxs * hxs
    h4 = h2 * h2
    # glibc: r1 = R1 + h2 * R2 + h4 * R3, R1 = 1 + hxs*Q1, R2 = Q2 + hxs*Q3, R3 = Q4 + hxs*Q5
    r1 = _fma(h4, _fma(hxs, Q5, Q4), _fma(h2, _fma(hxs, Q3, Q2), _fma(hxs, Q1, 1.0)))
    tt = _fma(-r1, hfx, 3.0)
    e = hxs * ((r1 - tt) / _fma(-r, tt, 6.0))
    e0 = r - _fma(r, e, -hxs)  # the k = 0 result
    e = _fma(r, e - c, -c) - hxs
    return e0, r, e


def _tanh_from_expm1(t: float, x: float) -> float:
    return math.copysign(-t / (t + 2.0), x)


def tanh_core_ok(x: float) -> bool:
    """2**-28 <= |x| and 2|x| <= 0.5 ln2 (by high word): expm1's k = 0."""
    ax = math.fabs(x)
    return (ax >= TWOM28) & (high_word(2.0 * ax) <= HALF_LN2_HW)


def tanh_core(x: float) -> float:
    """tanh for tanh_core_ok(x), straight-line (glibc's roundings)."""
    e0, r, e = _expm1_glibc(-2.0 * math.fabs(x), 0)
    return _tanh_from_expm1(e0, x)


def tanh_core1_ok(x: float) -> bool:
    """2|x| above 0.5 ln2 (by high word) and |x| < 1 with expm1's k = -1."""
    ax = math.fabs(x)
    return (high_word(2.0 * ax) > HALF_LN2_HW) & (ax < 1.0) & (_expm1_kf(-2.0 * ax) > -2.0)


def tanh_core1(x: float) -> float:
    e0, r, e = _expm1_glibc(-2.0 * math.fabs(x), -1)
    return _tanh_from_expm1(0.5 * (r - e) - 0.5, x)


def tanh_core3_ok(x: float) -> bool:
    """|x| < 1 with expm1's k = -2 or -3."""
    ax = math.fabs(x)
    return (high_word(2.0 * ax) > HALF_LN2_HW) & (ax < 1.0) & (_expm1_kf(-2.0 * ax) <= -2.0)


def tanh_core3(x: float) -> float:
    y = -2.0 * math.fabs(x)
    k = int(_expm1_kf(y))
    e0, r, e = _expm1_glibc(y, k)
    t = (1.0 - (e - r)) * f64_from_bits((k + 1023) << 52) - 1.0  # 2**k
    return _tanh_from_expm1(t, x)


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
    if tanh_core1_ok(x):
        return tanh_core1(x)
    if tanh_core3_ok(x):
        return tanh_core3(x)
    if tanh_core2_ok(x):
        return tanh_core2(x)
    if x != x:
        return x + x
    if math.fabs(x) >= 22.0:  # tanh(22) rounds to 1
        return math.copysign(1.0, x)
    return x  # |x| < 2**-28
