"""Accuracy measurement of `py2wasm.libm` against CPython's `math`.

Place in the pipeline: test tooling beside the library (not compiled): used by
`tests/mathlib` (a fast derandomized sample) and `benchmarks/accuracy.py`
(the million-point run). The reference for function `f` is what the compiled
`math[fn=f]` must compute: CPython's `math.f` where it returns, and the C
libm's value (inf, NaN) where CPython raises instead (the frontend emits the
raise around the call). `fma` (absent before Python 3.13) is compared with
the exact rational result, correctly rounded by `float(Fraction)`.

Arguments: for each function a deterministic mix of special values (signed
zeros, infinities, NaN, subnormals, domain edges, overflow thresholds, huge
trig arguments including the hardest case for argument reduction), random bit
patterns (the whole domain), and uniform and log-uniform samples over the
function's interesting range.

API: `ulp_distance(a, b)`, `reference(name)`, `arguments(name, n, seed)`,
`measure(name, fn=None, n=..., seed=...) -> Result`, `true_error(name, ...)`.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import math
import random
import struct
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable

from . import FUNCTIONS, arity

INF = math.inf
NAN = math.nan
DBL_MAX = 1.7976931348623157e308
DBL_MIN = 2.2250738585072014e-308
DENORM_MIN = 5e-324
DENORM_MAX = 2.225073858507201e-308

_LIBM = None


def _c_libm(name: str) -> Callable:
    global _LIBM
    if _LIBM is None:
        _LIBM = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
    from ..ir.primitives import MATH_C_NAMES
    f = getattr(_LIBM, MATH_C_NAMES.get(name, name))
    f.restype = ctypes.c_double
    f.argtypes = [ctypes.c_double] * arity(name)
    return f


def _exact_fma(x: float, y: float, z: float) -> float:
    """The correctly rounded x*y + z with C fma's special values."""
    if not (math.isfinite(x) and math.isfinite(y)):
        return x * y + z  # inf or NaN product: exact
    if not math.isfinite(z):
        return z  # a finite product does not matter (even if it overflows)
    exact = Fraction(x) * Fraction(y) + Fraction(z)
    if exact == 0:
        # an exact zero sum: +0 unless both x*y and z are -0 or cancel as -0
        p = x * y
        return p + z if (p == 0 and z == 0) else 0.0
    try:
        r = float(exact)
    except OverflowError:
        return INF if exact > 0 else -INF
    if r == 0.0:
        return 0.0 if exact > 0 else -0.0
    return r


def reference(name: str) -> Callable:
    """CPython's math.<name> where it returns, the C libm where it raises."""
    if name == "fma":
        return _exact_fma
    py = getattr(math, name)
    c = _c_libm(name)

    def ref(*args):
        try:
            return py(*args)
        except (ValueError, OverflowError):
            return c(*args)
    return ref


def _key(x: float) -> int:
    i = struct.unpack("<q", struct.pack("<d", x))[0]
    return i if i >= 0 else -(i & 0x7FFFFFFFFFFFFFFF)


def ulp_distance(a: float, b: float) -> float:
    """Number of floats between a and b (0 if identical); both NaN: 0; NaN
    against a number, or zeros of different signs: inf."""
    if a != a or b != b:
        return 0 if (a != a and b != b) else INF
    if a == 0.0 and b == 0.0:
        return 0 if math.copysign(1.0, a) == math.copysign(1.0, b) else INF
    return abs(_key(a) - _key(b))


# --- arguments ---------------------------------------------------------------------
_GENERIC = [0.0, -0.0, INF, -INF, NAN, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0,
            DENORM_MIN, -DENORM_MIN, DENORM_MAX, -DENORM_MAX, DBL_MIN, -DBL_MIN,
            DBL_MAX, -DBL_MAX, 1e-300, -1e-300, 1e300, -1e300, 2.0**-28, 2.0**-54,
            1.0 + 2.0**-52, 1.0 - 2.0**-53, math.pi, -math.pi, math.pi / 2, math.pi / 4,
            math.e, 10.0, 0.1, 3.0, 100.0]
_SPECIAL = {
    "exp": [709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412,
            -708.3964185322641, 0.34657359027997264, 1.0397207708399179],
    "expm1": [709.782712893384, 709.7827128933841, -38.816242111356935, 0.34657359027997264,
              56 * 0.6931471805599453],
    "sinh": [710.4758600739439, 710.475860073944, -710.4758600739439, 22.0, 709.78],
    "cosh": [710.4758600739439, 710.475860073944, 22.0, 0.34657359027997264],
    "tanh": [22.0, 1.0, 0.5493061443340549, 19.06154746539849],
    "log": [1.0, 0.7071067811865476, 1.4142135623730951],
    "log1p": [-1.0, -1.0 + 2.0**-53, -0.2928932188134524, 0.41421356237309515],
    "log2": [1.0, 1024.0, 0.7071067811865476, 1.4142135623730951],
    "log10": [1.0, 1000.0, 1e22, 1e-22, 0.7071067811865476],
    "asin": [1.0, -1.0, 0.5, 0.975, 1.0000000000000002, -1.0000000000000002],
    "acos": [1.0, -1.0, 0.5, -0.5, 1.0000000000000002, -1.0000000000000002],
    "atan": [2.0**66, 0.4375, 0.6875, 1.1875, 2.4375],
    "asinh": [2.0**28, 2.0**-28],
    "acosh": [1.0, 1.0000000000000002, 0.9999999999999999, 2.0**28, 2.0],
    "atanh": [1.0, -1.0, 0.9999999999999999, 1.0000000000000002, 0.5],
    # trig: multiples of pi/2, the hardest case for reduction (K. C. Ng), huge
    "sin": [6381956970095103 * 2.0**797, 5.319372648326541e+255, 1e22, 2.0**1023,
            1.5707963267948966, 3.141592653589793, 4.71238898038469, 6.283185307179586,
            1647099.3291652855, 1647099.329165286, 2.0**20 * 1.5707963267948966],
}
_SPECIAL["cos"] = _SPECIAL["tan"] = _SPECIAL["sin"]
# erf/erfc: fdlibm's interval edges; gamma/lgamma: integers (the factorial
# table ends at 23), the Lanczos cutoffs (5, g - 1/2, 140, 200), the zeros of lgamma
_SPECIAL["erf"] = _SPECIAL["erfc"] = [0.84375, 1.25, 2.857142857142857, 6.0, 28.0, 0.25,
                                      2.0**-28, 2.0**-56, 26.5, 27.3]
_SPECIAL["gamma"] = _SPECIAL["lgamma"] = [
    4.0, 5.0, 22.0, 23.0, 24.0, 5.524680040776729, 140.0, 171.62, 171.7, 200.0, 200.5, 1e-20,
    2.5, 1.5, 3.5, 0.1, 1e-10, 170.5, 171.0, 172.0, -2.7476826467274127, -2.4570247382208006]
# magnitude ranges (log2) and sign for the log-uniform samples
_RANGE = {
    "exp": (-1080, 10), "expm1": (-60, 10), "sinh": (-60, 10), "cosh": (-60, 10),
    "tanh": (-60, 6), "log": (-1075, 1024), "log1p": (-60, 1024), "log2": (-1075, 1024),
    "log10": (-1075, 1024), "asinh": (-60, 1024), "acosh": (0, 1024), "atanh": (-60, 0),
    "asin": (-60, 0), "acos": (-60, 0), "atan": (-60, 80), "sin": (-30, 1024),
    "cos": (-30, 1024), "tan": (-30, 1024), "erf": (-1074, 3), "erfc": (-60, 5),
    "gamma": (-70, 8), "lgamma": (-70, 1024),
}
_UNIFORM = {
    "exp": (-745.2, 709.8), "expm1": (-40, 709.8), "sinh": (-710.5, 710.5),
    "cosh": (-710.5, 710.5), "tanh": (-20, 20), "log": (0, 10), "log1p": (-1, 10),
    "log2": (0, 10), "log10": (0, 10), "asinh": (-10, 10), "acosh": (1, 10),
    "atanh": (-1, 1), "asin": (-1, 1), "acos": (-1, 1), "atan": (-10, 10),
    "sin": (-10, 10), "cos": (-10, 10), "tan": (-10, 10), "erf": (-6, 6), "erfc": (-6, 28),
    "gamma": (-180, 180), "lgamma": (-20, 20),
}


def _bits(rng: random.Random) -> float:
    return struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]


def _loguniform(rng: random.Random, lo: int, hi: int) -> float:
    m = rng.uniform(1.0, 2.0)
    x = math.ldexp(m, rng.randint(lo, hi - 1))
    return -x if rng.random() < 0.5 else x


def _unary_args(name: str, n: int, rng: random.Random) -> list:
    special = _GENERIC + _SPECIAL.get(name, [])
    out = [(x,) for x in special] + [(-x,) for x in special]
    for x in special:  # neighbours of the special values
        if math.isfinite(x):
            out.append((math.nextafter(x, INF),))
            out.append((math.nextafter(x, -INF),))
    lo, hi = _RANGE.get(name, (-1074, 1024))
    ulo, uhi = _UNIFORM.get(name, (-10, 10))
    while len(out) < n:
        k = len(out) % 4
        if k == 0:
            out.append((_bits(rng),))
        elif k == 1 or k == 2:
            out.append((_loguniform(rng, lo, hi),))
        else:
            out.append((rng.uniform(ulo, uhi),))
    return out[:max(n, len(special))]


_BIN_SPECIAL = [0.0, -0.0, INF, -INF, NAN, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, -3.0,
                DENORM_MIN, -DENORM_MIN, DBL_MIN, DBL_MAX, -DBL_MAX, 1e-300, 1e300, 0.1,
                2.0**53, 2.0**53 + 2.0, -2.0**53 - 2.0, 1.0 + 2.0**-52, 1.0 - 2.0**-53, 1e10,
                -1e10, 1023.5, 1024.0, -1074.0, -1075.0, 0.3333333333333333]


def _binary_args(name: str, n: int, rng: random.Random) -> list:
    out = [(a, b) for a in _BIN_SPECIAL for b in _BIN_SPECIAL]
    while len(out) < n:
        k = len(out) % 5
        if k == 0:
            out.append((_bits(rng), _bits(rng)))
        elif k == 1:
            out.append((_loguniform(rng, -1074, 1024), _loguniform(rng, -1074, 1024)))
        elif k == 2:
            if name == "pow":  # results in range, integer exponents, negative bases
                x = _loguniform(rng, -20, 20)
                y = rng.uniform(-1000, 1000) / max(1.0, abs(math.log2(abs(x))))
                if rng.random() < 0.3:
                    y = float(round(y))
                out.append((x, y))
            else:
                out.append((rng.uniform(-10, 10), rng.uniform(-10, 10)))
        elif k == 3:
            a = _loguniform(rng, -60, 60)
            out.append((a, a * rng.uniform(0.5, 2.0) * (1 if rng.random() < 0.5 else -1)))
        else:
            if name == "pow":  # near 1 with huge exponents
                out.append((1.0 + rng.uniform(-1e-6, 1e-6), rng.uniform(-1e9, 1e9)))
            else:
                out.append((_loguniform(rng, -1074, 1024), _loguniform(rng, -60, 60)))
    return out[:max(n, len(_BIN_SPECIAL) ** 2)]


_FMA_SPECIAL = [0.0, -0.0, INF, -INF, NAN, 1.0, -1.0, 0.5, 3.0, DENORM_MIN, -DENORM_MIN,
                DBL_MIN, DBL_MAX, -DBL_MAX, 1e-300, 1e300]


def _fma_args(n: int, rng: random.Random) -> list:
    out = [(a, b, c) for a in _FMA_SPECIAL for b in _FMA_SPECIAL for c in _FMA_SPECIAL]
    while len(out) < n:
        k = len(out) % 4
        if k == 0:
            out.append((_bits(rng), _bits(rng), _bits(rng)))
        elif k == 1:  # near-cancellation of x*y by z
            x, y = rng.uniform(-2, 2), rng.uniform(-2, 2)
            z = -(x * y) * (1.0 + rng.choice((0.0, 2.0**-53, -2.0**-53, 3 * 2.0**-53, 1e-16)))
            out.append((x, y, z))
        elif k == 2:  # wide exponent spreads
            x, y = _loguniform(rng, -600, 600), _loguniform(rng, -600, 600)
            out.append((x, y, _loguniform(rng, -1074, 1024)))
        else:  # subnormal results
            e = rng.randint(-1100, -900)
            out.append((math.ldexp(rng.uniform(1, 2), e // 2),
                        math.ldexp(rng.uniform(-2, 2), e - e // 2),
                        math.ldexp(rng.uniform(-2, 2), rng.randint(-1080, -1000))))
    return out[:max(n, len(_FMA_SPECIAL) ** 3)]


def arguments(name: str, n: int, seed: int = 0) -> list:
    """At least n argument tuples for function `name` (deterministic)."""
    rng = random.Random(f"{name}:{seed}")
    k = arity(name)
    if k == 1:
        return _unary_args(name, n, rng)
    if k == 2:
        return _binary_args(name, n, rng)
    return _fma_args(n, rng)


@dataclass
class Result:
    name: str
    count: int
    max_ulp: float
    worst: tuple | None  # the arguments of the largest error
    got: float | None = None
    want: float | None = None
    over: list = field(default_factory=list)  # (args, ulps) with ulps > 1 (first 1000)
    n_over: int = 0


def measure(name: str, fn: Callable | None = None, n: int = 20000, seed: int = 0,
            args: list | None = None) -> Result:
    """Max ulp distance between `fn` (default: the library's) and CPython."""
    fn = fn or FUNCTIONS[name]
    ref = reference(name)
    args = args if args is not None else arguments(name, n, seed)
    worst: Result = Result(name, len(args), 0, None)
    over = []
    for a in args:
        got = fn(*a)
        want = ref(*a)
        d = ulp_distance(got, want)
        if d > 1:
            over.append((a, d))
        if d > worst.max_ulp:
            worst = Result(name, len(args), d, a, got, want)
    worst.over, worst.n_over = over[:1000], len(over)
    return worst


def true_error(name: str, value: float, args: tuple) -> float:
    """|value - f(args)| in ulps of the exact result (mpmath at 200 bits);
    non-finite values and zero arguments (signed zeros) are compared with
    the reference instead (0 or inf for special values)."""
    import mpmath
    mpmath.mp.prec = 200
    f = {"log": mpmath.log, "log1p": mpmath.log1p, "log2": lambda x: mpmath.log(x, 2),
         "log10": mpmath.log10, "exp": mpmath.exp, "expm1": mpmath.expm1,
         "sinh": mpmath.sinh, "cosh": mpmath.cosh, "tanh": mpmath.tanh,
         "asinh": mpmath.asinh, "acosh": mpmath.acosh, "atanh": mpmath.atanh,
         "sin": mpmath.sin, "cos": mpmath.cos, "tan": mpmath.tan, "asin": mpmath.asin,
         "acos": mpmath.acos, "atan": mpmath.atan, "atan2": mpmath.atan2,
         "hypot": mpmath.hypot, "pow": mpmath.power, "fmod": None, "fma": None,
         "erf": mpmath.erf, "erfc": mpmath.erfc, "gamma": mpmath.gamma,
         "lgamma": lambda x: mpmath.log(abs(mpmath.gamma(x)))}[name]
    if (f is None or not all(math.isfinite(a) and a != 0 for a in args)
            or not math.isfinite(value)):  # mpmath has no signed zeros
        return float(ulp_distance(value, reference(name)(*args)))
    try:
        exact = f(*[mpmath.mpf(a) for a in args])
    except (ValueError, ZeroDivisionError):
        return float(ulp_distance(value, reference(name)(*args)))
    if not isinstance(exact, mpmath.mpf) or not mpmath.isfinite(exact):
        return float(ulp_distance(value, reference(name)(*args)))
    r = float(exact)
    if not math.isfinite(r):
        return float(ulp_distance(value, r))
    u = math.ulp(r) if r != 0 else DENORM_MIN
    return float(abs(mpmath.mpf(value) - exact) / u)
