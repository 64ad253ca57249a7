"""asinhf, acoshf, atanhf: the float32 functions (restricted Python).

Place in the pipeline: part of `py2wasm.libm.f32` (see its docstring);
traced by the frontend and linked by `passes/link_math.py`. The argument is a
float32 value (as an f64); each function returns an f64 that the caller
rounds to float32.

py2wasm, after musl's asinhf.c, acoshf.c, atanhf.c (which use log1pf and
logf), everything in double with the log kernel of `logf.py`:
asinh|x| = log1p(|x| + x**2/(1 + sqrt(1 + x**2))),
acosh(x) = log1p(t + sqrt(2t + t**2)) with t = x - 1,
atanh|x| = log1p(2|x|/(1 - |x|))/2.
For a float32 argument x**2, t = x - 1, t**2 and 1 - |x| are exact in
double and no expression cancels, so each result is within a few ulps of
double of the exact value; double's range holds x**2 for every float32, so
no large-argument branch is needed. Below 2**-12, asinh and atanh round to x.

 musl: Copyright (c) 2005-2020 Rich Felker, et al. (MIT license).
"""
import math

from ..bits import INF, NAN
from .logf import LN2, SQRT2HM1, SQRT2M1, log1p_poly, log_parts

TINY = 0.000244140625  # 2**-12


def log1p_d(u: float) -> float:
    """log(1 + u) for a finite double u > -1 (about 2**-52 relative)."""
    if SQRT2HM1 <= u < SQRT2M1:
        return log1p_poly(u)
    k, l = log_parts(1.0 + u)  # 1 + u rounded: 2**-53 absolute in the log
    return float(k) * LN2 + l


def asinhf(x: float) -> float:
    a = math.fabs(x)
    if not a < INF:
        return x + x  # NaN, +-inf
    if a < TINY:
        return x  # also +-0
    a2 = a * a
    return math.copysign(log1p_d(a + a2 / (1.0 + math.sqrt(1.0 + a2))), x)


def acoshf(x: float) -> float:
    if not x >= 1.0:
        if x != x:
            return x + x
        return NAN
    if x == INF:
        return x
    t = x - 1.0  # exact
    return log1p_d(t + math.sqrt(2.0 * t + t * t))


def atanhf(x: float) -> float:
    a = math.fabs(x)
    if not a < 1.0:
        if a == 1.0:
            return math.copysign(INF, x)
        if x != x:
            return x + x
        return NAN
    if a < TINY:
        return x  # also +-0
    return math.copysign(0.5 * log1p_d(2.0 * a / (1.0 - a)), x)


__all__ = ["asinhf", "acoshf", "atanhf", "log1p_d"]
