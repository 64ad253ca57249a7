"""Python's operators on trace values: binary arithmetic and bitwise
operators, comparisons (tuples included), unary operators, truthiness and
the implicit numeric conversions.

Place in the pipeline: frontend value semantics, called by the bytecode
tracer (`opcodes`, `tracer`) and by `builtins`/`mathlib`. Operands are trace
values (docs/internals.md section 1): known Python objects, `ir.Var`s or
tuples of both. Known operands are folded by Python (no IR is emitted);
otherwise the known ones are materialized with `fb.const` and one typed IR
primitive is emitted. The primitives already have Python semantics
(`ir/primitives.py`): this module only chooses and types them.

API: `binary(fb, op, a, b, loc)`, `compare(fb, op, a, b, loc)`,
`unary(fb, op, a, loc)`, `truth(fb, v, loc)`, `coerce(fb, v, t, loc)`, and
the helpers `materialize(fb, v, t, loc)`, `select(fb, c, a, b, loc)`,
`logical_and(fb, a, b)`, `logical_not(fb, a)`.
"""
from __future__ import annotations

import math
import operator
from typing import Any

from ..ir import BOOL, F64, I64, ScalarType, Var
from ..ir.messages import INT_OVERFLOW
from ..ir.types import PY_TYPE
from .folding import check_result, fits_int64, fold, is_known, sample, type_check, type_error
from .values import (E_TYPE, E_UNSTABLE_TYPE, E_UNSUPPORTED_OPCODE, E_UNSUPPORTED_VALUE,
                     NpScalar, TraceRaise, error, is_complex, scalar_type)
from . import npscalars as nps

BINARY = {"+": ("add", operator.add), "-": ("sub", operator.sub), "*": ("mul", operator.mul),
          "/": ("truediv", operator.truediv), "//": ("floordiv", operator.floordiv),
          "%": ("mod", operator.mod), "**": ("pow", operator.pow), "&": ("and", operator.and_),
          "|": ("or", operator.or_), "^": ("xor", operator.xor),
          "<<": ("shl", operator.lshift), ">>": ("shr", operator.rshift)}
COMPARE = {"<": ("lt", operator.lt), "<=": ("le", operator.le), "==": ("eq", operator.eq),
           "!=": ("ne", operator.ne), ">": ("gt", operator.gt), ">=": ("ge", operator.ge)}
UNARY = {"-": ("neg", operator.neg), "+": (None, operator.pos), "~": ("invert", operator.invert)}
BITWISE = ("&", "|", "^")
INT_ONLY = ("&", "|", "^", "<<", ">>")
# Implicit numeric conversions (Python's own promotions): bool -> int -> float.
_WIDER = {(BOOL, I64), (BOOL, F64), (I64, F64)}
MAX_TUPLE = 4096  # longest tuple built by repetition


def _arrays():
    from . import arrays
    return arrays


def _array_ops():
    from . import array_ops
    return array_ops


def _complexes():
    from . import complexes
    return complexes


def _npcx():
    from . import complex_scalars
    return complex_scalars


class _Tr:
    """The part of a FunctionTracer the array code needs (its builder)."""
    __slots__ = ("fb",)

    def __init__(self, fb):
        self.fb = fb


def _tracer(fb):
    """The FunctionTracer building `fb` (complex loops call library
    functions through it), else a stand-in holding the builder."""
    return getattr(fb, "tracer", None) or _Tr(fb)


# --- materialization and conversions ------------------------------------------------

def materialize(fb, v: Any, t: ScalarType, loc) -> Var:
    """Trace value `v` (a number or Var) as a Var of type `t`, converting
    implicitly (bool -> int -> float) like Python's arithmetic does. A NumPy
    scalar counts as the Python number of its value."""
    v = nps.as_float(fb, v, loc) if t is F64 else nps.demote(v, fb, loc)
    if isinstance(v, Var):
        if v.type is t:
            return v
        if (v.type, t) not in _WIDER:
            raise _not_implicit(v.type, t, loc)
        return fb.emit("convert", [v], {"to": t}, loc=loc)
    st = scalar_type(v)
    if st is None:
        raise error(loc, f"a {type(v).__name__} cannot be used as a {t.pyname}",
                    "use a number", E_TYPE)
    if st is not t and (st, t) not in _WIDER:
        raise _not_implicit(st, t, loc)
    if t is F64:
        value = fold(float, (v,), loc)  # float(10**400) raises OverflowError
    else:
        value = PY_TYPE[t](v)
    if t is I64 and not fits_int64(value):
        raise error(loc, f"the int {value} does not fit in 64 bits", "py2wasm ints are 64-bit",
                    E_UNSUPPORTED_VALUE)
    return fb.const(value, t)


def _not_implicit(src: ScalarType, t: ScalarType, loc):
    if t is I64 and src is F64:
        hint = "convert explicitly: int(x), round(x) or math.floor(x)"
    elif t is BOOL:
        hint = "compare explicitly, e.g. x != 0"
    else:
        hint = "convert explicitly"
    return error(loc, f"a {src.pyname} is used where a {t.pyname} is expected (no implicit "
                 "conversion)", hint, E_UNSTABLE_TYPE)


def coerce(fb, v: Any, t: ScalarType, loc) -> Var:
    """`v` as an IR value of type `t` (bool -> int/float, int -> float only)."""
    if isinstance(v, tuple):
        raise error(loc, f"a tuple is used where a {t.pyname} is expected", "", E_UNSTABLE_TYPE)
    return materialize(fb, v, t, loc)


def _emit(fb, prim: str, ins: list, loc, **params) -> Var:
    return fb.emit(prim, ins, params or None, loc=loc)


# --- boolean helpers ---------------------------------------------------------------------

def logical_not(fb, a: Any, loc=None) -> Any:
    return (not a) if not isinstance(a, Var) else fb.emit("not", [a], loc=loc)


def logical_and(fb, a: Any, b: Any, loc=None) -> Any:
    """`a and b` on bool trace values (known bools fold)."""
    if a is False or b is False:
        return False
    if a is True:
        return b
    if b is True:
        return a
    return fb.emit("and", [a, b], loc=loc)


def _same_known(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if type(a) is float:
        return math.copysign(1.0, a) == math.copysign(1.0, b) and (a == b or a != a and b != b)
    return a == b


def value_type(v: Any):
    """A hashable description of a trace value's Python type (tuples nested)."""
    if isinstance(v, tuple):
        return tuple(value_type(x) for x in v)
    if nps.is_np(v):
        return ("numpy", nps.dtype_name(v))
    if _npcx().is_npcx(v):
        return ("numpy", _npcx().dtype_name(v))
    return scalar_type(v) or type(v)


def select(fb, c: Any, a: Any, b: Any, loc) -> Any:
    """`a if c else b` for trace values of one type (tuples elementwise)."""
    if c is True:
        return a
    if c is False:
        return b
    if a is b or (is_known(a) and not isinstance(a, tuple) and _same_known(a, b)):
        return a
    if nps.is_np(a) or nps.is_np(b):
        r = nps.select(fb, c, a, b, loc) if nps.is_np(a) else None
        if r is not None:
            return r
    if _npcx().involved(a, b):
        r = _npcx().select(fb, c, a, b, loc)
        if r is not None:
            return r
    if isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b):
        return tuple(select(fb, c, x, y, loc) for x, y in zip(a, b))
    if is_complex(a) or is_complex(b):
        return _complexes().select(fb, c, a, b, loc)
    ta, tb = scalar_type(a), scalar_type(b)
    if ta is None or ta is not tb:
        raise error(loc, f"the value is {_tname(a)} or {_tname(b)} depending on run-time "
                    "values", "make both alternatives the same type (e.g. use 0.0 for a float)",
                    E_UNSTABLE_TYPE)
    if ta is BOOL and is_known(a) and is_known(b):  # a != b here
        return c if a else logical_not(fb, c, loc)
    return fb.emit("select", [c, materialize(fb, a, ta, loc), materialize(fb, b, ta, loc)],
                   loc=loc)


def _tname(v: Any) -> str:
    if is_complex(v):
        return "complex"
    if isinstance(v, tuple):
        return "tuple[" + ", ".join(_tname(x) for x in v) + "]"
    if nps.is_np(v):
        return nps.type_name(nps.dtype_name(v))
    t = scalar_type(v)
    return t.pyname if t is not None else type(v).__name__


# --- binary operators --------------------------------------------------------------------

def _fold_binary(op: str, a: Any, b: Any, loc) -> Any:
    # Guard operations Python would spend a very long time on.
    if type(a) in (int, bool) and type(b) in (int, bool):
        if op == "**" and b > 64 and abs(a) >= 2:
            raise TraceRaise("OverflowError", INT_OVERFLOW)
        if op == "<<" and b > 64 and a != 0:
            raise TraceRaise("OverflowError", INT_OVERFLOW)
    if op == "*" and (isinstance(a, (tuple, str)) or isinstance(b, (tuple, str))):
        _check_repeat(op, a, b, loc)
    return fold(BINARY[op][1], (a, b), loc)


def _check_repeat(op, a, b, loc):
    seq, n = (a, b) if isinstance(a, (tuple, str)) else (b, a)
    if op == "*" and type(n) in (int, bool) and len(seq) * n > MAX_TUPLE:
        raise error(loc, f"a repeated tuple of {len(seq) * n} items is too long",
                    f"tuples hold at most {MAX_TUPLE} items", E_UNSUPPORTED_VALUE)


def _np_with_complex(fb, a, b, loc):
    """A NumPy real scalar meeting a complex computes as the Python number of
    its value (NumPy's answer is a numpy.complex128, a subclass of complex with
    the same value: docs/arrays.md, deviations). A uint64 becomes the float
    NumPy's complex128 holds (every value, 2**63 and up too: as a Python
    int those would not fit py2wasm's int)."""
    if (is_complex(a) or is_complex(b)) and (nps.is_np(a) or nps.is_np(b)):
        def num(v):
            if nps.is_np(v) and nps.dtype_name(v) == "uint64":
                return nps.as_float(fb, v, loc)
            return nps.demote(v, fb, loc)
        return num(a), num(b)
    return a, b


def _numpy_complex_result(a, b, reflected=False) -> bool:
    """A NumPy real scalar with a Python complex: NumPy's scalar math decides
    (np.float32(x) * 1j is a numpy.complex64, np.int32 a numpy.complex128),
    except `complex op np.float64`: complex's own method accepts a float
    subclass, so CPython's complex arithmetic gives a Python complex."""
    if not (nps.is_np(a) and is_complex(b) or nps.is_np(b) and is_complex(a)):
        return False
    return reflected or not (nps.is_np(b) and nps.dtype_name(b) == "float64")


def binary(fb, op: str, a: Any, b: Any, loc, tr=None) -> Any:
    """`a op b` for op in + - * / // % ** & | ^ << >> (also in-place forms).
    `tr`: the FunctionTracer, when there is one (array code that traces
    library calls, e.g. a complex `np.exp` operand of `@`, needs it)."""
    if _arrays().is_array(a) or _arrays().is_array(b):
        return _array_ops().binary(tr or _tracer(fb), op, a, b, loc)
    if op not in BINARY:
        raise error(loc, f"operator {op} is not supported", "", E_UNSUPPORTED_OPCODE)
    if _npcx().involved(a, b) or _numpy_complex_result(a, b):
        return _npcx().binary(fb, op, a, b, loc)
    a, b = _np_with_complex(fb, a, b, loc)
    if nps.is_np(a) or nps.is_np(b):
        return nps.binary(fb, op, a, b, loc)
    prim, pyop = BINARY[op]
    if is_known(a) and is_known(b):
        return _fold_binary(op, a, b, loc)
    if is_complex(a) or is_complex(b):
        return _complexes().binary(fb, op, a, b, loc)
    type_check(pyop, (a, b), loc, f"operator {op}")
    if isinstance(a, tuple) or isinstance(b, tuple):
        return _tuple_binary(op, a, b, loc)
    ta, tb = scalar_type(a), scalar_type(b)
    if ta is None or tb is None:  # e.g. range + x: type_check let it through
        raise type_error(loc, f"unsupported operand type(s) for {op}: {_tname(a)!r} and "
                         f"{_tname(b)!r}", (a, b))
    if op in BITWISE and ta is BOOL and tb is BOOL:
        t = BOOL
    elif F64 in (ta, tb):
        t = F64  # type_check rejected floats in & | ^ << >>
    else:
        t = I64
        if op == "**" and type(b) in (int, bool) and b < 0:
            # CPython: int ** negative int is float(a) ** float(b)
            t = F64
    return _emit(fb, prim, [materialize(fb, a, t, loc), materialize(fb, b, t, loc)], loc)


def _tuple_binary(op: str, a: Any, b: Any, loc) -> Any:
    if op == "+":  # type_check made sure both are tuples
        return a + b
    if op == "*":
        seq, n = (a, b) if isinstance(a, tuple) else (b, a)
        if isinstance(n, Var):
            raise error(loc, "repeating a tuple a run-time number of times is not supported",
                        "repeat a tuple by a known int; its length must be known when "
                        "compiling", E_UNSUPPORTED_VALUE)
        _check_repeat(op, seq, n, loc)
        return seq * n
    raise type_error(loc, f"unsupported operand type(s) for {op}: 'tuple'", (a, b))


# --- comparisons ---------------------------------------------------------------------------

def compare(fb, op: str, a: Any, b: Any, loc) -> Any:
    """`a op b` for op in < <= == != > >=: a known bool or a bool Var."""
    if _arrays().is_array(a) or _arrays().is_array(b):
        return _array_ops().compare(_tracer(fb), op, a, b, loc)
    if _npcx().involved(a, b) or _numpy_complex_result(a, b, op not in ("==", "!=")):
        return _npcx().compare(fb, op, a, b, loc)  # (complex has no order: NumPy's decides)
    a, b = _np_with_complex(fb, a, b, loc)
    if nps.is_np(a) or nps.is_np(b):
        return nps.compare(fb, op, a, b, loc)
    prim, pyop = COMPARE[op]
    if is_known(a) and is_known(b):
        return fold(pyop, (a, b), loc)
    if isinstance(a, tuple) or isinstance(b, tuple):
        return _tuple_compare(fb, op, a, b, loc)
    if is_complex(a) or is_complex(b):
        return _complexes().compare(fb, op, a, b, loc)
    r = type_check(pyop, (a, b), loc, f"comparison {op}")
    ta, tb = scalar_type(a), scalar_type(b)
    if ta is None or tb is None:
        # A number against None, a str, a function...: only == and != get here,
        # and their answer does not depend on the number.
        return r
    if ta is not tb:  # bool compares with numbers as an int
        ta = I64 if ta is BOOL else ta
        tb = I64 if tb is BOOL else tb
    big = next((v for v in (a, b) if type(v) is int and not fits_int64(v)), None)
    if big is not None:
        return _compare_big(fb, op, a, b, big, loc)
    return _emit(fb, prim, [materialize(fb, a, ta, loc), materialize(fb, b, tb, loc)], loc)


def _compare_big(fb, op, a, b, big, loc):
    """A symbolic number against a known int outside int64."""
    other = b if a is big else a
    if other.type is not F64:  # an int64 value is certainly on one side of `big`
        s = sample(other) * 0
        return fold(COMPARE[op][1], (s, b) if a is other else (a, s), loc)
    if float(big) != big:
        raise error(loc, f"the int {big} cannot be compared exactly with a float here",
                    "use a float constant", E_UNSUPPORTED_VALUE)
    c = fb.const(float(big))
    ins = [c, other] if a is big else [other, c]
    return _emit(fb, COMPARE[op][0], ins, loc)


def _tuple_compare(fb, op: str, a: Any, b: Any, loc) -> Any:
    if not (isinstance(a, tuple) and isinstance(b, tuple)):
        # tuple == number is False, tuple < number a TypeError
        return type_check(COMPARE[op][1], (a, b), loc, f"comparison {op}")
    if op in ("==", "!="):
        if len(a) != len(b):
            return op == "!="
        r: Any = True
        for x, y in zip(a, b):
            if x is not y:  # CPython's identity shortcut (a NaN equals itself)
                r = logical_and(fb, r, compare(fb, "==", x, y, loc), loc)
            if r is False:
                break
        return r if op == "==" else logical_not(fb, r, loc)
    # Lexicographic: the first items that differ decide, else the lengths.
    r = COMPARE[op][1](len(a), len(b))
    for x, y in reversed(list(zip(a, b))):
        if x is y:
            continue
        eq = compare(fb, "==", x, y, loc)
        if eq is True:
            continue
        r = select(fb, eq, r, compare(fb, op, x, y, loc), loc)
    return r


# --- unary operators and truth -------------------------------------------------------------

def truth(fb, v: Any, loc) -> Any:
    """Python's truth value of `v`: a known bool or a bool Var."""
    if _arrays().is_array(v):
        return _array_ops().truth(_tracer(fb), v, loc)
    if isinstance(v, Var):
        return v if v.type is BOOL else fb.emit("convert", [v], {"to": BOOL}, loc=loc)
    if _npcx().involved(v):
        return _npcx().truth(fb, v, loc)
    if nps.is_np(v):
        return nps.truth(fb, v, loc)
    if isinstance(v, tuple):
        return len(v) > 0
    if is_complex(v) and not is_known(v):
        return _complexes().truth(fb, v, loc)
    try:
        return bool(v)
    except Exception:  # noqa: BLE001 - a known object whose __bool__ fails
        raise error(loc, f"truth value of a {type(v).__name__} is not supported", "",
                    E_TYPE) from None


def unary(fb, op: str, a: Any, loc) -> Any:
    """`-a`, `+a`, `~a` or `not a`."""
    if _arrays().is_array(a):
        return _array_ops().unary(_tracer(fb), op, a, loc)
    if op == "not":
        return logical_not(fb, truth(fb, a, loc), loc)
    if _npcx().involved(a):
        return _npcx().unary(fb, op, a, loc)
    if nps.is_np(a) and op in UNARY:
        return nps.unary(fb, op, a, loc)
    if op not in UNARY:
        raise error(loc, f"unary operator {op} is not supported", "", E_UNSUPPORTED_OPCODE)
    prim, pyop = UNARY[op]
    if is_known(a):
        return fold(pyop, (a,), loc)
    if is_complex(a):
        return _complexes().unary(fb, op, a, loc)
    type_check(pyop, (a,), loc, f"unary {op}")
    t = scalar_type(a)
    if t is None:
        raise type_error(loc, f"bad operand type for unary {op}: {_tname(a)!r}", (a,))
    if t is BOOL:  # -True == -1, +True == 1, ~True == -2: ints
        a = materialize(fb, a, I64, loc)
    return a if prim is None else _emit(fb, prim, [a], loc)


__all__ = ["binary", "compare", "unary", "truth", "coerce", "materialize", "select",
           "logical_and", "logical_not", "value_type", "check_result"]
