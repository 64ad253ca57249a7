"""The IR's primitive operations: their names, arity, typing rules and the
Python exceptions each may raise.

Place in the pipeline: the contract between the frontend (which emits these),
the passes (which rewrite them) and the backend (which lowers every one of
them). Every primitive has *Python* semantics: `floordiv` on i64 rounds toward
negative infinity, `add` on i64 raises OverflowError when the result leaves
the int64 range, `truediv` raises ZeroDivisionError, and so on. A primitive's
implicit exceptions are listed in `raises`; an equation carries the source
location that the exception message names.

Typing rules take the input types and the equation's params and return the
output types, or raise `TypeError` with a human-readable reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .types import BOOL, F64, I64, SCALARS, ScalarType

TypeRule = Callable[[list[ScalarType], dict], list[ScalarType]]


@dataclass(frozen=True)
class Primitive:
    name: str
    nin: int | None  # None: variadic (call)
    rule: TypeRule
    raises: tuple[str, ...] = ()
    pure: bool = True  # False: must not be removed or reordered (raise_if, call)
    doc: str = ""


PRIMITIVES: dict[str, Primitive] = {}


def _def(name, nin, rule, raises=(), pure=True, doc=""):
    PRIMITIVES[name] = Primitive(name, nin, rule, tuple(raises), pure, doc)


def _fail(msg):
    raise TypeError(msg)


def _same(allowed):
    def rule(ts, params):
        if len(set(ts)) != 1 or ts[0] not in allowed:
            _fail(f"expects {len(ts)} operands of one type among "
                  f"{', '.join(t.name for t in allowed)}, got {', '.join(t.name for t in ts)}")
        return [ts[0]]
    return rule


def _to(out, allowed, same=True):
    def rule(ts, params):
        if any(t not in allowed for t in ts) or (same and len(set(ts)) != 1):
            _fail(f"expects operands among {', '.join(t.name for t in allowed)}"
                  f"{' of one type' if same else ''}, got {', '.join(t.name for t in ts)}")
        return [out]
    return rule


NUM = (I64, F64)

# --- arithmetic (Python semantics) -------------------------------------------
_def("add", 2, _same(NUM), ["OverflowError"], doc="a + b; i64 raises OverflowError outside int64")
_def("sub", 2, _same(NUM), ["OverflowError"], doc="a - b")
_def("mul", 2, _same(NUM), ["OverflowError"], doc="a * b")
_def("truediv", 2, _to(F64, NUM), ["ZeroDivisionError"],
     doc="a / b -> f64; i64 operands give the correctly rounded quotient")
_def("floordiv", 2, _same(NUM), ["ZeroDivisionError", "OverflowError"],
     doc="a // b, rounding toward -inf (float: CPython's float_floor_div)")
_def("mod", 2, _same(NUM), ["ZeroDivisionError"],
     doc="a % b, result has the sign of b (float: CPython's float_rem)")
_def("pow", 2, _same(NUM), ["ZeroDivisionError", "ValueError", "OverflowError"],
     doc="a ** b; i64: ValueError for a negative exponent (CPython would return a "
         "float), OverflowError outside int64; f64: CPython's float_pow rules")
_def("neg", 1, _same(NUM), ["OverflowError"], doc="-a")
_def("abs", 1, _same(NUM), ["OverflowError"], doc="abs(a)")
_def("invert", 1, _same((I64,)), doc="~a")
# --- bitwise --------------------------------------------------------------
_def("and", 2, _same((I64, BOOL)), doc="a & b")
_def("or", 2, _same((I64, BOOL)), doc="a | b")
_def("xor", 2, _same((I64, BOOL)), doc="a ^ b")
_def("shl", 2, _same((I64,)), ["ValueError", "OverflowError"],
     doc="a << b; ValueError for negative count, OverflowError outside int64")
_def("shr", 2, _same((I64,)), ["ValueError"],
     doc="a >> b (arithmetic; counts >= 64 give 0 or -1); ValueError for negative count")
# --- comparisons ---------------------------------------------------------
# Operands may mix i64 and f64: the comparison is exact, as in CPython
# (2**53 + 1 != 2.0**53). bool only compares with bool.


def _cmp_rule(ts, params):
    a, b = ts
    if a == b or (a in NUM and b in NUM):
        return [BOOL]
    _fail(f"cannot compare {a.name} with {b.name}")


for _n in ("eq", "ne", "lt", "le", "gt", "ge"):
    _def(_n, 2, _cmp_rule, doc=f"a {_n} b -> bool, exact across int/float")
_def("not", 1, _same((BOOL,)), doc="not a")
# --- conversions ---------------------------------------------------------


def _convert_rule(ts, params):
    to = params.get("to")
    if to not in SCALARS:
        _fail(f"convert needs params to= a scalar type, got {to!r}")
    return [to]


_def("convert", 1, _convert_rule, ["ValueError", "OverflowError"],
     doc="Python conversion to params['to']: f64->i64 is int(x) (truncates; NaN "
         "raises ValueError, inf or out of int64 OverflowError); i64->f64 is "
         "float(x) (round half even); any->bool is truthiness (NaN is True); "
         "bool->i64/f64 is 0/1")
# --- float functions (IEEE, no exceptions) --------------------------------
for _n in ("sqrt", "floor", "ceil", "trunc", "nearest", "fabs"):
    _def(_n, 1, _same((F64,)), doc=f"IEEE {_n} on f64 (nearest rounds half to even)")
_def("copysign", 2, _same((F64,)), doc="copysign(a, b)")
for _n in ("isnan", "isinf", "isfinite"):
    _def(_n, 1, _to(BOOL, (F64,)), doc=f"math.{_n}")

# Transcendental functions: host-provided (imported) or built-in
# implementations. No exception here: the frontend emits the domain checks
# CPython's math module makes (raise_if).
MATH_UNARY = ("exp", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan",
              "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh")
MATH_BINARY = ("pow", "atan2", "hypot", "fmod")


def _math_rule(ts, params):
    fn = params.get("fn")
    if fn in MATH_UNARY:
        want = 1
    elif fn in MATH_BINARY:
        want = 2
    else:
        _fail(f"unknown math function {fn!r}")
    if len(ts) != want or any(t != F64 for t in ts):
        _fail(f"math.{fn} takes {want} f64 operand(s), got {', '.join(t.name for t in ts)}")
    return [F64]


_def("math", None, _math_rule,
     doc="C-libm-style params['fn'] on f64 (pow here is C pow, no Python checks)")
# --- misc ----------------------------------------------------------------


def _select_rule(ts, params):
    c, a, b = ts
    if c != BOOL or a != b:
        _fail(f"select expects (bool, T, T), got ({c.name}, {a.name}, {b.name})")
    return [a]


_def("select", 3, _select_rule, doc="c ? a : b (both evaluated)")


def _const_rule(ts, params):
    t = params.get("type")
    v = params.get("value")
    if t not in SCALARS:
        _fail(f"const needs a scalar type, got {t!r}")
    ok = {I64: lambda: type(v) is int and -2**63 <= v < 2**63,
          F64: lambda: type(v) is float,
          BOOL: lambda: type(v) is bool}[t]()
    if not ok:
        _fail(f"const value {v!r} does not fit type {t.name}")
    return [t]


_def("const", 0, _const_rule, doc="params value= (Python int/float/bool), type=")


def _raise_if_rule(ts, params):
    if ts != [BOOL]:
        _fail("raise_if expects one bool operand")
    if not params.get("exc") or not isinstance(params.get("msg"), str):
        _fail("raise_if needs params exc= (exception name) and msg=")
    return []


_def("raise_if", 1, _raise_if_rule, pure=False,
     doc="raise params['exc'](params['msg']) when the operand is true")


def _call_rule(ts, params):
    # The verifier checks against the callee's signature; here only shape.
    if "fn" not in params or "results" not in params:
        _fail("call needs params fn= (function name) and results= (types)")
    return list(params["results"])


_def("call", None, _call_rule, ["*"], pure=False,
     doc="call IR function params['fn']; may raise whatever the callee raises")


def type_of(prim: str, ins: list[ScalarType], params: dict) -> list[ScalarType]:
    p = PRIMITIVES.get(prim)
    if p is None:
        raise TypeError(f"unknown primitive {prim!r}")
    if p.nin is not None and len(ins) != p.nin:
        raise TypeError(f"{prim} takes {p.nin} operand(s), got {len(ins)}")
    return p.rule(ins, params)
