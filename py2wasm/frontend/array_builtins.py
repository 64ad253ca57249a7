"""The builtins `sum()`, `max()`, `min()`, `any()` and `all()` over a NumPy
array, as CPython runs them: iterating axis 0 (NumPy scalars of a 1-D array,
rows of an N-d one).

- `sum(a, start=0)`: `start + a[0] + a[1] + ...` left to right with NumPy's
  operators (no compensation: CPython's exact-float fast path never sees
  NumPy scalars). `start + a[0]` is `T(start) + a[0]` with T the type NumPy
  gives `start + a[0]` (a weak Python number), so the 1-D loop runs from
  `T(start)`; rows add as arrays (`0 + m[0]` a new array). An empty array
  gives `start` itself (a Python int 0): when the length is known only at
  run time the result is a TypeFork (frontend/typefork.py) and the code
  after the call is traced once per type (returning both types from one
  function stays P2W004, as for `max(a[i], 0)`).
- `max(a)`/`min(a)`: CPython's min_max: the first item, replaced by each
  later one that compares greater (less): a NaN first stays, a later NaN
  never wins; rows compare as arrays (NumPy's ambiguous-truth ValueError
  for rows of more than one element). Empty: CPython's ValueError (its
  message for the running version); `default=` gives the default instead.
  `key=` is refused.
- `any(a)`/`all(a)`: the truth of each item in order, stopping at the first
  true (false) one; a Python bool. Rows of more than one element raise
  NumPy's ambiguous-truth ValueError, as in CPython.

Place in the pipeline: frontend value semantics, called by `calls._array_call`
for a builtin whose argument is an array; the loops are traced Python
(`calls.call_python`, library code located at the call).
"""
from __future__ import annotations

import functools

import numpy as np

from . import arrays as A
from .values import E_UNSUPPORTED_CALL, error, scalar_type

MISSING = object()


def _py_sum_1d(a, s):
    for i in range(a.shape[0]):
        s = s + a[i]
    return s


def _py_sum_rows(a, start):
    s = start + a[0]
    for i in range(1, a.shape[0]):
        s = s + a[i]
    return s


def _py_any(a):
    for i in range(a.shape[0]):
        if a[i]:
            return True
    return False


def _py_all(a):
    for i in range(a.shape[0]):
        if not a[i]:
            return False
    return True


@functools.lru_cache(maxsize=None)
def _py_minmax(is_max, msg):
    def max_(a):
        n = a.shape[0]
        if n == 0:
            raise ValueError(msg)
        best = a[0]
        for i in range(1, n):
            x = a[i]
            if x > best:
                best = x
        return best

    def min_(a):
        n = a.shape[0]
        if n == 0:
            raise ValueError(msg)
        best = a[0]
        for i in range(1, n):
            x = a[i]
            if x < best:
                best = x
        return best
    return max_ if is_max else min_


def _empty_message(fn) -> str:
    try:
        fn([])
    except ValueError as e:
        return str(e)
    raise AssertionError("unreachable")  # pragma: no cover


def _run(tr, fn, args, loc, name):
    from .calls import call_python
    return call_python(tr, fn, list(args), {}, loc, site=loc, public=name)


def _either(tr, n, empty, value):
    """`empty` when n == 0, else `value` (a TypeFork when n is not known)."""
    if A.known(n):
        return empty if n == 0 else value
    fb = tr.fb
    from .typefork import TypeFork
    from .operators import value_type
    if value_type(empty) == value_type(value):
        from .operators import select
        return select(fb, fb.emit("eq", [n, fb.const(0)]), empty, value, None)
    return TypeFork(fb.emit("select", [fb.emit("eq", [n, fb.const(0)]), fb.const(1),
                                       fb.const(0)]), [value, empty])


def _nonempty(tr, a, loc):
    """`a`, or when it has no rows (at run time) a stand-in with one row whose
    other sizes are 0 (1-D: one scratch element): the traced loop then
    computes a value of the right type that `_either` drops."""
    fb = tr.fb
    n = a.shape[0]
    zero = fb.emit("eq", [n, fb.const(0)])
    ptr = a.ptr
    if a.ndim == 1:
        scratch = A.alloc(tr, a.dtype, (1,), loc)
        A.store(fb, scratch, [0], A.cast(fb, fb.const(0), "int64", a.dtype))
        ptr = fb.emit("select", [zero, scratch.ptr, a.ptr])
    return A.Arr(a.dtype, ptr, (A.isel(fb, zero, 1, n),) + tuple(
        A.isel(fb, zero, 0, s) for s in a.shape[1:]), a.strides, a.root)


def _start_value(tr, start, dtype, loc):
    """T(start), T the type of `start + a[0]` (NumPy's promotion; a Python
    number is weak): the 1-D sum's accumulator before the first element."""
    from . import npscalars as nps
    refuse = error(loc, "the builtin sum() of an array with this start is not supported",
                   "use numpy.sum(a) + start", E_UNSUPPORTED_CALL)
    item = np.zeros(1, dtype=dtype)[0]
    if type(start) in (int, float, bool) or isinstance(start, np.generic):  # known
        with np.errstate(all="ignore"):
            try:
                t = type(start + item)
                s0 = t(start)
            except (OverflowError, ValueError, TypeError):
                raise refuse from None
        if s0 != start:  # an int start the type cannot hold (NumPy: OverflowError)
            raise refuse
        return s0
    if nps.is_np(start):  # a run-time NumPy scalar: its type must be the sum's
        if start.dtype == np.result_type(np.dtype(start.dtype), np.dtype(dtype)).name:
            return start
        raise refuse
    if scalar_type(start).name == "f64" and dtype in ("float64", "int64", "int32", "int16",
                                                      "int8", "uint64", "uint32", "uint16",
                                                      "uint8", "bool"):
        return nps.construct(tr.fb, "float64", start, loc)  # a run-time float: float64
    raise refuse


def _sum(tr, a, args, kwargs, loc):
    if len(args) > 1 or set(kwargs) - {"start"} or (args and "start" in kwargs):
        return None
    start = args[0] if args else kwargs.get("start", 0)
    from .npscalars import is_np
    if A.is_array(start) or isinstance(start, complex) or not (
            type(start) in (int, float, bool) or scalar_type(start) is not None or is_np(start)):
        raise error(loc, f"the builtin sum() of an array with start={A._tn(start)} is not "
                    "supported", "pass a number as start, or use numpy.sum()",
                    E_UNSUPPORTED_CALL)
    n = a.shape[0]
    if a.ndim == 1:
        s0 = _start_value(tr, start, a.dtype, loc)
        a = A.materialize(tr, a, loc)
        total = _run(tr, _py_sum_1d, [a, s0], loc, "sum")
        return _either(tr, n, start, total)
    a = A.materialize(tr, a, loc)
    if A.known(n) and n == 0:
        return start
    if not A.known(n):
        a = _nonempty(tr, a, loc)
    total = _run(tr, _py_sum_rows, [a, start], loc, "sum")
    return _either(tr, n, start, total)


def _minmax(tr, fn, a, args, kwargs, loc):
    if args or set(kwargs) - {"default"}:
        if "key" in kwargs:
            raise error(loc, f"the builtin {fn.__name__}() of an array with key= is not "
                        "supported", "compute the keys as an array and use argmax/argmin",
                        E_UNSUPPORTED_CALL)
        return None
    a = A.materialize(tr, a, loc)
    n = a.shape[0]
    if "default" in kwargs:
        if A.known(n) and n == 0:
            return kwargs["default"]
        if not A.known(n):
            a = _nonempty(tr, a, loc)
        best = _run(tr, _py_minmax(fn is max, ""), [a], loc, fn.__name__)
        return _either(tr, n, kwargs["default"], best)
    return _run(tr, _py_minmax(fn is max, _empty_message(fn)), [a], loc, fn.__name__)


def call(tr, fn, args, kwargs, loc):
    """sum/max/min/any/all with an array first argument; None when not handled here."""
    a = args[0]
    if not A.is_array(a):  # min(3, a): CPython's `a < 3` then its truth (refused by the caller)
        return None
    if a.ndim == 0:
        return None  # NumPy: iterating a 0-d array is a TypeError (left to the caller)
    if fn in (any, all):
        if len(args) != 1 or kwargs:
            return None
        from .calls import call_python
        return call_python(tr, _py_any if fn is any else _py_all,
                           [A.materialize(tr, a, loc)], {}, loc)
    if a.dtype in ("complex128", "complex64") and fn is not sum:
        return None
    if fn is sum:
        return _sum(tr, a, args[1:], kwargs, loc)
    return _minmax(tr, fn, a, args[1:], kwargs, loc)

