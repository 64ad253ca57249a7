"""Python's numeric builtins on trace values: abs min max round int float bool
divmod pow len, and the math module (through `mathlib`).

Place in the pipeline: frontend value semantics, called by the tracer's call
handling (`calls.py`) for any callee that is not a Python function. With
known arguments the builtin runs in Python (constant folding; its run-time
exceptions become `TraceRaise`); otherwise IR is emitted with CPython's
semantics, including the order in which min/max pick equal or NaN items.

API: `call_builtin(fb, fn, args, kwargs, loc) -> trace value`, raising
`NotABuiltin` for a callee this module does not handle.
"""
from __future__ import annotations

import builtins as _py
import math
from typing import Any, Callable

from ..ir import BOOL, F64, I64, Var
from ..ir.messages import INT_OVERFLOW, zero_division
from ..intrinsics import is_intrinsic
from . import mathlib
from .folding import check_result, fold, is_known, type_check
from .operators import binary, compare, materialize, select, truth, value_type
from .values import E_TYPE, E_UNSTABLE_TYPE, E_UNSUPPORTED_CALL, TraceRaise, error, scalar_type


class NotABuiltin(Exception):
    """The callee is not a builtin this module knows."""


def _bind(loc, name: str, args: list, kwargs: dict, names: tuple[str, ...]) -> list:
    """Positional + keyword arguments as a positional list (missing: absent)."""
    args = list(args)
    for i, n in enumerate(names):
        if n in kwargs:
            if i < len(args):
                raise error(loc, f"{name}() got multiple values for argument {n!r}", "", E_TYPE)
            while len(args) < i:
                raise error(loc, f"{name}() missing argument {names[len(args)]!r}", "", E_TYPE)
            args.append(kwargs.pop(n))
    if kwargs:
        raise error(loc, f"{name}() got an unexpected keyword argument {next(iter(kwargs))!r}",
                    "", E_TYPE)
    return args


# --- abs, int, float, bool, len -------------------------------------------------------

def _abs(fb, x, loc):
    t = scalar_type(x)
    if t is BOOL:
        return materialize(fb, x, I64, loc)  # abs(True) == 1
    return fb.emit("abs", [x], loc=loc)  # OverflowError for abs(-2**63)


def _int(fb, x, loc):
    t = scalar_type(x)
    if t is I64:
        return x
    return fb.emit("convert", [x], {"to": I64}, loc=loc)  # int(float): NaN, inf raise


def _float(fb, x, loc):
    return materialize(fb, x, F64, loc)


def _bool(fb, x, loc):
    return truth(fb, x, loc)


# --- min, max --------------------------------------------------------------------------

def _minmax(fb, fn, args, kwargs, loc):
    name = fn.__name__
    if kwargs:
        raise error(loc, f"{name}() with key= or default= on run-time values is not "
                    "supported", f"compare the values yourself or use {name}(a, b, ...)",
                    E_UNSUPPORTED_CALL)
    type_check(fn, tuple(args), loc, f"{name}()")
    items = list(args[0]) if len(args) == 1 else list(args)  # one arg: a tuple (checked)
    if not items:  # max(()) : CPython's own message
        return fold(fn, tuple(args), loc)
    # CPython keeps the first maximal item: `item > best` (min: `<`) replaces it,
    # so max(nan, 1) is nan and max(1, nan) is 1.
    if all(scalar_type(v) is not None for v in items):  # numbers of any types
        from .typefork import min_max  # int or float by value: one continuation per type
        return min_max(fb, fn, items, loc)
    op = ">" if fn is _py.max else "<"
    best = items[0]
    for item in items[1:]:
        c = compare(fb, op, item, best, loc)
        if not isinstance(c, bool) and value_type(item) != value_type(best):
            raise _unstable(loc, name, item, best)
        best = select(fb, c, item, best, loc)
    return best


def _unstable(loc, name, a, b):
    ta, tb = value_type(a), value_type(b)
    if {ta, tb} == {I64, F64}:
        hint = "use 0.0 (a float constant) next to float values"
    elif BOOL in (ta, tb):
        hint = "bool and int are distinct types here; convert with int(b)"
    else:
        hint = "give all arguments the same type"
    return error(loc, f"the result of {name}() would be an int or a float depending on "
                 "run-time values" if {ta, tb} == {I64, F64} else
                 f"the result of {name}() has a type that depends on run-time values",
                 hint, E_UNSTABLE_TYPE)


# --- round -------------------------------------------------------------------------------

def _round(fb, args, kwargs, loc):
    args = _bind(loc, "round", args, kwargs, ("number", "ndigits"))
    if all(is_known(a) for a in args):
        return fold(round, tuple(args), loc)
    type_check(round, tuple(args), loc, "round()")
    x = args[0]
    nd = args[1] if len(args) > 1 else None
    t = scalar_type(x)
    if nd is None:
        if t is F64:  # round half to even, then int(): NaN and inf raise
            return fb.emit("convert", [fb.emit("nearest", [x], loc=loc)], {"to": I64}, loc=loc)
        return materialize(fb, x, I64, loc)
    if t is F64:  # decimal rounding, bit-exact (frontend/float_round.py)
        from .float_round import round_float
        return round_float(fb, materialize(fb, x, F64, loc), nd if not isinstance(nd, Var) and not isinstance(nd, bool)
                           else materialize(fb, nd, I64, loc), loc)
    x = materialize(fb, x, I64, loc)
    if not isinstance(nd, Var):
        return _round_int(fb, x, int(nd), loc)
    return _round_int_dynamic(fb, x, materialize(fb, nd, I64, loc), loc)


def _emitter(fb, loc):
    return lambda prim, *ins, **params: fb.emit(prim, list(ins), params or None, loc=loc)


def _round_to_multiple(fb, x: Var, m: Var, loc) -> Var:
    """x rounded to a multiple of m (10 <= m <= 10**18), half to even
    (CPython's _PyLong_DivmodNear); OverflowError if the result leaves int64."""
    e = _emitter(fb, loc)
    q = e("floordiv", x, m)
    r2 = e("mul", e("mod", x, m), fb.const(2))  # < 2 * 10**18: no overflow
    odd = e("eq", e("and", q, fb.const(1)), fb.const(1))
    up = e("or", e("gt", r2, m), e("and", e("eq", r2, m), odd))
    return e("mul", e("add", q, e("convert", up, to=I64)), m)


def _round_19(fb, x: Var, loc) -> None:
    """round(x, -19): +-10**19 (outside int64) when |x| > 5 * 10**18, else 0."""
    e = _emitter(fb, loc)
    big = e("or", e("gt", x, fb.const(5 * 10**18)), e("lt", x, fb.const(-5 * 10**18)))
    fb.raise_if(big, "OverflowError", INT_OVERFLOW, loc=loc)


def _round_int(fb, x: Var, nd: int, loc):
    """round(int, nd) with a known nd."""
    if nd >= 0:
        return x
    if nd < -19:  # 10**-nd / 2 exceeds every int64: always 0
        return 0
    if nd == -19:
        _round_19(fb, x, loc)
        return 0
    return _round_to_multiple(fb, x, fb.const(10**-nd), loc)


def _round_int_dynamic(fb, x: Var, nd: Var, loc) -> Var:
    """round(int, nd) with a run-time nd: branches on its range."""
    e = _emitter(fb, loc)
    done, neg, small, big = fb.new_block([I64]), fb.new_block(), fb.new_block(), fb.new_block()
    fb.cond_br(e("ge", nd, fb.const(0)), done, neg, [x], [])
    fb.set_block(neg)
    fb.cond_br(e("ge", nd, fb.const(-18)), small, big)
    fb.set_block(small)
    fb.br(done, [_round_to_multiple(fb, x, e("pow", fb.const(10), e("neg", nd)), loc)])
    fb.set_block(big)
    is19, not19 = fb.new_block(), fb.new_block()
    fb.cond_br(e("eq", nd, fb.const(-19)), is19, not19)
    fb.set_block(is19)
    _round_19(fb, x, loc)
    fb.br(done, [fb.const(0)])
    fb.set_block(not19)
    fb.br(done, [fb.const(0)])
    fb.set_block(done)
    return done.params[0]


# --- divmod, pow ---------------------------------------------------------------------------

def _divmod(fb, a, b, loc):
    type_check(divmod, (a, b), loc, "divmod()")
    tb = scalar_type(b)
    t = F64 if F64 in (scalar_type(a), tb) else I64
    if not isinstance(b, Var):
        if b == 0:
            raise TraceRaise("ZeroDivisionError", zero_division("divmod", t))
    else:  # divmod's own message ("float divmod()"), checked before // and %
        zero = compare(fb, "==", b, 0.0 if tb is F64 else 0, loc)
        fb.raise_if(zero, "ZeroDivisionError", zero_division("divmod", t), loc=loc)
    return (binary(fb, "//", a, b, loc), binary(fb, "%", a, b, loc))


def _pow(fb, args, kwargs, loc):
    args = _bind(loc, "pow", args, kwargs, ("base", "exp", "mod"))
    if all(is_known(a) for a in args):
        return fold(pow, tuple(args), loc)
    if len(args) == 3 and args[2] is not None:
        from .modpow import pow3
        type_check(pow, tuple(args), loc, "pow()")
        return pow3(fb, *args, loc)
    if len(args) not in (2, 3):
        type_check(pow, tuple(args), loc, "pow()")
    return binary(fb, "**", args[0], args[1], loc)


def _len(fb, x, loc):
    if isinstance(x, tuple):
        return len(x)
    return fold(len, (x,), loc)  # a known object, or a TypeError for numbers


# --- py2wasm.intrinsics ------------------------------------------------------------------

def _intrinsic(fb, fn, args, kwargs, loc):
    """An intrinsic folds on known arguments (its CPython implementation) and
    otherwise is its IR primitive on materialized operands."""
    from ..ir.primitives import PRIMITIVES
    if fn.prim == "raise_if_fmt":
        return _raise_if(fb, args, kwargs, loc)
    prim = PRIMITIVES[fn.prim]
    if kwargs or len(args) != prim.nin:
        raise error(loc, f"{fn.name}() takes {prim.nin} positional argument(s)", "", E_TYPE)
    if all(is_known(a) for a in args):
        return check_result(fold(fn.py, tuple(args), loc))
    ins = []
    for a in args:
        t = scalar_type(a)
        want = I64 if fn.prim == "f64_from_bits" else F64
        if t is not want:
            raise error(loc, f"{fn.name}() takes {want.pyname}, got {t.pyname if t else a!r}",
                        "", E_TYPE)
        ins.append(a)
    return fb.emit(fn.prim, ins, loc=loc)


def _raise_if(fb, args, kwargs, loc):
    """py2wasm.intrinsics.raise_if(cond, Exc, template, *ints)."""
    from .opcodes_control import raisable
    if kwargs or len(args) < 3 or not isinstance(args[2], str) or \
            not (isinstance(args[1], type) and issubclass(args[1], BaseException)
                 and raisable(args[1])):
        raise error(loc, "raise_if() takes (cond, exception class, message template, *ints) "
                    "with the class and the template known when compiling", "", E_TYPE)
    cond, exc, template, vals = args[0], args[1].__name__, args[2], list(args[3:])
    if any(scalar_type(v) is not I64 for v in vals):
        raise error(loc, "raise_if() message arguments must be ints", "", E_TYPE)
    if is_known(cond):
        if not cond:
            return None
        if all(is_known(v) for v in vals):
            raise TraceRaise(exc, template.format(*vals))
        cond = fb.const(True, BOOL)
    elif scalar_type(cond) is not BOOL:
        raise error(loc, "raise_if() condition must be a bool", "", E_TYPE)
    ins = [cond] + [v if isinstance(v, Var) else fb.const(int(v), I64) for v in vals]
    fb.emit_multi("raise_if_fmt", ins, {"exc": exc, "msg": template}, loc=loc)
    return None


# --- dispatch ------------------------------------------------------------------------------

_ONE_ARG: dict[Callable, Callable] = {_py.abs: _abs, _py.int: _int, _py.float: _float,
                                      _py.bool: _bool, _py.len: _len}


def _has_steps() -> bool:
    try:
        math.nextafter(0.0, 1.0, steps=1)
    except TypeError:
        return False
    return True


def call_builtin(fb, fn: Any, args: list, kwargs: dict, loc) -> Any:
    """`fn(*args, **kwargs)` for a supported builtin or math function."""
    if is_intrinsic(fn):  # py2wasm.intrinsics: one IR primitive each
        return _intrinsic(fb, fn, args, kwargs, loc)
    if fn is _py.complex or fn in _COMPLEX_AWARE:
        from . import complexes
        r = complexes.call_builtin(fb, fn, args, kwargs, loc)
        if r is not NotImplemented:
            return r
    if mathlib.is_math_function(fn):
        if fn is math.isclose:  # keyword tolerances (frontend/pymath_floats.py)
            from .pymath_floats import isclose
            return isclose(fb, list(args), kwargs, loc)
        if fn is math.nextafter and set(kwargs) == {"steps"} and len(args) == 2 \
                and _has_steps():  # Python 3.12+
            from .pymath_floats import nextafter_steps
            return nextafter_steps(fb, [*args, kwargs["steps"]], loc)
        if kwargs:
            raise error(loc, f"math.{fn.__name__}() takes no keyword arguments", "", E_TYPE)
        return mathlib.call_math(fb, fn, list(args), loc)
    try:
        known = fn in _HANDLED
    except TypeError:  # unhashable callee
        raise NotABuiltin(fn) from None
    if not known:
        raise NotABuiltin(fn)
    if fn is _py.round:
        return _round(fb, args, kwargs, loc)
    if fn is _py.pow:
        return _pow(fb, args, kwargs, loc)
    if all(is_known(a) for a in args) and all(is_known(v) for v in kwargs.values()):
        return check_result(fold(lambda: fn(*args, **kwargs), (), loc))
    if fn in (_py.min, _py.max):
        return _minmax(fb, fn, args, kwargs, loc)
    if kwargs or len(args) != (2 if fn is _py.divmod else 1):
        type_check(lambda *a: fn(*a, **kwargs), tuple(args), loc, f"{fn.__name__}()")
        raise error(loc, f"this call of {fn.__name__}() is not supported with run-time values",
                    "pass the arguments positionally", E_UNSUPPORTED_CALL)
    if fn is _py.divmod:
        return _divmod(fb, args[0], args[1], loc)
    x = args[0]
    if fn is not _py.len and fn is not _py.bool:
        type_check(fn, (x,), loc, f"{fn.__name__}()")
    if fn is not _py.len and isinstance(x, tuple):
        raise error(loc, f"{fn.__name__}() of a tuple is not supported", "", E_TYPE)
    return _ONE_ARG[fn](fb, x, loc)


_COMPLEX_AWARE = {_py.abs, _py.pow, _py.bool}
_HANDLED = {_py.abs, _py.min, _py.max, _py.round, _py.int, _py.float, _py.bool,
            _py.divmod, _py.pow, _py.len}

__all__ = ["call_builtin", "NotABuiltin"]
