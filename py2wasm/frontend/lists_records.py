"""Lists of tuples of numbers and strs ("records": `edges.append((w, u, v))`).

Place in the pipeline: frontend; lists.py stores and loads an element whose
type is an `ir.TupleType` of scalars through here. A record takes one 8-byte
slot per field in the list's data (int64, float64, or bool in the slot's
first byte; a run-time str, frontend/strvalues.py's PyStr, as its block's
address), so `pairs[i]` is a tuple trace value of its fields; equality
is field by field (`(1, 2.0) == (1, 2)` as in CPython), ordering
lexicographic (lists_sort.py sorts records).
"""
from __future__ import annotations

from ..ir import BOOL, F64, I64, Var
from ..ir.types import STR, ScalarType, StrType, TupleType
from .arrays import iadd, ic
from .values import scalar_type

_DTYPE = {I64: "int64", F64: "float64", BOOL: "bool"}


def record_type(v: tuple):
    """The TupleType of a tuple of numbers and run-time strs (None: not a
    record a list holds)."""
    from .strvalues import PyStr
    ts = []
    for x in v:
        if type(x) is PyStr:
            ts.append(STR)
            continue
        t = scalar_type(x)
        if not isinstance(t, ScalarType) or t not in _DTYPE:
            return None
        if not isinstance(x, (Var, int, float, bool)):  # NumPy scalars, complex: no
            return None
        ts.append(t)
    return TupleType(tuple(ts))


def load_record(fb, t: TupleType, addr):
    from .strvalues import PyStr
    return tuple(PyStr(fb.emit("load", [ic(fb, iadd(fb, addr, 8 * k))], {"dtype": "int64"}))
                 if isinstance(f, StrType) else
                 fb.emit("load", [ic(fb, iadd(fb, addr, 8 * k))], {"dtype": _DTYPE[f]})
                 for k, f in enumerate(t.elems))


def store_record(fb, t: TupleType, addr, v) -> None:
    for k, (f, x) in enumerate(zip(t.elems, v)):
        if isinstance(f, StrType):  # a PyStr (lists._row made known strs run-time ones)
            fb.emit_multi("store", [ic(fb, iadd(fb, addr, 8 * k)), x.hdr], {"dtype": "int64"})
            continue
        if not isinstance(x, Var):
            x = fb.const({I64: int, F64: float, BOOL: bool}[f](x), f)
        fb.emit_multi("store", [ic(fb, iadd(fb, addr, 8 * k)), x], {"dtype": _DTYPE[f]})


def records_equal(tr, a, b, loc):
    """a == b where one is a tuple: field by field (a tuple never equals a number)."""
    fb = tr.fb
    if type(a) is not tuple or type(b) is not tuple or len(a) != len(b):
        return False
    r = True
    for x, y in zip(a, b):
        e = _compare(tr, "==", x, y, loc)
        if e is False:
            return False
        if e is not True:
            r = e if r is True else fb.emit("and", [r, e])
    return r


def record_less(tr, a, b, loc):
    """a < b for two records: lexicographic, as CPython compares tuples."""
    fb = tr.fb

    def known_bool(v):
        return fb.const(bool(v)) if not isinstance(v, Var) else v
    # from the last field back: lt_k = a_k < b_k or (a_k == b_k and lt_{k+1})
    r = fb.const(False)
    for x, y in reversed(list(zip(a, b))):
        lt = known_bool(_compare(tr, "<", x, y, loc))
        eq = known_bool(_compare(tr, "==", x, y, loc))
        r = fb.emit("or", [lt, fb.emit("and", [eq, r])])
    return r


def _compare(tr, op, x, y, loc):
    """x op y for two fields: numbers, or strs (strvalues.compare)."""
    from . import operators, strvalues
    if strvalues.involved(x, y):
        return strvalues.compare(tr, op, x, y, loc)
    return operators.compare(tr.fb, op, x, y, loc)


def select(fb, cond, x, y):
    """cond ? x : y for two values of one type (records field by field)."""
    from .strvalues import PyStr
    if type(x) is tuple:
        return tuple(select(fb, cond, p, q) for p, q in zip(x, y))
    if type(x) is PyStr:
        return PyStr(fb.emit("select", [cond, x.hdr, y.hdr]))
    return fb.emit("select", [cond, x, y])


def float_fields(t: TupleType) -> list[int]:
    return [k for k, f in enumerate(t.elems) if f is F64]
