"""Known values: evaluate an operation with Python itself (constant folding)
and find trace-time type errors with CPython's own wording.

Place in the pipeline: frontend-internal, used by `operators`, `builtins`
and `mathlib` (the value semantics). Nothing here emits IR.

- `fold(fn, args, loc)`: run `fn(*args)` on known values. A run-time
  exception (ZeroDivisionError, ValueError, OverflowError) becomes
  `TraceRaise` (the path raises when it runs); a TypeError becomes a located
  `CompileError`; an int result outside int64 raises OverflowError like the
  compiled code would (`messages.INT_OVERFLOW`).
- `type_check(fn, args, loc)`: run `fn` on *samples* of the operands' types
  (a Var of type f64 becomes 1.0, ...) so that `x + "1"` is reported with
  CPython's message ("unsupported operand type(s) for +: 'float' and 'str'").
"""
from __future__ import annotations

import types
from typing import Any, Callable

from ..ir import BOOL, F64, I64, Var
from ..ir.messages import COMPLEX_POW, INT_OVERFLOW
from .values import E_TYPE, Cx, NpScalar, TraceRaise, error

INT64_MIN, INT64_MAX = -2**63, 2**63 - 1
RUNTIME_ERRORS = (ZeroDivisionError, ValueError, OverflowError)
_SAMPLES = {I64: 1, F64: 1.0, BOOL: True}
# Known objects whose operators Python may run on samples: no user code runs.
_SAFE = (int, float, bool, str, bytes, type(None), range, complex, type(Ellipsis),
         types.FunctionType, types.BuiltinFunctionType, types.ModuleType, type)


def fits_int64(v: int) -> bool:
    return INT64_MIN <= v <= INT64_MAX


def is_known(v: Any) -> bool:
    """No Var anywhere inside (tuples are looked into)."""
    if isinstance(v, (Var, NpScalar, Cx)):
        return False
    if isinstance(v, tuple):
        return all(is_known(x) for x in v)
    return True


def check_result(v: Any, complex_ok: bool = False) -> Any:
    """A folded result as the compiled code would produce it. A complex result
    is an error (a float ** float whose compiled form raises ValueError)
    unless `complex_ok` (an operand was complex, or a complex was built)."""
    if type(v) is int and not fits_int64(v):
        raise TraceRaise("OverflowError", INT_OVERFLOW)
    if type(v) is complex and not complex_ok:
        raise TraceRaise("ValueError", COMPLEX_POW)
    if type(v) is tuple:
        for x in v:
            check_result(x, complex_ok)
    return v


def fold(fn: Callable, args: tuple, loc, what: str = "", complex_ok: bool = False) -> Any:
    """`fn(*args)` on known values, with the compiled code's outcome (a
    complex result is fine when an argument is complex or `complex_ok`)."""
    try:
        r = fn(*args)
    except RUNTIME_ERRORS as e:
        raise TraceRaise(type(e).__name__, str(e)) from None
    except TypeError as e:
        raise type_error(loc, str(e), args) from None
    return check_result(r, complex_ok or any(type(a) is complex for a in args))


class NoSample(Exception):
    """An operand whose Python behaviour must not be run on samples."""


def sample(v: Any) -> Any:
    """A Python value of the same type as trace value `v`."""
    if isinstance(v, Var):
        return _SAMPLES[v.type]
    if isinstance(v, Cx):
        return complex(1.0, 1.0)
    if isinstance(v, tuple):
        return tuple(sample(x) for x in v)
    if isinstance(v, _SAFE):
        return v
    from .npscalars import is_np, np_type
    if is_np(v):  # a NumPy scalar of the same dtype (its operators are NumPy's)
        return np_type(v)(1)
    raise NoSample(v)


def _bounded(v: Any) -> Any:
    """A known int stands in for itself in a type check with its sign and
    zeroness but at most 64 in magnitude: the Python type of an operator's
    result never depends on more, and `1 << 10**18` or `2 ** 10**18` on the
    real value would exhaust memory or time while compiling."""
    if type(v) is int and abs(v) > 64:
        return 64 if v > 0 else -64
    if isinstance(v, tuple):
        return tuple(_bounded(x) for x in v)
    return v


def describe(v: Any) -> str:
    if isinstance(v, Var):
        return f"a run-time {v.type.pyname}"
    if isinstance(v, Cx):
        return "a run-time complex"
    return f"a {type(v).__name__}"


def type_check(fn: Callable, args: tuple, loc, what: str) -> Any:
    """Run `fn` on samples of `args`: a TypeError is a located CompileError
    with CPython's message; returns the sample result (its type is the
    result's Python type). `what` names the operation for objects that cannot
    be sampled."""
    try:
        samples = tuple(_bounded(sample(a)) for a in args)
    except NoSample:
        raise error(loc, f"{what} on {' and '.join(describe(a) for a in args)} is not "
                    "supported", "compiled code computes with int, float, bool and tuples",
                    E_TYPE) from None
    try:
        return fn(*samples)
    except TypeError as e:
        raise type_error(loc, str(e), args) from None
    except RUNTIME_ERRORS:  # value-dependent; not a type error
        return None


def _hint(args) -> str:
    kinds = set()

    def walk(v):
        if isinstance(v, Var):
            kinds.add(v.type.pyname)
        elif isinstance(v, Cx):
            kinds.add("complex")
        elif isinstance(v, tuple):
            kinds.add("tuple")
        else:
            kinds.add(type(v).__name__)
    for a in args:
        walk(a)
    if kinds & {"str", "bytes"}:
        return "py2wasm compiles numeric code: strings are not supported as values"
    if "NoneType" in kinds:
        return "a None value cannot take part in arithmetic; check the path that produces it"
    if "tuple" in kinds:
        return "tuples support + (concatenation), * by a known int, len() and comparisons"
    if "float" in kinds:
        return "this operation needs int or bool operands; convert with int(x) if that is meant"
    return "use int, float or bool operands"


# the Python type a tracer-internal value stands for, by its class's name
_PUBLIC_NAMES = {"Arr": "numpy.ndarray", "PyList": "list", "ListLit": "list",
                 "Literal": "list", "PyDict": "dict", "PySet": "set", "PyStr": "str",
                 "Cx": "complex", "DictView": "dict view", "ListIter": "list_iterator",
                 "StrIter": "str_ascii_iterator"}


def _public(v) -> str | None:
    if isinstance(v, Var):
        return v.type.pyname
    if isinstance(v, NpScalar):
        return f"numpy.{v.dtype}"
    if type(v).__module__.startswith("py2wasm."):
        return _PUBLIC_NAMES.get(type(v).__name__)
    return None


def public_message(msg: str, args) -> str:
    """CPython's message about sampled tracer values names the Python type
    each stands for ('numpy.ndarray' object is not iterable), never the
    tracer's own class."""
    seen = []

    def walk(v):
        if isinstance(v, tuple):
            for x in v:
                walk(x)
        elif (name := _public(v)) is not None:
            seen.append((type(v).__name__, name))
    for a in args:
        walk(a)
    for internal, name in seen:
        msg = msg.replace(f"'{internal}'", f"'{name}'")
    return msg


def _has_none(v) -> bool:
    return v is None or type(v) is tuple and any(_has_none(x) for x in v)


def type_error(loc, msg: str, args) -> Exception:
    if any(_has_none(a) for a in args):  # a None where a number is needed (an Optional's
        from .values import TraceRaise    # None path: frontend/optionals.py): CPython's
        return TraceRaise("TypeError", public_message(msg, args))  # TypeError at run time
    hint = _hint(args)
    if any(type(a).__name__ == "Arr" for a in args):
        hint = ("this Python function does not take NumPy arrays in compiled code; "
                "use NumPy's own function (e.g. np.floor(a) for math.floor)")
    return error(loc, public_message(msg, args), hint, E_TYPE)
