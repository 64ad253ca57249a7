"""Between NumPy arrays and lists: `a.tolist()` (nested lists for N-d
arrays), `np.array(rows)` of a list of lists, `list(a)` of a 1-D array (a
list of NumPy scalars; of an N-d array: refused with a hint, its rows would
be array views).

Place in the pipeline: frontend; nplib.py hands `a.tolist()` here and
lists.py `np.array(xs)` / `list(a)`. The lists are frontend/lists.py's; the
arrays arrays.py's.
"""
from __future__ import annotations

from ..ir import Var
from ..ir.types import ListType
from .arrays import alloc, ic, iadd, icmp, imul, is_array, loop, materialize
from .lists import (PyList, _field, _load, _reserve, _set_field, _store, length, new_list,
                    to_array)
from .values import E_TYPE, E_UNSUPPORTED_CALL, error

# an array dtype -> the element type of its tolist() (Python numbers)
_ELEM = {"float64": "float64", "float32": "float64", "bool": "bool"}


def _elem_of_dtype(dtype: str, loc) -> str:
    if dtype in ("complex128", "complex64"):
        raise error(loc, "tolist() of a complex array is not supported (lists hold int, "
                    "float or bool)", "keep the array, or take .real and .imag", E_TYPE)
    return _ELEM.get(dtype, "int64")


def tolist(tr, a, loc):
    """a.tolist(): Python numbers (float32 widened exactly, uint64 from 2**63
    up an OverflowError as everywhere py2wasm turns it into an int), nested
    one level per dimension; a 0-d result is the number itself."""
    from . import arrays as A
    from .npscalars import demote
    from .values import NpScalar
    fb = tr.fb
    a = materialize(tr, a, loc)
    elem = _elem_of_dtype(a.dtype, loc)

    def value(idx):
        v = A.load(fb, a, idx)
        if a.dtype == "uint64":
            return demote(NpScalar("uint64", v), fb, loc)
        return v

    if a.ndim == 0:
        return value([])

    def build(prefix):
        d = len(prefix)
        t = elem
        for _ in range(a.ndim - d - 1):
            t = ListType(t)
        out = new_list(tr, t, [], loc)
        n = a.shape[d]
        _reserve(tr, out, n, loc)
        data = _field(fb, out, 16)

        def body(k, c):
            v = value(prefix + [k]) if d == a.ndim - 1 else build(prefix + [k])
            _store(fb, t, data, k, v)
            return c
        loop(fb, n, [], body)
        _set_field(fb, out, 0, n)
        return out
    return build([])


def _depth(elem) -> tuple[int, str]:
    d = 1
    while isinstance(elem, ListType):
        elem = elem.elem
        d += 1
    return d, elem


def array_of_rows(tr, lst: PyList, dtype, loc):
    """np.array(rows) of a list of lists (of lists...): an N-d array when
    every row has the same length, else NumPy 2's ValueError."""
    fb = tr.fb
    ndim, leaf = _depth(lst.elem)
    if leaf is None:
        raise error(loc, "np.array() of lists whose element type is unknown", "start the "
                    "rows with an element, e.g. [0.0]", E_TYPE)
    # the shape: the first row at each depth (empty lists: 0 from there on)
    shape = [length(fb, lst)]
    cur = lst
    for d in range(1, ndim):
        has = icmp(fb, "gt", length(fb, cur), 0)
        first = _load(fb, cur.elem, _field(fb, cur, 16), 0)
        n = length(fb, first)
        shape.append(ic(fb, n if has is True else 0 if has is False else
                        fb.emit("select", [has, ic(fb, n), fb.const(0)])))
        cur = first
    # every row of every depth has its depth's length (else NumPy's inhomogeneous error)
    msg = ("setting an array element with a sequence. The requested array has an "
           "inhomogeneous shape after {} dimensions. The detected shape was ({}) + "
           "inhomogeneous part.")

    for d in range(ndim - 1):  # NumPy stops at an empty level: fewer dimensions than the type's
        empty = icmp(fb, "eq", shape[d], 0)
        if empty is not False:
            fb.raise_if(empty if isinstance(empty, Var) else fb.const(True), "ValueError",
                        "np.array() of a list of lists with an empty level: NumPy gives fewer "
                        "dimensions than the list's type (not supported by py2wasm)", loc)

    def walk(row, d, target):  # the lengths at depth `target`, level by level like NumPy
        def body(k, c):
            sub = _load(fb, row.elem, _field(fb, row, 16), k)
            if d + 1 == target:
                bad = icmp(fb, "ne", length(fb, sub), shape[target])
                if bad is not False:
                    _raise_shape(tr, bad if isinstance(bad, Var) else fb.const(True), target,
                                 shape[:target], msg, loc)
            else:
                walk(sub, d + 1, target)
            return c
        loop(fb, length(fb, row), [], body)
    for target in range(1, ndim):
        walk(lst, 0, target)
    out_dtype = dtype or leaf
    arr = alloc(tr, out_dtype, tuple(shape), loc)

    def fill(row, d, flat):
        def body(k, c):
            pos = iadd(fb, imul(fb, flat, shape[d]), k)
            v = _load(fb, row.elem, _field(fb, row, 16), k)
            if d == ndim - 1:
                from .arrays import cast, store
                if out_dtype != leaf:
                    v = cast(fb, v, leaf, out_dtype, loc)
                store(fb, _flat(arr, tr), [pos], v)
            else:
                fill(v, d + 1, pos)
            return c
        loop(fb, length(fb, row), [], body)
    fill(lst, 0, 0)
    return arr


def _flat(arr, tr):
    from . import arrays as A
    from .arrays import Arr
    return Arr(arr.dtype, arr.ptr, (A.size_of(tr.fb, arr),), None, arr.root)


def _raise_shape(tr, cond, d, dims, msg, loc):
    """raise ValueError(NumPy's inhomogeneous-shape message) when cond; the
    detected shape's sizes may be run-time values."""
    fb = tr.fb
    if all(not isinstance(x, Var) for x in dims):
        shown = ", ".join(str(x) for x in dims) + ("," if len(dims) == 1 else "")
        fb.raise_if(cond, "ValueError", msg.format(d, shown), loc)
        return
    from ..ir.messages import kind_of_type
    vals = [ic(fb, x) for x in dims]
    tmpl = msg.replace("{}", str(d), 1).replace("{}", ", ".join(
        "{%d}" % i for i in range(len(vals))) + ("," if len(vals) == 1 else ""), 1)
    fb.emit_multi("raise_if_fmt", [cond] + vals, {"exc": "ValueError", "msg": tmpl,
                                                 "kinds": tuple(kind_of_type(v.type)
                                                                for v in vals)}, loc=loc)


def list_of_array(tr, a, loc):
    """list(a) of a 1-D array: its elements as NumPy scalars (numpy.float64...,
    as iterating the array gives them); an N-d array's items are array rows,
    which lists do not hold (refused with a hint)."""
    from ..ir.types import NumpyScalarType
    from . import arrays as A
    from .npscalars import make
    fb = tr.fb
    a = materialize(tr, a, loc)
    if a.ndim > 1:  # its rows: views (frontend/lists_ofarrays.py), as NumPy's iteration
        return _list_of_rows(tr, a, loc)
    if a.ndim != 1:
        raise error(loc, "list() of a 0-d NumPy array is not supported (it is not iterable)",
                    "use a.item()", E_UNSUPPORTED_CALL)
    if a.dtype in ("complex128", "complex64"):
        raise error(loc, "list() of a complex array is not supported", "keep the array",
                    E_UNSUPPORTED_CALL)
    t = NumpyScalarType(a.dtype)
    n = a.shape[0]
    out = new_list(tr, t, [], loc)
    _reserve(tr, out, n, loc)
    data = _field(fb, out, 16)

    def body(k, c):
        _store(fb, t, data, k, make(a.dtype, A.load(fb, a, [k])))
        return c
    loop(fb, n, [], body)
    _set_field(fb, out, 0, n)
    return out


def _list_of_rows(tr, a, loc):
    """list(a) of an N-d array: its rows a[0], a[1]... (views of a)."""
    from ..ir.types import ArrayType
    from . import arrays as A
    from .lists_ofarrays import store_array
    fb = tr.fb
    t = ArrayType(a.dtype, a.ndim - 1)
    st = A.strides_of(fb, a)
    n = a.shape[0]
    out = new_list(tr, t, [], loc)
    _reserve(tr, out, n, loc)
    data = _field(fb, out, 16)

    def body(k, c):
        ptr = A.iadd(fb, a.ptr, imul(fb, imul(fb, k, st[0]), a.itemsize))
        row = A.Arr(a.dtype, ptr, tuple(a.shape[1:]), tuple(st[1:]), a.root)
        store_array(fb, t, A.iadd(fb, data, imul(fb, k, 8 * (2 * t.ndim + 1))), row)
        return c
    loop(fb, n, [], body)
    _set_field(fb, out, 0, n)
    return out


def np_array(tr, lst: PyList, dtype, loc):
    """np.array(xs) of a list value: 1-D for numbers, N-d for lists of lists."""
    if isinstance(lst.elem, ListType):
        return array_of_rows(tr, lst, dtype, loc)
    if dtype is None and lst.elem not in (None, "float64") and (
            isinstance(lst.elem, str) or type(lst.elem).__name__ == "NumpyScalarType"
            and lst.elem.dtype != "float64"):  # a list of np.float64: float64 either way
        fb = tr.fb
        empty = icmp(fb, "eq", length(fb, lst), 0)
        if empty is not False:  # NumPy: np.array([]) is float64 whatever the list held
            fb.raise_if(empty if isinstance(empty, Var) else fb.const(True), "ValueError",
                        "np.array() of an empty list: NumPy gives a float64 array, not the "
                        "list's element type (not supported by py2wasm; pass dtype=)", loc)
    return to_array(tr, lst, loc, dtype)


__all__ = ["tolist", "array_of_rows", "list_of_array", "np_array", "is_array"]
