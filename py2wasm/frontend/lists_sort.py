"""Sorting lists: `list.sort()` and `sorted()` as a stable bottom-up merge
sort, which orders numbers exactly as CPython's (stable) sort does.

Place in the pipeline: frontend; split from lists.py (the list values and
their operations), whose module docstring describes the memory layout.
"""
from __future__ import annotations

from ..ir import BOOL, I64, Var
from .arrays import iadd, ic, icmp, imul, isel, isub, known, loop
from .lists import (PyList, _field, _load, _set_field, _size, _store, as_list, copy, length,
                    reverse)
from .values import E_TYPE, error, scalar_type


# --- sorting ------------------------------------------------------------------------------

def _while(fb, carried: list, cond, body):
    """while cond(*c): c = body(*c). Returns the final carried values."""
    types = [v.type for v in carried]
    header = fb.new_block(types)
    inner = fb.new_block()
    exit_ = fb.new_block(types)
    fb.br(header, list(carried))
    fb.set_block(header)
    cs = list(header.params)
    fb.cond_br(cond(*cs), inner, exit_, [], cs)
    fb.set_block(inner)
    fb.br(header, [ic(fb, v) if scalar_type(v) == I64 else v for v in body(*cs)])
    fb.set_block(exit_)
    return list(exit_.params)


NAN_SORT = ("sorting a list of floats that holds a NaN is not supported in compiled code "
            "(CPython's order then depends on its sort algorithm)")


def sort(tr, lst: PyList, reverse, loc):
    """list.sort(): a stable bottom-up merge sort (CPython's sort is stable, so
    for numbers without NaN the result is the same); reverse=True as CPython
    does it: reverse, sort, reverse (equal items keep their order)."""
    from ..ir.types import ArrayType
    if type(lst.elem) is ArrayType:
        from .lists_ofarrays import refuse
        refuse("sorting", loc)
    from . import operators
    from .lists_abi import mutates
    fb = tr.fb
    mutates(tr, lst)
    if lst.elem is None:
        return
    from ..ir.types import TupleType
    from . import lists_records as R
    record = isinstance(lst.elem, TupleType)
    from ..ir.types import STR
    if lst.elem == STR:  # strs: by code points (frontend/strlib.py)
        from . import strlib
        from .strvalues import lib
        if isinstance(reverse, Var):
            raise error(loc, "sort(reverse=...) must be known when compiling", "", E_TYPE)
        lib(tr, strlib.sort_strs, [lst, bool(reverse)], loc, "list.sort")
        return
    if not isinstance(lst.elem, str) and not record:  # lists, NumPy scalars (list(a))
        raise error(loc, "sorting a list of lists or of NumPy scalars is not supported",
                    "sort each row, np.sort(a) an array, or a list of numbers (a.tolist())",
                    E_TYPE)
    if not isinstance(reverse, bool) and scalar_type(reverse) is not BOOL:
        raise error(loc, "sort(reverse=...) must be a bool", "", E_TYPE)
    if isinstance(reverse, Var):
        raise error(loc, "sort(reverse=...) must be known when compiling", "", E_TYPE)
    n = length(fb, lst)
    if lst.elem == "float64":  # a NaN: refused at run time (documented)
        data = _field(fb, lst, 16)
        nan = loop(fb, n, [fb.const(False)], lambda k, c: [fb.emit("or", [c[0], fb.emit(
            "ne", [_load(fb, "float64", data, k), _load(fb, "float64", data, k)])])])[0]
        fb.raise_if(nan, "ValueError", NAN_SORT, loc)
    if record and R.float_fields(lst.elem):  # a NaN in a float field: likewise
        data = _field(fb, lst, 16)

        def has_nan(k, c):
            rec = _load(fb, lst.elem, data, k)
            for f in R.float_fields(lst.elem):
                c = [fb.emit("or", [c[0], fb.emit("ne", [rec[f], rec[f]])])]
            return c
        fb.raise_if(loop(fb, n, [fb.const(False)], has_nan)[0], "ValueError", NAN_SORT, loc)
    if reverse:
        reverse_(tr, lst)
    size = _size(lst.elem)
    src = _field(fb, lst, 16)
    tmp = fb.emit("alloc", [ic(fb, imul(fb, imax_(fb, n, 1), size))], loc=loc)
    elem = lst.elem

    def less(a, b):
        if record:
            return R.record_less(tr, a, b, loc)
        r = operators.compare(fb, "<", a, b, loc)
        return fb.const(bool(r)) if not isinstance(r, Var) else r

    def merge_pass(width, a, b):
        # merge runs of `width` from a into b
        def one(lo_index, c):
            lo = imul(fb, lo_index, imul(fb, width, 2))
            mid = imin_(fb, iadd(fb, lo, width), n)
            hi = imin_(fb, iadd(fb, lo, imul(fb, width, 2)), n)

            def step(k, cs):
                i, j = cs
                ii = imin_(fb, i, isub(fb, mid, 1))
                jj = imin_(fb, j, isub(fb, hi, 1))
                li = icmp(fb, "lt", i, mid)
                rj = icmp(fb, "lt", j, hi)
                x, y = _load(fb, elem, a, imax_(fb, ii, 0)), _load(fb, elem, a, imax_(fb, jj, 0))
                # take the left item unless the right one is strictly smaller (stable)
                take_left = fb.emit("and", [li, fb.emit("or", [fb.emit("not", [rj]),
                                                                 fb.emit("not", [less(y, x)])])])
                _store(fb, elem, b, iadd(fb, lo, k), R.select(fb, take_left, x, y))
                return [fb.emit("select", [take_left, ic(fb, iadd(fb, i, 1)), ic(fb, i)]),
                        fb.emit("select", [take_left, ic(fb, j), ic(fb, iadd(fb, j, 1))])]
            loop(fb, isub(fb, hi, lo), [ic(fb, lo), ic(fb, mid)], step)
            return c
        runs = _ceil_div(fb, n, imul(fb, width, 2))
        loop(fb, runs, [], one)

    def cond(width, a, b):
        return fb.emit("lt", [width, ic(fb, n)])

    def body(width, a, b):
        merge_pass(width, a, b)
        return [fb.emit("wmul", [width, fb.const(2)]), b, a]
    width, final, other = _while(fb, [fb.const(1), src, tmp], cond, body)
    _set_field(fb, lst, 16, final)  # the sorted buffer becomes the list's data
    _set_field(fb, lst, 8, isel(fb, fb.emit("eq", [final, src]), _field(fb, lst, 8),
                                imax_(fb, n, 1)))
    if reverse:
        reverse_(tr, lst)


def _ceil_div(fb, a, b):
    from .arrays import ifloordiv_pos
    if known(b):
        return ifloordiv_pos(fb, iadd(fb, a, b - 1), b)
    # b > 0 at run time
    q = fb.emit("floordiv", [ic(fb, iadd(fb, a, isub(fb, b, 1))), ic(fb, b)])
    return q


def imax_(fb, a, b):
    from .arrays import imax
    return imax(fb, a, b)


def imin_(fb, a, b):
    from .arrays import imin
    return imin(fb, a, b)


def reverse_(tr, lst):
    reverse(tr, lst, None)


def sorted_(tr, src, reverse, loc):
    lst = as_list(tr, src, loc)
    out = copy(tr, lst, loc)
    sort(tr, out, reverse, loc)
    return out
