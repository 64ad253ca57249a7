"""Float functions of the math module and float methods on run-time floats,
bit-exact with CPython: math.frexp ldexp modf remainder ulp nextafter (steps= on
3.12+), isclose (keyword tolerances), prod of a tuple and
`x.is_integer()`.

Place in the pipeline: frontend value semantics, called by
`mathlib.call_math` (the math functions) and by the attribute lookup
(`opcodes_attrs`, for `x.is_integer`) when a value is only known at run time.
All of them work on the IEEE bits (f64_to_bits / f64_from_bits), no rounding.

API: `FLOAT_HANDLERS: {math function: handler(fb, args, loc)}`,
`attribute(obj, name, loc)` -> a bound method or None.
"""
from __future__ import annotations

import math

from ..ir import F64, I64, Var
from .operators import materialize
from .complexes import BoundMethod
from .values import E_TYPE, error


class _E:
    def __init__(self, fb, loc):
        self.fb, self.loc = fb, loc

    def __call__(self, prim: str, *ins, **params) -> Var:
        return self.fb.emit(prim, list(ins), params or None, loc=self.loc)

    def f(self, v) -> Var:
        return materialize(self.fb, v, F64, self.loc)

    def c(self, v) -> Var:
        return self.fb.const(v, F64 if isinstance(v, float) else I64)

    def sel(self, c, a, b) -> Var:
        return self("select", c, a, b)


def is_integer(e: _E, x: Var) -> Var:
    return e("and", e("isfinite", x), e("eq", e("floor", x), x))


def modf(fb, args, loc):
    """(fractional part, integral part), both with x's sign; inf: (+-0.0, x)."""
    e = _E(fb, loc)
    x = e.f(args[0])
    ip = e("trunc", x)
    frac = e("copysign", e("sub", x, ip), x)
    frac = e.sel(e("isinf", x), e("copysign", e.c(0.0), x), frac)
    return (frac, ip)  # nan: (nan, nan) from the arithmetic


def frexp(fb, args, loc):
    """(m, e) with x == m * 2**e, 0.5 <= |m| < 1; 0, nan, inf: (x, 0)."""
    e = _E(fb, loc)
    x = e.f(args[0])
    sub = e("lt", e("fabs", x), e.c(2.2250738585072014e-308))
    y = e.sel(sub, e("mul", x, e.c(float(2**54))), x)  # subnormals made normal (exactly)
    b = e("f64_to_bits", y)
    ex = e("and", e("shr", b, e.c(52)), e.c(0x7FF))
    m = e("f64_from_bits", e("or", e("and", b, e.c(~(0x7FF << 52))), e.c(1022 << 52)))
    ex = e("sub", ex, e.sel(sub, e.c(1022 + 54), e.c(1022)))
    special = e("or", e("eq", x, e.c(0.0)), e("not", e("isfinite", x)))
    return (e.sel(special, x, m), e.sel(special, e.c(0), ex))


def _step(e: _E, x: Var, away: Var) -> Var:
    """The neighbour of a finite nonzero x away from (or toward) zero."""
    b = e("f64_to_bits", x)
    return e("f64_from_bits", e.sel(away, e("add", b, e.c(1)), e("sub", b, e.c(1))))


def nextafter(fb, args, loc):
    e = _E(fb, loc)
    x, y = e.f(args[0]), e.f(args[1])
    away = e("eq", e("gt", y, x), e("gt", x, e.c(0.0)))
    r = _step(e, e.sel(e("eq", x, e.c(0.0)), e.c(1.0), x), away)
    r = e.sel(e("eq", x, e.c(0.0)), e("copysign", e.c(5e-324), y), r)
    r = e.sel(e("eq", x, y), y, r)
    nan = e("or", e("isnan", x), e("isnan", y))
    return e.sel(nan, e("add", x, y), r)


def nextafter_steps(fb, args, loc):
    """math.nextafter(x, y, steps=n) (Python 3.12+): CPython's bit arithmetic."""
    e = _E(fb, loc)
    x, y = e.f(args[0]), e.f(args[1])
    n = materialize(fb, args[2], I64, loc)
    fb.raise_if(e("lt", n, e.c(0)), "ValueError", "steps must be a non-negative integer",
                loc=loc)
    ux, uy = e("f64_to_bits", x), e("f64_to_bits", y)
    mag = e.c(0x7FFFFFFFFFFFFFFF)
    ax, ay = e("and", ux, mag), e("and", uy, mag)
    opposite = e("ne", e("lt", ux, e.c(0)), e("lt", uy, e.c(0)))
    sub = e("f64_from_bits", e("sub", ux, e.sel(e("le", n, ax), n, e.c(0))))
    add = e("f64_from_bits", e("add", ux, e.sel(e("le", n, e("sub", ay, ax)), n, e.c(0))))
    cross = e("f64_from_bits", e("or", e("and", uy, e.c(-2**63)),
                                 e("sub", n, e.sel(e("lt", ax, n), ax, n))))
    r_opp = e.sel(e("le", ax, e("sub", n, ay)), y, e.sel(e("lt", ax, n), cross, sub))
    r_dn = e.sel(e("ge", e("sub", ax, ay), n), sub, y)
    r_up = e.sel(e("ge", e("sub", ay, ax), n), add, y)
    r = e.sel(opposite, r_opp, e.sel(e("gt", ax, ay), r_dn, r_up))
    r = e.sel(e("eq", ux, uy), x, r)
    r = e.sel(e("isnan", y), y, r)
    r = e.sel(e("isnan", x), x, r)
    return e.sel(e("eq", n, e.c(0)), x, r)


def ulp(fb, args, loc):
    e = _E(fb, loc)
    x = e("fabs", e.f(args[0]))
    fin = e("isfinite", x)
    safe = e.sel(fin, x, e.c(1.0))
    top = e("eq", safe, e.c(1.7976931348623157e308))
    up = _step(e, e.sel(e("eq", safe, e.c(0.0)), e.c(1.0), safe), e("not", top))
    d = e.sel(top, e("sub", safe, up), e("sub", up, safe))
    d = e.sel(e("eq", safe, e.c(0.0)), e.c(5e-324), d)
    return e.sel(fin, d, x)  # nan and inf: x (|inf|)


def _pow2(e: _E, k: Var) -> Var:
    """2.0 ** k exactly, for an i64 -1074 <= k <= 1023 (subnormals included)."""
    normal = e("f64_from_bits", e("shl", e("add", k, e.c(1023)), e.c(52)))
    small = e.sel(e("lt", k, e.c(-1022)), e("add", k, e.c(1074)), e.c(0))
    sub = e("f64_from_bits", e("shl", e.c(1), small))
    return e.sel(e("lt", k, e.c(-1022)), sub, normal)


def _clamp(e: _E, v: Var, lo: int, hi: int) -> Var:
    return e.sel(e("lt", v, e.c(lo)), e.c(lo), e.sel(e("gt", v, e.c(hi)), e.c(hi), v))


def ldexp(fb, args, loc):
    """x * 2**i correctly rounded (one rounding, for subnormal results too);
    OverflowError("math range error") when a finite x overflows."""
    e = _E(fb, loc)
    x = e.f(args[0])
    i = materialize(fb, args[1], I64, loc)
    m, ex = frexp(fb, [x], loc)  # x == m * 2**ex, 0.5 <= |m| < 1
    t = e("add", ex, _clamp(e, i, -4000, 4000))
    r = e("mul", m, _pow2(e, _clamp(e, t, -1074, 1023)))  # the only rounding
    hi = e("mul", e("mul", m, e.c(2.0**1023)), _pow2(e, _clamp(e, e("sub", t, e.c(1023)), 0, 2)))
    r = e.sel(e("gt", t, e.c(1023)), hi, r)
    r = e.sel(e("lt", t, e.c(-1074)), e("copysign", e.c(0.0), x), r)
    special = e("or", e("eq", x, e.c(0.0)), e("not", e("isfinite", x)))
    r = e.sel(special, x, r)
    fb.raise_if(e("and", e("isinf", r), e("not", special)), "OverflowError",
                "math range error", loc=loc)
    return r


def remainder(fb, args, loc):
    """IEEE 754 remainder (CPython's m_remainder); ValueError for inf or a zero y."""
    e = _E(fb, loc)
    x, y = e.f(args[0]), e.f(args[1])
    ax, ay = e("fabs", x), e("fabs", y)
    m = e("math", ax, ay, fn="fmod")
    c = e("sub", ay, m)
    half = e("sub", m, e("mul", e.c(2.0), e("math", e("mul", e.c(0.5), e("sub", ax, m)), ay,
                                            fn="fmod")))
    r = e.sel(e("lt", m, c), m, e.sel(e("gt", m, c), e("neg", c), half))
    r = e("mul", e("copysign", e.c(1.0), x), r)
    fin = e("and", e("isfinite", x), e("isfinite", y))
    bad = e("or", e("and", fin, e("eq", y, e.c(0.0))),
            e("and", e("isinf", x), e("not", e("isnan", y))))
    fb.raise_if(bad, "ValueError", "math domain error", loc=loc)
    r = e.sel(e("isnan", x), x, e.sel(e("isnan", y), y, e.sel(fin, r, x)))
    return r


def isclose(fb, args, kwargs, loc):
    """math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0), CPython's formula."""
    e = _E(fb, loc)
    kwargs = dict(kwargs)
    rel, abs_ = kwargs.pop("rel_tol", 1e-09), kwargs.pop("abs_tol", 0.0)
    if len(args) != 2 or kwargs:
        raise error(loc, "math.isclose() takes exactly 2 positional arguments and the "
                    "keywords rel_tol, abs_tol", "", E_TYPE)
    for v in (*args, rel, abs_):
        if not isinstance(v, (Var, int, float)) or isinstance(v, Var) and v.type not in (F64, I64):
            raise error(loc, "math.isclose() takes numbers", "", E_TYPE)
    a, b, rel, abs_ = (e.f(v) for v in (*args, rel, abs_))
    fb.raise_if(e("or", e("lt", rel, e.c(0.0)), e("lt", abs_, e.c(0.0))), "ValueError",
                "tolerances must be non-negative", loc=loc)
    diff = e("fabs", e("sub", b, a))
    close = e("or", e("or", e("le", diff, e("fabs", e("mul", rel, b))),
                      e("le", diff, e("fabs", e("mul", rel, a)))), e("le", diff, abs_))
    inf = e("or", e("isinf", a), e("isinf", b))
    return e("or", e("eq", a, b), e("and", e("not", inf), close))


def prod(fb, args, loc):
    """math.prod of a tuple: start (1) times each item in order, with Python's
    operator * (int64 overflow and int/float mixing as for `*`)."""
    from .operators import binary
    if len(args) != 1 or not isinstance(args[0], tuple):
        raise error(loc, "math.prod() of run-time values needs a tuple", "write a loop, or "
                    "math.prod((a, b, c))", E_TYPE)
    acc = 1
    for v in args[0]:
        acc = binary(fb, "*", acc, v, loc)
    return acc


class FloatMethod(BoundMethod):
    """`x.is_integer` of a run-time float, waiting for its call."""
    __slots__ = ()

    def call(self, fb, args, kwargs, loc):
        if args or kwargs:
            raise error(loc, "float.is_integer() takes no arguments", "", E_TYPE)
        if type(self.obj) is float:
            return self.obj.is_integer()  # known: Python's own method
        return is_integer(_E(fb, loc), self.obj)


def attribute(obj, name: str, loc):
    """`x.is_integer` of a run-time float; None: not ours."""
    if name == "is_integer" and (type(obj) is float or isinstance(obj, Var) and obj.type is F64):
        return FloatMethod(obj)
    return None


FLOAT_HANDLERS = {math.modf: modf, math.frexp: frexp, math.nextafter: nextafter,
                  math.ulp: ulp, math.ldexp: ldexp, math.remainder: remainder,
                  math.prod: prod}
