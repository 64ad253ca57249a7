"""Sorting lists: `list.sort(key=, reverse=)` and `sorted()`, by CPython's
own algorithm (listsort.py, traced), so every order is CPython's: stable,
NaNs where CPython's Timsort leaves them, the key called once per item.

Place in the pipeline: frontend; split from lists.py (the list values and
their operations), whose module docstring describes the memory layout.
"""
from __future__ import annotations

from ..ir import BOOL, Var
from .arrays import loop
from .lists import PyList, _field, _load, as_list, copy, length
from .values import E_TYPE, error, scalar_type


# --- sorting ------------------------------------------------------------------------------

NAN_SORT = ("sorting by tuples or lists that hold a NaN is not supported in compiled code "
            "(CPython's comparison of their items then depends on the identity of the NaN objects)")


def sort(tr, lst: PyList, reverse, loc, key=None):
    """list.sort(key=..., reverse=...): CPython's own algorithm (listsort.py,
    traced), so the order is CPython's for every input, NaNs included; `key`
    is called once per item, in order, before any item moves."""
    from ..ir.types import ArrayType, ListType, TupleType
    if type(lst.elem) is ArrayType and key is None:
        from .lists_ofarrays import refuse
        refuse("sorting", loc)
    from .calls import call_python
    from .lists_abi import mutates
    from . import listsort
    import sys
    mutates(tr, lst)
    if lst.elem is None:
        return
    if reverse is None or type(reverse) is int:  # CPython takes any int; None is False
        reverse = bool(reverse)
    if not isinstance(reverse, bool) and scalar_type(reverse) is not BOOL:
        raise error(loc, "sort(reverse=...) must be a bool", "", E_TYPE)
    if isinstance(reverse, Var):
        raise error(loc, "sort(reverse=...) must be known when compiling", "", E_TYPE)
    keys = lst
    if key is not None:
        keys = _keys(tr, lst, key, loc)
        if keys is None:  # keys CPython cannot order: its TypeError once two are compared
            return
    if isinstance(keys.elem, (TupleType, ListType)):
        _refuse_nan_items(tr, keys, loc)
    call_python(tr, listsort.sort_list, [keys, lst, key is not None, reverse,
                                         sys.version_info >= (3, 13)], {}, loc, site=loc,
                public="list.sort", shared=True)  # it cannot raise: keys of one orderable type


def _keys(tr, lst: PyList, key, loc):
    """The list of `key(x)` for the items, called once each, in order (CPython
    computes every key before it compares any). A new list whose element type
    is learned at its first append (the function is traced again). None when
    the keys are of a type `<` refuses (complex, None): then CPython's
    TypeError when there are two items or more."""
    from .calls import call_value
    from . import lists
    fb = tr.fb
    n = length(fb, lst)
    site = (tr.code, getattr(loc, "line", None), getattr(loc, "col", None), "sort key")
    known = lists._sites(tr).get(lists._site_key(tr, site))
    keys = lists.new_list(tr, known, [], loc, site=site, capacity=_cap(fb, n))
    data = _field(fb, lst, 16)
    refused = []

    def body(i, c):
        k = call_value(tr, key, [_load(fb, lst.elem, data, i)], {}, loc)
        bad = _unorderable(k)
        if bad is not None:
            refused.append(bad)
            return c
        lists.append(tr, keys, k, loc)
        return c
    loop(fb, n, [], body)
    if refused:
        from .arrays import icmp
        two = icmp(fb, "ge", n, 2)
        msg = f"'<' not supported between instances of '{refused[0]}' and '{refused[0]}'"
        if two is True:
            from .values import TraceRaise
            raise TraceRaise("TypeError", msg)
        if two is not False:
            fb.raise_if(two, "TypeError", msg, loc)
        return None
    return keys


def _cap(fb, n):
    from .arrays import imax
    return imax(fb, n, 1)


def _unorderable(k):
    """The type name of a key CPython's `<` refuses between two of its kind."""
    if k is None:
        return "NoneType"
    from .values import is_complex
    return "complex" if type(k) is complex or is_complex(k) else None


def _refuse_nan_items(tr, keys, loc):
    """A NaN inside a tuple or list key: refused at run time (NAN_SORT)."""
    from .lists_order import refuse_nan
    refuse_nan(tr, keys, NAN_SORT, loc)


def sorted_(tr, src, reverse, loc, key=None):
    lst = as_list(tr, src, loc)
    out = copy(tr, lst, loc)
    sort(tr, out, reverse, loc, key)
    return out
