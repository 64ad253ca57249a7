"""Accuracy measurement of the float32 library (`py2wasm.libm.f32`).

Place in the pipeline: test tooling beside the library (not compiled): used by
`tests/mathlib/test_libm_f32*.py` (a fast sample) and `benchmarks/mathf.py`
(a million arguments per function). Needs NumPy.

Reference: the correctly rounded float32 result. `reference32` rounds the
float64 function (CPython's `math`, the C libm where CPython raises: what
`libm.accuracy.reference` gives) to float32, which is the correctly rounded
float32 value except when the float64 result lies within its own error of a
float32 rounding boundary (double rounding; astronomically rare);
`exact32` settles such arguments with mpmath (120 bits) when it is installed.

API: `NUMPY`: IR name -> NumPy ufunc; `arguments32(name, n, seed)` -> float32
array of shape (m, arity) (special values first, then random bit patterns,
log-uniform and uniform samples of the function's domain); `reference32(name,
args)`; `ours32(name, args)` (the library's Python source, rounded);
`numpy32(name, args)`; `ulp32(a, b)` (elementwise distance in float32 ulps,
NaN vs NaN 0, NaN vs number or +0 vs -0 a large number); `exact32(name, row)`;
`fit_asin_poly()`, `fit_expm1_poly()` (how the fitted polynomials were made).
"""
from __future__ import annotations

import math

import numpy as np

from ..accuracy import reference
from . import FUNCTIONS, arity

NUMPY = {"exp": np.exp, "expm1": np.expm1, "log": np.log, "log2": np.log2,
         "log10": np.log10, "log1p": np.log1p, "sin": np.sin, "cos": np.cos, "tan": np.tan,
         "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan, "atan2": np.arctan2,
         "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh, "pow": np.power,
         "hypot": np.hypot, "asinh": np.arcsinh, "acosh": np.arccosh, "atanh": np.arctanh}
FLT_MAX = float(np.finfo(np.float32).max)
FLT_MIN = float(np.finfo(np.float32).tiny)  # smallest normal
FLT_TRUE_MIN = 2.0 ** -149
BIG = 1 << 40  # ulp32 of NaN vs a number, or +0 vs -0


def _f32(xs) -> list[float]:
    return [float(np.float32(x)) for x in xs]


_GENERIC = [0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0,
            FLT_TRUE_MIN, -FLT_TRUE_MIN, FLT_MIN, -FLT_MIN, FLT_MIN - FLT_TRUE_MIN,
            FLT_MAX, -FLT_MAX, 1e-30, -1e-30, 1e30, -1e30, 2.0**-12, 2.0**-25, 2.0**-126,
            1.0 + 2.0**-23, 1.0 - 2.0**-24, 3.0, 10.0, 0.1, 100.0, 1e-7, 1e-5]
_PI2 = [k * math.pi / 2 for k in (1, 2, 3, 4, 5, 7, 8, 9, 10, 100, 1000, 12345, 10**6, 2**20,
                                  2**22, 2**24, 2**30)]
_SPECIAL = {
    # overflow/underflow thresholds: expf(88.72284) = FLT_MAX; subnormal and zero results
    "exp": [88.72283, 88.72284, 88.72285, 89.0, -87.33654, -87.33655, -103.97207,
            -103.97208, -103.9721, -104.0, 0.34657359, -0.34657359, 1e-8, -1e-8],
    "expm1": [88.72283, 88.72284, -17.0, -17.32868, -30.0, 0.34657359, 1e-8, -1e-8],
    "sinh": [89.41598, 89.415985, 89.41599, -89.41599, 90.0, 1e-4],
    "cosh": [89.41598, 89.415985, 89.41599, 90.0, 1e-4],
    "tanh": [9.0, 9.01, 9.02, 9.1, -9.02, 0.55, 1e-4],
    "log": [0.70710677, 1.4142135, 0.99999994, 1.0000001],
    "log2": [1024.0, 2.0**-149, 0.70710677, 1.4142135, 0.99999994, 1.0000001],
    "log10": [1000.0, 1e10, 1e-10, 1e30, 1e-30, 0.70710677, 1.0000001],
    "log1p": [-0.99999994, -0.29289323, 0.41421357, 0.41421354, -0.2928932],
    "asin": [0.99999994, -0.99999994, 0.49999997, 1.0000001],
    "acos": [0.99999994, -0.99999994, 0.49999997, -0.49999997, 1.0000001],
    "atan": [0.4375, 0.6875, 1.1875, 2.4375, 1e10, 1e-5, 1.0000001e10],
    "asinh": [2.0**-12, 0.00024414062, 2.0**-11, 0.41421357, 1e10, 1e19, 1e20],
    "acosh": [1.0000001, 1.0000002, 1.5, 2.0, 1e10, 1e19, 1e20, 0.99999994],
    "atanh": [0.99999994, -0.99999994, 0.5, 0.49999997, 2.0**-12, 0.00024414062,
              1.0000001, 0.29289323],
    "sin": _PI2 + [3.4e38, 1e38, 2.0**127, 1e22, 16777215.0, 1.5707964, 3.1415927,
                   4.712389, 6.2831855, 0.7853982, 0.78539816, 1e-20],
}
_SPECIAL["cos"] = _SPECIAL["tan"] = _SPECIAL["sin"]
# magnitude ranges (log2) for log-uniform samples, uniform ranges
_RANGE = {"exp": (-40, 7), "expm1": (-40, 7), "sinh": (-40, 7), "cosh": (-40, 7),
          "tanh": (-40, 4), "log": (-149, 128), "log2": (-149, 128), "log10": (-149, 128),
          "log1p": (-40, 128), "asin": (-40, 0), "acos": (-40, 0), "atan": (-40, 40),
          "sin": (-30, 128), "cos": (-30, 128), "tan": (-30, 128), "asinh": (-40, 128),
          "acosh": (0, 128), "atanh": (-40, 0)}
_UNIFORM = {"exp": (-104.0, 89.0), "expm1": (-20.0, 89.0), "sinh": (-90.0, 90.0),
            "cosh": (-90.0, 90.0), "tanh": (-10.0, 10.0), "log": (0.0, 10.0),
            "log2": (0.0, 10.0), "log10": (0.0, 10.0), "log1p": (-1.0, 10.0),
            "asin": (-1.0, 1.0), "acos": (-1.0, 1.0), "atan": (-10.0, 10.0),
            "sin": (-10.0, 10.0), "cos": (-10.0, 10.0), "tan": (-10.0, 10.0),
            "atan2": (-10.0, 10.0), "hypot": (-1e3, 1e3), "pow": (0.0, 4.0),
            "asinh": (-10.0, 10.0), "acosh": (1.0, 10.0), "atanh": (-1.0, 1.0)}


def _bits(rng, shape):
    return rng.integers(0, 2**32, size=shape, dtype=np.uint64).astype(np.uint32).view(
        np.float32)


def _loguniform(rng, lo, hi, shape):
    m = rng.uniform(1.0, 2.0, size=shape) * np.exp2(rng.integers(lo, hi, size=shape))
    return (m * rng.choice([-1.0, 1.0], size=shape)).astype(np.float32)


def _unary(name, n, rng):
    sp = _GENERIC + _SPECIAL.get(name, [])
    sp = _f32(sp + [-x for x in sp])
    with np.errstate(over="ignore"):
        near = [float(np.nextafter(np.float32(x), np.float32(d))) for x in sp
                if math.isfinite(x) for d in (math.inf, -math.inf)]
    head = np.array(sp + near, dtype=np.float32)
    m = max(0, n - len(head))
    q = m // 4
    lo, hi = _RANGE.get(name, (-149, 128))
    ulo, uhi = _UNIFORM.get(name, (-10.0, 10.0))
    parts = [head, _bits(rng, q), _loguniform(rng, lo, hi, 2 * q),
             rng.uniform(ulo, uhi, size=m - 3 * q).astype(np.float32)]
    return np.concatenate(parts)[:, None]


_BIN = _f32([0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0,
             -3.0, FLT_TRUE_MIN, -FLT_TRUE_MIN, FLT_MIN, FLT_MAX, -FLT_MAX, 1e-30, 1e30, 0.1,
             16777216.0, 16777218.0, -16777218.0, 16777215.0, -16777215.0,
             1.0 + 2.0**-23, 1.0 - 2.0**-24, 1e10, -1e10, 127.5, 128.0, -149.0, -150.0,
             0.33333334])


def _binary(name, n, rng):
    head = np.array([(a, b) for a in _BIN for b in _BIN], dtype=np.float32)
    m = max(0, n - len(head))
    q = m // 4
    parts = [head, _bits(rng, (q, 2)), _loguniform(rng, -149, 128, (q, 2))]
    rest = m - 2 * q
    if name == "pow":  # results mostly in range; integer exponents; negative bases
        x = _loguniform(rng, -20, 20, rest).astype(np.float64)
        y = rng.uniform(-120, 120, size=rest) / np.maximum(1.0, np.abs(np.log2(np.abs(x))))
        ints = rng.random(rest) < 0.3
        y[ints] = np.round(y[ints])
        neg = rng.random(rest) < 0.5
        x[~ints & neg] = np.abs(x[~ints & neg])
        near1 = rng.random(rest) < 0.1  # x near 1 with a large y
        x[near1] = 1.0 + rng.uniform(-1e-3, 1e-3, size=near1.sum())
        y[near1] = rng.uniform(-5e4, 5e4, size=near1.sum())
        parts.append(np.stack([x, y], axis=1).astype(np.float32))
    else:
        lo, hi = _UNIFORM[name]
        parts.append(rng.uniform(lo, hi, size=(rest, 2)).astype(np.float32))
    return np.concatenate(parts)


def arguments32(name: str, n: int, seed: int = 0) -> np.ndarray:
    """At least the special values and about n arguments (float32, shape
    (m, arity(name)))."""
    rng = np.random.default_rng(seed)
    return _unary(name, n, rng) if arity(name) == 1 else _binary(name, n, rng)


def reference32(name: str, args: np.ndarray) -> np.ndarray:
    """The float64 function (CPython/C libm) rounded to float32."""
    ref = reference(name)
    with np.errstate(invalid="ignore"):  # signaling NaN bit patterns
        rows = args.astype(np.float64).tolist()
    with np.errstate(over="ignore", invalid="ignore"):
        return np.array([ref(*r) for r in rows], dtype=np.float64).astype(np.float32)


def ours32(name: str, args: np.ndarray) -> np.ndarray:
    """The library's Python source (what the wasm computes), rounded."""
    fn = FUNCTIONS[name]
    with np.errstate(invalid="ignore"):  # signaling NaN bit patterns
        rows = args.astype(np.float64).tolist()
    with np.errstate(over="ignore", invalid="ignore"):
        return np.array([fn(*r) for r in rows], dtype=np.float64).astype(np.float32)


def numpy32(name: str, args: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return NUMPY[name](*[args[:, i] for i in range(args.shape[1])]).astype(np.float32)


def _keys(a: np.ndarray) -> np.ndarray:
    i = np.ascontiguousarray(a, dtype=np.float32).view(np.int32).astype(np.int64)
    return np.where(i < 0, -(i & 0x7FFFFFFF), i)


def ulp32(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Elementwise distance in float32 ulps (int64)."""
    a = np.asarray(a, dtype=np.float32)
    b = np.asarray(b, dtype=np.float32)
    d = np.abs(_keys(a) - _keys(b))
    na, nb = np.isnan(a), np.isnan(b)
    d = np.where(na & nb, 0, np.where(na | nb, BIG, d))
    zs = (a == 0) & (b == 0) & (np.signbit(a) != np.signbit(b))
    return np.where(zs, BIG, d)


_MP = {"exp": "exp", "expm1": "expm1", "log": "log", "log1p": "log1p", "sin": "sin",
       "cos": "cos", "tan": "tan", "asin": "asin", "acos": "acos", "atan": "atan",
       "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "atan2": "atan2", "hypot": "hypot",
       "pow": "power", "asinh": "asinh", "acosh": "acosh", "atanh": "atanh"}


def exact32(name: str, row) -> float | None:
    """The correctly rounded float32 result at a finite, in-domain argument
    whose float64 result is finite and nonzero, from mpmath (120 bits); None
    when mpmath is not installed or the case is not covered (then the
    float64-rounded reference stands)."""
    try:
        import mpmath
    except ImportError:
        return None
    want = reference(name)(*[float(x) for x in row])
    if not math.isfinite(want) or want == 0.0 or not all(math.isfinite(float(x)) for x in row):
        return None
    with mpmath.workprec(120):
        xs = [mpmath.mpf(float(x)) for x in row]
        if name == "log2":
            v = mpmath.log(xs[0], 2)
        elif name == "log10":
            v = mpmath.log10(xs[0])
        else:
            v = getattr(mpmath, _MP[name])(*xs)
        if isinstance(v, mpmath.mpc) or not mpmath.isfinite(v) or v == 0:
            return None
        # round to float32: 24 bits, or a multiple of 2**-149 below 2**-126
        if abs(v) < mpmath.mpf(2) ** -126:
            r = float(mpmath.nint(v * mpmath.mpf(2) ** 149)) * FLT_TRUE_MIN
        else:
            with mpmath.workprec(24):
                r = float(+v)
            if abs(r) > FLT_MAX:
                r = math.copysign(math.inf, r)
    return float(np.float32(r))


def fit_asin_poly(deg: int = 9, nodes: int = 600) -> list[float]:
    """The coefficients A0.. of `invtrigf.py`'s P(z), a Chebyshev least-squares
    fit on [0, 1/4] of (asin(sqrt(z))/sqrt(z) - 1)/z evaluated with mpmath
    (120 bits; needs mpmath): how they were made."""
    import mpmath
    with mpmath.workprec(120):
        def g(z):
            r = mpmath.sqrt(mpmath.mpf(z))
            return (mpmath.asin(r) / r - 1) / mpmath.mpf(z)
        k = np.arange(nodes)
        zs = 0.125 + 0.125 * np.cos(np.pi * (k + 0.5) / nodes)
        ys = np.array([float(g(z)) for z in zs])
    c = np.polynomial.chebyshev.chebfit((zs - 0.125) / 0.125, ys, deg)
    p = np.polynomial.Polynomial(np.polynomial.chebyshev.cheb2poly(c))
    return [float(x) for x in p(np.polynomial.Polynomial([-1.0, 8.0])).coef]


def fit_expm1_poly(deg: int = 8, nodes: int = 800) -> list[float]:
    """The coefficients E0.. of `expf.py`'s P(r), a Chebyshev least-squares
    fit on [-ln2/2, ln2/2] of (expm1(r) - r - r**2/2)/r**3 evaluated with
    mpmath (120 bits; needs mpmath): how they were made."""
    import mpmath
    h = 0.34657359027997264
    with mpmath.workprec(120):
        def g(r):
            r = mpmath.mpf(r)
            return (mpmath.expm1(r) - r - r * r / 2) / r ** 3
        k = np.arange(nodes)
        rs = h * np.cos(np.pi * (k + 0.5) / nodes)
        ys = np.array([float(g(r)) for r in rs])
    c = np.polynomial.chebyshev.chebfit(rs / h, ys, deg)
    p = np.polynomial.Polynomial(np.polynomial.chebyshev.cheb2poly(c))
    return [float(x) for x in p(np.polynomial.Polynomial([0.0, 1.0 / h])).coef]


__all__ = ["NUMPY", "arguments32", "reference32", "ours32", "numpy32", "ulp32", "exact32",
           "fit_asin_poly", "fit_expm1_poly"]
