"""NumPy scalars during tracing: numpy.float64, float32, int64, int32, int16,
int8, uint64, uint32, uint16, uint8 and bool_ as values, with NumPy 2's semantics.

Place in the pipeline: frontend value semantics, called by `operators`
(operators on NumPy scalars), `calls` (builtins on them), `nplib`
(constructors such as `np.float32(x)`, ufuncs on scalars), `arrays` (array
elements and NumPy scalars inside array expressions) and `state` (block
versions). A NumPy scalar is either known (the NumPy object itself, folded
by NumPy) or an `NpScalar` (values.py): a dtype and an IR value in the
dtype's compute type.

Semantics are those of a NumPy ufunc applied to 0-d operands, which is what
NumPy 2's scalar arithmetic computes:
- promotion by NEP 50: NumPy scalars are strong, Python int/float/bool weak
  (`np.float32(1) * 2.0` is float32, `np.int8(1) + np.int16(1)` int16); the
  loop is chosen by NumPy itself (`ufunc.resolve_dtypes`);
- a Python int that does not fit the integer dtype it combines with raises
  OverflowError ("Python integer 300 out of bounds for int8"), except in
  comparisons, which are exact (`np.int8(3) < 300` is True);
- integer arithmetic wraps around (NumPy also warns, RuntimeWarning: a
  warning is not an exception, compiled code does not warn); integer `//`
  and `%` by zero give 0; float division by zero gives inf/nan;
- float32 arithmetic is rounded to float32 after every operation.
Builtins that return Python numbers (`float`, `int`, `bool`, `range`,
`math.*`, indices) see a NumPy scalar as its Python value (`demote`).
"""
from __future__ import annotations

import math
import operator
import warnings
from typing import Any

import numpy as np

from ..ir import BOOL, DTYPES, F64, I64, Var
from ..ir.types import INT_BITS, PY_TYPE
from .values import (E_TYPE, E_UNSUPPORTED_CALL, E_UNSUPPORTED_VALUE, NpScalar, TraceRaise,
                     error, scalar_type)

# dtype name -> NumPy scalar type, for every dtype arrays may hold
NP_TYPES = {d: np.dtype(d).type for d in DTYPES}
_BY_TYPE = {t: d for d, t in NP_TYPES.items()}
_PY_DTYPE = {I64: "int64", F64: "float64", BOOL: "bool"}  # a Python scalar alone


def is_np(v: Any) -> bool:
    """A NumPy scalar py2wasm computes with (known or symbolic)?"""
    return type(v) is NpScalar or type(v) in _BY_TYPE


def is_unsupported_np(v: Any) -> bool:
    """A known NumPy scalar of a type py2wasm does not compute with (uint64,
    float16, complex... : a located error rather than a wrong answer)."""
    return isinstance(v, np.generic) and type(v) not in _BY_TYPE and \
        type(v) not in (np.complex128, np.complex64)  # complex_scalars.py


def dtype_name(v: Any) -> str:
    return v.dtype if type(v) is NpScalar else _BY_TYPE[type(v)]


def np_type(v: Any):
    return NP_TYPES[dtype_name(v)]


def type_name(dtype: str) -> str:
    """How NumPy spells the scalar type: numpy.float32, numpy.bool."""
    return f"numpy.{NP_TYPES[dtype].__name__}"


def compute_value(v: Any):
    """A known NumPy scalar as a Python number of its compute type (exact;
    a uint64 as its bits in an int64)."""
    x = PY_TYPE[DTYPES[dtype_name(v)].compute](v.item() if isinstance(v, np.generic) else v)
    if type(v) is np.uint64 and x >= 2**63:
        x -= 2**64
    return x


def var_of(fb, v: Any) -> Var:
    """The IR value (compute type) of a NumPy scalar."""
    if type(v) is NpScalar:
        return v.var
    d = DTYPES[dtype_name(v)]
    return fb.const(compute_value(v), d.compute)


def make(dtype: str, x: Any) -> Any:
    """The NumPy scalar of `dtype` whose compute value is `x` (a Var, or a
    known Python number within the dtype)."""
    if isinstance(x, Var):
        return NpScalar(dtype, x)
    if dtype == "uint64" and x < 0:  # its bits
        x += 2**64
    return NP_TYPES[dtype](x)


def demote(v: Any, fb=None, loc=None) -> Any:
    """A NumPy scalar as the Python number of the same value (float, int,
    bool; `float(np.float32(x))` is exact). Anything else unchanged. A
    uint64 from 2**63 up does not fit py2wasm's int: OverflowError (`fb`
    emits the check; without it such a value is refused)."""
    if type(v) is NpScalar:
        if v.dtype == "uint64":
            if fb is None:
                raise error(loc, "a numpy.uint64 cannot be used as a Python int here",
                            "convert it explicitly: int(x)", E_TYPE)
            from ..ir.messages import INT_OVERFLOW
            fb.raise_if(fb.emit("lt", [v.var, fb.const(0, I64)]), "OverflowError",
                        INT_OVERFLOW, loc)
        return v.var
    if type(v) in _BY_TYPE:
        if type(v) is np.uint64 and v >= 2**63:
            raise TraceRaise("OverflowError", "integer overflow: the result does not fit in "
                             "a 64-bit int")
        return compute_value(v)
    return v


def as_float(fb, v: Any, loc) -> Any:
    """float(v) of a NumPy scalar (uint64: converted as unsigned)."""
    if type(v) is NpScalar and v.dtype == "uint64":
        from .unsigned import to_f64
        return to_f64(fb, v.var)
    if type(v) is np.uint64:
        return float(v)
    return demote(v, fb, loc)


def unsupported(v, loc):
    return error(loc, f"numpy.{type(v).__name__} scalars are not supported",
                 "use float64, float32, int64, int32, int16, int8, uint64, uint32, uint16, uint8 or "
                 "bool_ scalars (convert with e.g. np.float64(x))", E_UNSUPPORTED_VALUE)


def _check_operand(v, loc, what):
    if is_np(v) or scalar_type(v) is not None:
        return
    if is_unsupported_np(v):
        raise unsupported(v, loc)
    raise error(loc, f"{what} on a NumPy scalar and a {type(v).__name__} is not supported",
                "combine NumPy scalars with numbers or arrays", E_TYPE)


def _fold(fn, args, loc):
    """`fn(*args)` on known NumPy scalars/numbers, by NumPy (its warnings
    silenced: compiled code wraps around without warning)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"):
                r = fn(*args)
    except (ZeroDivisionError, ValueError, OverflowError) as e:
        raise TraceRaise(type(e).__name__, str(e)) from None
    except TypeError as e:
        raise error(loc, str(e), "check the operand types", E_TYPE) from None
    if isinstance(r, np.generic) and not is_np(r):
        raise unsupported(r, loc)
    return r


# --- NumPy's loop for an operation on scalars ---------------------------------------------

def weak(t):
    """A Python scalar type for NumPy's resolution: int and float are weak
    (NEP 50); bool is numpy.bool_."""
    return np.dtype(bool) if t is BOOL else PY_TYPE[t]


def loop_for(ufunc, operands, loc):
    """(input dtypes, output dtype) of NumPy's loop for `ufunc` on these
    scalar operands: NumPy scalars strong, Python scalars weak (NEP 50)."""
    spec = tuple(np.dtype(dtype_name(v)) if is_np(v) else weak(scalar_type(v))
                 for v in operands)
    try:
        res = ufunc.resolve_dtypes(spec + (None,) * ufunc.nout)
    except Exception as e:  # noqa: BLE001 - NumPy's TypeError / UFuncTypeError
        if isinstance(e, TypeError):  # NumPy raises it when the operation runs
            raise TraceRaise("TypeError", str(e)) from None
        names = ", ".join(type_name(dtype_name(v)) if is_np(v) else scalar_type(v).pyname
                          for v in operands)
        raise error(loc, f"numpy.{ufunc.__name__} on {names} is not supported: {e}",
                    "convert the operands first, e.g. np.float64(x)", E_TYPE) from None
    names = [d.name for d in res]
    for n in names:
        if n not in DTYPES:
            raise error(loc, f"numpy.{ufunc.__name__} here computes in {n}, which is not "
                        "supported", "convert the operands first, e.g. np.int64(x) or "
                        "np.float64(x)", E_TYPE)
    return tuple(names[:ufunc.nin]), names[ufunc.nin]


def apply_ufunc(fb, ufunc, operands, loc):
    """`ufunc(*operands)` on scalars, at least one a NumPy scalar (or all
    Python scalars: NumPy's ufuncs give NumPy scalars): a NumPy scalar."""
    from . import arrays
    from .ufuncs import apply
    if all(not isinstance(v, (Var, NpScalar)) for v in operands):
        return _fold(ufunc, tuple(operands), loc)
    loops, res = loop_for(ufunc, operands, loc)
    vals = []
    for v, dt in zip(operands, loops):
        if is_np(v):
            x, src = var_of(fb, v), dtype_name(v)
        else:
            arrays.check_weak_int(fb, v, dt, loc)
            t = scalar_type(v)
            x, src = (v if isinstance(v, Var) else fb.const(v, t)), _PY_DTYPE[t]
        vals.append(arrays.cast(fb, x, src, dt, loc))
    return NpScalar(res, apply(fb, ufunc.__name__, loops, res, vals, loc))


# --- operators -------------------------------------------------------------------------------

_PYOPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
          "//": operator.floordiv, "%": operator.mod, "**": operator.pow,
          "&": operator.and_, "|": operator.or_, "^": operator.xor,
          "<<": operator.lshift, ">>": operator.rshift}
_PYCMP = {"<": operator.lt, "<=": operator.le, "==": operator.eq, "!=": operator.ne,
          ">": operator.gt, ">=": operator.ge}
_CMP_PRIM = {"<": "lt", "<=": "le", "==": "eq", "!=": "ne", ">": "gt", ">=": "ge"}


def binary(fb, op: str, a: Any, b: Any, loc) -> Any:
    """`a op b` where a or b is a NumPy scalar and neither is an array."""
    from .array_ops import BINARY_UFUNCS
    for v in (a, b):
        _check_operand(v, loc, f"operator {op}")
    if not isinstance(a, (Var, NpScalar)) and not isinstance(b, (Var, NpScalar)):
        return _fold(_PYOPS[op], (a, b), loc)
    ufunc = BINARY_UFUNCS.get(op)
    if ufunc is None:
        raise error(loc, f"operator {op} on NumPy scalars is not supported", "", E_TYPE)
    return apply_ufunc(fb, ufunc, [a, b], loc)


def compare(fb, op: str, a: Any, b: Any, loc) -> Any:
    """`a op b` with a NumPy scalar: a numpy.bool_."""
    from .array_ops import COMPARE_UFUNCS
    for v in (a, b):
        if not (is_np(v) or scalar_type(v) is not None):
            if op in ("==", "!=") and not is_unsupported_np(v):
                return op == "!="  # a number against None, a str...: never equal
            _check_operand(v, loc, f"comparison {op}")
    if not isinstance(a, (Var, NpScalar)) and not isinstance(b, (Var, NpScalar)):
        return _fold(_PYCMP[op], (a, b), loc)
    # NumPy 2 compares an integer NumPy scalar with a Python int exactly,
    # whatever its size (no OverflowError): in i64 here.
    kinds = [(dtype_name(v) in INT_BITS) if is_np(v) else scalar_type(v) is I64
             for v in (a, b)]
    weak_int = any(not is_np(v) and scalar_type(v) is I64 for v in (a, b))
    if all(kinds) and weak_int:
        x, y = (var_of(fb, v) if is_np(v) else (v if isinstance(v, Var) else fb.const(v, I64))
                for v in (a, b))
        r = fb.emit(_CMP_PRIM[op], [x, y], loc=loc)
        u = next((i for i, v in enumerate((a, b)) if is_np(v) and dtype_name(v) == "uint64"),
                 None)
        if u is not None:  # a uint64 from 2**63 up is above every int64
            big = fb.emit("lt", [(x, y)[u], fb.const(0, I64)])
            above = _PYCMP[op](1, 0) if u == 0 else _PYCMP[op](0, 1)
            r = fb.emit("select", [big, fb.const(above, BOOL), r])
        return NpScalar("bool", r)
    return apply_ufunc(fb, COMPARE_UFUNCS[op], [a, b], loc)


def unary(fb, op: str, a: Any, loc) -> Any:
    from .array_ops import UNARY_UFUNCS
    if op == "not":
        t = truth(fb, a, loc)
        return (not t) if not isinstance(t, Var) else fb.emit("not", [t], loc=loc)
    if type(a) is not NpScalar:
        return _fold({"-": operator.neg, "+": operator.pos, "~": operator.invert}[op], (a,), loc)
    return apply_ufunc(fb, UNARY_UFUNCS[op], [a], loc)


def truth(fb, v: Any, loc) -> Any:
    """bool(v) of a NumPy scalar (NaN is true, as in NumPy)."""
    if type(v) is not NpScalar:
        return bool(v)
    x = v.var
    return x if x.type is BOOL else fb.emit("convert", [x], {"to": BOOL}, loc=loc)


def select(fb, c, a, b, loc):
    """`a if c else b` of two NumPy scalars of one dtype."""
    d = dtype_name(a)
    if not is_np(b) or dtype_name(b) != d:
        return None
    return NpScalar(d, fb.emit("select", [c, var_of(fb, a), var_of(fb, b)], loc=loc))


# --- constructors: np.float32(x), np.int16(x), np.bool_(x) ----------------------------------

def construct(fb, dtype: str, x: Any, loc) -> Any:
    """`numpy.<dtype>(x)` of a number or NumPy scalar, as NumPy 2 does it: a
    NumPy scalar is cast (C casts: wrap-around, float -> int truncates); a
    Python int must fit the dtype (OverflowError), a Python float is
    truncated to an int first (ValueError for NaN, OverflowError for inf)."""
    from . import arrays
    if not isinstance(x, (Var, NpScalar)):
        if not (is_np(x) or scalar_type(x) is not None):
            if is_unsupported_np(x):
                raise unsupported(x, loc)
            raise error(loc, f"{type_name(dtype)}() of a {type(x).__name__} is not supported",
                        "pass a number", E_TYPE)
        return _fold(NP_TYPES[dtype], (x,), loc)
    if type(x) is NpScalar:
        return NpScalar(dtype, arrays.cast(fb, x.var, x.dtype, dtype, loc))
    t = x.type
    if dtype == "bool":
        return NpScalar(dtype, x if t is BOOL else fb.emit("convert", [x], {"to": BOOL},
                                                               loc=loc))
    if DTYPES[dtype].compute is F64:
        return NpScalar(dtype, arrays.cast(fb, x, _PY_DTYPE[t], dtype, loc))
    if t is BOOL:
        return NpScalar(dtype, fb.emit("convert", [x], {"to": I64}, loc=loc))
    if t is F64 and dtype == "uint64":
        return NpScalar(dtype, _float_to_uint64(fb, x, loc))
    if t is F64:  # int(x) first: NaN -> ValueError, inf -> OverflowError
        inside = fb.emit("and", [fb.emit("ge", [x, fb.const(-2.0**63)]),
                                 fb.emit("lt", [x, fb.const(2.0**63)])])
        huge = fb.emit("and", [fb.emit("isfinite", [x]), fb.emit("not", [inside])])
        fb.raise_if(huge, "OverflowError", "Python int too large to convert to C long", loc)
        x = fb.emit("convert", [x], {"to": I64}, loc=loc)
    arrays.check_weak_int(fb, x, dtype, loc)
    return NpScalar(dtype, x)


def _float_to_uint64(fb, x, loc):
    """numpy.uint64(x) of a Python float: int(x) (NaN: ValueError, inf:
    OverflowError), which must be in [0, 2**64)."""
    from .unsigned import from_f64
    fb.raise_if(fb.emit("isnan", [x]), "ValueError", "cannot convert float NaN to integer", loc)
    fb.raise_if(fb.emit("isinf", [x]), "OverflowError", "cannot convert float infinity to integer",
                loc)
    huge = fb.emit("or", [fb.emit("ge", [x, fb.const(2.0**64)]),
                          fb.emit("le", [x, fb.const(-2.0**63 - 2048)])])
    fb.raise_if(huge, "OverflowError", "Python int too large to convert to C long", loc)
    t = fb.emit("trunc", [x])
    neg = fb.emit("lt", [t, fb.const(0.0)])
    fb.emit_multi("raise_if_fmt", [neg, fb.emit("ftoi", [t])],
                  {"exc": "OverflowError", "msg": "Python integer {0} out of bounds for uint64"},
                  loc=loc)
    return from_f64(fb, x)


# --- builtins on NumPy scalars ---------------------------------------------------------------

_NO = object()


def _operand_name(v) -> str:
    """How CPython names an operand's type in a TypeError."""
    if is_np(v):
        return type_name(dtype_name(v))
    t = scalar_type(v)
    return t.pyname if t is not None else type(v).__name__


def call_builtin(fb, fn, args, kwargs, loc):
    """Builtins whose result on NumPy scalars is a NumPy scalar (abs, min,
    max, pow, divmod, round with digits); `_NO` for the others, which see
    the Python values (`demote`)."""
    if len(args) >= 1 and is_np(args[0]) and (
            (fn is math.trunc and dtype_name(args[0]) != "float64")  # only float64 is a float
            or (fn is round and dtype_name(args[0]) == "bool")):
        raise TraceRaise("TypeError", f"type {type_name(dtype_name(args[0]))} doesn't define "
                         f"__{fn.__name__}__ method")
    if fn is bool and len(args) == 1 and not kwargs and is_np(args[0]):
        return truth(fb, args[0], loc)  # a uint64 from 2**63 up too (no Python int)
    if fn is float and len(args) == 1 and not kwargs and is_np(args[0]):
        if isinstance(args[0], np.generic):
            return float(args[0])
        x = as_float(fb, args[0], loc)  # exact for every uint64 too
        if isinstance(x, Var) and x.type is not F64:  # float(np.int64 / np.bool_): a float
            x = fb.emit("convert", [x], {"to": F64}, loc=loc)
        return x
    if fn is abs and len(args) == 1 and not kwargs:
        if type(args[0]) is not NpScalar:
            return _fold(abs, (args[0],), loc)
        return apply_ufunc(fb, np.absolute, [args[0]], loc)
    if fn is pow and len(args) == 3 and args[2] is None and not kwargs:
        args = args[:2]
    if fn is pow and len(args) == 2 and not kwargs:
        return binary(fb, "**", args[0], args[1], loc)
    if fn is pow and len(args) == 3 and not kwargs:  # NumPy scalars have no modular pow
        names = ", ".join(f"'{_operand_name(a)}'" for a in args)
        raise TraceRaise("TypeError", f"unsupported operand type(s) for ** or pow(): {names}")
    if fn is divmod and len(args) == 2 and not kwargs:
        return (binary(fb, "//", args[0], args[1], loc), binary(fb, "%", args[0], args[1], loc))
    if fn in (min, max) and not kwargs:
        items = list(args[0]) if len(args) == 1 and isinstance(args[0], tuple) else list(args)
        if not items or not all(is_np(v) or scalar_type(v) is not None for v in items):
            raise error(loc, f"{fn.__name__}() of NumPy scalars and other values is not "
                        "supported", "pass numbers or NumPy scalars", E_TYPE)
        from .typefork import min_max
        return min_max(fb, fn, items, loc)
    if fn is round and len(args) == 2 and args[1] is not None:
        raise error(loc, "round() of a NumPy scalar with ndigits is not supported",
                    "use round(float(x), n) (Python's rounding) or np.round on an array",
                    E_UNSUPPORTED_CALL)
    return _NO


# --- attributes and methods ----------------------------------------------------------------

class ScalarMethod:
    """`x.name` for a method of a NumPy scalar, waiting for its call."""
    __slots__ = ("obj", "name")

    def __init__(self, obj, name):
        self.obj = obj
        self.name = name


_METHODS = ("item", "tolist", "astype", "conjugate", "conj")


def attribute(v: Any, name: str, loc) -> Any:
    """`x.name` of a NumPy scalar: real, imag, dtype, ndim, shape, itemsize,
    nbytes and the methods item(), tolist(), astype(), conjugate()."""
    d = dtype_name(v)
    if name == "real":
        return v
    if name == "imag":
        return NP_TYPES[d](0)
    if name == "dtype":
        return np.dtype(d)
    if name in ("itemsize", "nbytes"):
        return DTYPES[d].size
    if name == "ndim":
        return 0
    if name == "shape":
        return ()
    if name in _METHODS:
        return ScalarMethod(v, name)
    raise error(loc, f"attribute {name!r} of a {type_name(d)} is not supported",
                "NumPy scalars support real, imag, dtype, item(), astype() and operators",
                E_TYPE)


def call_method(fb, m: ScalarMethod, args, kwargs, loc) -> Any:
    v, name = m.obj, m.name
    if name in ("item", "tolist", "conjugate", "conj"):
        if args or kwargs:
            raise error(loc, f"{name}() of a NumPy scalar takes no arguments", "", E_TYPE)
        return v if name in ("conjugate", "conj") else demote(v, fb, loc)
    # astype(dtype): NumPy's (unsafe) C cast, like an array's astype
    if len(args) != 1 or kwargs:
        raise error(loc, "astype() of a NumPy scalar takes one dtype argument", "", E_TYPE)
    from .npargs import dtype_arg
    return cast_to(fb, v, dtype_arg(args[0], loc), loc)


def stored_unsafe(fb, v: Any, dtype: str, loc) -> Any:
    """A value stored with NumPy's unsafe casting into a `dtype` array: a
    NumPy scalar is C-cast first (`cast_to`); anything else, and complex
    targets, are left to the store's own rules."""
    if is_np(v) and not dtype.startswith("complex"):
        return cast_to(fb, v, dtype, loc)
    return v


def cast_to(fb, v: Any, dtype: str, loc) -> Any:
    """The NumPy scalar `v` cast to `dtype` as C casts it (NumPy's unsafe
    casting: `v.astype(dtype)`, and how `np.full`, `np.insert`,
    `np.fill_diagonal` store a NumPy scalar: wrap-around, a NaN or an
    out-of-range float to the int minimum on x86), never an exception."""
    if dtype_name(v) == dtype:
        return v
    if type(v) is not NpScalar:
        return _fold(lambda: v.astype(dtype), (), loc)
    from . import arrays
    return NpScalar(dtype, arrays.cast(fb, v.var, v.dtype, dtype, loc))
