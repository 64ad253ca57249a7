"""Lists of tuples of numbers ("records": `edges.append((w, u, v))`).

Place in the pipeline: frontend; lists.py stores and loads an element whose
type is an `ir.TupleType` of scalars through here. A record takes one 8-byte
slot per field in the list's data (int64, float64, or bool in the slot's
first byte), so `pairs[i]` is a tuple trace value of its fields; equality
is field by field (`(1, 2.0) == (1, 2)` as in CPython), ordering
lexicographic (lists_sort.py sorts records).
"""
from __future__ import annotations

from ..ir import BOOL, F64, I64, Var
from ..ir.types import ScalarType, TupleType
from .arrays import iadd, ic
from .values import scalar_type

_DTYPE = {I64: "int64", F64: "float64", BOOL: "bool"}


def record_type(v: tuple):
    """The TupleType of a tuple of numbers (None: not a record a list holds)."""
    ts = []
    for x in v:
        t = scalar_type(x)
        if not isinstance(t, ScalarType) or t not in _DTYPE:
            return None
        if not isinstance(x, (Var, int, float, bool)):  # NumPy scalars, complex: no
            return None
        ts.append(t)
    return TupleType(tuple(ts))


def load_record(fb, t: TupleType, addr):
    return tuple(fb.emit("load", [ic(fb, iadd(fb, addr, 8 * k))], {"dtype": _DTYPE[f]})
                 for k, f in enumerate(t.elems))


def store_record(fb, t: TupleType, addr, v) -> None:
    for k, (f, x) in enumerate(zip(t.elems, v)):
        if not isinstance(x, Var):
            x = fb.const({I64: int, F64: float, BOOL: bool}[f](x), f)
        fb.emit_multi("store", [ic(fb, iadd(fb, addr, 8 * k)), x], {"dtype": _DTYPE[f]})


def records_equal(tr, a, b, loc):
    """a == b where one is a tuple: field by field (a tuple never equals a number)."""
    from . import operators
    fb = tr.fb
    if type(a) is not tuple or type(b) is not tuple or len(a) != len(b):
        return False
    r = True
    for x, y in zip(a, b):
        e = operators.compare(fb, "==", x, y, loc)
        if e is False:
            return False
        if e is not True:
            r = e if r is True else fb.emit("and", [r, e])
    return r


def record_less(tr, a, b, loc):
    """a < b for two records: lexicographic, as CPython compares tuples."""
    from . import operators
    fb = tr.fb

    def known_bool(v):
        return fb.const(bool(v)) if not isinstance(v, Var) else v
    # from the last field back: lt_k = a_k < b_k or (a_k == b_k and lt_{k+1})
    r = fb.const(False)
    for x, y in reversed(list(zip(a, b))):
        lt = known_bool(operators.compare(fb, "<", x, y, loc))
        eq = known_bool(operators.compare(fb, "==", x, y, loc))
        r = fb.emit("or", [lt, fb.emit("and", [eq, r])])
    return r


def select(fb, cond, x, y):
    """cond ? x : y for two values of one type (records field by field)."""
    if type(x) is tuple:
        return tuple(fb.emit("select", [cond, p, q]) for p, q in zip(x, y))
    return fb.emit("select", [cond, x, y])


def float_fields(t: TupleType) -> list[int]:
    return [k for k, f in enumerate(t.elems) if f is F64]
