"""Python lists of numbers in compiled code, local to a function.

Place in the pipeline: frontend; opcodes.py and calls.py hand list values
here (small hooks), and the IR sees only generic memory operations (`alloc`,
`load`, `store`, loops).

A list is a `PyList`: its element type (one per list, inferred): a dtype
(`float64`, `int64` or `bool`), an `ir.ListType` (a list of lists: an element
is the row's header address) or an `ir.TupleType` of scalars (a record,
lists_records.py); and the address of its header in linear memory, three
int64 words:

    header + 0: len      header + 8: capacity      header + 16: data address

The data is `capacity` elements of the dtype. Appending past the capacity
allocates a data block twice as large and copies; memory comes from the
per-call arena (freed when the exported call returns). Every alias of a list
shares the header, so mutation through any name is seen through all.
Around this module: lists_calls.py (builtins, methods, comprehensions,
returns), lists_search.py (in, index, count, remove, reverse, +, *, ==),
lists_iter.py (enumerate, zip, reversed), lists_sort.py,
lists_records.py (tuples), lists_arrays.py (tolist, np.array of rows),
lists_abi.py (list parameters and results).

Element types: a literal's elements give its type. An empty literal (`[]`,
a comprehension's list) gets its type from the first element put into it;
the function is then traced again with the type known at the literal's site
(`ListTypeLearned`). Until then a list of unknown type is empty at run time,
so reads of it are IndexErrors and its sum is 0, as in CPython.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ..ir import BOOL, DTYPES, F64, I64, Var
from ..ir.types import STR, ArrayType, ListType, NumpyScalarType, TupleType, python_name
from .arrays import ListLit, ic, iadd, icmp, imul, isel, isub, known, loop
from .values import (E_TYPE, E_UNSUPPORTED_VALUE, NpScalar, TraceRaise,
                     error, scalar_type)

HEADER = 24
MIN_CAPACITY = 4
_ELEM = {int: "int64", float: "float64", bool: "bool"}
_DTYPE_OF_TYPE = {I64: "int64", F64: "float64", BOOL: "bool"}
_PYNAME = {"int64": "int", "float64": "float", "bool": "bool"}


@dataclass(frozen=True, eq=False)
class Literal(ListLit):
    """BUILD_LIST's value: a list literal with the offset of its site. It stays
    a literal while it is only an argument of a NumPy function or looped over;
    stored, mutated or carried across a jump it becomes a PyList."""
    site: Any = None


class PyList:
    """A list in linear memory (see the module docstring). `elem` is None for
    a list whose element type is not known yet (then empty at run time)."""
    __slots__ = ("elem", "hdr", "site")
    kind = "list"  # "deque": a collections_deque.PyDeque

    def __init__(self, elem: Optional[str], hdr: Var, site=None):
        self.elem = elem
        self.hdr = hdr
        self.site = site

    def trace_key(self, key_of):
        return ("list", self.elem)

    def trace_leaves(self, leaves, out):
        out.append(self.hdr)

    def trace_rebuild(self, rebuild, it):
        return PyList(self.elem, next(it), self.site)

    def __repr__(self):
        return f"PyList({self.elem}, {self.hdr!r})"


class ListIter:
    """`iter(xs)`: the list and the next position (CPython re-reads the length
    at every step, so appending while iterating is seen)."""
    __slots__ = ("lst", "pos")

    def __init__(self, lst: PyList, pos):
        self.lst = lst
        self.pos = pos

    def trace_key(self, key_of):
        return ("listiter", self.lst.elem, key_of(self.pos))

    def trace_leaves(self, leaves, out):
        out.append(self.lst.hdr)
        leaves(self.pos, out)

    def trace_rebuild(self, rebuild, it):
        hdr = next(it)
        return ListIter(PyList(self.lst.elem, hdr, self.lst.site), rebuild(self.pos, it))


class ListMethod:
    """A bound method of a list (`xs.append`)."""
    __slots__ = ("lst", "name")

    def __init__(self, lst: PyList, name: str):
        self.lst = lst
        self.name = name


class ListTypeLearned(Exception):
    """An empty list literal got its element type: trace the function again."""


def is_list(v) -> bool:
    return isinstance(v, PyList)


# --- element types ------------------------------------------------------------------------

def _elem_of(v):
    """The list element type of a value: the dtype of a number, the ListType
    of a list (None: not a value a list can hold yet)."""
    if isinstance(v, Var):
        return _DTYPE_OF_TYPE.get(v.type)
    if isinstance(v, PyList):
        return ListType(v.elem)
    from .strvalues import PyStr
    if type(v) is PyStr:  # a str: its address (frontend/strlists.py)
        return STR
    from .lists_records import is_record, record_type
    if v and is_record(v):  # a record of numbers (or a NamedTuple): lists_records.py
        return record_type(v)
    from .npscalars import dtype_name, is_np
    if is_np(v):  # list(a) of a 1-D array: NumPy scalars (lists_arrays.py)
        return NumpyScalarType(dtype_name(v))
    from .lists_objects import element_of
    inst = element_of(v)  # an instance: its address (lists_objects.py)
    if inst is not None:
        return inst
    from .lists_ofarrays import element_type
    return _ELEM.get(type(v)) or element_type(v)  # arrays: lists_ofarrays.py


def _pyname(elem) -> str:
    if hasattr(elem, "cls"):  # lists_objects.InstanceElem
        return elem.pyname
    if isinstance(elem, TupleType) and elem.pyclass is not None:  # a NamedTuple class
        return elem.pyclass.__qualname__
    return python_name(elem) if not isinstance(elem, str) else _PYNAME[elem]


def _fits(have, t) -> bool:
    """Can a list of element type `have` hold an element of type `t`? (An
    empty list of unknown type fits any list type: it is empty at run time.)"""
    if have == t:
        from .lists_records import same_record_class
        return same_record_class(have, t)
    return isinstance(have, ListType) and isinstance(t, ListType) and (
        t.elem is None or (have.elem is not None and _fits(have.elem, t.elem)))


def _wider(have, t) -> bool:
    """Does element type `t` say more than `have` (a list of lists whose rows'
    type was unknown, now known)?"""
    return isinstance(have, ListType) and isinstance(t, ListType) and t != have and _fits(t, have)


def _sites(tr) -> dict:
    s = getattr(tr.mt, "list_sites", None)
    if s is None:
        s = tr.mt.list_sites = {}
    return s


def _learned_now(tr) -> set:
    """The sites whose element type this pass of the module's trace learned
    (`list_sites` itself lasts across the passes of frontend.trace_many)."""
    s = getattr(tr.mt, "list_learned_now", None)
    if s is None:
        s = tr.mt.list_learned_now = set()
    return s


def _site_key(tr, site):
    if type(site) is tuple and site[:1] == ("abs",):  # already a key (from_literal)
        return site[1]
    return (tr.fb.fn.name, tr.code, site)


def _rows(tr, lst: PyList, v):
    """A row read from `lst`: when its element type is unknown, its site is
    the one of the `[]` literal the rows were made from (linked in
    _check_item), so an append teaches that literal its type."""
    if isinstance(v, PyList) and v.elem is None and lst.site is not None:
        row = (getattr(tr.mt, "list_rows", None) or {}).get(_site_key(tr, lst.site))
        if row is not None:
            v.site = ("abs", row)
    return v


def _derived_site(lst: PyList):
    """The site of a list made from `lst` (a copy, a slice): the same literal's
    (its element type is learned there too), none for a parameter's (changing
    the copy does not change the parameter)."""
    site = lst.site
    return None if type(site) is tuple and site[:1] == ("param",) else site


def _check_item(tr, lst: PyList, v, loc):
    """The element type of `v` for `lst`; learns the type of an untyped list
    (retracing the function) and refuses a different type."""
    if isinstance(v, Literal):
        v = as_list(tr, v, loc)
    if isinstance(v, PyList) and v.kind == "deque":
        raise error(loc, "a list of deques is not supported in compiled code",
                    "keep the deques in a dict, or use lists of lists", E_UNSUPPORTED_VALUE)
    if isinstance(v, PyList):  # stored as a row: changes through the outer list are not tracked
        mutates(tr, v)
        if v.elem is None and v.site is not None and lst.site is not None:
            rows = getattr(tr.mt, "list_rows", None)  # rows of unknown type come from v's literal
            if rows is None:
                rows = tr.mt.list_rows = {}
            rows[_site_key(tr, lst.site)] = _site_key(tr, v.site)
    t = _elem_of(v)
    if t is None and isinstance(v, tuple) and type(v) is not tuple and v:
        raise error(loc, f"a {type(v).__name__} whose fields are not all numbers or strs, "
                    "or that defines its own == or order, cannot be a list element in "
                    "compiled code (lists hold NamedTuples of numbers and strs compared as "
                    "tuples)", "keep nested tuples, lists, arrays and instances out of the "
                    "NamedTuple, or use a class", E_UNSUPPORTED_VALUE)
    if t is None:
        what = "a NumPy scalar" if isinstance(v, NpScalar) else f"a {type(v).__name__}"
        raise error(loc, f"a list element must be an int, float, bool, a tuple of those or a "
                    f"list, not {what}", "lists of numbers, of tuples of numbers and of such "
                    "lists are supported; use float(x) or int(x), or a NumPy array",
                    E_UNSUPPORTED_VALUE)
    if lst.elem is not None and _wider(lst.elem, t) and lst.site is not None:
        sites = _sites(tr)  # rows of unknown type first, typed rows now: learn the type
        key = _site_key(tr, lst.site)
        if sites.get(key) == lst.elem:
            sites[key] = t
            raise ListTypeLearned()
    if lst.elem is None:
        sites = _sites(tr)
        key = _site_key(tr, lst.site)
        if lst.site is not None and key in sites and key in _learned_now(tr) and \
                sites[key] == t:  # made before its type was learned (an instance's field
            tr.mt.layouts_grew = True  # filled by a method): the module is traced again
        if lst.site is None or key in sites:
            raise error(loc, "a list whose element type cannot be inferred",
                        "start the list with an element, e.g. [0.0]", E_TYPE)
        sites[key] = t
        _learned_now(tr).add(key)  # an error later in this pass may come from the list's
        tr.mt.lists_learned = True  # emptiness assumed so far: frontend.trace_many retries
        raise ListTypeLearned()
    if not _fits(lst.elem, t):
        from .lists_records import refuse_mixed_records
        refuse_mixed_records(lst.elem, t, loc)
        raise error(loc, f"a list of {_pyname(lst.elem)} cannot hold a {_pyname(t)} in "
                    "compiled code (lists hold one element type)",
                    f"convert it: {_pyname(lst.elem)}(x)", E_TYPE)
    return t


# --- memory -------------------------------------------------------------------------------

def _size(elem) -> int:
    if type(elem) is ArrayType:  # an array view (lists_ofarrays.py)
        from .lists_ofarrays import slot_size
        return slot_size(elem)
    if isinstance(elem, NumpyScalarType):
        return DTYPES[elem.dtype].size
    if isinstance(elem, TupleType):  # a record: one 8-byte slot per field (lists_records.py)
        return 8 * len(elem.elems)
    return DTYPES[elem].size if isinstance(elem, str) else 8  # a nested list: its header address


def length(fb, lst: PyList):
    if lst.elem is None:
        return 0
    return fb.emit("load", [lst.hdr], {"dtype": "int64"})


def _field(fb, lst, off):
    return fb.emit("load", [fb.emit("add", [lst.hdr, fb.const(off)])], {"dtype": "int64"})


def _set_field(fb, lst, off, v):
    addr = lst.hdr if off == 0 else fb.emit("add", [lst.hdr, fb.const(off)])
    fb.emit_multi("store", [addr, ic(fb, v)], {"dtype": "int64"})


def _addr(fb, data, elem, i):
    return ic(fb, iadd(fb, data, imul(fb, i, _size(elem))))


def _load(fb, elem, data, i):
    if isinstance(elem, NumpyScalarType):  # the NumPy scalar of its dtype
        from .npscalars import make
        return make(elem.dtype, fb.emit("load", [_addr(fb, data, elem, i)], {"dtype": elem.dtype}))
    if type(elem) is ArrayType:
        from .lists_ofarrays import load_array
        return load_array(fb, elem, _addr(fb, data, elem, i))
    if isinstance(elem, TupleType):
        from .lists_records import load_record
        return load_record(fb, elem, _addr(fb, data, elem, i))
    if isinstance(elem, ListType):  # a row: the list at the stored header address
        return PyList(elem.elem, fb.emit("load", [_addr(fb, data, elem, i)], {"dtype": "int64"}))
    if elem is STR:  # a str: its address (frontend/strlists.py)
        from .strvalues import PyStr
        return PyStr(fb.emit("load", [_addr(fb, data, elem, i)], {"dtype": "int64"}))
    if hasattr(elem, "cls"):  # an instance: its address (lists_objects.py)
        from .lists_objects import load
        return load(fb, elem, _addr(fb, data, elem, i))
    return fb.emit("load", [_addr(fb, data, elem, i)], {"dtype": elem})


def _store(fb, elem, data, i, v):
    if type(elem) is ArrayType:
        from .lists_ofarrays import store_array
        return store_array(fb, elem, _addr(fb, data, elem, i), v)
    if isinstance(elem, TupleType):
        from .lists_records import store_record
        return store_record(fb, elem, _addr(fb, data, elem, i), v)
    if isinstance(elem, NumpyScalarType):
        from .npscalars import compute_value
        x = v.var if isinstance(v, NpScalar) else fb.const(compute_value(v), elem.compute)
        fb.emit_multi("store", [_addr(fb, data, elem, i), x], {"dtype": elem.dtype})
        return
    fb.emit_multi("store", [_addr(fb, data, elem, i), _as(fb, elem, v)],
                  {"dtype": elem if isinstance(elem, str) else "int64"})


def _as(fb, elem, v):
    if isinstance(v, PyList) or type(v).__name__ in ("PyStr", "PyObj"):
        return ic(fb, v.hdr)
    if isinstance(v, Var):
        return v
    return fb.const({"float64": float, "int64": int, "bool": bool}[elem](v),
                    {"float64": F64, "int64": I64, "bool": BOOL}[elem])


def _if(fb, cond, then):
    """if cond: then()  (cond a bool Var)."""
    t = fb.new_block()
    j = fb.new_block()
    fb.cond_br(cond, t, j)
    fb.set_block(t)
    then()
    fb.br(j)
    fb.set_block(j)


def new_list(tr, elem, items, loc, site=None, capacity=None) -> PyList:
    fb = tr.fb
    n = len(items)
    cap = capacity if capacity is not None else max(MIN_CAPACITY, n)
    hdr = fb.emit("alloc", [fb.const(HEADER)], loc=loc)
    lst = PyList(elem, hdr, site)
    size = _size(elem) if elem else 8
    data = fb.emit("alloc", [ic(fb, imul(fb, cap, size))], loc=loc)
    _set_field(fb, lst, 0, n)
    _set_field(fb, lst, 8, cap)
    _set_field(fb, lst, 16, data)
    for i, v in enumerate(items):
        _store(fb, elem, data, i, v)
    return lst


def _reserve(tr, lst: PyList, need, loc):
    """Make room for `need` elements (grow: twice the need, copy)."""
    fb = tr.fb
    cap = _field(fb, lst, 8)
    full = icmp(fb, "gt", need, cap)
    if full is False:
        return

    def grow():
        n = length(fb, lst)
        old = _field(fb, lst, 16)
        newcap = imul(fb, need, 2)
        new = fb.emit("alloc", [ic(fb, imul(fb, newcap, _size(lst.elem)))], loc=loc)

        def copy(i, c):
            _store(fb, lst.elem, new, i, _load(fb, lst.elem, old, i))
            return c
        loop(fb, n, [], copy)
        _set_field(fb, lst, 8, newcap)
        _set_field(fb, lst, 16, new)
    if full is True:
        grow()
    else:
        _if(fb, full, grow)


# --- making lists -------------------------------------------------------------------------

def from_literal(tr, lit: Literal, loc, strict=True):
    """The PyList of a literal of numbers; None (or the old refusal when
    `strict`) for a literal that is not a list of numbers."""
    items = lit.items
    if any(type(v) is str or type(v).__name__ == "FStr" for v in items):  # strs: in memory
        from .strvalues import to_str  # (frontend/strvalues.py; f-strings: strfmt.py)
        items = tuple(to_str(tr, v, loc) if type(v) is str or type(v).__name__ == "FStr" else v
                      for v in items)
    from .arrays import Ew
    if any(isinstance(v, Ew) for v in items):  # arrays: their values (lists_ofarrays.py)
        from .arrays import materialize
        items = tuple(materialize(tr, v, loc, order="K") if isinstance(v, Ew) else v
                      for v in items)  # laid out as NumPy's (korder_layout.py)
    if any(isinstance(v, ListLit) for v in items):  # rows: lists themselves
        items = tuple(as_list(tr, v, loc, strict=False) or v if isinstance(v, ListLit) else v
                      for v in items)
    site = getattr(lit, "site", None)
    learned = _sites(tr).get(_site_key(tr, site)) if site is not None else None
    types = {_elem_of(v) for v in items}
    from .lists_records import refuse_mixed_records
    named = [t for t in map(_elem_of, items) if t is not None]
    for t in named[1:]:  # NamedTuple classes (a set of types cannot tell them apart)
        if not _fits(named[0], t):
            refuse_mixed_records(named[0], t, loc)
    if len(types) > 1 and all(isinstance(t, ListType) for t in types):
        best = [t for t in types if all(_fits(t, u) for u in types)]
        if best:  # rows of one type, some empty of unknown type
            types = {best[0]}
    if None in types or len(types) > 1:
        if not strict:
            return None
        if len(types) > 1 and None not in types:
            raise error(loc, "a list mixing " + " and ".join(sorted(_pyname(t) for t in types))
                        + " elements is not supported (lists hold one element type)",
                        "write every element with one type, e.g. 1.0 instead of 1", E_TYPE)
        raise error(loc, "lists are supported with int, float or bool elements (a list "
                    "literal of other values can only be passed directly to a NumPy "
                    "function, or looped over)", "use tuples, or NumPy arrays",
                    E_UNSUPPORTED_VALUE)
    for v in items:
        if isinstance(v, PyList):  # a row: changes through the outer list are not tracked
            mutates(tr, v)
    elem = types.pop() if types else learned
    if items and learned is not None and learned != elem:
        if _fits(learned, elem):  # rows whose type was learned later
            elem = learned
        else:
            raise error(loc, f"a list of {_pyname(elem)} cannot hold a {_pyname(learned)} in "
                        "compiled code (lists hold one element type)",
                        f"convert it: {_pyname(elem)}(x)", E_TYPE)
    # the site as a key: a list returned by a comprehension still learns at its literal
    return new_list(tr, elem, list(items), loc, None if site is None else ("abs", _site_key(tr, site)))


def as_list(tr, v, loc, strict=True):
    """A list value for `v` (a PyList, or a Literal made one)."""
    if isinstance(v, PyList):
        return v
    if isinstance(v, ListLit):
        if not isinstance(v, Literal):
            v = Literal(v.items)
        return from_literal(tr, v, loc, strict)
    return None


def settle_frame(tr, frame, loc):
    """At a jump: list literals of numbers become lists (a comprehension's
    list crosses its loop's back edge)."""
    def fix(v):
        if isinstance(v, Literal):
            r = from_literal(tr, v, loc, strict=False)
            return v if r is None else r
        return v
    if any(isinstance(v, Literal) for v in frame.locals + frame.stack):
        frame.locals = [fix(v) for v in frame.locals]
        frame.stack = [fix(v) for v in frame.stack]
    return frame


def settle_tuple(tr, v, loc):
    """A tuple (or NamedTuple) stored in a variable: its list literals become
    lists, nested tuples too (`t = ([1.0], 3); t[0].append(x)` mutates the one
    list `t` holds, as in CPython; a literal would be made anew at each use)."""
    if not isinstance(v, tuple) or not any(isinstance(x, (ListLit, tuple)) for x in v):
        return v

    def fix(x):
        if isinstance(x, ListLit):
            made = as_list(tr, x, loc, strict=False)
            return x if made is None else made
        return settle_tuple(tr, x, loc)
    items = [fix(x) for x in v]
    if all(a is b for a, b in zip(items, v)):
        return v
    return tuple(items) if type(v) is tuple else type(v)._make(items)


# --- operations ---------------------------------------------------------------------------

def _row(tr, v, loc):
    """An element to store: a list literal becomes a list (a row), a known
    str or an f-string a run-time one (frontend/strvalues.py), also as a
    record's field."""
    from .strvalues import PyStr, is_stringish, to_str
    if type(v) is not PyStr and is_stringish(v):
        return to_str(tr, v, loc)
    from .lists_records import is_record
    if is_record(v) and any(type(x) is not PyStr and is_stringish(x) for x in v):
        items = (to_str(tr, x, loc) if type(x) is not PyStr and is_stringish(x) else x for x in v)
        return tuple(items) if type(v) is tuple else type(v)._make(items)
    from .arrays import Ew
    if isinstance(v, Ew):  # an array expression: its value (lists_ofarrays.py), in K order
        from .arrays import materialize
        return materialize(tr, v, loc, order="K")
    return as_list(tr, v, loc) if isinstance(v, ListLit) else v


def append(tr, lst: PyList, v, loc):
    fb = tr.fb
    mutates(tr, lst)
    v = _row(tr, v, loc)
    _check_item(tr, lst, v, loc)
    n = length(fb, lst)
    _reserve(tr, lst, iadd(fb, n, 1), loc)
    _store(fb, lst.elem, _field(fb, lst, 16), n, v)
    _set_field(fb, lst, 0, iadd(fb, n, 1))


def _index(tr, i, n, msg, loc):
    """The non-negative index for i in a list of length n; IndexError(msg)."""
    fb = tr.fb
    from .npscalars import demote, dtype_name, is_np
    if is_np(i) and dtype_name(i) != "bool":
        i = demote(i, fb, loc)
    t = scalar_type(i)
    if t is None or t == F64:
        tn = type(i).__name__ if t is None else "float"
        raise TraceRaise("TypeError", f"list indices must be integers or slices, not {tn}")
    if t == BOOL:
        i = int(i) if not isinstance(i, Var) else fb.emit("select", [i, fb.const(1), fb.const(0)])
    if known(i) and known(n):
        j = i + n if i < 0 else i
        if not 0 <= j < n:
            raise TraceRaise("IndexError", msg)
        return j
    j = isel(fb, icmp(fb, "lt", i, 0), iadd(fb, i, n), i)
    oob = icmp(fb, "ge", j, n)
    low = icmp(fb, "lt", j, 0)
    from .arrays import bor
    bad = bor(fb, low, oob)
    if bad is True:
        raise TraceRaise("IndexError", msg)
    if bad is not False:
        fb.raise_if(bad, "IndexError", msg, loc)
    return j


def getitem(tr, lst: PyList, i, loc):
    if lst.kind == "deque":
        from .collections_deque import getitem as deque_getitem
        return deque_getitem(tr, lst, i, loc)
    if isinstance(i, slice):
        return get_slice(tr, lst, i, loc)
    fb = tr.fb
    n = length(fb, lst)
    j = _index(tr, i, n, "list index out of range", loc)
    if lst.elem is None:  # empty at run time
        raise TraceRaise("IndexError", "list index out of range")
    return _rows(tr, lst, _load(fb, lst.elem, _field(fb, lst, 16), j))


def setitem(tr, lst: PyList, i, v, loc):
    if lst.kind == "deque":
        from .collections_deque import setitem as deque_setitem
        return deque_setitem(tr, lst, i, v, loc)
    if isinstance(i, slice):  # xs[a:b] = ys (lists_slices.py)
        from .lists_slices import set_slice
        return set_slice(tr, lst, i, v, loc)
    fb = tr.fb
    mutates(tr, lst)
    v = _row(tr, v, loc)
    n = length(fb, lst)
    j = _index(tr, i, n, "list assignment index out of range", loc)
    if lst.elem is None:
        raise TraceRaise("IndexError", "list assignment index out of range")
    _check_item(tr, lst, v, loc)
    _store(fb, lst.elem, _field(fb, lst, 16), j, v)


def get_slice(tr, lst: PyList, s: slice, loc):
    from .array_indexing import slice_view
    fb = tr.fb
    n = length(fb, lst)
    if lst.elem is None:
        return new_list(tr, None, [], loc, _derived_site(lst))
    for b in (s.start, s.stop, s.step):
        if b is not None and scalar_type(b) not in (I64, BOOL):
            raise TraceRaise("TypeError", "slice indices must be integers or None or have an "
                             "__index__ method")
    start, count, step = slice_view(fb, s, n, loc)
    out = new_list(tr, lst.elem, [], loc, _derived_site(lst), capacity=MIN_CAPACITY)
    _reserve(tr, out, count, loc)
    src, dst = _field(fb, lst, 16), _field(fb, out, 16)

    def body(k, c):
        _store(fb, lst.elem, dst, k, _load(fb, lst.elem, src, iadd(fb, start, imul(fb, k, step))))
        return c
    loop(fb, count, [], body)
    _set_field(fb, out, 0, count)
    return out


def pop(tr, lst: PyList, args, loc):
    fb = tr.fb
    mutates(tr, lst)
    n = length(fb, lst)
    empty = icmp(fb, "eq", n, 0)
    if empty is True or lst.elem is None:
        raise TraceRaise("IndexError", "pop from empty list")
    if empty is not False:
        fb.raise_if(empty, "IndexError", "pop from empty list", loc)
    i = args[0] if args else -1
    j = _index(tr, i, n, "pop index out of range", loc)
    data = _field(fb, lst, 16)
    v = _rows(tr, lst, _load(fb, lst.elem, data, j))
    last = isub(fb, n, 1)

    def shift(k, c):
        p = iadd(fb, j, k)
        _store(fb, lst.elem, data, p, _load(fb, lst.elem, data, iadd(fb, p, 1)))
        return c
    loop(fb, isub(fb, last, j), [], shift)
    _set_field(fb, lst, 0, last)
    return v


def insert(tr, lst: PyList, i, v, loc):
    fb = tr.fb
    mutates(tr, lst)
    v = _row(tr, v, loc)
    _check_item(tr, lst, v, loc)
    if scalar_type(i) not in (I64, BOOL):
        raise TraceRaise("TypeError", f"'{type(i).__name__}' object cannot be interpreted as "
                         "an integer")
    n = length(fb, lst)
    j = isel(fb, icmp(fb, "lt", i, 0), iadd(fb, i, n), i)  # CPython clamps
    j = isel(fb, icmp(fb, "lt", j, 0), 0, j)
    j = isel(fb, icmp(fb, "gt", j, n), n, j)
    _reserve(tr, lst, iadd(fb, n, 1), loc)
    data = _field(fb, lst, 16)

    def shift(k, c):  # from the end down to j
        p = isub(fb, isub(fb, n, 1), k)
        _store(fb, lst.elem, data, iadd(fb, p, 1), _load(fb, lst.elem, data, p))
        return c
    loop(fb, isub(fb, n, j), [], shift)
    _store(fb, lst.elem, data, j, v)
    _set_field(fb, lst, 0, iadd(fb, n, 1))


def extend(tr, lst: PyList, src, loc):
    fb = tr.fb
    mutates(tr, lst)
    if isinstance(src, (tuple, ListLit)) and not isinstance(src, Literal) or \
            isinstance(src, Literal) and any(_elem_of(v) is None for v in src.items):
        items = src.items if isinstance(src, ListLit) else src
        for v in items:
            append(tr, lst, v, loc)
        return
    other = as_list(tr, src, loc, strict=False)
    if other is None:
        raise error(loc, f"extending a list with a {type(src).__name__} is not supported",
                    "extend with a list or a tuple", E_UNSUPPORTED_VALUE)
    if other.elem is None:
        return
    if lst.elem is None:
        _check_item(tr, lst, _load(fb, other.elem, _field(fb, other, 16), 0), loc)
    if not _fits(lst.elem, other.elem) and isinstance(other.elem, TupleType):
        from .lists_records import refuse_mixed_records
        refuse_mixed_records(lst.elem, other.elem, loc)
        raise error(loc, f"a list of {_pyname(lst.elem)} cannot hold a {_pyname(other.elem)} in "
                    "compiled code (lists hold one element type)", "", E_TYPE)
    if other.elem != lst.elem:
        _check_item(tr, lst, PyList(other.elem.elem, fb.const(0)) if isinstance(
            other.elem, ListType) else fb.const(0, {"float64": F64, "int64": I64,
                                                    "bool": BOOL}[other.elem]), loc)
    m = length(fb, other)
    n = length(fb, lst)
    _reserve(tr, lst, iadd(fb, n, m), loc)
    data, sdata = _field(fb, lst, 16), _field(fb, other, 16)

    def body(k, c):
        _store(fb, lst.elem, data, iadd(fb, n, k), _load(fb, lst.elem, sdata, k))
        return c
    loop(fb, m, [], body)
    _set_field(fb, lst, 0, iadd(fb, n, m))


def _fold(tr, lst: PyList, init: list, step):
    """for x in lst: carried = step(x, carried)."""
    fb = tr.fb
    if lst.elem is None:
        return init
    data = _field(fb, lst, 16)
    return loop(fb, length(fb, lst), [ic(fb, v) if scalar_type(v) == I64 else v
                                      for v in init],
                lambda k, c: step(_load(fb, lst.elem, data, k), c))


def copy(tr, lst: PyList, loc):
    out = new_list(tr, lst.elem, [], loc, _derived_site(lst))
    if lst.elem is not None:
        extend(tr, out, lst, loc)
    return out


def truth(tr, lst: PyList):
    n = length(tr.fb, lst)
    return icmp(tr.fb, "gt", n, 0)


def get_iter(tr, lst: PyList):
    if lst.kind == "deque":
        from .collections_deque import get_iter as deque_iter
        return deque_iter(tr, lst)
    return ListIter(lst, 0)


def iter_more(tr, it: ListIter):
    """Whether the iterator has an item (the length read now)."""
    if it.lst.elem is None:  # empty at run time
        return False
    return icmp(tr.fb, "lt", it.pos, length(tr.fb, it.lst))


def iter_item(tr, it: ListIter):
    fb = tr.fb
    v = _rows(tr, it.lst, _load(fb, it.lst.elem, _field(fb, it.lst, 16), it.pos))
    return v, ListIter(it.lst, iadd(fb, it.pos, 1))


def to_array(tr, lst: PyList, loc, dtype=None):
    """np.array(xs): a new 1-D array with the list's elements (N-d for a
    list of lists: lists_arrays.py)."""
    from .arrays import alloc
    if isinstance(lst.elem, ListType):
        from .lists_arrays import array_of_rows
        return array_of_rows(tr, lst, dtype, loc)
    if isinstance(lst.elem, TupleType):
        raise error(loc, "a NumPy array of a list of tuples is not supported",
                    "build the array from the fields, e.g. np.array([x for x, _ in pairs])",
                    E_UNSUPPORTED_VALUE)
    fb = tr.fb
    elem = lst.elem or "float64"
    src = elem.dtype if isinstance(elem, NumpyScalarType) else elem  # list(a): a's dtype
    n = length(fb, lst)
    a = alloc(tr, dtype or src, (n,), loc)
    if lst.elem is not None:
        data = _field(fb, lst, 16)
        from .arrays import cast

        def body(k, c):
            v = _load(fb, elem, data, k)
            if isinstance(v, NpScalar):
                v = v.var
            if dtype and dtype != src:
                v = cast(fb, v, src, dtype, loc)
            fb.emit_multi("store", [_addr(fb, a.ptr, a.dtype, k), v], {"dtype": a.dtype})
            return c
        loop(fb, n, [], body)
    return a


NO = object()  # "not a call of ours" (lists_calls.call, lists_iter.iterator_call)


# the iterators (enumerate, zip, reversed) and sorting live in their own modules
from .lists_iter import ITERATORS, iter_step, iterator_call  # noqa: E402
from .lists_sort import sort, sorted_  # noqa: E402
from .lists_abi import bind_params, list_type, mutates, param_list  # noqa: E402,F401
from .lists_search import (binary, clear, compare, contains, count, index,  # noqa: E402,F401
                           remove, repeat, reverse, _eq)
from .lists_calls import LambdaMaker, lambda_  # noqa: E402,F401
from .lists_calls import (as_index, attribute, call, call_method, check_return,  # noqa: E402,F401
                          comprehension)
