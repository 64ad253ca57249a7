"""Iterators over lists: `enumerate`, `zip` and `reversed` with a list or a
NumPy array (ranges may join in), stepped by FOR_ITER (opcodes.py) through `iter_step`.

Place in the pipeline: frontend; split from lists.py (the list values and
their operations), whose module docstring describes the memory layout.
"""
from __future__ import annotations

from ..ir import BOOL, I64
from .arrays import ArrIter, iadd, icmp, is_array, isub
from .lists import (NO, ListIter, Literal, PyList, _elem_of, _field, _load, as_list, iter_item,
                    iter_more, length)
from .values import E_TYPE, E_UNSUPPORTED_CALL, error, scalar_type


# --- enumerate, zip, reversed over lists and ranges ---------------------------------------

class RevIter:
    """`reversed(xs)`: the next index, counting down (CPython stops when it
    leaves 0..len-1, so shrinking the list while iterating is seen)."""
    __slots__ = ("lst", "pos")

    def __init__(self, lst: PyList, pos):
        self.lst = lst
        self.pos = pos

    def trace_key(self, key_of):
        return ("listrev", self.lst.elem, key_of(self.pos))

    def trace_leaves(self, leaves, out):
        out.append(self.lst.hdr)
        leaves(self.pos, out)

    def trace_rebuild(self, rebuild, it):
        hdr = next(it)
        return RevIter(PyList(self.lst.elem, hdr, self.lst.site), rebuild(self.pos, it))


class EnumIter:
    """`enumerate(it, start)` over a list or range iterator."""
    __slots__ = ("inner", "count")

    def __init__(self, inner, count):
        self.inner = inner
        self.count = count

    def trace_key(self, key_of):
        return ("enum", key_of(self.inner), key_of(self.count))

    def trace_leaves(self, leaves, out):
        leaves(self.inner, out)
        leaves(self.count, out)

    def trace_rebuild(self, rebuild, it):
        inner = rebuild(self.inner, it)
        return EnumIter(inner, rebuild(self.count, it))


class ZipIter:
    """`zip(a, b, ...)` where some operand is a list; `strict`: the call's
    location when strict=True (frontend/zip_strict.py), else None."""
    __slots__ = ("iters", "strict")

    def __init__(self, iters, strict=None):
        self.iters = tuple(iters)
        self.strict = strict

    def trace_key(self, key_of):
        return ("zip", self.strict is not None) + tuple(key_of(i) for i in self.iters)

    def trace_leaves(self, leaves, out):
        for i in self.iters:
            leaves(i, out)

    def trace_rebuild(self, rebuild, it):
        return ZipIter([rebuild(i, it) for i in self.iters], self.strict)


ITERATORS = (ListIter, RevIter, EnumIter, ZipIter)


def _iter_of(tr, v, loc):
    """An iterator this module can step: over a list, a range, or one of ours."""
    from .iterators import RangeIter, get_iter
    if isinstance(v, PyList):
        return ListIter(v, 0)
    if isinstance(v, Literal):
        lst = as_list(tr, v, loc, strict=False)
        if lst is not None:
            return ListIter(lst, 0)
    if isinstance(v, ITERATORS) or isinstance(v, (RangeIter, ArrIter)):
        return v
    if is_array(v):  # for i, row in enumerate(a) / zip(a, b): rows of axis 0
        from .array_ops import get_iter as array_iter
        return array_iter(tr, v, loc)
    it = get_iter(tr.fb, v, loc)
    if isinstance(it, RangeIter):
        return it
    raise error(loc, f"zip()/enumerate() of a {type(v).__name__} together with a list is not "
                "supported", "loop over indices: for i in range(len(xs))", E_UNSUPPORTED_CALL)


def iter_step(tr, it):
    """(more, step) for FOR_ITER: `more` a known bool or bool Var; `step()`,
    run only when there is a next item, gives (item, next iterator)."""
    from .iterators import RangeIter, range_advance, range_has_next
    fb = tr.fb
    if type(it).__name__ == "DequeIter":
        from .collections_deque import iter_step as deque_step
        return deque_step(tr, it)
    if isinstance(it, ListIter):
        return iter_more(tr, it), lambda: iter_item(tr, it)
    if isinstance(it, RangeIter):
        return range_has_next(fb, it), lambda: range_advance(fb, it)
    if isinstance(it, ArrIter):
        from .array_ops import iter_item as row_item

        def arr_step():
            i, nxt = range_advance(fb, it.pos)
            return row_item(tr, it.arr, i, None), ArrIter(it.arr, nxt)
        return range_has_next(fb, it.pos), arr_step
    if isinstance(it, RevIter):
        n = length(fb, it.lst)
        more = _and(fb, icmp(fb, "ge", it.pos, 0), icmp(fb, "lt", it.pos, n))

        def step():
            v = _load(fb, it.lst.elem, _field(fb, it.lst, 16), it.pos)
            return v, RevIter(it.lst, isub(fb, it.pos, 1))
        return more, step
    if isinstance(it, EnumIter):
        more, inner = iter_step(tr, it.inner)

        def step():
            v, nxt = inner()
            return (it.count, v), EnumIter(nxt, iadd(fb, it.count, 1))
        return more, step
    if isinstance(it, ZipIter):
        parts = [iter_step(tr, i) for i in it.iters]
        more = True
        for m, _ in parts:
            more = _and(fb, more, m)
        if it.strict is not None:
            from .zip_strict import check
            check(fb, [m for m, _ in parts], it.strict)

        def step():
            got = [s() for _, s in parts]
            return tuple(v for v, _ in got), ZipIter([n for _, n in got], it.strict)
        return more, step
    raise error(None, "unsupported iterator", "", E_TYPE)


def _and(fb, a, b):
    from .arrays import band
    return band(fb, a, b)


def iterator_call(tr, fn, args, kwargs, loc):
    """reversed(xs), enumerate(xs[, start]), zip(xs, ys...) with a list: an
    iterator; NO when no list is involved."""
    if not any(isinstance(a, (PyList, ArrIter) + ITERATORS) or is_array(a) or
               isinstance(a, Literal) and not any(_elem_of(x) is None for x in a.items)
               for a in args):
        return NO  # (NumPy arrays iterate over axis 0 as in `for row in a`)
    if fn is reversed and len(args) == 1 and not kwargs:
        if is_array(args[0]):  # axis 0 backwards: the indices n-1 .. 0
            from .array_ops import get_iter as array_iter
            from .iterators import RangeIter
            it = array_iter(tr, args[0], loc)
            return ArrIter(it.arr, RangeIter(isub(tr.fb, it.pos.stop, 1), -1, -1))
        lst = as_list(tr, args[0], loc)
        if lst.elem is None:
            return ListIter(lst, 0)  # empty
        return RevIter(lst, isub(tr.fb, length(tr.fb, lst), 1))
    if fn is enumerate and 1 <= len(args) <= 2 and set(kwargs) <= {"start"}:
        start = args[1] if len(args) > 1 else kwargs.get("start", 0)
        if scalar_type(start) not in (I64, BOOL):
            raise error(loc, "enumerate() start must be an int", "", E_TYPE)
        return EnumIter(_iter_of(tr, args[0], loc), start)
    if fn is zip and args and set(kwargs) <= {"strict"}:
        strict = kwargs.get("strict", False)
        if type(strict) is not bool:
            raise error(loc, "zip() strict= must be a constant bool", "", E_TYPE)
        return ZipIter([_iter_of(tr, a, loc) for a in args], loc if strict else None)
    return NO


# --- consumed whole: list(reversed(xs)), sum(zip(...)), sorted(enumerate(xs)) -----------------

def _count_item(tr, it):
    """(count, item(k)) of an iterator over lists: how many items it gives
    now and the k-th of them; None for one this cannot count (ranges)."""
    from .arrays import imax, imin, isel
    fb = tr.fb
    if isinstance(it, ListIter):
        if it.lst.elem is None:
            return 0, None
        lst = it.lst
        return imax(fb, isub(fb, length(fb, lst), it.pos), 0), \
            lambda k: iter_item(tr, ListIter(lst, iadd(fb, it.pos, k)))[0]
    if isinstance(it, RevIter):
        lst = it.lst
        n = length(fb, lst)  # CPython stops at once when the start is past the end
        count = isel(fb, icmp(fb, "lt", it.pos, n), imax(fb, iadd(fb, it.pos, 1), 0), 0)
        return count, lambda k: _load(fb, lst.elem, _field(fb, lst, 16), isub(fb, it.pos, k))
    if isinstance(it, EnumIter):
        inner = _count_item(tr, it.inner)
        if inner is None:
            return None
        return inner[0], lambda k: (iadd(fb, it.count, k), inner[1](k))
    if isinstance(it, ZipIter):
        parts = [_count_item(tr, i) for i in it.iters]
        if any(p is None for p in parts):
            return None
        count = parts[0][0]
        for c, _ in parts[1:]:
            count = imin(fb, count, c)
        if any(f is None for _, f in parts):  # an empty list (never filled): no items
            count = 0
        if it.strict is not None:  # consumed whole: the lengths decide (zip_strict.py)
            from .zip_strict import check
            check(fb, [icmp(fb, "gt", c, count) for c, _ in parts], it.strict)
        return count, lambda k: tuple(f(k) for _, f in parts)
    return None


def drain(tr, it, loc):
    """The items an iterator over lists gives, as a new list (`list(...)` of
    it; sum/min/max/sorted/any/all/set take that list); None when it cannot
    be counted. The list's element type is learned from its first append, as
    a `[]` literal's (the list has a site of its own)."""
    from .arrays import loop
    from .dicts import _site
    from .lists import _site_key, _sites, append, new_list
    got = _count_item(tr, it)
    if got is None:
        return None
    count, item = got
    key = _site_key(tr, _site(tr, loc, "iterator"))
    out = new_list(tr, _sites(tr).get(key), [], loc, ("abs", key))
    if count == 0:
        return out

    def body(k, c):
        append(tr, out, item(k), loc)
        return c
    loop(tr.fb, count, [], body)
    return out
