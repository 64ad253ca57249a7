"""Lists of tuples of numbers and strs ("records": `edges.append((w, u, v))`).

Place in the pipeline: frontend; lists.py stores and loads an element whose
type is an `ir.TupleType` of scalars through here. A record takes one 8-byte
slot per field in the list's data (int64, float64, or bool in the slot's
first byte; a run-time str, frontend/strvalues.py's PyStr, as its block's
address), so `pairs[i]` is a tuple trace value of its fields; equality
is field by field (`(1, 2.0) == (1, 2)` as in CPython), ordering
lexicographic (lists_sort.py sorts records).

A NamedTuple (`typing.NamedTuple`, `collections.namedtuple`) is a record
too: its TupleType carries the field names and the class (`pyclass`), a
loaded element is rebuilt with the class's `_make`, and a list holds one
class (lists._fits checks the class's identity: a plain tuple or another
NamedTuple class with the same fields is refused, P2W010, not converted).
"""
from __future__ import annotations

from ..ir import BOOL, F64, I64, Var
from ..ir.types import STR, ScalarType, StrType, TupleType, python_name
from .arrays import iadd, ic
from .values import scalar_type

_DTYPE = {I64: "int64", F64: "float64", BOOL: "bool"}
_TUPLE_ORDER = ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__")


def is_record(v) -> bool:
    """A tuple value a list can hold as a record: a plain tuple or a
    NamedTuple instance (trace values keep the NamedTuple's class)."""
    if type(v) is tuple:
        return True
    from .objects import is_namedtuple_class
    return isinstance(v, tuple) and is_namedtuple_class(type(v))


def is_named(t) -> bool:
    """A record type of a NamedTuple class."""
    return isinstance(t, TupleType) and t.pyclass is not None


def same_record_class(a, b) -> bool:
    """Two element types that are equal as types hold the same NamedTuple
    class, or are no NamedTuple types (TupleType's equality ignores the
    class: two NamedTuple classes with the same fields compare equal)."""
    if isinstance(a, TupleType) and isinstance(b, TupleType):
        return a.pyclass is b.pyclass
    inner_a, inner_b = getattr(a, "elem", None), getattr(b, "elem", None)
    if inner_a is not None and inner_b is not None and not isinstance(a, str):
        return same_record_class(inner_a, inner_b)
    return True


def refuse_mixed_records(have, t, loc) -> None:
    """A list of one NamedTuple class given a plain tuple or another class's
    instance (or the other way round): legal in CPython, whose lists are
    heterogeneous, but a compiled list holds one element type, and
    converting would change what the element is (its class, its methods,
    its repr): a located CompileError (P2W010)."""
    def named_in(x):
        while x is not None and not isinstance(x, (str, TupleType)):
            x = getattr(x, "elem", None)
        return x if is_named(x) else None
    a, b = named_in(have), named_in(t)
    if a is None and b is None:
        return
    from .values import E_UNSUPPORTED_VALUE, error

    def name(x, y):
        if x is None:
            return python_name(y) if isinstance(y, TupleType) else "tuple"
        q = x.pyclass.__qualname__
        if y is None or y.pyclass.__qualname__ != q:
            return q
        if y.pyclass is x.pyclass:  # one class, other field types: Point(int, int)
            return q + "(" + ", ".join(map(python_name, x.elems)) + ")"
        return f"{x.pyclass.__module__}.{q}"
    raise error(loc, f"a list of {name(a, b) if a is not None else python_name(have)} "
                f"cannot hold a {name(b, a) if b is not None else python_name(t)} in compiled "
                "code (a list holds one NamedTuple class with one type per field, not plain "
                "tuples or other classes)",
                "build every element with the same class, e.g. Point(*t)", E_UNSUPPORTED_VALUE)


def own_order(cls) -> bool:
    """A NamedTuple class defining its own == or order: its instances are not
    compared as tuples, so a list does not hold them as records."""
    return any(getattr(cls, m) is not getattr(tuple, m) for m in _TUPLE_ORDER)


def record_type(v: tuple):
    """The TupleType of a tuple of numbers and run-time strs (None: not a
    record a list holds); a NamedTuple's keeps its names and class."""
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
    if type(v) is not tuple:
        cls = type(v)
        if own_order(cls):
            return None  # its own == or order: not compared as a tuple (refused, P2W010)
        return TupleType(tuple(ts), tuple(cls._fields), cls)
    return TupleType(tuple(ts))


def load_record(fb, t: TupleType, addr):
    from .strvalues import PyStr
    items = (PyStr(fb.emit("load", [ic(fb, iadd(fb, addr, 8 * k))], {"dtype": "int64"}))
                 if isinstance(f, StrType) else
                 fb.emit("load", [ic(fb, iadd(fb, addr, 8 * k))], {"dtype": _DTYPE[f]})
                 for k, f in enumerate(t.elems))
    return t.pyclass._make(items) if t.pyclass is not None else tuple(items)


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
    if not is_record(a) or not is_record(b) or len(a) != len(b):
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
    if is_record(x):
        items = (select(fb, cond, p, q) for p, q in zip(x, y))
        return tuple(items) if type(x) is tuple else type(x)._make(items)
    if type(x) is PyStr:
        return PyStr(fb.emit("select", [cond, x.hdr, y.hdr]))
    return fb.emit("select", [cond, x, y])


def float_fields(t: TupleType) -> list[int]:
    return [k for k, f in enumerate(t.elems) if f is F64]
