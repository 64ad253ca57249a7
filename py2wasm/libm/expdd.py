"""exp in double-double: the shared kernel of exp, pow and the hyperbolic
functions (restricted Python).

Place in the pipeline: part of `py2wasm.libm` (see its docstring); traced
with the functions that call it. Written for py2wasm: fdlibm's argument
reduction x = k*ln2 + r (r as r + rr), then exp(r) = 1 + r + r**2/2 + r**3 *
P(r) with a degree-15 Taylor polynomial and the r**2/2 term exact (Dekker's
product), summed in double-double. The result H + L is accurate to about
2**-59 relative, so rounding it once gives exp within 0.5 + 2**-6 ulp.
`exp_dd` is straight-line code (no branch), which lets `exp.exp_core` be
widened to vector lanes (passes/vectorize_math.py).
"""
import math

from .bits import from_words, two_prod

LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
INVLN2 = 1.44269504088896338700e+00
# 1/n! for n = 3 .. 15
F3 = 0.16666666666666666
F4 = 0.041666666666666664
F5 = 0.008333333333333333
F6 = 0.001388888888888889
F7 = 0.0001984126984126984
F8 = 2.48015873015873e-05
F9 = 2.7557319223985893e-06
F10 = 2.755731922398589e-07
F11 = 2.505210838544172e-08
F12 = 2.08767569878681e-09
F13 = 1.6059043836821613e-10
F14 = 1.1470745597729725e-11
F15 = 7.647163731819816e-13


def exp_kernel(r: float, rr: float):
    """(H, L) = exp(r + rr) for |r| <~ 0.35, |rr| <= ulp(r)."""
    p, pe = two_prod(r, r)
    rest = r * p * (F3 + r * (F4 + r * (F5 + r * (F6 + r * (F7 + r * (F8 + r * (
        F9 + r * (F10 + r * (F11 + r * (F12 + r * (F13 + r * (F14 + r * F15))))))))))))
    s = 1.0 + r
    e1 = (1.0 - s) + r
    s2 = s + 0.5 * p
    bb = s2 - s
    e2 = (s - (s2 - bb)) + (0.5 * p - bb)
    lo = e1 + e2 + 0.5 * pe + rest + rr + rr * r
    h = s2 + lo
    return h, lo - (h - s2)


def exp_dd(x: float):
    """(k, H, L): exp(x) = 2**k * (H + L), H + L in ~[0.7, 1.42] accurate to
    ~2**-59 relative, for finite |x| <= 746 and |x| >= 2**-60."""
    # k = round(x / ln2), half away from zero (x = +-0 gives 0 either way);
    # branch-free, so exp_core (exp.py) widens to SIMD lanes
    k = int(INVLN2 * x + math.copysign(0.5, x))
    t = float(k)
    hi = x - t * LN2_HI  # exact
    lo = t * LN2_LO
    r = hi - lo
    rr = (hi - r) - lo  # r + rr == hi - lo
    h, l = exp_kernel(r, rr)
    return k, h, l


def scaled(k: int, v: float) -> float:
    """v * 2**k for -1022 <= k <= 1025 (two steps above 1023; exact unless
    the result overflows)."""
    if k > 1023:
        return v * 2.0 * from_words(0x3FF00000 + ((k - 1) << 20), 0)
    return v * from_words(0x3FF00000 + (k << 20), 0)
