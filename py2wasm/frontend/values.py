"""Trace values: the vocabulary shared by the tracer and the semantics modules.

Place in the pipeline: frontend-internal. A trace value is either a *known*
Python object (evaluated by Python itself) or a *symbolic* `ir.Var`, or a
tuple mixing both; `NpScalar` is a symbolic NumPy scalar. See docs/internals.md section 1.
"""
from __future__ import annotations

from typing import Any, Optional

from ..errors import CompileError
from ..ir import BOOL, F64, I64, Loc, ScalarType, Var


class TraceRaise(Exception):
    """The traced path certainly raises `exc(msg)` at run time (for example a
    known `1 // 0`). The tracer ends the path with an IR `Raise`."""

    def __init__(self, exc: str, msg: str):
        super().__init__(f"{exc}: {msg}")
        self.exc = exc
        self.msg = msg


class NpScalar:
    """A NumPy scalar whose value is known only at run time (numpy.float32,
    numpy.int16, numpy.bool_...): its `dtype` (a `ir.DTYPES` name) and `var`,
    the IR value in the dtype's compute type (float32 in f64, exactly; the
    integer dtypes in i64, within their range). Known NumPy scalars are the
    NumPy objects themselves. Their semantics (NEP 50 promotion, wrap-around,
    float32 rounding) are in `npscalars`."""
    __slots__ = ("dtype", "var")

    def __init__(self, dtype: str, var: Var):
        self.dtype = dtype
        self.var = var

    def __repr__(self) -> str:
        return f"NpScalar({self.dtype}, {self.var!r})"


def is_symbolic(v: Any) -> bool:
    return isinstance(v, Var)


def is_known_scalar(v: Any) -> bool:
    return type(v) in (int, float, bool)


def scalar_type(v: Any) -> Optional[ScalarType]:
    """The IR type of a symbolic value or known int/float/bool; None otherwise."""
    if isinstance(v, Var):
        return v.type
    t = type(v)
    if t is bool:
        return BOOL
    if t is int:
        return I64
    if t is float:
        return F64
    return None


def error(loc: Optional[Loc], construct: str, hint: str = "", code: str = "P2W000") -> CompileError:
    """A located CompileError (to be raised by the caller)."""
    if loc is None:
        return CompileError(construct, hint=hint, code=code)
    return CompileError(construct, file=loc.file, line=loc.line, col=loc.col, hint=hint,
                        code=code, source_line=loc.source)


# Stable error codes (documented in the README's error table).
E_UNSUPPORTED_OPCODE = "P2W001"   # a bytecode/construct the tracer does not handle
E_UNSUPPORTED_CALL = "P2W002"     # call of a function that cannot be compiled
E_TYPE = "P2W003"                 # a type error found at trace time (x + "1")
E_UNSTABLE_TYPE = "P2W004"        # a variable/return whose type differs between paths
E_ATTRIBUTE = "P2W005"            # unknown attribute
E_FORBIDDEN = "P2W006"            # eval/exec/open/os/subprocess/__import__...
E_GENERATOR = "P2W007"            # generators, coroutines, async
E_SIGNATURE = "P2W008"            # bad or unsupported parameter/return annotation
E_RECURSION_TYPE = "P2W009"       # cannot infer return type of a recursive function
E_UNSUPPORTED_VALUE = "P2W010"    # a value of a type py2wasm cannot represent
E_TRACE_LIMIT = "P2W011"          # too many block versions / trace too large
